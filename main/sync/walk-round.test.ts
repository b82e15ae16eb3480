import { describe, expect, it } from 'vitest';
import { stakeSamples, walkRound, walkSegments, walkWindow, WALK_PLAN } from './walk-round';

describe('walkRound', () => {
  it('steps the chains within a window of the highest together and leaves the rest waiting', () => {
    const found = new Set<number>();
    const r = walkRound(
      [
        { hot: 'a', v: 100_000 },
        { hot: 'b', v: 95_000 },
        { hot: 'c', v: 80_000 },
        { hot: 'd', v: 200_000 }, // above hi: done
        { hot: 'e', v: 0 }, // below lo: done
      ],
      10,
      150_000,
      7_200,
      found,
    );
    expect(r).toEqual({
      waiting: [{ hot: 'c', v: 80_000 }],
      fresh: [100_000, 95_000],
      active: [
        { hot: 'a', v: 100_000 },
        { hot: 'b', v: 95_000 },
      ],
      stepping: [
        { hot: 'a', v: 100_000 },
        { hot: 'b', v: 95_000 },
      ],
      hashes: [100_000, 95_000, 99_999, 94_999],
    });
    expect([...found]).toEqual([100_000, 95_000]);
  });

  it('decodes a block two chains reach only once, and a chain at lo stops after its block', () => {
    const found = new Set([50]);
    const r = walkRound(
      [
        { hot: 'a', v: 50 },
        { hot: 'b', v: 40 },
        { hot: 'c', v: 40 },
        { hot: 'd', v: 10 },
      ],
      10,
      100,
      7_200,
      found,
    );
    expect(r?.fresh).toEqual([40, 10]);
    // Every chain within the window reached its block, the one at lo too (fill-pairs.ts).
    expect(r?.active.map((s) => `${s.hot}@${s.v}`)).toEqual(['a@50', 'b@40', 'c@40', 'd@10']);
    expect(r?.stepping.map((s) => s.hot)).toEqual(['a', 'b', 'c']);
    expect(r?.hashes).toEqual([40, 10, 49, 39, 39]);
  });

  it('ends when no chain is left in the range', () => {
    expect(walkRound([{ hot: 'a', v: 5 }], 10, 100, 7_200, new Set())).toBeNull();
    expect(walkRound([], 10, 100, 7_200, new Set())).toBeNull();
  });

  it('widens the window to a 16th of long ranges', () => {
    expect(walkWindow(1, 100)).toBe(7_200);
    expect(walkWindow(1, 2_628_000)).toBe(164_250);
  });
});

describe('walkSegments and stakeSamples', () => {
  it('cuts a range into adjacent stretches, highest first, that cover it exactly', () => {
    const segs = walkSegments(1, 2_628_000, 4, 250_000);
    expect(segs).toEqual([
      { lo: 1_971_001, hi: 2_628_000 },
      { lo: 1_314_001, hi: 1_971_000 },
      { lo: 657_001, hi: 1_314_000 },
      { lo: 1, hi: 657_000 },
    ]);
    // Uneven spans leave no block out and none twice.
    const odd = walkSegments(17, 1_000_016, 3, 100);
    expect(odd[0]?.hi).toBe(1_000_016);
    expect(odd.at(-1)?.lo).toBe(17);
    for (let i = 1; i < odd.length; i++) expect(odd[i]?.hi).toBe((odd[i - 1]?.lo ?? 0) - 1);
  });

  it('keeps a short range (live following) one stretch', () => {
    expect(walkSegments(5_000, 5_300, 4, 250_000)).toEqual([{ lo: 5_000, hi: 5_300 }]);
    expect(walkSegments(1, 600_000, 4, 250_000)).toHaveLength(2);
  });

  it('samples a year every ~11 days (32 blocks, the stretch tops among them) and a short range not at all', () => {
    const samples = stakeSamples(1, 2_628_000);
    expect(samples).toHaveLength(31);
    expect(samples[0]).toBe(2_628_000 - 82_125);
    for (const s of walkSegments(1, 2_628_000, WALK_PLAN.stretches, WALK_PLAN.stretchMin).slice(1))
      expect(samples).toContain(s.hi);
    expect(stakeSamples(1, 120_000)).toEqual([60_000]);
    expect(stakeSamples(1, 40_000)).toEqual([]);
  });
});
