/**
 * The benchmark set (./benchmarks) of every position, subnet and the total, and what an engine keeps
 * of it between computations of one replay (the incremental path, `Engine.append`).
 *
 * Live sync appends a block at a time and the cockpit asks for the whole set after each. A block
 * touches few positions, so most of the set is what the last computation gave: a subnet's split of
 * its benchmark value changes only with its members, their units or the as-of index value, and a
 * position's figure only with its split value and its bet figures. The kept set is compared on
 * exactly those inputs and reused where they are equal, so the result is the one a computation
 * without anything kept gives (shared/engine/incremental.test.ts compares them after every block).
 *
 * When the engine also says which positions its appends touched (their lot books were replayed or
 * refreshed), and nothing moved for all of them (the same positions, index start, availability and
 * as-of index value of every benchmark), only those positions and their subnets are visited: the
 * others' units, splits and figures are the last set's (`stepSet`). Otherwise every position is
 * visited and compared as above.
 *
 * Live sync records every subnet's pool at each change block, so prices move at every append: then
 * (`repriced`) the untouched positions' units are still the last set's (their flows and the index at
 * the windows they flowed in are unchanged), but every subnet is split again where its benchmark's
 * as-of value moved (the subnet basket indexes) and every position's figures are compared.
 */
import { benchmarkIds, type BenchmarkId } from '../vocab';
import { HOLD_INDEX, continueIndex, indexAt } from './analytics/indexes';
import {
  BENCHMARK_INDEXES,
  SNAPSHOT_INDEXES,
  addClosedUnits,
  benchmarkUnits,
  recordOf,
  type BenchmarkContext,
  type Benchmarks,
  type BenchmarkSet,
  type BenchmarkUnits,
  type BetFigures,
  type ClosedUnits,
  type RootIndexPoint,
  type WindowedIndex,
  openUnits,
  subnetUnits,
  subnetWindows,
  windowPrices,
} from './benchmarks';
import type { PriceBook } from './prices';
import type { PortfolioState, PositionAcc } from './state';
import {
  copyMap,
  figuresOf,
  moveBy,
  resplit,
  sameKeys,
  splitOf,
  totalOf,
  type Figures,
  type Sets,
  type Split,
} from './benchmark-parts';

/** What one engine keeps between computations of its benchmark set. */
export interface BenchmarkKeep {
  /** The units of closed flow windows (./benchmarks). */
  closed: Record<BenchmarkId, ClosedUnits>;
  /** Per benchmark and subnet: the last split of the subnet's value over its positions. */
  splits: Record<BenchmarkId, Map<number, Split>>;
  /** Per benchmark of SNAPSHOT_INDEXES: its last index and the book it was built from (snapshots added). */
  indexes: Map<BenchmarkId, { added: number; index: WindowedIndex }>;
  /** Per position: its last figures and the bet figures they were made from. */
  positions: Map<string, { bet: BetFigures; b: Benchmarks }>;
  /** Per subnet: its members and their sum when last computed. */
  subnets: Map<number, { keys: readonly string[]; sum: Benchmarks }>;
  /** The last set and what it was made from (null before the first). */
  last: LastSet | null;
  /** The lot books appends replayed or refreshed since the last set (null: any position may have changed). */
  touched: Set<string> | null;
  /** Appends since the last set added price snapshots (SNAPSHOT_INDEXES' as-of values and spot values moved). */
  repriced: boolean;
}

/**
 * An append replayed or refreshed `books`; null when it may have changed any position (fund readings
 * move the validator-fund index, a new runtime every figure). `repriced`: it added price snapshots,
 * which move spot values and the subnet basket indexes (not the units of positions without a flow).
 */
export function noteTouched(keep: BenchmarkKeep, books: Iterable<string> | null, repriced = false): void {
  keep.repriced ||= repriced;
  if (books === null) keep.touched = null;
  else if (keep.touched) for (const bk of books) keep.touched.add(bk);
}

/** The last set computed, with the inputs `stepSet` compares and reads. */
interface LastSet {
  set: BenchmarkSet;
  /** Per subnet: its members' keys, in the order of the figures. */
  members: Map<number, string[]>;
  /** The index value at the as-of block, and the positions waiting for the index, per benchmark. */
  at: Record<BenchmarkId, bigint>;
  waiting: Record<BenchmarkId, ReadonlySet<string>>;
  /** Per subnet: its positions in the state (whose open units make its latest windows). */
  positionsOf: Map<number, PositionAcc[]>;
}

