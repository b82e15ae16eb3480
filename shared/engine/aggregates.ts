/**
 * Aggregates (subnet, wallet, wallet group, portfolio) of the position figures (./pnl): running sums
 * filled by `PnlTracker.refresh()` from the replay state at its last block.
 */
import { bookKey, type PortfolioState, type PositionAcc } from './state';
import { quoteExit } from './runtime';
import { impliedPrice, ratio, taoToFiat } from './units';
import {
  ADDITIVE_KEYS,
  allocateBookCost,
  emptyFigures,
  positionFigures,
  specFor,
  type AdditiveKey,
  type AggregateResult,
  type FigureFlags,
  type Figures,
  type PnlContext,
  type PnlResult,
  type PositionResult,
} from './pnl';

/** The additive figures that moved between a member's old and new figures (new − old, nonzero only). */
export type FigureDiff = readonly (readonly [AdditiveKey, bigint])[];

export function figureDiff(old: Figures | undefined, now: Figures): FigureDiff {
  const out: [AdditiveKey, bigint][] = [];
  for (const k of ADDITIVE_KEYS) {
    const d = old ? now[k] - old[k] : now[k];
    if (d !== 0n) out.push([k, d]);
  }
  return out;
}

/**
 * Running sums for one aggregate; a member's change is applied as a difference (incremental path), so
 * an append costs the figures that moved, not the aggregate's size.
 */
export class AggregateAcc {
  /**
   * The running sums, held in an object of the full figures' shape: a result's figures are a plain copy
   * of it with the derived fields overwritten. (A copy that adds properties, `{ ...sums, exitValue }`,
   * makes V8 build a new hidden class per copy: ~30 µs for these 39 fields, against <1 µs.)
   */
  private readonly sums: Figures = emptyFigures();
  readonly alphaByNetuid = new Map<number, bigint>();
  readonly members = new Set<string>();
  /** Flag counters maintained incrementally (no pass over members when building a result). */
  private readonly missingPriceCount = new Map<number, number>();
  private flagCounts = {
    frictionUnknownLegs: 0,
    feesUnknown: 0,
    emissionsUnpriced: 0,
    exitApproximate: 0,
    fiatIncomplete: 0,
  };
  /** Cached result, dropped whenever a member changes (the incremental path rebuilds only those). */
  private cached: { day: number; result: AggregateResult } | null = null;
  /**
   * Exit quote of the α held per subnet, kept until a member of that subnet changes (`change`: its α
   * or, through a snapshot, its pool) or prices move (`invalidate`). `exitSum` is their sum, so an
   * append that changes one position re-quotes one subnet and adds nothing up (bigint sums are exact
   * in any order).
   */
  private readonly exitByNetuid = new Map<number, bigint>();
  private exitSum = 0n;
  private readonly staleExit = new Set<number>();
  private sortedMembers: string[] | null = null;
  constructor(
    readonly key: string,
    readonly kind: AggregateResult['kind'],
  ) {}

  /** A member's figures went from `old` (undefined: a new member) to `now`; `diff` = figureDiff(old, now). */
  change(old: PositionResult | undefined, now: PositionResult, diff: FigureDiff): void {
    this.cached = null;
    for (const [k, d] of diff) this.sums[k] += d;
    const n = now.netuid;
    const dAlpha = now.figures.alpha - (old ? old.figures.alpha : 0n);
    const held = this.alphaByNetuid.get(n);
    if (held === undefined || dAlpha !== 0n) this.alphaByNetuid.set(n, (held ?? 0n) + dAlpha);
    this.staleExitOf(n);
    this.countFlags(now.figures.flags, 1);
    if (old) this.countFlags(old.figures.flags, -1);
    else if (!this.members.has(now.key)) {
      this.members.add(now.key);
      this.sortedMembers = null;
    }
  }

  private staleExitOf(netuid: number): void {
    const quoted = this.exitByNetuid.get(netuid);
    if (quoted !== undefined) {
      this.exitSum -= quoted;
      this.exitByNetuid.delete(netuid);
    }
    this.staleExit.add(netuid);
  }

  private countFlags(fl: FigureFlags, d: 1 | -1): void {
    const c = this.flagCounts;
    c.frictionUnknownLegs += d * fl.frictionUnknownLegs;
    c.feesUnknown += d * fl.feesUnknown;
    c.emissionsUnpriced += d * fl.emissionsUnpriced;
    c.exitApproximate += fl.exitApproximate ? d : 0;
    c.fiatIncomplete += fl.fiatIncomplete ? d : 0;
    for (const n of fl.missingPrice) this.missingPriceCount.set(n, (this.missingPriceCount.get(n) ?? 0) + d);
  }

