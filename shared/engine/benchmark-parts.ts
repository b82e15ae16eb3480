/**
 * The parts of a benchmark set (./benchmark-set) that a full computation and the step after an append
 * share: a subnet's split of its value, a position's figures, the subnets' sums and the total, each
 * reusing what the engine kept where its inputs are equal.
 */
import { benchmarkIds, type BenchmarkId } from '../vocab';
import {
  addInto,
  allocateUnits,
  benchmarkFigure,
  betParts,
  figureAt,
  emptyFigure,
  recordOf,
  type BenchmarkFigure,
  type Benchmarks,
  type BenchmarkUnits,
  type BetFigures,
} from './benchmarks';
import type { BenchmarkKeep } from './benchmark-set';

/** One subnet's split of one benchmark's value: its inputs, the values it gave (in the order of `keys`) and their sum. */
export interface Split {
  at: bigint;
  keys: readonly string[];
  units: readonly bigint[];
  values: readonly bigint[];
  total: bigint;
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
export const sameKeys: (a: readonly string[], b: readonly string[]) => boolean = sameList;

/**
 * One subnet's split of a benchmark's value over its positions `keys` at index value `at` (kept when
 * its inputs are).
 */
export function splitOf(
  unitsOf: (key: string) => bigint,
  at: bigint,
  netuid: number,
  keys: readonly string[],
  kept: Map<number, Split>,
): Split {
  const last = kept.get(netuid);
  let same = last !== undefined && last.at === at && sameList(last.keys, keys);
  for (let i = 0; same && i < keys.length; i++) same = unitsOf(keys[i] as string) === (last as Split).units[i];
  if (same) return last as Split;
  const units = keys.map(unitsOf);
  const split = { at, keys, units, ...allocateUnits(keys, units, at) };
  kept.set(netuid, split);
  return split;
}

/** `split`'s positions with the same units, at index value `at` (kept when it is the split's). */
export function resplit(split: Split, at: bigint, netuid: number, kept: Map<number, Split>): Split {
  if (split.at === at) return split;
  const next = { at, keys: split.keys, units: split.units, ...allocateUnits(split.keys, split.units, at) };
  kept.set(netuid, next);
  return next;
}

export type Figures = ReadonlyMap<string, { netuid: number; figures: BetFigures }>;
/** The units of every benchmark and the positions waiting for each index. */
export interface Sets {
  units: Record<BenchmarkId, BenchmarkUnits>;
  waiting: Record<BenchmarkId, ReadonlySet<string>>;
}
/** Per benchmark and subnet: the split of the subnet's value, in the order of its members' keys. */
export type Values = Record<BenchmarkId, Map<number, Split>>;

/**
 * Whether `kept` is the figure benchmarkFigure(f, value, available, complete) gives: its fields are
 * functions of exactly these (net invested = benchmarkValue − benchmarkGain). `sameBet`: `kept` was
 * made from the same bet figures object, so only the benchmark's own inputs need comparing.
 */
function sameFigure(
  kept: BenchmarkFigure,
  f: BetFigures,
  sameBet: boolean,
  value: bigint,
  available: boolean,
  complete: boolean,
): boolean {
  if (kept.benchmarkValue !== value || kept.available !== available || kept.complete !== complete) return false;
  return (
    sameBet ||
    (kept.betValue === f.spotValue &&
      kept.emissionEffect === f.incomeTao &&
      kept.frictionEffect === -f.friction &&
      kept.benchmarkValue - kept.benchmarkGain === f.taoIn - f.taoOut)
  );
}

/**
 * Figures, subnet sums and the total of the subnets in `members`, reusing what `keep` holds where
 * equal. A subnet's sum is the figure of its positions' summed bet figures and its split's total: every
 * field of a figure is a sum of differences of those, so this is exactly the sum of its positions'
 * figures (bigint sums, exact in any order), for 4 additions per position instead of 7 per benchmark.
 * `sameWaiting`: every position waits for each index as when its kept figures were made (the step
 * after appends checks it), so a kept figure's `complete` is the flag and no set is looked up.
 */
export function figuresOf(
  members: ReadonlyMap<number, readonly string[]>,
  figures: Figures,
  sets: Sets,
  values: Values,
  keep: BenchmarkKeep,
  into: { positions: Map<string, Benchmarks>; subnets: Map<number, Benchmarks> },
  sameWaiting = false,
): void {
  const ids = benchmarkIds;
  const n = ids.length;
  const available = ids.map((id) => sets.units[id].index.available);
  const waiting = ids.map((id) => (sets.waiting[id].size > 0 ? sets.waiting[id] : null));
  // Per benchmark: whether the position in hand has all its flows in the index (reused per position).
  const done = ids.map(() => true);
  const parts = betParts({ taoIn: 0n, taoOut: 0n, spotValue: 0n, incomeTao: 0n, friction: 0n });
  for (const [netuid, keys] of members) {
    const splits = ids.map((id) => values[id].get(netuid) as Split);
    const split = splits.map((s) => s.values);
    const complete = ids.map(() => true);
    const bets = { taoIn: 0n, taoOut: 0n, spotValue: 0n, incomeTao: 0n, friction: 0n };
    let changed = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const f = (figures.get(key) as { figures: BetFigures }).figures;
      const kept = keep.positions.get(key);
      let b = kept?.b;
      const sameBet = kept?.bet === f;
      for (let j = 0; j < n; j++) {
        const value = (split[j] as readonly bigint[])[i] as bigint;
        const k = kept?.b[ids[j] as BenchmarkId];
        const w = waiting[j] ?? null;
        const d = sameWaiting && k ? k.complete : w === null || !w.has(key);
        done[j] = d;
        complete[j] &&= d;
        if (b && !sameFigure(k as BenchmarkFigure, f, sameBet, value, available[j] as boolean, d)) b = undefined;
      }
      if (!b) {
        betParts(f, parts);
        const made = {} as Benchmarks;
        for (let j = 0; j < n; j++) {
          const value = (split[j] as readonly bigint[])[i] as bigint;
          made[ids[j] as BenchmarkId] = figureAt(parts, value, available[j] as boolean, done[j] as boolean);
        }
        b = made;
        changed = true;
      }
      if (kept) {
        kept.bet = f;
        kept.b = b;
      } else keep.positions.set(key, { bet: f, b });
      into.positions.set(key, b);
      bets.taoIn += f.taoIn - f.taoOut;
      bets.spotValue += f.spotValue;
      bets.incomeTao += f.incomeTao;
      bets.friction += f.friction;
    }
    const last = keep.subnets.get(netuid);
    let sum = last && !changed && sameList(last.keys, keys) ? last.sum : null;
    if (!sum) {
      const s = {} as Benchmarks;
      for (let j = 0; j < n; j++)
        s[ids[j] as BenchmarkId] = benchmarkFigure(
          bets,
          (splits[j] as Split).total,
          available[j] as boolean,
          complete[j] as boolean,
        );
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
