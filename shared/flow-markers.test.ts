import { describe, expect, it } from 'vitest';
import { foldMarkers } from './flow-markers';
import type { MarkerView } from './views-analytics';

const TAO = 1_000_000_000n;
const DAY = 86_400_000;
const marker = (t: number, netuid: number, staked: bigint | null, stakes: number, unstaked = 0n, unstakes = 0) =>
  ({ day: new Date(t).toISOString().slice(0, 10), t, netuid, staked, unstaked, stakes, unstakes }) as MarkerView;

describe('foldMarkers', () => {
  it('folds per-subnet markers to one per day, each side keeping its subnets’ summed amounts and counts', () => {
    // Day 0: SN1 staked 5 τ in 2 stakes; SN2 staked 1 τ once and unstaked 3 τ in 2. Day 1: SN1 unstaked 0.5 τ.
    const out = foldMarkers([
      marker(0, 1, 5n * TAO, 2),
      marker(0, 2, TAO, 1, 3n * TAO, 2),
      marker(DAY, 1, 0n, 0, TAO / 2n, 1),
    ]);
    expect(out).toEqual([
      {
        day: '1970-01-01',
        t: 0,
        staked: {
          parts: [
            { netuid: 1, amount: 5n * TAO, count: 2 },
            { netuid: 2, amount: TAO, count: 1 },
          ],
          more: 0,
        },
        unstaked: { parts: [{ netuid: 2, amount: 3n * TAO, count: 2 }], more: 0 },
      },
      {
        day: '1970-01-02',
        t: DAY,
        staked: null,
        unstaked: { parts: [{ netuid: 1, amount: 500_000_000n, count: 1 }], more: 0 },
      },
    ]);
  });

  it('names four subnets a side and counts the rest; keeps a missing fiat amount as null', () => {
    // Six subnets staked on one day (SN3's fiat amount unknown): SN1..SN4 named, 2 more.
    const out = foldMarkers([1, 2, 3, 4, 5, 6].map((n) => marker(0, n, n === 3 ? null : BigInt(n) * TAO, 1)));
    expect(out).toHaveLength(1);
    expect(out[0]!.unstaked).toBeNull();
    expect(out[0]!.staked).toEqual({
      parts: [
        { netuid: 1, amount: TAO, count: 1 },
        { netuid: 2, amount: 2n * TAO, count: 1 },
        { netuid: 3, amount: null, count: 1 },
        { netuid: 4, amount: 4n * TAO, count: 1 },
      ],
      more: 2,
    });
  });

  it('makes no marker from a row with neither stakes nor unstakes', () => {
    expect(foldMarkers([marker(0, 1, 0n, 0)])).toEqual([]);
  });
});
