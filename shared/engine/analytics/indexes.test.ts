import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PriceBook } from '../prices';
import { A, TAO, snap } from '../testing/fixtures';
import { allocateValues, unitsValue } from '../benchmarks';
import { floorDiv } from '../units';
import {
  INDEX_SCALE,
  IndexCursor,
  capWeightedIndex,
  continueIndex,
  equalWeightedIndex,
  indexAt,
  pointsIndex,
} from './indexes';

const E18 = INDEX_SCALE;

// block 10: SN1 1.0 (αOut 100), SN2 1.0 (αOut 300)        → both indexes start at 1.0
// block 20: SN1 2.0                                          (SN2 unchanged)
// block 30: SN2 0.5; SN1 re-read at 2.0 with αOut 200       (a supply change, not a price change)
// block 40: SN3 appears at 4.0 (αOut 50)                     (joins the weights, no return yet)
// block 50: SN3 2.0
// root (netuid 0) snapshots are never part of a subnet basket
const prices = new PriceBook([
  snap(10, 1, 1n * TAO, { alphaOut: 100n * A }),
  snap(10, 2, 1n * TAO, { alphaOut: 300n * A }),
  snap(10, 0, 1n * TAO, { alphaOut: 999n * A }),
  snap(20, 1, 2n * TAO, { alphaOut: 100n * A }),
  snap(30, 2, TAO / 2n, { alphaOut: 300n * A }),
  snap(30, 1, 2n * TAO, { alphaOut: 200n * A }),
  snap(40, 3, 4n * TAO, { alphaOut: 50n * A }),
  snap(50, 3, 2n * TAO, { alphaOut: 50n * A }),
]);

describe('chained subnet basket indexes (hand-worked)', () => {
  it('cap-weighted: × 500/400 at 20, × 350/500 at 30, × 650/750 at 50', () => {
    // 20: caps 100×1 + 300×1 = 400 → 100×2 + 300×1 = 500: 1.25
    // 30: caps 200 + 300 = 500 → 200 + 300×0.5 = 350: 1.25 × 0.7 = 0.875; then SN1 supply 200 → caps 400 + 150 = 550
    // 40: SN3 joins: caps 550 + 200 = 750
    // 50: SN3 4 → 2: 750 → 650: floor(0.875e18 × 650 / 750) = 758,333,333,333,333,333
    const idx = capWeightedIndex(prices, 1_000);
    expect(idx.startBlock).toBe(10);
    expect(idx.points).toEqual([
      { blockNumber: 20, value: 1_250_000_000_000_000_000n },
      { blockNumber: 30, value: 875_000_000_000_000_000n },
      { blockNumber: 50, value: 758_333_333_333_333_333n },
    ]);
  });

  it('equal-weighted: + (2/1 − 1)/2 at 20, + (0.5/1 − 1)/2 at 30, + (2/4 − 1)/3 at 50', () => {
    // 20: 1 + 1 × 1/2 = 1.5;  30: 1.5 + 1.5 × (−0.5)/2 = 1.125;  50 (N = 3): 1.125 + 1.125 × (−0.5)/3 = 0.9375
    const idx = equalWeightedIndex(prices, 1_000);
    expect(idx.points.map((p) => p.value)).toEqual([
      1_500_000_000_000_000_000n,
      1_125_000_000_000_000_000n,
      937_500_000_000_000_000n,
    ]);
  });

  it('as of a block, later snapshots are ignored; lookups take the last step at or before the block', () => {
    const idx = capWeightedIndex(prices, 35);
    expect(idx.points.map((p) => p.blockNumber)).toEqual([20, 30]);
    expect(indexAt(idx, 5)).toBe(E18);
    expect(indexAt(idx, 20)).toBe(1_250_000_000_000_000_000n);
    expect(indexAt(idx, 29)).toBe(1_250_000_000_000_000_000n);
    const cursor = new IndexCursor(idx);
    expect([5, 19, 20, 31, 99].map((b) => cursor.at(b))).toEqual([5, 19, 20, 31, 99].map((b) => indexAt(idx, b)));
  });

  it('no snapshots: unavailable; a points index starts at its first point', () => {
    expect(capWeightedIndex(new PriceBook([]), 100)).toMatchObject({ available: false, startBlock: null });
    const p = pointsIndex([
      { blockNumber: 9, value: 2n * E18 },
      { blockNumber: 3, value: E18 },
    ]);
    expect(p.startBlock).toBe(3);
    expect(indexAt(p, 10)).toBe(2n * E18);
  });
});

