/**
 * The parts of a benchmark set (./benchmark-set) that a full computation and the step after an append
 * share: a subnet's split of its value, a position's figures, the subnets' sums and the total, each
 * reusing what the engine kept where its inputs are equal.
 */
import { benchmarkIds, type BenchmarkId } from '../vocab';
import {
  addInto,
  allocateValues,
  benchmarkFigure,
  emptyFigure,
  recordOf,
  type BenchmarkFigure,
  type Benchmarks,
  type BenchmarkUnits,
  type BetFigures,
} from './benchmarks';
import type { BenchmarkKeep } from './benchmark-set';

/** One subnet's split of one benchmark's value: its inputs and the values it gave. */
export interface Split {
  at: bigint;
  keys: readonly string[];
  units: readonly bigint[];
  values: Map<string, bigint>;
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

/** One subnet's split of a benchmark's value over its positions `keys` at index value `at` (kept when its inputs are). */
export function splitOf(
  unitsOf: (key: string) => bigint,
  at: bigint,
  netuid: number,
  keys: readonly string[],
  kept: Map<number, Split>,
) {
  const last = kept.get(netuid);
  let same = last !== undefined && last.at === at && sameList(last.keys, keys);
  for (let i = 0; same && i < keys.length; i++) same = unitsOf(keys[i] as string) === (last as Split).units[i];
  if (same) return (last as Split).values;
  const us = keys.map(unitsOf);
  const values = allocateValues(new Map(keys.map((k, i) => [k, us[i] as bigint])), at);
  kept.set(netuid, { at, keys, units: us, values });
  return values;
}

/** A position's figures against every benchmark: the kept ones when their inputs are equal; `made` when made anew. */
export function positionOf(
  key: string,
  f: BetFigures,
  sets: Sets,
  split: Record<BenchmarkId, ReadonlyMap<string, bigint>>,
  keep: BenchmarkKeep,
): { b: Benchmarks; made: boolean } {
  const last = keep.positions.get(key);
  let b = last?.b;
  // The same bet figures object: only the benchmark's own inputs need comparing (no bigint made).
  const sameBet = last?.bet === f;
  for (let i = 0; b && i < benchmarkIds.length; i++) {
    const id = benchmarkIds[i] as BenchmarkId;
    const available = sets.units[id].index.available;
    const k = b[id];
    const value = split[id].get(key) ?? 0n;
    const complete = !sets.waiting[id].has(key);
    if (
      sameBet
        ? k.benchmarkValue !== value || k.available !== available || k.complete !== complete
        : !sameFigure(k, f, value, available, complete)
    )
      b = undefined;
  }
  const made = !b;
  b ??= recordOf((id) =>
    benchmarkFigure(f, split[id].get(key) ?? 0n, sets.units[id].index.available, !sets.waiting[id].has(key)),
  );
  keep.positions.set(key, { bet: f, b });
  return { b, made };
}

export type Figures = ReadonlyMap<string, { netuid: number; figures: BetFigures }>;
/** The units of every benchmark and the positions waiting for each index. */
export interface Sets {
  units: Record<BenchmarkId, BenchmarkUnits>;
  waiting: Record<BenchmarkId, ReadonlySet<string>>;
}

/** Figures, subnet sums and the total of the subnets in `members`, reusing what `keep` holds where equal. */
export function figuresOf(
  members: ReadonlyMap<number, readonly string[]>,
  figures: Figures,
  sets: Sets,
  values: Record<BenchmarkId, Map<number, ReadonlyMap<string, bigint>>>,
  keep: BenchmarkKeep,
  into: { positions: Map<string, Benchmarks>; subnets: Map<number, Benchmarks> },
): void {
  for (const [netuid, keys] of members) {
    const split = recordOf((id) => values[id].get(netuid) as ReadonlyMap<string, bigint>);
    let changed = false;
    for (const key of keys) {
      const { b, made } = positionOf(key, (figures.get(key) as { figures: BetFigures }).figures, sets, split, keep);
      changed ||= made;
      into.positions.set(key, b);
    }
    const last = keep.subnets.get(netuid);
    let sum = last && !changed && sameList(last.keys, keys) ? last.sum : null;
    if (!sum) {
      const s = recordOf((id) => emptyFigure(sets.units[id].index.available));
      for (const key of keys)
        for (const id of benchmarkIds) addInto(s[id], (into.positions.get(key) as Benchmarks)[id]);
      keep.subnets.set(netuid, { keys, sum: s });
      sum = s;
    }
    into.subnets.set(netuid, sum);
  }
}

/** The total: the subnets' sums added in the order of `members`. */
export function totalOf(
  members: ReadonlyMap<number, unknown>,
  subnets: ReadonlyMap<number, Benchmarks>,
  sets: Sets,
): Benchmarks {
  const total = recordOf((id) => emptyFigure(sets.units[id].index.available));
  for (const netuid of members.keys())
    for (const id of benchmarkIds) addInto(total[id], (subnets.get(netuid) as Benchmarks)[id]);
  return total;
}

/** A copy of `m` in its order (forEach: no entry arrays made, as the Map constructor's iteration does). */
export function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/** `t`'s additive fields moved from `was` to `now`. */
export function moveBy(t: BenchmarkFigure, was: BenchmarkFigure, now: BenchmarkFigure): void {
  t.benchmarkValue += now.benchmarkValue - was.benchmarkValue;
  t.betValue += now.betValue - was.betValue;
  t.excess += now.excess - was.excess;
  t.priceEffect += now.priceEffect - was.priceEffect;
  t.emissionEffect += now.emissionEffect - was.emissionEffect;
  t.frictionEffect += now.frictionEffect - was.frictionEffect;
  t.benchmarkGain += now.benchmarkGain - was.benchmarkGain;
}
