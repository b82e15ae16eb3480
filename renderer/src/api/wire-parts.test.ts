import { describe, expect, it } from 'vitest';
import { joinLongArrays, splitLongArrays } from './wire-parts';

/** A portfolio-view-like answer: long arrays at several depths, short ones, and arrays of arrays. */
function answer() {
  const point = (i: number) => ({ day: `d${i}`, value: BigInt(i) * 10n ** 9n, bySubnet: { 1: BigInt(i) } });
  return {
    id: 7,
    response: {
      data: {
        daily: Array.from({ length: 365 }, (_, i) => point(i)),
        positions: Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, figures: { alpha: BigInt(i) } })),
        total: { figures: { value: 5n }, short: [1, 2, 3] },
        income: { day: Array.from({ length: 49 }, (_, i) => i), week: [1n] },
        grid: Array.from({ length: 3 }, () => Array.from({ length: 200 }, (_, i) => i)),
        empty: [],
        none: null,
      },
    },
  };
}

describe('wire parts', () => {
  it('long arrays travel as slices of at most 48 items and join back to the same value', () => {
    const value = answer();
    const { arrays, slices } = splitLongArrays(value);
    expect(arrays.map((a) => a.path.join('.'))).toEqual([
      'response.data.daily',
      'response.data.positions',
      'response.data.income.day',
    ]);
    expect(arrays.map((a) => a.slices)).toEqual([8, 3, 2]);
    expect(slices).toHaveLength(13);
    expect(Math.max(...slices.map((s) => s.length))).toBe(48);
    // What is left to send whole: the long arrays are empty; short ones and arrays of arrays stay.
    expect(value.response.data.daily).toEqual([]);
    expect(value.response.data.total.short).toEqual([1, 2, 3]);
    expect(value.response.data.grid[0]).toHaveLength(200);
    expect(
      joinLongArrays(
        structuredClone(value),
        arrays,
        slices.map((s) => structuredClone(s)),
      ),
    ).toEqual(answer());
  });

  it('leaves a value without long arrays (and a non-object) as it is', () => {
    const small = { id: 1, response: { data: [1, 2, 3] } };
    expect(splitLongArrays(small)).toEqual({ arrays: [], slices: [] });
    expect(splitLongArrays('text')).toEqual({ arrays: [], slices: [] });
    expect(joinLongArrays(small, [], [])).toEqual({ id: 1, response: { data: [1, 2, 3] } });
  });
});
