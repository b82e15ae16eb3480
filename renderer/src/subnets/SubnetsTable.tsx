import { Fragment, useDeferredValue, useState } from 'react';
import type { Amount, MoneyFigure, PortfolioView } from '../../../shared/views';
import { Alpha, Tao } from '../app/Amount';
import { Money } from '../app/Money';
import { METRICS } from '../../../shared/vocab';
import { MetricLabel } from '../app/MetricLabel';
import { oneOf, usePersistedState } from '../app/persisted';
import { shortAddress } from '../app/format';
import { Validator } from '../app/validators';
import type { ViewChoice } from '../portfolio/view-choice';
import { PositionDrilldown } from './PositionDrilldown';
import {
  columnSums,
  SORT_KEYS,
  sortRows,
  type SortDir,
  type SortKey,
  type SubnetRow,
  type TableTotals,
} from './subnet-rows';
import { SUBNET_COLUMNS, type Column } from './columns';

/** Rows drawn with the page; any more follow in a deferred render, so arriving on Subnets with many
 * positions paints the first screen and the totals in one short task (bench/ui.ts: navigation). */
const FIRST_ROWS = 24;

/**
 * One row per subnet, every key figure visible at 1280 px: two-line cells pair related figures (price
 * with its changes, value with α held, income with its yield). Columns marked wide appear only where
 * the window has room. A totals row gives the portfolio's own figures.
 */
export function SubnetsTable({
  view,
  rows,
  totals,
  choice,
  fiatPositions,
}: {
  view: PortfolioView;
  rows: SubnetRow[];
  totals: TableTotals;
  choice: ViewChoice;
  /** In fiat: each position's figures in `totals.unit` (the analytics view's), by position key. */
  fiatPositions?: ReadonlyMap<string, Record<MoneyFigure, Amount>>;
}) {
  const [sortKey, setSortKey] = usePersistedState<SortKey>('subnets.sort', 'value', oneOf(SORT_KEYS));
  const [sortDir, setSortDir] = usePersistedState<SortDir>('subnets.dir', 'desc', oneOf(['asc', 'desc'] as const));
  const [open, setOpen] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggleSubnet = (netuid: number) => {
    const next = new Set(expanded);
    if (next.has(netuid)) next.delete(netuid);
    else next.add(netuid);
    setExpanded(next);
  };
  // A position's figure in the table's unit: in fiat the analytics view's ("no price" without one).
  const money = (key: string, tau: Record<MoneyFigure, bigint>, figure: MoneyFigure, sign = false) =>
    fiatPositions ? (
      <Money amount={fiatPositions.get(key)?.[figure] ?? null} unit={totals.unit} sign={sign} />
    ) : (
      <Tao rao={tau[figure]} sign={sign} />
    );
  const sorted = sortRows(rows, sortKey, sortDir);
  const sort = (key: SortKey) => {
    if (key === sortKey) setSortDir(sortDir === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(key);
      setSortDir(key === 'netuid' ? 'asc' : 'desc');
    }
  };
  const sums = columnSums(rows);
  const colSpan = SUBNET_COLUMNS.length;
  const drawn = useDeferredValue(sorted.length, Math.min(sorted.length, FIRST_ROWS));

  return (
    <table className="table subnets-table" aria-label="Positions by subnet">
      <thead>
        <tr>
          {SUBNET_COLUMNS.map((c) => (
            <HeaderCell key={c.id} column={c} sortKey={sortKey} sortDir={sortDir} onSort={sort} />
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.slice(0, drawn).map((row) => {
          const positions = view.positions.filter((p) => p.netuid === row.netuid);
          return (
            <Fragment key={row.netuid}>
              <tr className="subnet-row" data-testid="subnet-row" data-netuid={row.netuid}>
                {SUBNET_COLUMNS.map((c) => (
                  <td key={c.id} className={cellClass(c)}>
                    {c.cell(row, {
                      expanded: expanded.has(row.netuid),
                      onToggle: () => toggleSubnet(row.netuid),
                    })}
                  </td>
                ))}
              </tr>
              {expanded.has(row.netuid)
                ? positions.map((p) => (
                    <Fragment key={p.key}>
                      <tr className="position-row">
                        <td colSpan={colSpan}>
                          <button
                            type="button"
                            className="link"
                            aria-expanded={open === p.key}
                            onClick={() => setOpen(open === p.key ? null : p.key)}
                          >
                            {open === p.key ? '▾' : '▸'} {p.walletLabel ?? shortAddress(p.coldkey)} → validator{' '}
                            <Validator hotkey={p.hotkey} />
                          </button>{' '}
                          <span className="muted small">
                            <Alpha amount={p.figures.alpha} netuid={p.netuid} symbol={row.symbol} /> ·{' '}
                            {money(p.key, p.figures, 'spotValue')} · unrealized{' '}
                            {money(p.key, p.figures, 'unrealized', true)} ·{' '}
                            <span title={METRICS.exitValue.help}>exit</span> {money(p.key, p.figures, 'exitValue')}
                            {p.holding.locked > 0n && (
                              <span title={`${METRICS.lockedAlpha.help} ${METRICS.lockedValue.help}`}>
                                {' · locked '}
                                <Alpha
                                  amount={p.holding.locked}
                                  netuid={p.netuid}
                                  symbol={row.symbol}
                                  testId={`position-locked-${p.key}`}
                                />
                              </span>
                            )}
                          </span>
                        </td>
                      </tr>
                      {open === p.key && (
                        <tr>
                          <td colSpan={colSpan}>
                            <PositionDrilldown
                              positionKey={p.key}
                              args={choice.args}
                              fiat={fiatPositions !== undefined}
                              symbol={row.symbol}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))
                : null}
            </Fragment>
          );
        })}
        {drawn < sorted.length && (
          <tr>
            <td colSpan={colSpan} className="muted" role="status">
              Drawing {sorted.length - drawn} more subnets…
            </td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr className="totals-row" data-testid="totals-row">
          {SUBNET_COLUMNS.map((c) => (
            <td key={c.id} className={cellClass(c)}>
              {c.total?.({ totals, sums, view })}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

function cellClass(c: Column): string {
  return [c.numeric ? 'num' : '', c.wide ? 'col-wide' : '', c.roomy ? 'col-roomy' : ''].filter(Boolean).join(' ');
}

function HeaderCell(props: { column: Column; sortKey: SortKey; sortDir: SortDir; onSort: (key: SortKey) => void }) {
  const { column: c, sortKey, sortDir } = props;
  const active = c.sort !== undefined && c.sort === sortKey;
  const aria = active ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th className={cellClass(c)} aria-sort={c.sort ? aria : undefined} scope="col">
      {c.sort ? (
        <button type="button" className="sort" onClick={() => props.onSort(c.sort!)} title={c.help} data-help={c.help}>
          {c.label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sortDir === 'asc' ? '▲' : '▼') : ''}
          </span>
        </button>
      ) : (
        <MetricLabel label={c.label} help={c.help} />
      )}
      {c.sub && <span className="th-sub">{c.sub}</span>}
      {c.narrowSub && <span className="th-sub narrow-only">{c.narrowSub}</span>}
    </th>
  );
}
