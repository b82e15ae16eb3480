import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ActivityRow, ActivitySort } from '../../../shared/activity';
import type { ActivitySortKey } from '../../../shared/vocab';
import { ActivityHead, COLUMNS } from './ActivityHead';
import { usePrivacy } from '../app/privacy';
import type { ActivityArgs } from './choices';
import { activityQueries, PAGE_SIZE } from './queries';
import { useValidatorNames } from '../app/validators';
import { rowCellsCache, rowTitles, type Symbols } from './row-cells';
import { RowHover } from './row-hover';
import { useCellFit } from './cell-fit';
import { ActivityWindow } from './ActivityWindow';
import { ROW_HEIGHT, rowId } from './ActivityRow';

/**
 * The ledger entries, virtualised: only the rows in view (and a few around them) are in the page,
 * fetched a page of 200 at a time. Keyboard: arrows, Page Up/Down, Home/End move; Enter opens the
 * detail; Escape closes it. A header's sort button sorts with Enter or Space, as a click.
 */
export function ActivityTable({
  args,
  fiatCode,
  symbols,
  count,
  labels,
  active,
  onActive,
  onOpen,
  onClose,
  sort,
  onSort,
  sortFocused,
}: {
  args: ActivityArgs;
  /** Set when the rows carry fiat amounts (shown instead of τ). */
  fiatCode: string | undefined;
  /** Each subnet's token symbol: its α amounts are shown in it. */
  symbols: Symbols;
  count: number;
  labels: ReadonlyMap<string, string>;
  active: number | null;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onClose: () => void;
  sort: ActivitySort;
  onSort: (key: ActivitySortKey) => void;
  /** The list was just re-sorted from its header: that header's button keeps the focus (new choices remount the table). */
  sortFocused: boolean;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const fit = useCellFit(head, grid);
  const names = useValidatorNames();
  const hidden = usePrivacy();
  // Each row's text, formatted once per row while these stay the same (row-cells.ts).
  const unit = useMemo(() => ({ fiatCode, symbols }), [fiatCode, symbols]);
  const cellsOf = useMemo(() => rowCellsCache(labels, names, unit), [labels, names, unit]);
  // The hover text only for the row under the pointer (row-hover.ts).
  const [hover] = useState(() => new RowHover());
  const titlesOf = useMemo(() => (row: ActivityRow) => rowTitles(row, labels, names, unit), [labels, names, unit]);
  // The pages the window needs, as ActivityWindow reports them: this table renders when they change
  // (every 200 rows), not on every scroll frame. The first page carries the counts.
  const [pagesKey, setPagesKey] = useState('0');
  // Only a page's data re-renders the table (the rows read nothing else). Said up front: otherwise
  // react-query wraps every result in a property-tracking object on every render.
  const queries = useMemo(
    () =>
      pagesKey
        .split(',')
        .map((p) => ({ ...activityQueries.page(args, Number(p)), notifyOnChangeProps: ['data' as const] })),
    [args, pagesKey],
  );
  const results = useQueries({ queries });
  const rowAt = useMemo(() => {
    const pages = pagesKey.split(',').map(Number);
    return (index: number): ActivityRow | undefined => {
      const page = pages.indexOf(Math.floor(index / PAGE_SIZE));
      return page < 0 ? undefined : results[page]?.data?.rows[index % PAGE_SIZE];
    };
  }, [pagesKey, results]);
  // The window's scroll to a row, for the keyboard (set by ActivityWindow).
  const scrollTo = useRef<((index: number) => void) | null>(null);
  const onPages = useCallback((key: string) => setPagesKey(key), []);

  const move = (to: number) => {
    const index = Math.max(0, Math.min(count - 1, to));
    onActive(index);
    scrollTo.current?.(index);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    // Only the grid's own keys: a header's sort button takes its Enter and Space (a click), not the rows.
    if (e.target !== e.currentTarget) return;
    const at = active ?? -1;
    // Read on a key press only: no layout read while rendering.
    const perScreen = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + perScreen),
      PageUp: () => move(at - perScreen),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => active !== null && onOpen(active),
      ' ': () => active !== null && onOpen(active),
      Escape: onClose,
    };
    const action = keys[e.key];
    if (!action || count === 0) return;
    e.preventDefault();
    action();
  };

  return (
    <div
      ref={grid}
      className="activity-grid"
      role="grid"
      aria-label="Ledger entries"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      tabIndex={0}
      aria-activedescendant={active === null ? undefined : rowId(active)}
      onKeyDown={onKeyDown}
      onFocus={(e) => e.target === e.currentTarget && active === null && count > 0 && onActive(0)}
    >
      <div role="rowgroup" className="activity-head">
        <ActivityHead ref={head} sort={sort} onSort={onSort} fiatCode={fiatCode} sortFocused={sortFocused} />
      </div>
      <ActivityWindow
        scroller={scroller}
        scrollTo={scrollTo}
        args={args}
        count={count}
        rowAt={rowAt}
        onPages={onPages}
        cellsOf={cellsOf}
        titlesOf={titlesOf}
        hover={hover}
        fit={fit}
        hidden={hidden}
        active={active}
        onOpen={onOpen}
      />
    </div>
  );
}
