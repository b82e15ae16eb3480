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
 */
import { benchmarkIds, type BenchmarkId } from '../vocab';
import { indexAt } from './analytics/indexes';
import {
  BENCHMARK_INDEXES,
  SNAPSHOT_INDEXES,
  addInto,
  allocateValues,
  benchmarkFigure,
  benchmarkUnits,
  emptyFigure,
  recordOf,
  type BenchmarkContext,
  type BenchmarkFigure,
  type Benchmarks,
  type BenchmarkSet,
  type BetFigures,
  type ClosedUnits,
  type RootIndexPoint,
  type WindowedIndex,
} from './benchmarks';
import type { PriceBook } from './prices';
import type { PortfolioState } from './state';

/** One subnet's split of one benchmark's value: its inputs and the values it gave. */
interface Split {
  at: bigint;
  keys: readonly string[];
  units: readonly bigint[];
  values: Map<string, bigint>;
}

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
}

export function benchmarkKeep(): BenchmarkKeep {
  return {
    closed: recordOf<ClosedUnits>(() => ({ startBlock: null, byPosition: new Map(), bySubnet: new Map() })),
    splits: recordOf(() => new Map()),
    indexes: new Map(),
    positions: new Map(),
    subnets: new Map(),
  };
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Whether `kept` is the figure benchmarkFigure(f, value, available, complete) gives: its fields are
 * functions of exactly these (net invested = benchmarkValue − benchmarkGain).
 */
function sameFigure(
  kept: BenchmarkFigure,
  f: BetFigures,
  value: bigint,
  available: boolean,
  complete: boolean,
): boolean {
  return (
    kept.benchmarkValue === value &&
    kept.available === available &&
    kept.complete === complete &&
    kept.betValue === f.spotValue &&
    kept.emissionEffect === f.incomeTao &&
    kept.frictionEffect === -f.friction &&
    kept.benchmarkValue - kept.benchmarkGain === f.taoIn - f.taoOut
  );
}

/**
 * The index of benchmark `id` as of `ctx.asOfBlock`. One of SNAPSHOT_INDEXES is kept while the book has
 * the same snapshots, all at or before the as-of block: then the snapshots up to it are the same.
 */
function indexOf(id: BenchmarkId, ctx: BenchmarkContext, keep: BenchmarkKeep): WindowedIndex {
  if (!SNAPSHOT_INDEXES.has(id) || ctx.prices.lastBlock > ctx.asOfBlock) return BENCHMARK_INDEXES[id](ctx);
  const last = keep.indexes.get(id);
  if (last && last.added === ctx.prices.added) return last.index;
  const index = BENCHMARK_INDEXES[id](ctx);
  keep.indexes.set(id, { added: ctx.prices.added, index });
  return index;
}

/**
 * Benchmarks for every position, subnet and the total, from the state and the position figures.
 * `keep`: what this replay's last computation left (see BenchmarkKeep); updated in place.
 */
export function computeBenchmarks(
  state: PortfolioState,
  figures: ReadonlyMap<string, { netuid: number; figures: BetFigures }>,
  prices: PriceBook,
  rootIndexOverride?: readonly RootIndexPoint[],
  keep: BenchmarkKeep = benchmarkKeep(),
): BenchmarkSet {
  const asOfBlock = state.lastBlock;
  const ctx: BenchmarkContext = { state, prices, asOfBlock, rootIndex: rootIndexOverride };
  const units = recordOf((id) => benchmarkUnits(state, indexOf(id, ctx, keep), keep.closed[id]));
  const members = new Map<number, string[]>();
  for (const [key, { netuid }] of figures) {
    const list = members.get(netuid);
    if (list) list.push(key);
    else members.set(netuid, [key]);
  }
  // Each subnet's value (floor of its units at the as-of index) split over its positions.
  const values = recordOf((id) => {
    const u = units[id];
    const at = indexAt(u.index, asOfBlock);
    const kept = keep.splits[id];
    const out = new Map<number, Map<string, bigint>>();
    for (const [netuid, keys] of members) {
      const last = kept.get(netuid);
      let same = last !== undefined && last.at === at && sameList(last.keys, keys);
      for (let i = 0; same && i < keys.length; i++)
        same = (u.byPosition.get(keys[i] as string) ?? 0n) === (last as Split).units[i];
      if (same) {
        out.set(netuid, (last as Split).values);
        continue;
      }
      const us = keys.map((k) => u.byPosition.get(k) ?? 0n);
      const split = allocateValues(new Map(keys.map((k, i) => [k, us[i] as bigint])), at);
      kept.set(netuid, { at, keys, units: us, values: split });
      out.set(netuid, split);
    }
    return out;
  });
  const positions = new Map<string, Benchmarks>();
  const subnets = new Map<number, Benchmarks>();
  const total = recordOf((id) => emptyFigure(units[id].index.available));
  for (const [netuid, keys] of members) {
    const split = recordOf((id) => values[id].get(netuid) as Map<string, bigint>);
    let changed = false;
    for (const key of keys) {
      const f = (figures.get(key) as { figures: BetFigures }).figures;
      const last = keep.positions.get(key);
      let b = last?.b;
      // The same bet figures object: only the benchmark's own inputs need comparing (no bigint made).
      const sameBet = last?.bet === f;
      for (let i = 0; b && i < benchmarkIds.length; i++) {
        const id = benchmarkIds[i] as BenchmarkId;
        const u = units[id];
        const k = b[id];
        const value = split[id].get(key) ?? 0n;
        const complete = !u.waiting.has(key);
        if (
          sameBet
            ? k.benchmarkValue !== value || k.available !== u.index.available || k.complete !== complete
            : !sameFigure(k, f, value, u.index.available, complete)
        )
          b = undefined;
      }
      if (!b) {
        b = recordOf((id) => {
          const u = units[id];
          return benchmarkFigure(f, split[id].get(key) ?? 0n, u.index.available, !u.waiting.has(key));
        });
        changed = true;
      }
      keep.positions.set(key, { bet: f, b });
      positions.set(key, b);
    }
    const last = keep.subnets.get(netuid);
    let sum = last && !changed && sameList(last.keys, keys) ? last.sum : null;
    if (!sum) {
      const s = recordOf((id) => emptyFigure(units[id].index.available));
      for (const key of keys) for (const id of benchmarkIds) addInto(s[id], (positions.get(key) as Benchmarks)[id]);
      keep.subnets.set(netuid, { keys, sum: s });
      sum = s;
    }
    subnets.set(netuid, sum);
    for (const id of benchmarkIds) addInto(total[id], sum[id]);
  }
  // Positions in the order of `figures` (members group them by subnet).
  const ordered = new Map<string, Benchmarks>();
  for (const key of figures.keys()) ordered.set(key, positions.get(key) as Benchmarks);
  return { asOfBlock, units, positions: ordered, subnets, total };
}
