import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import { useRowSlots } from './row-slots';
import type { ActivityRow, ActivitySort } from '../../../shared/activity';
import type { ActivitySortKey } from '../../../shared/vocab';
import { ActivityHead, COLUMNS } from './ActivityHead';
import { maskDigits } from '../app/format';
import { usePrivacy } from '../app/privacy';
import type { ActivityArgs } from './choices';
import { activityQueries, PAGE_SIZE, pagesFor } from './queries';
import { useValidatorNames } from '../app/validators';
import { rowCellsCache, rowTitles, type Figure, type RowCells, type RowTitles } from './row-cells';
import { RowHover, useHovered } from './row-hover';
import { needsCut, useCellFit, type CellFit, type CutColumn } from './cell-fit';
import { usePrefetchAhead } from './prefetch-ahead';

export const ROW_HEIGHT = 40;

export const rowId = (index: number) => `activity-row-${index}`;

/**
 * The ledger entries, virtualised: only the rows in view (and a few around them) are in the page,
 * fetched a page of 200 at a time. Keyboard: arrows, Page Up/Down, Home/End move; Enter opens the
 * detail; Escape closes it.
 */
export function ActivityTable({
  args,
  fiatCode,
  count,
  labels,
  active,
  onActive,
  onOpen,
  onClose,
  sort,
  onSort,
}: {
  args: ActivityArgs;
  /** Set when the rows carry fiat amounts (shown instead of τ). */
  fiatCode: string | undefined;
  count: number;
  labels: ReadonlyMap<string, string>;
  active: number | null;
  onActive: (index: number) => void;
  onOpen: (index: number) => void;
  onClose: () => void;
  sort: ActivitySort;
  onSort: (key: ActivitySortKey) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const fit = useCellFit(head, grid);
  const names = useValidatorNames();
  const hidden = usePrivacy();
  // Each row's text, formatted once per row while these stay the same (row-cells.ts).
  const cellsOf = useMemo(() => rowCellsCache(labels, names, fiatCode), [labels, names, fiatCode]);
  // The hover text only for the row under the pointer (row-hover.ts).
  const [hover] = useState(() => new RowHover());
  const titlesOf = useMemo(
    () => (row: ActivityRow) => rowTitles(row, labels, names, fiatCode),
    [labels, names, fiatCode],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's own state drives re-renders
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Render on the next frame rather than inside the scroll event (React batches it).
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const slots = useRowSlots(items[0]?.index ?? 0, items.length);
  // The table subscribes to the pages of the rows it renders; the next page is already in the cache
  // (prefetch-ahead.ts), so rows scrolling in come with their data.
  const last = items.at(-1)?.index ?? 0;
  const pages = pagesFor(items[0]?.index ?? 0, last);
  usePrefetchAhead(args, last, count);
  // The same pages for most frames of a scroll: their query options are built (and hashed) once.
  const pagesKey = pages.join(',');
  // Only a page's data re-renders the table (the rows read nothing else). Said up front: otherwise
  // react-query wraps every result in a property-tracking object on every render, each scroll frame
  // (bench/ui-profile.ts: the largest of its allocations there).
  const queries = useMemo(
    () =>
      pagesKey
        .split(',')
        .map((p) => ({ ...activityQueries.page(args, Number(p)), notifyOnChangeProps: ['data' as const] })),
    [args, pagesKey],
  );
  const results = useQueries({ queries });
  const rowAt = (index: number): ActivityRow | undefined => {
    const page = pages.indexOf(Math.floor(index / PAGE_SIZE));
    return page < 0 ? undefined : results[page]?.data?.rows[index % PAGE_SIZE];
  };

  const move = (to: number) => {
    const index = Math.max(0, Math.min(count - 1, to));
    onActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = active ?? -1;
    // Read on a key press only: no layout read while rendering (each scroll frame renders this table).
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
      onFocus={() => active === null && count > 0 && onActive(0)}
    >
      <div role="rowgroup" className="activity-head">
        <ActivityHead ref={head} sort={sort} onSort={onSort} />
      </div>
      <div ref={scroller} className="activity-scroll" role="presentation">
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
                cells={row && cellsOf(row)}
                titlesOf={titlesOf}
                hover={hover}
                fit={fit}
                hidden={hidden}
                active={item.index === active}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** A figure as `Masked` (app/Amount.tsx) puts it on the page, from text formatted once (row-cells.ts). */
function figure(f: Figure, shown: (text: string) => string, full: string | undefined) {
  return (
    <span className={f.missing ? 'amount muted' : 'amount'} title={full && shown(full)} data-testid={f.testId}>
      {shown(f.text)}
    </span>
  );
}

interface RowProps {
  index: number;
  start: number;
  row: ActivityRow | undefined;
  cells: RowCells | undefined;
  /** The row's hover text, formatted when the pointer is on it (row-cells.ts). */
  titlesOf: (row: ActivityRow) => RowTitles;
  hover: RowHover;
  fit: CellFit | null;
  hidden: boolean;
  active: boolean;
  onOpen: (index: number) => void;
}

/** Row's props compared one by one: React's shallow compare lists each object's keys, for every row in
 * the window every scroll frame (bench:ui: a megabyte of garbage in a 240-frame scroll). */
const sameRow = (a: RowProps, b: RowProps) =>
  a.index === b.index &&
  a.start === b.start &&
  a.row === b.row &&
  a.cells === b.cells &&
  a.titlesOf === b.titlesOf &&
  a.hover === b.hover &&
  a.fit === b.fit &&
  a.hidden === b.hidden &&
  a.active === b.active &&
  a.onOpen === b.onOpen;

/**
 * Memoised: while scrolling only the rows that come into view render; the others keep their DOM. Its
 * text comes formatted (`cells`, one object per row for as long as the row is held), so a row entering
 * renders strings into the elements its slot already has. Its `title`s (full precision, whole labels)
 * are there only while the pointer is on it: a row scrolling in sets no title attributes.
 */
const Row = memo(function Row(props: RowProps) {
  const { row, cells: c, index } = props;
  const hovered = useHovered(props.hover, index);
  const t = hovered && row ? props.titlesOf(row) : undefined;
  // Only the offset is inline (its height is the stylesheet's, ROW_HEIGHT): a row re-renders when its
  // slot takes a new index, and then only its transform and text change.
  const style = { transform: `translateY(${props.start}px)` };
  if (!row || !c)
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-busy="true"
        id={props.active ? rowId(index) : undefined}
        className="activity-row"
        style={style}
      >
        <div role="gridcell" className="muted">
          …
        </div>
      </div>
    );
  // Privacy mode masks digits where they are shown (never stored masked: the toggle is instant).
  const shown = props.hidden ? maskDigits : (text: string) => text;
  // Only a text wider than its column clips (cell-fit.ts).
  const cut = (column: CutColumn, text: string, className = '') =>
    needsCut(props.fit, column, text) ? `ellipsis${className}` : className.trim() || undefined;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={props.active}
      // Only the active row needs an id (the grid's aria-activedescendant): a row scrolling in then
      // changes one attribute fewer.
      id={props.active ? rowId(index) : undefined}
      className={`activity-row${props.active ? ' is-active' : ''}`}
      style={style}
      data-testid="activity-row"
      data-seq={row.seq}
      data-time={row.timestamp}
      data-legs={row.legs.length}
      onClick={() => props.onOpen(index)}
    >
      <div role="gridcell" title={t?.when}>
        {c.when}
      </div>
      <div role="gridcell" className={cut('kind', c.kind)} title={t?.kind} data-testid="activity-kind">
        {c.kind}
      </div>
      <div role="gridcell" className={cut('wallet', c.wallets)} title={t?.wallets}>
        {c.wallets}
      </div>
      <div role="gridcell" className={cut('subnet', c.subnets)} title={t?.subnets}>
        {c.subnets}
      </div>
      <div
        role="gridcell"
        className={cut('hotkey', c.hotkeys, ' muted')}
        title={t?.hotkeys}
        data-testid="activity-validator"
      >
        {c.hotkeys}
      </div>
      <div role="gridcell" className={c.legs ? 'num legs' : 'num'} data-testid="activity-alpha">
        {c.legs
          ? c.alpha.map((f, i) => (
              <span key={i}>
                {i > 0 && <span aria-label="to">→ </span>}
                {figure(f, shown, t?.alpha[i])}
              </span>
            ))
          : // One leg (most rows) or a basket record's shares: the amount alone, no wrapper.
            c.alpha[0] && figure(c.alpha[0], shown, t?.alpha[0])}
      </div>
      <div role="gridcell" className="num" data-testid="activity-tao">
        {c.tao && figure(c.tao, shown, t?.tao)}
      </div>
      <div role="gridcell" className="num muted">
        {typeof c.fee === 'string' ? c.fee : figure(c.fee, shown, t?.fee)}
      </div>
    </div>
  );
}, sameRow);
