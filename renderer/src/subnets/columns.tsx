import type { ReactNode } from 'react';
import type { PortfolioView } from '../../../shared/views';
import { METRICS } from '../../../shared/vocab';
import { Alpha, Pct, Tao } from '../app/Amount';
import { Money } from '../app/Money';
import { routeHref } from '../app/route';
import { utcDateTime } from '../app/dates';
import type { SubnetDissolution } from '../../../shared/subnet-labels';
import type { columnSums, SortKey, SubnetRow, TableTotals } from './subnet-rows';

export interface RowControls {
  expanded: boolean;
  onToggle: () => void;
}

export interface Column {
  id: string;
  label: string;
  /** A second header line naming what is shown under the main figure. */
  sub?: string;
  help: string;
  sort?: SortKey;
  numeric?: boolean;
  /** Shown only on wide windows (see .col-wide in styles.css). */
  wide?: boolean;
  /** Hidden on narrow windows, where another column shows it under its own figure (.col-roomy, sections.css). */
  roomy?: boolean;
  /** That second header line, shown only on narrow windows. */
  narrowSub?: string;
  cell: (row: SubnetRow, controls: RowControls) => ReactNode;
  total?: (t: { totals: TableTotals; sums: ReturnType<typeof columnSums>; view: PortfolioView }) => ReactNode;
}

export function subnetTitle(row: Pick<SubnetRow, 'netuid' | 'name'>): string {
  return row.name ? `SN${row.netuid} · ${row.name}` : `SN${row.netuid}`;
}

function Two({ top, bottom }: { top: ReactNode; bottom?: ReactNode }) {
  return (
    <>
      <div>{top}</div>
      {bottom !== undefined && <div className="cell-sub">{bottom}</div>}
    </>
  );
}

/** The locked part of a row's α, named in words (no icon font needed); its meaning on hover. */
function LockedMark({ row }: { row: SubnetRow }) {
  return (
    <span className="locked-mark" title={`${METRICS.lockedAlpha.help} ${METRICS.lockedValue.help}`}>
      {' · locked '}
      <Alpha amount={row.locked} netuid={row.netuid} symbol={row.symbol} testId={`locked-${row.netuid}`} />
    </span>
  );
}

/**
 * A row of a subnet since dissolved: said in words; on hover, when (its payout block) or which subnet
 * holds its netuid now (a netuid registered again).
 */
function DissolvedMark({ row }: { row: SubnetRow }) {
  const title = dissolvedTitle(row);
  if (title === null) return null;
  return (
    <span className="muted" data-testid={`dissolved-${row.netuid}`} title={title}>
      {' · dissolved'}
    </span>
  );
}

function dissolvedTitle(row: Pick<SubnetRow, 'netuid' | 'successor' | 'dissolved'>): string | null {
  if (row.successor) {
    const now = subnetTitle({ netuid: row.netuid, name: row.successor.name });
    return `This subnet was dissolved; ${now}, registered at block ${row.successor.registeredAt.toLocaleString()}, is another subnet. Its price and market figures are not this one's.`;
  }
  if (row.dissolved)
    return `Dissolved ${dissolvedWhen(row.dissolved)}; its α was paid out in TAO. It has no price or pool since.`;
  return null;
}

/** "at block 15,001 (Dec 5, 2026)": the payout block of a recorded dissolution, and its date. */
export function dissolvedWhen(d: SubnetDissolution): string {
  const date = d.timestamp === null ? '' : ` (${utcDateTime(d.timestamp)})`;
  return `at block ${d.blockNumber.toLocaleString()}${date}`;
}

