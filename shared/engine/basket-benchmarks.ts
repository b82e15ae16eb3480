/**
 * Basket positions in the benchmarks (./benchmarks): a fund-share purchase is a TAO flow the benchmarks
 * buy too, a claim one they sell (its TAO buys them back on root, `basket-claim`, so a claim nets to
 * zero in the portfolio's units up to a rao of flooring). Basket positions form one chart group
 * (`BASKET_GROUP`, not a subnet: never in `subnets`), so the total line still ends at the total card.
 * Each flow buys `floor(tao × INDEX_SCALE / I(block))` units (outflows: floor towards −∞), as a subnet
 * flow does at its window; a flow before the index starts waits as TAO (`complete: false`).
 */
import {
  addInto,
  allocateValues,
  benchmarkFigure,
  type BenchmarkFigure,
  type Benchmarks,
  type BenchmarkSet,
  type BetFigures,
} from './benchmarks';
import { HOLD_INDEX, INDEX_SCALE, IndexCursor, indexAt } from './analytics/indexes';
import { benchmarkIds } from '../vocab';
import { floorDiv } from './units';
import type { BasketFlow } from './basket-totals';

/** The chart group of the basket positions in `BenchmarkUnits.bySubnet` (not a netuid). */
export const BASKET_GROUP = -1;

/** The benchmark set with the basket positions' flows bought and their figures in the total. */
export function withBasketBenchmarks(
  set: BenchmarkSet,
  flows: readonly BasketFlow[],
  bets: ReadonlyMap<string, BetFigures>,
): BenchmarkSet {
  if (bets.size === 0) return set;
  const units = { ...set.units };
  const total = { ...set.total };
  const perKey = new Map<string, Partial<Benchmarks>>();
  for (const id of benchmarkIds) {
    const u = set.units[id];
    const hold = u.index === HOLD_INDEX;
    const cursor = new IndexCursor(u.index);
    const start = u.index.startBlock;
    // Basket positions with a flow before the index starts.
    const waiting = new Set<string>();
    const windowBlocks = [...u.windowBlocks];
    const group = { windows: [] as number[], units: [] as bigint[] };
    const mine = new Map<string, bigint>([...bets.keys()].map((k) => [k, 0n]));
    for (const f of flows) {
      const at = hold ? INDEX_SCALE : cursor.at(f.blockNumber);
      const n =
        at === INDEX_SCALE
          ? f.tao
          : f.tao >= 0n && at > 0n
            ? (f.tao * INDEX_SCALE) / at
            : floorDiv(f.tao * INDEX_SCALE, at);
      if (start !== null && f.blockNumber < start) waiting.add(f.key);
      mine.set(f.key, (mine.get(f.key) ?? 0n) + n);
      group.windows.push(windowBlocks.length);
      group.units.push(n);
      windowBlocks.push(f.blockNumber);
    }
    const bySubnet = new Map(u.bySubnet);
    bySubnet.set(BASKET_GROUP, group);
    units[id] = { ...u, bySubnet, windowBlocks };
    // Their value at the as-of index, split by largest remainder so it sums to the group's line.
    const values = allocateValues(mine, indexAt(u.index, set.asOfBlock));
    const sum = { ...total[id] };
    for (const [k, bet] of bets) {
      const fig = benchmarkFigure(bet, values.get(k) ?? 0n, u.index.available, !waiting.has(k));
      perKey.set(k, { ...perKey.get(k), [id]: fig satisfies BenchmarkFigure });
      addInto(sum, fig);
    }
    total[id] = sum;
  }
  const positions = new Map(set.positions);
  for (const [k, b] of perKey) positions.set(k, b as Benchmarks);
  return { ...set, units, positions, total };
}
