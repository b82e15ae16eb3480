import { describe, expect, it } from 'vitest';
import { matchFills } from './batched-orders';

const changes = (c: Record<string, bigint>) => (hotkey: string) => c[hotkey] ?? 0n;
const landed = (m: Map<number, string | null>) => Object.fromEntries(m);

describe('which position each batched fill landed on', () => {
  it('one fill: the position whose change is closest in its direction', () => {
    const m = matchFills([{ eventIndex: 1, alpha: 5_100n }], ['x', 'y'], changes({ x: 3n, y: 5_104n }));
    expect(landed(m)).toEqual({ 1: 'y' });
    // No position moved its way: on none.
    expect(landed(matchFills([{ eventIndex: 1, alpha: -50n }], ['x'], changes({ x: 10n })))).toEqual({ 1: null });
  });

  it('a buy and a sale of one position and a buy onto another in one batch (orders475 seed 1, 14,500)', () => {
    // x took the 14,823,525,126 α buy and gave the 882,645,922,668 α sale; y took the 15,564,701,383 buy.
    // x fell across the block, so the first buy, matched alone, went to y.
    const fills = [
      { eventIndex: 7, alpha: 14_823_525_126n },
      { eventIndex: 8, alpha: 15_564_701_383n },
      { eventIndex: 10, alpha: -882_645_922_668n },
    ];
    const m = matchFills(fills, ['y', 'x'], changes({ x: 14_823_525_126n - 882_645_922_668n, y: 15_564_701_383n }));
    expect(landed(m)).toEqual({ 7: 'x', 8: 'y', 10: 'x' });
  });

  it('with an epoch in the block, of the assignments leaving as much unexplained, the evener one', () => {
    // x: a 500,000 fill and 20,000 emission; y: 520,000 and 30,000. Both ways leave 50,000 unexplained.
    const fills = [
      { eventIndex: 5, alpha: 500_000n },
      { eventIndex: 6, alpha: 520_000n },
    ];
    expect(landed(matchFills(fills, ['x', 'y'], changes({ x: 520_000n, y: 550_000n })))).toEqual({ 5: 'x', 6: 'y' });
    // Both onto x.
    expect(landed(matchFills(fills, ['x', 'y'], changes({ x: 1_020_000n })))).toEqual({ 5: 'x', 6: 'x' });
  });

  it('a fill no position shows lands on none rather than on a position that did not move', () => {
    const fills = [
      { eventIndex: 1, alpha: 100n },
      { eventIndex: 2, alpha: 50n },
    ];
    expect(landed(matchFills(fills, ['x', 'y'], changes({ x: 100n })))).toEqual({ 1: 'x', 2: null });
  });

  it('too many combinations: each fill alone', () => {
    const fills = Array.from({ length: 8 }, (_, i) => ({ eventIndex: i, alpha: BigInt(1_000 + i) }));
    const hotkeys = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const m = matchFills(fills, hotkeys, (h) => BigInt(1_000 + Number(h.slice(1))));
    expect(landed(m)).toEqual(Object.fromEntries(fills.map((f, i) => [f.eventIndex, `h${i}`])));
  });
});