export function benchmarkKeep(): BenchmarkKeep {
  return {
    closed: recordOf<ClosedUnits>(() => ({
      startBlock: null,
      byPosition: new Map(),
      bySubnet: new Map(),
      price: null,
    })),
    splits: recordOf(() => new Map()),
    indexes: new Map(),
    positions: new Map(),
    subnets: new Map(),
    last: null,
    touched: null,
    repriced: false,
  };
}

/**
 * The index of benchmark `id` as of `ctx.asOfBlock`. One of SNAPSHOT_INDEXES is kept while the book has
 * the same snapshots, all at or before the as-of block: then the snapshots up to it are the same.
 */
function indexOf(id: BenchmarkId, ctx: BenchmarkContext, keep: BenchmarkKeep): WindowedIndex {
  if (!SNAPSHOT_INDEXES.has(id) || ctx.prices.lastBlock > ctx.asOfBlock) return BENCHMARK_INDEXES[id](ctx);
  const last = keep.indexes.get(id);
  if (last && last.added === ctx.prices.added) return last.index;
  // Live sync appends each block's pools after the earlier ones: continue the chain over them.
  const index = (last && continueIndex(last.index, ctx.prices, ctx.asOfBlock)) ?? BENCHMARK_INDEXES[id](ctx);
  keep.indexes.set(id, { added: ctx.prices.added, index });
  return index;
}

/**
 * Benchmarks for every position, subnet and the total, from the state and the position figures.
 * `keep`: what this replay's last computation left (see BenchmarkKeep) and the books appends touched
 * since (`noteTouched`: the others' positions are exactly as they were); updated in place.
 */
export function computeBenchmarks(
  state: PortfolioState,
  figures: Figures,
  prices: PriceBook,
  rootIndexOverride?: readonly RootIndexPoint[],
  keep: BenchmarkKeep = benchmarkKeep(),
): BenchmarkSet {
  const books = keep.touched;
  const repriced = keep.repriced;
  keep.touched = new Set();
  keep.repriced = false;
  const touched = books && new Set([...books].flatMap((bk) => (state.bookPositions.get(bk) ?? []).map((p) => p.key)));
  const asOfBlock = state.lastBlock;
  const ctx: BenchmarkContext = { state, prices, asOfBlock, rootIndex: rootIndexOverride };
  const indexes = recordOf((id) => indexOf(id, ctx, keep));
  const at = recordOf((id) => indexAt(indexes[id], asOfBlock));
  const stepped =
    touched && keep.last ? stepSet(state, figures, indexes, at, keep, keep.last, touched, repriced) : null;
  if (stepped) return stepped;
  const all = recordOf((id) => benchmarkUnits(state, indexes[id], keep.closed[id]));
  const sets: Sets = {
    units: recordOf((id) => ({ index: all[id].index, bySubnet: all[id].bySubnet, windowBlocks: all[id].windowBlocks })),
    waiting: recordOf((id) => all[id].waiting),
  };
  const members = new Map<number, string[]>();
  for (const [key, { netuid }] of figures) subnetList(members, netuid).push(key);
  // Each subnet's value (floor of its units at the as-of index) split over its positions.
  const values = recordOf((id) => {
    const out = new Map<number, Split>();
    const unitsOf = (k: string): bigint => all[id].byPosition.get(k) ?? 0n;
    for (const [netuid, keys] of members) out.set(netuid, splitOf(unitsOf, at[id], netuid, keys, keep.splits[id]));
    return out;
  });
  const positions = new Map<string, Benchmarks>();
  const subnets = new Map<number, Benchmarks>();
  figuresOf(members, figures, sets, values, keep, { positions, subnets });
  // Positions in the order of `figures` (members group them by subnet).
  const ordered = new Map<string, Benchmarks>();
  for (const key of figures.keys()) ordered.set(key, positions.get(key) as Benchmarks);
  const set = { asOfBlock, units: sets.units, positions: ordered, subnets, total: totalOf(members, subnets, sets) };
  const positionsOf = new Map<number, PositionAcc[]>();
  for (const p of state.positions.values()) subnetList(positionsOf, p.netuid).push(p);
  keep.last = { set, members, at, waiting: sets.waiting, positionsOf };
  return set;
}

const subnetList = <T>(m: Map<number, T[]>, netuid: number): T[] => {
  let list = m.get(netuid);
  if (!list) m.set(netuid, (list = []));
  return list;
};

/**
 * The set after appends that touched only `touched`, from the last set: their units (closed windows
 * added, the open one re-bought), their subnets' windows, splits, figures and sums, and the total.
 * `repriced` (snapshots added): besides, every subnet whose benchmark value moved is split again and
 * every position's figures are compared with its new bet figures. Null when the shortcut does not
 * hold (a new position, a benchmark's index start or availability moved, or its as-of value other than
 * by snapshots, a position's waiting flag changed): the caller then visits every position.
 */
