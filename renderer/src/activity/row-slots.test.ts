import { describe, expect, it } from 'vitest';
import { assignSlots } from './row-slots';

const range = (first: number, count: number) => Array.from({ length: count }, (_, k) => first + k);

describe('assignSlots', () => {
  it('a scrolling window lends the slots of the rows leaving to the rows entering, in a fixed order', () => {
    let kept: ReadonlyMap<number, number> = new Map();
    const first = assignSlots(kept, range(0, 6));
    expect(first.slots.map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5]);
    kept = first.next;
    // Scrolled by two rows: 0 and 1 leave, 6 and 7 take their slots; rows 2–5 keep theirs.
    const second = assignSlots(kept, range(2, 6));
    const slotOf = new Map(second.slots.map((s) => [range(2, 6)[s.at], s.slot]));
    expect([...slotOf].sort((a, b) => a[0]! - b[0]!)).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 0],
      [7, 1],
    ]);
    // Slot order: each slot keeps its place whatever index it holds.
    expect(second.slots.map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('slots stay distinct and below the longest window through jumps and resizes', () => {
    let kept: ReadonlyMap<number, number> = new Map();
    let longest = 0;
    for (const [first, count] of [
      [0, 20],
      [5, 21],
      [9, 19],
      [500, 20],
      [503, 22],
      [0, 0],
      [1, 3],
    ] as const) {
      const { next, slots } = assignSlots(kept, range(first, count));
      longest = Math.max(longest, count);
      const used = slots.map((s) => s.slot);
      expect(new Set(used).size).toBe(count);
      expect(Math.max(-1, ...used)).toBeLessThan(longest);
      expect(slots.map((s) => s.at).sort((a, b) => a - b)).toEqual(range(0, count));
      kept = next;
    }
  });
});
