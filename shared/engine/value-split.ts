/**
 * A value split over positions by largest remainder (./benchmarks): the positions' values sum exactly
 * to the value of their units together, so positions add up to their subnet and subnets to the total.
 */
import { INDEX_SCALE } from './analytics/indexes';
import { floorDiv } from './units';

/**
 * Values per position whose sum is exactly the value of all units together: each gets its floor,
 * and the rao the floors leave go one each to the largest remainders (ties: key order).
 */
export function allocateValues(byPosition: ReadonlyMap<string, bigint>, indexValue: bigint): Map<string, bigint> {
  const keys = [...byPosition.keys()];
  const { values } = allocateUnits(keys, [...byPosition.values()], indexValue);
  return new Map(keys.map((k, i) => [k, values[i] as bigint]));
}

/** `allocateValues` of the positions `keys` holding `units` (the same order): their values in that order, and their sum. */
export function allocateUnits(
  keys: readonly string[],
  units: readonly bigint[],
  indexValue: bigint,
): { values: bigint[]; total: bigint } {
  const out: bigint[] = [];
  let numerator = 0n;
  let floors = 0n;
  // The positions with a remainder, and each position's remainder (by index).
  const withRest: number[] = [];
  const rest: bigint[] = [];
  for (let i = 0; i < units.length; i++) {
    const n = (units[i] as bigint) * indexValue;
    // (Truncation is the floor of a value ≥ 0, and % its remainder: one division, no product.)
    const f = n >= 0n ? n / INDEX_SCALE : floorDiv(n, INDEX_SCALE);
    out.push(f);
    numerator += n;
    floors += f;
    const r = n >= 0n ? n % INDEX_SCALE : n - f * INDEX_SCALE;
    rest.push(r);
    if (r > 0n) withRest.push(i);
  }
  const total = floorDiv(numerator, INDEX_SCALE);
  let left = total - floors;
  if (left > 0n) {
    const key = (i: number): string => keys[i] as string;
    withRest.sort((a, b) => {
      const ra = rest[a] as bigint;
      const rb = rest[b] as bigint;
      return ra > rb ? -1 : ra < rb ? 1 : key(a) < key(b) ? -1 : 1;
    });
    for (const i of withRest) {
      if (left === 0n) break;
      out[i] = (out[i] as bigint) + 1n;
      left--;
    }
  }
  // Every rao the floors left went to a remainder (there are more remainders than rao left): they sum to `total`.
  return { values: out, total };
}
