import { describe, expect, it } from 'vitest';
import { SlotKeeper } from './row-slots';

const range = (first: number, count: number) => Array.from({ length: count }, (_, k) => first + k);

describe('SlotKeeper', () => {
  it('a scrolling window lends the slots of the rows leaving to the rows entering, in a fixed order', () => {
    const keeper = new SlotKeeper();
    const first = keeper.assign(0, 6);
    expect(first.map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5]);
    // Scrolled by two rows: 0 and 1 leave, 6 and 7 take their slots; rows 2–5 keep theirs.
    const second = keeper.assign(2, 6);
    const slotOf = new Map(second.map((s) => [range(2, 6)[s.at], s.slot]));
    expect([...slotOf].sort((a, b) => a[0]! - b[0]!)).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 0],
      [7, 1],
    ]);
    // Slot order: each slot keeps its place whatever index it holds.
    expect(second.map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('slots stay distinct and below the longest window through jumps and resizes', () => {
    const keeper = new SlotKeeper();
    let longest = 0;
    for (const [first, count] of [
      [0, 20],
      [5, 21],
      [9, 19],
      [500, 20],
      [503, 22],
      [0, 0],
      [1, 3],
      [2, 200],
    ] as const) {
      const slots = keeper.assign(first, count);
      longest = Math.max(longest, count);
      const used = slots.map((s) => s.slot);
      expect(new Set(used).size).toBe(count);
      expect(Math.max(-1, ...used)).toBeLessThan(longest);
      expect(slots.map((s) => s.at).sort((a, b) => a - b)).toEqual(range(0, count));
    }
  });

  it('a row that stays in a window that shrinks and grows keeps its slot', () => {
    const keeper = new SlotKeeper();
    const slotOf = (slots: { slot: number; at: number }[], first: number, index: number) =>
      slots.find((s) => first + s.at === index)!.slot;
    const a = keeper.assign(10, 8);
    const b = keeper.assign(12, 3);
    const c = keeper.assign(11, 9);
    expect(slotOf(b, 12, 13)).toBe(slotOf(a, 10, 13));
    expect(slotOf(c, 11, 13)).toBe(slotOf(a, 10, 13));
  });
});
