import { useMemo, useState } from 'react';

/** A rendered row's slot (its React key) and where its index is in the list handed in. */
export interface RowSlot {
  slot: number;
  at: number;
}

/**
 * Recycles row slots for a virtualised list: an index still in the window keeps its slot, an index
 * entering takes the lowest slot free (one a row leaving gave up). Slots stay below the longest
 * window's length. Returned in slot order: a window scrolling by keeps every slot's place in that order.
 */
export function assignSlots(previous: ReadonlyMap<number, number>, indices: readonly number[]) {
  const next = new Map<number, number>();
  const taken = new Set<number>();
  for (const i of indices) {
    const slot = previous.get(i);
    if (slot !== undefined) {
      next.set(i, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  const slots: RowSlot[] = indices.map((i, at) => {
    let slot = next.get(i);
    if (slot === undefined) {
      while (taken.has(free)) free++;
      slot = free;
      taken.add(slot);
      next.set(i, slot);
    }
    return { slot, at };
  });
  return { next, slots: slots.sort((a, b) => a.slot - b.slot) };
}

/** The slots of the last window, handed to the next one. */
class SlotKeeper {
  private slots: ReadonlyMap<number, number> = new Map();
  assign(indices: readonly number[]): RowSlot[] {
    const { next, slots } = assignSlots(this.slots, indices);
    this.slots = next;
    return slots;
  }
}

/** assignSlots across renders for the window of `count` rows from index `first` (the virtualiser's range). */
export function useRowSlots(first: number, count: number): RowSlot[] {
  const [keeper] = useState(() => new SlotKeeper());
  // Once per window: a render that does not move it (a page of rows arriving) keeps its slots as they are.
  return useMemo(() => keeper.assign(Array.from({ length: count }, (_, k) => first + k)), [keeper, first, count]);
}
