/**
 * Aggregates (subnet, wallet, wallet group, portfolio) of the position figures (./pnl): running sums
 * filled by `PnlTracker.refresh()` from the replay state at its last block.
 */
import { bookKey, type PortfolioState, type PositionAcc } from './state';
import type { PriceRef } from './prices';
import { quoteExit } from './runtime';
import {
  allocateBookCost,
  positionFigures,
  repriced,
  specFor,
  type AggregateResult,
  type PnlContext,
  type PnlResult,
  type PositionResult,
} from './pnl';
import { AggregateAcc, figureDiff, type NetuidCell } from './aggregate-acc';
import { PositionRecord } from './figure-record';

export { AggregateAcc, figureDiff, type FigureDiff } from './aggregate-acc';

/** A position as the tracker visits it: its aggregates and its last result. */
interface Tracked {
  readonly aggs: readonly AggregateAcc[];
  /** Each aggregate's cell of the position's subnet (`aggs[i].cell(netuid)`). */
  readonly cells: readonly NetuidCell[];
  res: PositionResult;
  /** Its index in the sorted position list (valid while the list is kept). */
  at: number;
  /** The `refreshChanged` call that refreshed its book whole (a reprice in that call skips it). */
  refreshedIn: number;
}

/**
 * Each tracked position's last result, by key, in the order positions were first tracked: a view of the
 * tracker's map, so a reprice replaces a result in one place (`t.res`) and no map is written per
 * position (a `Map.set` per repriced position was ~6 % of a priced append's CPU profile).
 */
class PositionResults implements ReadonlyMap<string, PositionResult> {
  constructor(private readonly tracked: ReadonlyMap<string, Tracked>) {}
  get size(): number {
    return this.tracked.size;
  }
  get(key: string): PositionResult | undefined {
    return this.tracked.get(key)?.res;
  }
  has(key: string): boolean {
    return this.tracked.has(key);
  }
  keys(): MapIterator<string> {
    return this.tracked.keys();
  }
  *values(): MapIterator<PositionResult> {
    for (const t of this.tracked.values()) yield t.res;
  }
  *entries(): MapIterator<[string, PositionResult]> {
    for (const [k, t] of this.tracked) yield [k, t.res];
  }
  [Symbol.iterator](): MapIterator<[string, PositionResult]> {
    return this.entries();
  }
  forEach(fn: (value: PositionResult, key: string, map: ReadonlyMap<string, PositionResult>) => void): void {
    for (const [k, t] of this.tracked) fn(t.res, k, this);
  }
}