function stepSet(
  state: PortfolioState,
  figures: Figures,
  indexes: Record<BenchmarkId, WindowedIndex>,
  at: Record<BenchmarkId, bigint>,
  keep: BenchmarkKeep,
  last: LastSet,
  touched: ReadonlySet<string>,
  repriced: boolean,
): BenchmarkSet | null {
  const prev = last.set;
  if (figures.size !== prev.positions.size) return null;
  for (const id of benchmarkIds) {
    const index = indexes[id];
    const u = prev.units[id];
    if (at[id] !== last.at[id] && !(repriced && SNAPSHOT_INDEXES.has(id))) return null;
    if (index.available !== u.index.available) return null;
    if (index.startBlock !== keep.closed[id].startBlock) return null;
    // The prices of the windows the last set saw are kept (a seen window's value never changes).
    if ((keep.closed[id].price === null) !== (index === HOLD_INDEX)) return null;
  }
  const ps: PositionAcc[] = [];
  const nets = new Set<number>();
  for (const key of touched) {
    const p = state.positions.get(key);
    if (!p || !prev.positions.has(key) || figures.get(key)?.netuid !== p.netuid) return null;
    ps.push(p);
    nets.add(p.netuid);
  }
  const windowBlocks = state.windows.map((w) => w.blockNumber);
  const units = {} as Record<BenchmarkId, BenchmarkUnits>;
  const moved = recordOf(() => new Map<string, bigint>());
  for (const id of benchmarkIds) {
    const closed = keep.closed[id];
    const price = windowPrices(indexes[id], windowBlocks, closed.price ?? []);
    const start = closed.startBlock;
    for (const p of ps) {
      const done = closed.byPosition.get(p);
      if (!done) return null;
      addClosedUnits(p, done, subnetUnits(closed.bySubnet, p.netuid), price, windowBlocks, start);
      let n = done.units;
      let waits = done.waiting;
      if (p.curWin >= 0) {
        n += openUnits(p, price, done);
        waits ||= start !== null && (windowBlocks[p.curWin] as number) < start;
      }
      if (waits !== last.waiting[id].has(p.key)) return null;
      moved[id].set(p.key, n);
    }
    const bySubnet = copyMap(prev.units[id].bySubnet);
    for (const netuid of nets) {
      const open: bigint[] = [];
      for (const p of last.positionsOf.get(netuid) ?? []) {
        const done = closed.byPosition.get(p);
        if (!done) return null;
        if (p.curWin < 0) continue;
        const had = open[p.curWin];
        const o = openUnits(p, price, done);
        open[p.curWin] = had === undefined ? o : had + o;
      }
      bySubnet.set(netuid, subnetWindows(closed.bySubnet.get(netuid) ?? [], open));
    }
    units[id] = { index: indexes[id], bySubnet, windowBlocks };
  }
  const members = repriced ? last.members : new Map([...nets].map((n) => [n, last.members.get(n) ?? []]));
  const values = recordOf((id) => {
    const out = new Map<number, Split>();
    for (const [netuid, keys] of members) {
      const split = keep.splits[id].get(netuid);
      // An untouched subnet: its positions' units are those of its last split, at the as-of value now.
      if (!nets.has(netuid) && split && sameKeys(split.keys, keys)) {
        out.set(netuid, resplit(split, at[id], netuid, keep.splits[id]));
        continue;
      }
      // The units of the others are those their subnet's last split was made from.
      const before = new Map(split?.keys.map((k, i) => [k, split.units[i] as bigint]));
      const unitsOf = (k: string): bigint => moved[id].get(k) ?? before.get(k) ?? 0n;
      out.set(netuid, splitOf(unitsOf, at[id], netuid, keys, keep.splits[id]));
    }
    return out;
  });
  const positions = copyMap(prev.positions);
  const subnets = copyMap(prev.subnets);
  const sets: Sets = { units, waiting: last.waiting };
  figuresOf(members, figures, sets, values, keep, { positions, subnets }, true);
  // The total moves by what the visited subnets' sums moved (bigint sums: exact in any order).
  const total = recordOf((id) => {
    const t = { ...prev.total[id] };
    for (const netuid of members.keys()) {
      const was = (prev.subnets.get(netuid) as Benchmarks)[id];
      const now = (subnets.get(netuid) as Benchmarks)[id];
      if (was !== now) moveBy(t, was, now);
    }
    t.complete = true;
    for (const sum of subnets.values()) t.complete &&= sum[id].complete;
    return t;
  });
  const set = { asOfBlock: state.lastBlock, units, positions, subnets, total };
  keep.last = { ...last, set, at };
  return set;
}
