// The Activity grid's header row: column labels and sort buttons. Its own memoised component: the
// table renders when a page or the active row changes, the header only when the sort changes.
import { memo, type Ref } from 'react';
import type { ActivitySort } from '../../../shared/activity';
import { ACTIVITY_SORT_KEYS, type ActivitySortKey } from '../../../shared/vocab';
import type { CutColumn } from './cell-fit';

interface Column {
  id: string;
  label: string;
  sort?: ActivitySortKey;
  numeric?: boolean;
  /** A column whose text may be wider than it, cut with an ellipsis (cell-fit.ts). */
  cut?: CutColumn;
}

export const COLUMNS: Column[] = [
  { id: 'when', label: 'When (UTC)', sort: 'time' },
  { id: 'kind', label: 'Kind', sort: 'kind', cut: 'kind' },
  { id: 'wallet', label: 'Wallet', cut: 'wallet' },
  { id: 'subnet', label: 'Subnet', sort: 'subnet', cut: 'subnet' },
  { id: 'hotkey', label: 'Validator', cut: 'hotkey' },
  { id: 'alpha', label: 'α', sort: 'alpha', numeric: true },
  { id: 'tao', label: 'TAO', sort: 'tao', numeric: true },
  { id: 'fee', label: 'Fee', numeric: true },
];

/** Each column's aria-colindex (COLUMNS' order, from 1): a narrow grid hides some (activity.css), so every cell says which it is. */
export const COLUMN_INDEX: Readonly<Record<string, number>> = Object.fromEntries(COLUMNS.map((c, i) => [c.id, i + 1]));

export const ActivityHead = memo(function ActivityHead({
  ref,
  sort,
  onSort,
  fiatCode,
  sortFocused = false,
}: {
  /** The header row: its cells marked `data-cut` give the cut columns' widths (cell-fit.ts). */
  ref: Ref<HTMLDivElement>;
  sort: ActivitySort;
  onSort: (key: ActivitySortKey) => void;
  /** Shown in fiat: the TAO column's amounts are in this currency (still sorted by their TAO). */
  fiatCode?: string | undefined;
  /** Focus the sorted column's button on mount: it was just pressed, and new choices remount the grid. */
  sortFocused?: boolean;
}) {
  const labelOf = (c: Column) => (c.id === 'tao' && fiatCode !== undefined ? `TAO in ${fiatCode}` : c.label);
  return (
    <div ref={ref} role="row" aria-rowindex={1} className="activity-row">
      {COLUMNS.map((c, i) => (
        <div
          key={c.id}
          role="columnheader"
          aria-colindex={i + 1}
          className={c.numeric ? 'num' : undefined}
          data-cut={c.cut}
          aria-sort={c.sort && sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
        >
          {c.sort ? (
            <button
              type="button"
              className="sort-button"
              title={`Sort by ${ACTIVITY_SORT_KEYS[c.sort].label}: ${ACTIVITY_SORT_KEYS[c.sort].help}`}
              onClick={() => onSort(c.sort!)}
              autoFocus={sortFocused && sort.key === c.sort}
            >
              {labelOf(c)}
              <span aria-hidden="true">{sort.key === c.sort ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          ) : (
            labelOf(c)
          )}
        </div>
      ))}
    </div>
  );
});