/** Position results and their aggregates from a PortfolioState (`refresh()` recomputes them all). */
export class PnlTracker {
  /** Every position with a result, by key and per subnet (what a price move visits). */
  private readonly tracked = new Map<string, Tracked>();
  readonly positionResults: ReadonlyMap<string, PositionResult> = new PositionResults(this.tracked);
  /** Counts `refreshChanged` calls (`Tracked.refreshedIn`). */
  private refreshes = 0;
  private readonly trackedBySubnet = new Map<number, Tracked[]>();
  readonly subnets = new Map<number, AggregateAcc>();
  readonly wallets = new Map<string, AggregateAcc>();
  readonly groups = new Map<string, AggregateAcc>();
  readonly total = new AggregateAcc('total', 'total');
  private readonly groupsOfWallet = new Map<string, string[]>();
  private sortedKeys: string[] | null = null;
  /**
   * The sorted position results (`result().positions`; each Tracked notes its index in it): rebuilt when a
   * position is added; a changed position replaces its entry in a copy once the list was handed out
   * (a result given earlier never changes).
   */
  private positionList: PositionResult[] | null = null;
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
    // The total and the subnet first (`reprice` moves them once per subnet).
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
    this.refreshes++;
    for (const bk of books) this.refreshBook(bk);
    if (netuids.size === 0) return;
    if (this.tracked.size === this.state.positions.size) {
      for (const netuid of netuids) this.reprice(netuid);
      return;
    }
    // A position without a result (none is made outside a replayed book; kept as the safe way).
    const all = new Set<string>();
    for (const p of this.state.positions.values()) if (netuids.has(p.netuid)) all.add(bookKey(p.coldkey, p.netuid));
    for (const bk of all) if (!books.has(bk)) this.refreshBook(bk);
  }

  /**
   * Subnet `netuid`'s price and pool moved: the positions of books no event touched (the touched ones
   * were refreshed whole in this `refreshChanged`) keep their book's figures and cost basis, and only the price-dependent ones are
   * recomputed (`repriced`, what `positionFigures` gives for them). The subnet's price, pool and fee
   * spec are read once; each aggregate moves by the spot values' difference, the total and the
   * subnet's (every position's first two, `aggregatesOf`) once by the subnet's.
   */
  private reprice(netuid: number): void {
    const list = this.trackedBySubnet.get(netuid);
    if (!list) return;
    const block = this.state.lastBlock;
    const { prices, fiat } = this.ctx;
    const price: PriceRef | null = prices.priceAt(netuid, block);
    const pool = prices.poolAt(netuid, block);
    const spec = pool ? specFor(this.ctx, netuid, block) : 0;
    const fiatPrice = fiat ? fiat.priceOn(this.state.lastTimestamp) : null;
    let moved = 0n;
    let any = false;
    const refreshed = this.refreshes;
    // Each member's wallet and group aggregates (`aggs` from 2 on) move by its own difference and take
    // its exit quote where it holds all their α on the subnet (AggregateAcc.quoted): the quote `build`
    // would make, so a price move quotes each sale once. A later member of the same aggregate on this
    // subnet makes that quote stale again, and `build` quotes their sum.
    for (const t of list) {
      if (t.refreshedIn === refreshed) continue;
      any = true;
      const old = t.res;
      const was = old.figures;
      const figures = repriced(was, netuid, price, pool ? quoteExit(was.alpha, pool, spec) : null, fiatPrice);
      const res = new PositionRecord(old.key, old.coldkey, old.hotkey, netuid, price, figures);
      const d = figures.spotValue - was.spotValue;
      moved += d;
      const { aggs, cells } = t;
      for (let i = 2; i < aggs.length; i++) {
        const a = aggs[i] as AggregateAcc;
        const c = cells[i] as NetuidCell;
        a.repriced(c, d);
        a.quoted(c, figures.exitValue);
      }
      if (was.flags !== figures.flags) for (const a of aggs) a.reflagged(was.flags, figures.flags);
      t.res = res;
      this.notePosition(t, false);
    }
    if (!any) return;
    // The total and the subnet (every member's first two aggregates) move once: the subnet's α, which
    // is also the total's on it, quoted once for both.
    const subnet = this.subnets.get(netuid) as AggregateAcc;
    const held = subnet.alphaOn(netuid);
    const tao = pool && held !== 0n ? quoteExit(held, pool, spec).tao : 0n;
    for (const a of [this.total, subnet]) {
      const c = a.cell(netuid);
      a.repriced(c, moved);
      a.quotedAll(c, tao);
    }
    this.aggLists = null;
  }

  private refreshBook(bk: string): void {
    const block = this.state.lastBlock;
    const ts = this.state.lastTimestamp;
    const members = this.state.bookPositions.get(bk) ?? [];
    const book = this.state.books.get(bk);
    const costs = allocateBookCost(book ? book.cost() : 0n, members);
    const bookFiat = book ? book.fiatCost() : 0n;
    const fiatCosts = bookFiat === null ? null : allocateBookCost(bookFiat, members);
    for (const p of members) {
      const fiatCost = fiatCosts ? (fiatCosts.get(p) ?? 0n) : null;
      let t = this.tracked.get(p.key);
      const old = t?.res;
      const { figures, price } = positionFigures(p, costs.get(p) ?? 0n, fiatCost, block, ts, this.ctx);
      const res = new PositionRecord(p.key, p.coldkey, p.hotkey, p.netuid, price, figures);
      if (t) t.res = res;
      else {
        const aggs = this.aggregatesOf(p);
        t = { aggs, cells: aggs.map((a) => a.cell(p.netuid)), res, at: -1, refreshedIn: 0 };
        this.tracked.set(p.key, t);
        let list = this.trackedBySubnet.get(p.netuid);
        if (!list) this.trackedBySubnet.set(p.netuid, (list = []));
        list.push(t);
      }
      const diff = figureDiff(old?.figures, figures);
      for (const a of t.aggs) a.change(old, res, diff);
      t.refreshedIn = this.refreshes;
      this.aggLists = null;
      this.notePosition(t, old === undefined);
    }
  }

  private notePosition(t: Tracked, added: boolean): void {
    if (added) {
      this.sortedKeys = null;
      this.positionList = null;
      return;
    }
    if (!this.positionList) return;
    if (this.listHandedOut) {
      this.positionList = this.positionList.slice();
      this.listHandedOut = false;
    }
    this.positionList[t.at] = t.res;
  }

  private positions(): PositionResult[] {
    if (!this.positionList) {
      const keys = (this.sortedKeys ??= [...this.tracked.keys()].sort());
      this.positionList = keys.map((k, i) => {
        const t = this.tracked.get(k) as Tracked;
        t.at = i;
        return t.res;
      });
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