export const SUBNET_COLUMNS: Column[] = [
  {
    id: 'subnet',
    label: 'Subnet',
    sub: 'positions',
    help: 'The subnet, its name and token symbol as read from the chain.',
    sort: 'netuid',
    cell: (row, c) => (
      <Two
        top={
          <>
            <a href={routeHref({ page: 'subnet', netuid: row.netuid })} className="subnet-link">
              <strong>SN{row.netuid}</strong>
              {row.name && <span className="subnet-name"> {row.name}</span>}
            </a>
            {row.symbol && row.netuid !== 0 && <span className="symbol"> {row.symbol}</span>}
          </>
        }
        bottom={
          // The mark on the second line: the name line stays one line, so the row is as high as the others.
          <>
            <button type="button" className="link small" aria-expanded={c.expanded} onClick={c.onToggle}>
              {c.expanded ? '▾' : '▸'} {row.positions} position{row.positions === 1 ? '' : 's'}
            </button>
            <DissolvedMark row={row} />
          </>
        }
      />
    ),
    // The portfolio's figures: with basket positions they include the validator funds listed below.
    total: ({ view }) => <strong>{view.baskets.positions.length > 0 ? 'Total incl. validator funds' : 'Total'}</strong>,
  },
  {
    id: 'price',
    label: 'Price',
    sub: '24 h · 7 d',
    help: 'Spot price in τ per α at the as-of block; below, its change over 24 hours and 7 days.',
    sort: 'price',
    numeric: true,
    cell: (row) => (
      <Two
        top={row.price === null ? '—' : <Tao rao={row.price} />}
        bottom={
          row.dissolved ? (
            // No price since, so no change over any window: when it went instead.
            // One word, no longer than the changes it replaces (the block and date are on hover).
            <span
              className="muted"
              data-testid={`price-dissolved-${row.netuid}`}
              title={`Dissolved ${dissolvedWhen(row.dissolved)}`}
            >
              dissolved
            </span>
          ) : (
            <>
              <Pct value={row.market.priceChange24h} base="the price 24 hours earlier" decimals={1} /> ·{' '}
              <Pct value={row.market.priceChange7d} base="the price 7 days earlier" decimals={1} />
            </>
          )
        }
      />
    ),
  },
  {
    id: 'value',
    label: 'Value',
    sub: 'held · locked',
    help: 'α held × spot price, in τ; below, the α held (root in τ) and the part of it under a conviction lock, which cannot be sold now.',
    sort: 'value',
    numeric: true,
    cell: (row) => (
      <Two
        top={<Money bare amount={row.value} unit={row.unit} testId={`value-${row.netuid}`} />}
        bottom={
          <>
            <Alpha amount={row.alpha} netuid={row.netuid} symbol={row.symbol} testId={`held-${row.netuid}`} />
            {row.locked > 0n && <LockedMark row={row} />}
          </>
        }
      />
    ),
    total: ({ totals: t }) => <Money bare amount={t.value} unit={t.unit} testId="total-value" />,
  },
  {
    id: 'exit',
    label: 'Exit value',
    help: METRICS.exitValue.help,
    sort: 'exitValue',
    numeric: true,
    wide: true,
    cell: (row) => <Money bare amount={row.exitValue} unit={row.unit} testId={`exit-${row.netuid}`} />,
    total: ({ totals: t }) => <Money bare amount={t.exitValue} unit={t.unit} testId="total-exit" />,
  },
  {
    id: 'allocation',
    label: 'Share',
    help: 'Subnet value ÷ portfolio value, at spot prices.',
    sort: 'allocation',
    numeric: true,
    wide: true,
    cell: (row) => (
      <Pct value={row.market.allocation} base="the portfolio value" tone={false} signed={false} decimals={1} />
    ),
  },
  {
    id: 'cost',
    label: 'Cost basis',
    help: 'τ cost of the α still held, by the chosen method.',
    sort: 'costBasis',
    numeric: true,
    cell: (row) => <Money bare amount={row.costBasis} unit={row.unit} testId={`cost-${row.netuid}`} />,
    total: ({ totals: t }) => <Money bare amount={t.costBasis} unit={t.unit} testId="total-cost" />,
  },
  {
    id: 'unrealized',
    label: 'Unrealized',
    help: 'Value now − cost basis of the α still held.',
    sort: 'unrealized',
    numeric: true,
    // On a narrow window the realized figure moves under it (the Realized column hidden): the table fits.
    narrowSub: 'realized',
    cell: (row) => (
      <>
        <Money bare amount={row.unrealized} unit={row.unit} sign testId={`unrealized-${row.netuid}`} />
        <div className="cell-sub narrow-only">
          <Money bare amount={row.realized} unit={row.unit} sign />
        </div>
      </>
    ),
    total: ({ totals: t }) => (
      <>
        <Money bare amount={t.unrealized} unit={t.unit} sign testId="total-unrealized" />
        <div className="cell-sub narrow-only">
          <Money bare amount={t.realized} unit={t.unit} sign />
        </div>
      </>
    ),
  },
  {
    id: 'realized',
    label: 'Realized',
    help: 'Proceeds of α sold − the cost basis removed with it, by the chosen method.',
    sort: 'realized',
    numeric: true,
    roomy: true,
    cell: (row) => <Money bare amount={row.realized} unit={row.unit} sign testId={`realized-${row.netuid}`} />,
    total: ({ totals: t }) => <Money bare amount={t.realized} unit={t.unit} sign testId="total-realized" />,
  },
  {
    id: 'income',
    label: 'Emissions',
    sub: 'α · yield',
    help: 'Emission income (α emitted, root claims, lease dividends and auto-staked miner incentive, in τ when received; the total adds validator-fund dividends); below, the α emitted and the annualised emission yield. Under zero-basis rewards it is already inside Unrealized and Realized, not added to them.',
    sort: 'income',
    numeric: true,
    cell: (row) => (
      <Two
        top={<Money bare amount={row.income} unit={row.unit} testId={`income-${row.netuid}`} />}
        bottom={
          <>
            <Alpha amount={row.alphaEmitted} netuid={row.netuid} symbol={row.symbol} decimals={2} /> ·{' '}
            <Pct value={row.market.emissionYield} base="average α held, per year" tone={false} decimals={1} />
          </>
        }
      />
    ),
    total: ({ totals: t }) => <Money bare amount={t.income} unit={t.unit} testId="total-income" />,
  },
  {
    id: 'excess',
    label: 'vs Hold TAO',
    help: 'Value of the bet now − what the same TAO flows would be worth had they stayed TAO.',
    sort: 'excess',
    numeric: true,
    cell: (row) =>
      row.excessHoldTao === null && row.unit.currency === 'tao' ? (
        '—'
      ) : (
        <Money bare amount={row.excessHoldTao} unit={row.unit} sign testId={`excess-${row.netuid}`} />
      ),
    total: ({ view, totals: t }) =>
      view.total.benchmarks ? <Money bare amount={t.excess} unit={t.unit} sign testId="total-excess" /> : '—',
  },
];