describe('a netuid pruned and registered again (NetworkRegisteredAt differs)', () => {
  // SN1 (registered at 0) at 0.01 τ, pruned; another subnet registered at 25 takes netuid 1 at 1.0 τ.
  // SN2 (registered at 0) at 1.0 → 2.0 at 30. Only SN2's move is a return of the basket.
  const lives = (registeredAgain: number) =>
    new PriceBook([
      snap(10, 1, TAO / 100n, { alphaOut: 100n * A, registeredAt: 0 }),
      snap(10, 2, TAO, { alphaOut: 100n * A, registeredAt: 0 }),
      snap(30, 1, TAO, { alphaOut: 100n * A, registeredAt: registeredAgain }),
      snap(30, 2, 2n * TAO, { alphaOut: 100n * A, registeredAt: 0 }),
    ]);

  it('the new subnet joins the weights with no return from the old one', () => {
    // cap: SN1 1 + SN2 100 = 101 → SN2 at 2: 201 (SN1's jump to 1.0 is not a price change): 201/101
    expect(capWeightedIndex(lives(25), 1_000).points).toEqual([{ blockNumber: 30, value: floorDiv(E18 * 201n, 101n) }]);
    // equal: 1 + (2/1 − 1)/2 = 1.5 (not 1 + (100 − 1 + 1)/2 = 51)
    expect(equalWeightedIndex(lives(25), 1_000).points).toEqual([
      { blockNumber: 30, value: 1_500_000_000_000_000_000n },
    ]);
  });

  it('the same registration block is one subnet: its price move is a return', () => {
    // cap: 101 → SN1 100 + SN2 200 = 300
    expect(capWeightedIndex(lives(0), 1_000).points).toEqual([{ blockNumber: 30, value: floorDiv(E18 * 300n, 101n) }]);
    // equal: 1 + ((100 − 1) + (2 − 1))/2 = 51
    expect(equalWeightedIndex(lives(0), 1_000).points).toEqual([{ blockNumber: 30, value: 51n * E18 }]);
  });
});

describe('a chained index continued over later blocks', () => {
  const builds = { cap: capWeightedIndex, equal: equalWeightedIndex };
  // One block's pools at a time, as live sync records them.
  const later = [
    [snap(60, 1, 3n * TAO, { alphaOut: 200n * A }), snap(60, 0, 2n * TAO, { alphaOut: 999n * A })],
    [snap(70, 4, 1n * TAO, { alphaOut: 80n * A }), snap(70, 2, TAO / 4n, { alphaOut: 300n * A })],
    [snap(80, 4, 3n * TAO, { alphaOut: 80n * A })],
  ];
  const book = (extra: ReturnType<typeof snap>[]) => {
    const b = new PriceBook([]);
    for (const s of [...(prices.series(0) as []), ...[1, 2, 3].flatMap((n) => prices.series(n))]) b.add(s);
    for (const s of extra) b.add(s);
    return b;
  };

  for (const [name, build] of Object.entries(builds))
    it(`${name}: block by block, equals the index built anew, and leaves the earlier one as it was`, () => {
      const b = book([]);
      let idx = build(b, 1_000);
      for (const block of later) {
        const before = structuredClone(idx.points);
        for (const s of block) b.add(s);
        const next = continueIndex(idx, b, 1_000);
        expect(next).not.toBeNull();
        expect(idx.points).toEqual(before);
        const anew = build(b, 1_000);
        expect(next?.points).toEqual(anew.points);
        expect(next?.startBlock).toBe(anew.startBlock);
        idx = next as typeof idx;
      }
      expect(idx.points.length).toBeGreaterThan(3);
    });

  it('is refused when a snapshot lands at or before the last block folded, or past the as-of block', () => {
    const b = book([]);
    const idx = capWeightedIndex(b, 1_000);
    b.add(snap(50, 1, 5n * TAO, { alphaOut: 200n * A })); // same block as the last folded
    expect(continueIndex(idx, b, 1_000)).toBeNull();
    const c = book([]);
    const idx2 = capWeightedIndex(c, 1_000);
    c.add(snap(45, 2, 5n * TAO, { alphaOut: 300n * A })); // an earlier block
    c.add(snap(90, 2, 6n * TAO, { alphaOut: 300n * A }));
    expect(continueIndex(idx2, c, 1_000)).toBeNull();
    const d = book([]);
    const idx3 = capWeightedIndex(d, 1_000);
    d.add(snap(90, 2, 6n * TAO, { alphaOut: 300n * A }));
    expect(continueIndex(idx3, d, 85)).toBeNull();
    // An index built as of a block before the book's last snapshot cannot be continued either.
    expect(continueIndex(capWeightedIndex(d, 40), d, 1_000)).toBeNull();
  });
});

describe('benchmark values split over positions', () => {
  it('largest remainders get the rao the floors leave, so parts sum to the whole', () => {
    // 3 positions × 1 unit at index 0.666…: each floors to 0 (remainder 0.666…), the whole is
    // floor(3 × 0.666…) = 1, so one position gets 1 rao: equal remainders → key order → 'a'
    const third = (2n * E18) / 3n;
    const v = allocateValues(
      new Map([
        ['b', 1n],
        ['a', 1n],
        ['c', 1n],
      ]),
      third,
    );
    expect([...v.entries()].sort()).toEqual([
      ['a', 1n],
      ['b', 0n],
      ['c', 0n],
    ]);
  });

  it('property: parts sum to the value of all units, each within one rao of its own floor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: 1n, max: 5n * E18 }),
        (units, idx) => {
          const m = new Map(units.map((u, i) => [`p${i}`, u]));
          const v = allocateValues(m, idx);
          let sum = 0n;
          for (const [k, u] of m) {
            const x = v.get(k) as bigint;
            expect(x - unitsValue(u, idx)).toBeGreaterThanOrEqual(0n);
            expect(x - unitsValue(u, idx)).toBeLessThanOrEqual(1n);
            sum += x;
          }
          expect(sum).toBe(floorDiv(units.reduce((a, b) => a + b, 0n) * idx, E18));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
