import './activity.css';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ACTIVITY_SORT_KEYS } from '../../../shared/vocab';
import { send } from '../api/client';
import { CurrencyToggle, useDisplayCurrency } from '../app/currency';
import { ErrorNote } from '../app/ErrorNote';
import { download } from '../portfolio/ExportMenu';
import { walletQueries } from '../wallets/queries';
import { ActivityDetail } from './ActivityDetail';
import { ActivityFilters } from './ActivityFilters';
import { ActivityTable } from './ActivityTable';
import { activeFilters, DEFAULT_CHOICES, loadChoices, nextSort, saveChoices, toActivityArgs } from './choices';
import { activityQueries } from './queries';

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const count = (n: number) => n.toLocaleString('en-US');

/** Every ledger entry of the watched wallets, newest first, filtered, searched, sorted; exports what is shown. */
export function ActivityPage() {
  const [choices, setChoicesState] = useState(() => loadChoices(storage()));
  // Set by a header's sort: the new grid focuses that header again (ActivityHead).
  const [sortFocused, setSortFocused] = useState(false);
  const setChoices = (next: typeof choices, fromSort = false) => {
    setChoicesState(next);
    setSortFocused(fromSort);
    saveChoices(storage(), next);
    setActive(null);
    setOpen(false);
  };
  const [active, setActive] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const wallets = useQuery(walletQueries.list());
  // One map per wallet list: the rows' text is formatted once per set of labels (row-cells.ts).
  const labels = useMemo(() => new Map((wallets.data ?? []).map((w) => [w.address, w.label])), [wallets.data]);
  const { args: filterArgs, problem } = toActivityArgs(choices, new Set((wallets.data ?? []).map((w) => w.id)));
  const currency = useDisplayCurrency();
  // The list in the display currency; the export stays the τ ledger whatever is shown.
  const args = currency.currency === 'fiat' ? { ...filterArgs, currency: 'fiat' as const } : filterArgs;
  // The first page carries the counts and the subnets present; later pages load as they scroll into view.
  const first = useQuery({
    ...activityQueries.page(args, 0),
    enabled: wallets.data !== undefined,
    placeholderData: keepPreviousData,
  });
  const exporter = useMutation({
    mutationFn: () => send('activity:export', filterArgs),
    onSuccess: (file) => download(file.filename, file.mime, file.content),
  });
  const view = first.data;
  const filtered = activeFilters(choices) > 0;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Activity</h1>
        {/* Busy while the list for new choices loads: until then the counts are the previous list's. */}
        <p
          className="muted"
          data-testid="activity-count"
          aria-live="polite"
          aria-busy={first.isPlaceholderData ? true : undefined}
        >
          {problem
            ? 'No date range: “From” is after “To”'
            : view
              ? filtered
                ? `${count(view.matched)} of ${count(view.total)} entries`
                : `${count(view.total)} entries`
              : 'Loading…'}
          {view && !problem && ` · ${ACTIVITY_SORT_KEYS[choices.sort.key].label}, ${sortWords(choices.sort)}`}
        </p>
      </header>
      <div className="toolbar activity-toolbar">
        <ActivityFilters
          choices={choices}
          onChange={setChoices}
          wallets={wallets.data ?? []}
          facets={view?.facets}
          problem={problem}
        />
        <CurrencyToggle choice={currency} />
        <div className="export" role="group" aria-label="Export">
          <button
            type="button"
            onClick={() => exporter.mutate()}
            disabled={exporter.isPending || !view || view.matched === 0 || problem !== null}
            title="The entries shown, in this order, as the events CSV (one line per leg): ledger amounts as recorded; validator-fund lines as booked under the reward treatment and fund-dividend timing settings."
          >
            {`Export ${view && !problem ? `${count(view.matched)} ` : ''}entries (CSV)`}
          </button>
          <ErrorNote error={exporter.error} />
        </div>
      </div>
      <ErrorNote error={first.error ?? wallets.error} />
      {!view ? null : view.total === 0 ? (
        <div className="card empty">
          <p>No ledger entries yet.</p>
          <p className="muted">
            Sync fills this list from your node: every stake, unstake, move, transfer and root claim.
          </p>
        </div>
      ) : problem ? (
        // A reversed range matches nothing: the list (which ignores it) is not shown as if it applied.
        <div className="card empty">
          <p>No entries: no day is on or after “From” and on or before “To”.</p>
          <button type="button" onClick={() => setChoices({ ...choices, fromDay: '', toDay: '' })}>
            Clear dates
          </button>
        </div>
      ) : view.matched === 0 ? (
        <div className="card empty">
          <p>No entry matches these filters.</p>
          <button type="button" onClick={() => setChoices({ ...DEFAULT_CHOICES, sort: choices.sort })}>
            Clear filters
          </button>
        </div>
      ) : (
        <div className={`activity-layout${open && active !== null ? ' with-detail' : ''}`}>
          <ActivityTable
            key={JSON.stringify(args)}
            args={args}
            fiatCode={view.fiatCurrency}
            symbols={view.symbols}
            count={view.matched}
            labels={labels}
            active={active}
            onActive={setActive}
            onOpen={(i) => {
              setActive(i);
              setOpen(true);
            }}
            onClose={() => setOpen(false)}
            sort={choices.sort}
            onSort={(key) => setChoices({ ...choices, sort: nextSort(choices.sort, key) }, true)}
            sortFocused={sortFocused}
          />
          {open && active !== null && (
            <ActivityDetail
              args={args}
              index={active}
              labels={labels}
              symbols={view.symbols}
              onClose={() => setOpen(false)}
            />
          )}
        </div>
      )}
    </section>
  );
}

function sortWords(sort: { key: string; dir: 'asc' | 'desc' }): string {
  if (sort.key === 'time') return sort.dir === 'desc' ? 'newest first' : 'oldest first';
  if (sort.key === 'kind') return sort.dir === 'asc' ? 'A to Z' : 'Z to A';
  if (sort.key === 'subnet') return sort.dir === 'asc' ? 'lowest first' : 'highest first';
  return sort.dir === 'desc' ? 'largest first' : 'smallest first';
}
