// One row of the Activity grid (ActivityTable.tsx), memoised so a scroll frame renders only the rows
// whose slot takes a new index (ActivityWindow.tsx).
import { memo } from 'react';
import type { ActivityRow } from '../../../shared/activity';
import { maskDigits } from '../app/format';
import type { Figure, RowCells, RowTitles } from './row-cells';
import { useHovered, type RowHover } from './row-hover';
import { needsCut, type CellFit, type CutColumn } from './cell-fit';
import { COLUMN_INDEX } from './ActivityHead';

export const ROW_HEIGHT = 40;

export const rowId = (index: number) => `activity-row-${index}`;

/** A figure as `Masked` (app/Amount.tsx) puts it on the page, from text formatted once (row-cells.ts). */
function figure(f: Figure, shown: (text: string) => string, full: string | undefined) {
  return (
    <span className={f.missing ? 'amount muted' : 'amount'} title={full && shown(full)} data-testid={f.testId}>
      {shown(f.text)}
    </span>
  );
}

export interface RowProps {
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
export const Row = memo(function Row(props: RowProps) {
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
        <div role="gridcell" aria-colindex={COLUMN_INDEX.when} className="muted">
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
      <div role="gridcell" aria-colindex={COLUMN_INDEX.when} title={t?.when}>
        {c.when}
      </div>
      <div
        role="gridcell"
        aria-colindex={COLUMN_INDEX.kind}
        className={cut('kind', c.kind, ' kind')}
        title={t?.kind}
        data-testid="activity-kind"
      >
        {c.kind}
      </div>
      <div role="gridcell" aria-colindex={COLUMN_INDEX.wallet} className={cut('wallet', c.wallets)} title={t?.wallets}>
        {c.wallets}
      </div>
      <div role="gridcell" aria-colindex={COLUMN_INDEX.subnet} className={cut('subnet', c.subnets)} title={t?.subnets}>
        {c.subnets}
      </div>
      <div
        role="gridcell"
        aria-colindex={COLUMN_INDEX.hotkey}
        className={cut('hotkey', c.hotkeys, ' muted')}
        title={t?.hotkeys}
        data-testid="activity-validator"
      >
        {c.hotkeys}
      </div>
      <div
        role="gridcell"
        aria-colindex={COLUMN_INDEX.alpha}
        className={c.legs ? 'num legs' : 'num'}
        data-testid="activity-alpha"
      >
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
      <div role="gridcell" aria-colindex={COLUMN_INDEX.tao} className="num" data-testid="activity-tao">
        {c.tao && figure(c.tao, shown, t?.tao)}
      </div>
      <div role="gridcell" aria-colindex={COLUMN_INDEX.fee} className="num muted">
        {typeof c.fee === 'string' ? c.fee : figure(c.fee, shown, t?.fee)}
      </div>
    </div>
  );
}, sameRow);
