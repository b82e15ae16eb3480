// Which Activity row the pointer is on, for the rows' hover text (row-cells.ts `rowTitles`). A store
// outside React state: a row asks only "is it me?", so a hover change re-renders the row the pointer
// left and the one it entered, not the rows' window (ActivityWindow.tsx: it renders every scroll frame).
import { useSyncExternalStore } from 'react';

export class RowHover {
  private index: number | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  is(index: number): boolean {
    return this.index === index;
  }

  set(index: number | null): void {
    if (index === this.index) return;
    this.index = index;
    for (const l of this.listeners) l();
  }

  /** The row under a pointer event's target (rows carry `aria-rowindex`, the header's is 1), or null. */
  static indexAt(target: EventTarget | null): number | null {
    const row = target instanceof Element ? target.closest('[aria-rowindex]') : null;
    const at = Number(row?.getAttribute('aria-rowindex'));
    return at >= 2 ? at - 2 : null;
  }
}

/** Whether the pointer is on row `index`. */
export function useHovered(hover: RowHover, index: number): boolean {
  return useSyncExternalStore(hover.subscribe, () => hover.is(index));
}