  /**
   * Cached until a member changes (`change`) — prices only change through snapshots, which refresh every
   * position. The cache key is the UTC day when fiat prices matter (as-of day price).
   */
  result(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const day = ctx.fiat ? Math.floor(ts / 86_400_000) : 0;
    if (this.cached && this.cached.day === day) return this.cached.result;
    const result = this.build(block, ts, ctx);
    this.cached = { day, result };
    return result;
  }

  /** Drop the cached result and every exit quote (e.g. the runtime's fee changed). */
  invalidate(): void {
    this.cached = null;
    this.exitByNetuid.clear();
    this.exitSum = 0n;
    for (const n of this.alphaByNetuid.keys()) this.staleExit.add(n);
  }

  private build(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const s = this.sums;
    const c = this.flagCounts;
    const flags: FigureFlags = {
      missingPrice: [...this.missingPriceCount]
        .filter(([, k]) => k > 0)
        .map(([n]) => n)
        .sort((a, b) => a - b),
      frictionUnknownLegs: c.frictionUnknownLegs,
      feesUnknown: c.feesUnknown,
      emissionsUnpriced: c.emissionsUnpriced,
      exitApproximate: c.exitApproximate > 0,
      fiatIncomplete: c.fiatIncomplete > 0,
    };
    for (const netuid of this.staleExit) {
      const alpha = this.alphaByNetuid.get(netuid) ?? 0n;
      const pool = alpha === 0n ? null : ctx.prices.poolAt(netuid, block);
      const exit = pool ? quoteExit(alpha, pool, specFor(ctx, netuid, block)).tao : 0n;
      this.exitByNetuid.set(netuid, exit);
      this.exitSum += exit;
    }
    this.staleExit.clear();
    const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
    const figures: Figures = { ...s };
    figures.exitValue = this.exitSum;
    figures.avgEntryPrice =
      this.alphaByNetuid.size === 1 ? impliedPrice(s.costBasis, s.alpha > 0n ? s.alpha : 0n) : null;
    figures.totalReturnPct = ratio(s.totalReturn, s.taoIn);
    figures.spotValueFiat = fiatPrice === null ? null : taoToFiat(s.spotValue, fiatPrice);
    figures.unrealizedFiat = fiatPrice === null ? null : taoToFiat(s.unrealized, fiatPrice);
    figures.flags = flags;
    this.sortedMembers ??= [...this.members].sort();
    return { key: this.key, kind: this.kind, figures, positions: this.sortedMembers };
  }
}

/** Position results and their aggregates from a PortfolioState (`refresh()` recomputes them all). */
export class PnlTracker {
  readonly positionResults = new Map<string, PositionResult>();
  readonly subnets = new Map<number, AggregateAcc>();
  readonly wallets = new Map<string, AggregateAcc>();
  readonly groups = new Map<string, AggregateAcc>();
  readonly total = new AggregateAcc('total', 'total');
  private readonly groupsOfWallet = new Map<string, string[]>();
  private sortedKeys: string[] | null = null;
  /**
   * The sorted position results (`result().positions`) and each key's index in it: rebuilt when a
   * position is added; a changed position replaces its entry in a copy once the list was handed out
   * (a result given earlier never changes).
   */
  private positionList: PositionResult[] | null = null;
  private positionIndex: Map<string, number> | null = null;
  private listHandedOut = false;
  /** The aggregate lists of the last result, until an aggregate changes (and its fiat day). */
  private aggLists: {
    day: number;
    subnets: AggregateResult[];
    wallets: AggregateResult[];
    groups: AggregateResult[];
  } | null = null;
  /** Sorted aggregate keys per map, rebuilt when an aggregate is added. */
  private readonly sortedAggKeys = new Map<
    Map<string | number, AggregateAcc>,
    { size: number; keys: (string | number)[] }
  >();

  constructor(
    readonly state: PortfolioState,
    readonly ctx: PnlContext,
  ) {
    for (const [g, members] of Object.entries(ctx.walletGroups)) {
      this.groups.set(g, new AggregateAcc(g, 'group'));
      for (const w of members) {
        const list = this.groupsOfWallet.get(w) ?? [];
        list.push(g);
        this.groupsOfWallet.set(w, list);
      }
    }
  }

