import { useMemo, useState } from 'react';

/** A rendered row's slot (its React key) and where its index is in the window (0 for its first row). */
export interface RowSlot {
  slot: number;
  at: number;
}

/**
 * Recycles row slots for a virtualised list: an index still in the window keeps its slot, an index
 * entering takes the lowest slot free (one a row leaving gave up). Slots stay below the longest
 * window's length. Returned in slot order: a window scrolling by keeps every slot's place in that order.
 * Each window allocates only what it returns (no maps or sets: it runs every scroll frame, bench:ui).
 */
export class SlotKeeper {
  /** The index each slot holds, or -1 for a free slot. */
  private readonly held: number[] = [];
  /** Scratch: the slot of each window position (reused across windows). */
  private slotAt = new Int32Array(64);

  assign(first: number, count: number): RowSlot[] {
    const held = this.held;
    if (this.slotAt.length < count) this.slotAt = new Int32Array(count * 2);
    const slotAt = this.slotAt;
    slotAt.fill(-1, 0, count);
    for (let s = 0; s < held.length; s++) {
      const at = held[s]! - first;
      if (held[s]! >= 0 && at >= 0 && at < count) slotAt[at] = s;
      else held[s] = -1;
    }
    let free = 0;
    for (let at = 0; at < count; at++) {
      if (slotAt[at]! >= 0) continue;
      while (free < held.length && held[free]! >= 0) free++;
      if (free === held.length) held.push(-1);
      held[free] = first + at;
      slotAt[at] = free;
    }
    const slots: RowSlot[] = [];
    for (let s = 0; s < held.length; s++) if (held[s]! >= 0) slots.push({ slot: s, at: held[s]! - first });
    return slots;
  }
}

/** SlotKeeper across renders for the window of `count` rows from index `first` (the virtualiser's range). */
export function useRowSlots(first: number, count: number): RowSlot[] {
  const [keeper] = useState(() => new SlotKeeper());
  // Once per window: a render that does not move it (a page of rows arriving) keeps its slots as they are.
  return useMemo(() => keeper.assign(first, count), [keeper, first, count]);
}
