// The scrolling part of the Activity grid: the virtualiser and the rows in its window. Its own
// component so that a scroll frame re-renders only this one: the table around it (ActivityTable.tsx)
// holds the page queries, validator names, privacy and column widths, and renders when those change
// or the window enters another page, not on every scroll event (bench:ui Activity, README).
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, type RefObject } from 'react';
import type { ActivityRow } from '../../../shared/activity';
import type { ActivityArgs } from './choices';
import { pagesFor } from './queries';
import { usePrefetchAhead } from './prefetch-ahead';
import { useRowSlots } from './row-slots';
import type { RowCells, RowTitles } from './row-cells';
import { RowHover } from './row-hover';
import type { CellFit } from './cell-fit';
import { Row, ROW_HEIGHT } from './ActivityRow';

export interface ActivityWindowProps {
  scroller: RefObject<HTMLDivElement | null>;
  /** Set here to the virtualiser's scroll to a row (the table's keyboard moves use it). */
  scrollTo: RefObject<((index: number) => void) | null>;
  args: ActivityArgs;
  count: number;
  /** A row's entry, if its page is among the table's queries and has come. */
  rowAt: (index: number) => ActivityRow | undefined;
  /** Told the pages the window needs (`pagesFor`, joined by ','), when that changes. */
  onPages: (pagesKey: string) => void;
  cellsOf: (row: ActivityRow) => RowCells;
  titlesOf: (row: ActivityRow) => RowTitles;
  hover: RowHover;
  fit: CellFit | null;
  hidden: boolean;
  active: number | null;
  onOpen: (index: number) => void;
}

export const ActivityWindow = memo(function ActivityWindow(props: ActivityWindowProps) {
  const { scroller, scrollTo, count, rowAt, hover, active } = props;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render on the next frame rather than inside the scroll event (React batches it).
    useFlushSync: false,
  });
  useEffect(() => {
    scrollTo.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollTo, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const slots = useRowSlots(items[0]?.index ?? 0, items.length);
  const last = items.at(-1)?.index ?? 0;
  // The table subscribes to the pages of the rows rendered here; the next page is already in the cache
  // (prefetch-ahead.ts), so rows scrolling in come with their data. Told in a layout effect: when the
  // window enters a page, the table's re-render with that page runs before the frame is painted.
  const pagesKey = pagesFor(items[0]?.index ?? 0, last).join(',');
  const { onPages } = props;
  useLayoutEffect(() => onPages(pagesKey), [onPages, pagesKey]);
  usePrefetchAhead(props.args, last, count);

  return (
    <div
      ref={scroller}
      className="activity-scroll"
      role="presentation"
      // Not a Tab stop of its own. Chromium makes a scroller with nothing focusable inside one, but the
      // grid around it is the Tab stop, and its keys (arrows, Page Up/Down, Home, End) scroll this. A
      // click on a row, which focuses the nearest focusable element (this one), focuses the grid.
      tabIndex={-1}
      onFocus={(e) => {
        if (e.target === e.currentTarget)
          e.currentTarget.closest<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
      }}
    >
      <div
        role="rowgroup"
        className="activity-rows"
        style={{ height: virtualizer.getTotalSize() }}
        onMouseOver={(e) => hover.set(RowHover.indexAt(e.target))}
        onMouseLeave={() => hover.set(null)}
      >
        {slots.map(({ slot, at }) => {
          const item = items[at]!;
          const row = rowAt(item.index);
          return (
            <Row
              // A slot, not the index: the row scrolled out lends its element to the row scrolling in
              // (its text and offset change, its DOM stays), so scrolling creates and removes no
              // elements. In slot order, which scrolling never changes (the rows are placed by transform
              // and carry aria-rowindex), so React moves no element either.
              key={slot}
              index={item.index}
              start={item.start}
              row={row}
              cells={row && props.cellsOf(row)}
              titlesOf={props.titlesOf}
              hover={hover}
              fit={props.fit}
              hidden={props.hidden}
              active={item.index === active}
              onOpen={props.onOpen}
            />
          );
        })}
      </div>
    </div>
  );
});