  private aggregatesOf(p: PositionAcc): AggregateAcc[] {
    let sn = this.subnets.get(p.netuid);
    if (!sn) {
      sn = new AggregateAcc(`SN${p.netuid}`, 'subnet');
      this.subnets.set(p.netuid, sn);
    }
    let w = this.wallets.get(p.coldkey);
    if (!w) {
      w = new AggregateAcc(p.coldkey, 'wallet');
      this.wallets.set(p.coldkey, w);
    }
    const out = [this.total, sn, w];
    for (const g of this.groupsOfWallet.get(p.coldkey) ?? []) out.push(this.groups.get(g) as AggregateAcc);
    return out;
  }

  /** Recompute every position of every book, and the aggregates. */
  refresh(): void {
    for (const a of [this.total, ...this.subnets.values(), ...this.wallets.values(), ...this.groups.values()])
      a.invalidate();
    this.aggLists = null;
    for (const bk of this.state.bookPositions.keys()) this.refreshBook(bk);
  }

  /**
   * The incremental path: recompute the positions of the books that changed and of the subnets whose
   * prices moved (aggregates with a changed member drop their cached result). Everything else is
   * unchanged since the last refresh.
   */
  refreshChanged(books: ReadonlySet<string>, netuids: ReadonlySet<number>): void {
    const all = new Set(books);
    if (netuids.size > 0)
      for (const p of this.state.positions.values()) if (netuids.has(p.netuid)) all.add(bookKey(p.coldkey, p.netuid));
    for (const bk of all) this.refreshBook(bk);
  }

  private refreshBook(bk: string): void {
    const block = this.state.lastBlock;
    const ts = this.state.lastTimestamp;
    const members = this.state.bookPositions.get(bk) ?? [];
    const book = this.state.books.get(bk);
    const costs = allocateBookCost(book ? book.cost() : 0n, members);
    for (const p of members) {
      const old = this.positionResults.get(p.key);
      const { figures, price } = positionFigures(p, costs.get(p) ?? 0n, block, ts, this.ctx);
      const res: PositionResult = {
        key: p.key,
        coldkey: p.coldkey,
        hotkey: p.hotkey,
        netuid: p.netuid,
        price,
        figures,
      };
      const diff = figureDiff(old?.figures, figures);
      for (const a of this.aggregatesOf(p)) a.change(old, res, diff);
      this.aggLists = null;
      this.positionResults.set(p.key, res);
      this.notePosition(res, old === undefined);
    }
  }

  private notePosition(res: PositionResult, added: boolean): void {
    if (added) {
      this.sortedKeys = null;
      this.positionList = null;
      this.positionIndex = null;
      return;
    }
    if (!this.positionList || !this.positionIndex) return;
    if (this.listHandedOut) {
      this.positionList = this.positionList.slice();
      this.listHandedOut = false;
    }
    this.positionList[this.positionIndex.get(res.key) as number] = res;
  }

  private positions(): PositionResult[] {
    if (!this.positionList || !this.positionIndex) {
      const keys = (this.sortedKeys ??= [...this.positionResults.keys()].sort());
      this.positionList = keys.map((k) => this.positionResults.get(k) as PositionResult);
      this.positionIndex = new Map(keys.map((k, i) => [k, i]));
    }
    this.listHandedOut = true;
    return this.positionList;
  }

  private sortedResults<T extends string | number>(
    m: Map<T, AggregateAcc>,
    block: number,
    ts: number,
  ): AggregateResult[] {
    const any = m as Map<string | number, AggregateAcc>;
    let sorted = this.sortedAggKeys.get(any);
    // Aggregates are only ever added, so the size tells whether the keys changed.
    if (sorted?.size !== m.size) {
      sorted = { size: m.size, keys: [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
      this.sortedAggKeys.set(any, sorted);
    }
    return sorted.keys.map((k) => (any.get(k) as AggregateAcc).result(block, ts, this.ctx));
  }

  result(): PnlResult {
    const block = this.state.lastBlock;
    const ts = this.state.lastTimestamp;
    const day = this.ctx.fiat ? Math.floor(ts / 86_400_000) : 0;
    if (this.aggLists?.day !== day)
      this.aggLists = {
        day,
        subnets: this.sortedResults(this.subnets, block, ts),
        wallets: this.sortedResults(this.wallets, block, ts),
        groups: this.sortedResults(this.groups, block, ts),
      };
    return {
      asOfBlock: block,
      asOfTimestamp: ts,
      positions: this.positions(),
      subnets: this.aggLists.subnets,
      wallets: this.aggLists.wallets,
      groups: this.aggLists.groups,
      total: this.total.result(block, ts, this.ctx),
      fiatMissingDays: this.ctx.fiat ? this.ctx.fiat.missing() : null,
    };
  }
}
