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
  positionFigures,
  specFor,
  zeroAdditive,
  type AggregateResult,
  type FigureFlags,
  type Figures,
  type PnlContext,
  type PnlResult,
  type PositionResult,
} from './pnl';

/** Running sums for one aggregate; supports removing a position's old figures (incremental path). */
export class AggregateAcc {
  readonly sums = zeroAdditive();
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
   * Exit quote of the α held per subnet, kept until that subnet's α changes (`apply`) or prices move
   * (`invalidate`): an append that changes one position re-quotes one subnet, not all of them.
   */
  private readonly exitByNetuid = new Map<number, bigint>();
  private sortedMembers: string[] | null = null;
  constructor(
    readonly key: string,
    readonly kind: AggregateResult['kind'],
  ) {}

  apply(pos: PositionResult, sign: 1n | -1n): void {
    const f = pos.figures;
    this.cached = null;
    if (sign === 1n) for (const k of ADDITIVE_KEYS) this.sums[k] += f[k];
    else for (const k of ADDITIVE_KEYS) this.sums[k] -= f[k];
    this.alphaByNetuid.set(pos.netuid, (this.alphaByNetuid.get(pos.netuid) ?? 0n) + sign * f.alpha);
    this.exitByNetuid.delete(pos.netuid);
    const d = sign === 1n ? 1 : -1;
    const fl = f.flags;
    const c = this.flagCounts;
    c.frictionUnknownLegs += d * fl.frictionUnknownLegs;
    c.feesUnknown += d * fl.feesUnknown;
    c.emissionsUnpriced += d * fl.emissionsUnpriced;
    c.exitApproximate += fl.exitApproximate ? d : 0;
    c.fiatIncomplete += fl.fiatIncomplete ? d : 0;
    for (const n of fl.missingPrice) this.missingPriceCount.set(n, (this.missingPriceCount.get(n) ?? 0) + d);
    if (sign === 1n && !this.members.has(pos.key)) {
      this.members.add(pos.key);
      this.sortedMembers = null;
    }
  }

  /**
   * Cached until a member changes (apply) — prices only change through snapshots, which refresh every
   * position. The cache key is the UTC day when fiat prices matter (as-of day price).
   */
  result(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const day = ctx.fiat ? Math.floor(ts / 86_400_000) : 0;
    if (this.cached && this.cached.day === day) return this.cached.result;
    const result = this.build(block, ts, ctx);
    this.cached = { day, result };
    return result;
  }

  /** Drop the cached result (e.g. new snapshots moved prices). */
  invalidate(): void {
    this.cached = null;
    this.exitByNetuid.clear();
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
    let exitValue = 0n;
    for (const [netuid, alpha] of this.alphaByNetuid) {
      if (alpha === 0n) continue;
      let exit = this.exitByNetuid.get(netuid);
      if (exit === undefined) {
        const pool = ctx.prices.poolAt(netuid, block);
        exit = pool ? quoteExit(alpha, pool, specFor(ctx, netuid, block)).tao : 0n;
        this.exitByNetuid.set(netuid, exit);
      }
      exitValue += exit;
    }
    const netuids = [...this.alphaByNetuid.keys()];
    const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
    const figures: Figures = {
      ...s,
      exitValue,
      avgEntryPrice: netuids.length === 1 ? impliedPrice(s.costBasis, s.alpha > 0n ? s.alpha : 0n) : null,
      totalReturnPct: ratio(s.totalReturn, s.taoIn),
      spotValueFiat: fiatPrice === null ? null : taoToFiat(s.spotValue, fiatPrice),
      unrealizedFiat: fiatPrice === null ? null : taoToFiat(s.unrealized, fiatPrice),
      flags,
    };
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
  /** The sorted position results (`result().positions`), rebuilt after a position changes. */
  private positionList: PositionResult[] | null = null;
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
      const aggs = this.aggregatesOf(p);
      const old = this.positionResults.get(p.key);
      if (old) for (const a of aggs) a.apply(old, -1n);
      else this.sortedKeys = null;
      const { figures, price } = positionFigures(p, costs.get(p) ?? 0n, block, ts, this.ctx);
      const res: PositionResult = {
        key: p.key,
        coldkey: p.coldkey,
        hotkey: p.hotkey,
        netuid: p.netuid,
        price,
        figures,
      };
      this.positionResults.set(p.key, res);
      this.positionList = null;
      for (const a of aggs) a.apply(res, 1n);
    }
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
    return {
      asOfBlock: block,
      asOfTimestamp: ts,
      positions: (this.positionList ??= (this.sortedKeys ??= [...this.positionResults.keys()].sort()).map(
        (k) => this.positionResults.get(k) as PositionResult,
      )),
      subnets: this.sortedResults(this.subnets, block, ts),
      wallets: this.sortedResults(this.wallets, block, ts),
      groups: this.sortedResults(this.groups, block, ts),
      total: this.total.result(block, ts, this.ctx),
      fiatMissingDays: this.ctx.fiat ? this.ctx.fiat.missing() : null,
    };
  }
}
