// The Subnets table's rows and their order: one row per subnet from the engine's figures, with the
// market figures (price changes, emission yield, allocation) where the analytics view has them.
import type { Amount, AnalyticsView, PortfolioView, SubnetView } from '../../../shared/views';
import { TAO_UNIT, type Unit } from '../app/Money';

export interface SubnetMarket {
  priceChange24h: number | null;
  priceChange7d: number | null;
  emissionYield: number | null;
  allocation: number | null;
}

/** A subnet's row: its labels, successor, dissolution and price as its SubnetView has them, and its figures. */
export interface SubnetRow extends Pick<
  SubnetView,
  'netuid' | 'name' | 'symbol' | 'successor' | 'dissolved' | 'price'
> {
  alpha: bigint;
  /** The money figures below are in `unit`: τ (rao) or fiat (1e-8 units, null for a day without a price). */
  unit: Unit;
  value: Amount;
  exitValue: Amount;
  /** α under a conviction lock (not in the exit value) and its value at spot. */
  locked: bigint;
  lockedValue: bigint;
  costBasis: Amount;
  unrealized: Amount;
  realized: Amount;
  alphaEmitted: bigint;
  income: Amount;
  excessHoldTao: Amount;
  positions: number;
  market: SubnetMarket;
}

export const SORT_KEYS = [
  'netuid',
  'price',
  'change24h',
  'change7d',
  'value',
  'exitValue',
  'allocation',
  'costBasis',
  'unrealized',
  'realized',
  'income',
  'yield',
  'excess',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

const NO_MARKET: SubnetMarket = { priceChange24h: null, priceChange7d: null, emissionYield: null, allocation: null };

function marketOf(m: SubnetMarket | undefined): SubnetMarket {
  if (!m) return NO_MARKET;
  return {
    priceChange24h: m.priceChange24h,
    priceChange7d: m.priceChange7d,
    emissionYield: m.emissionYield,
    allocation: m.allocation,
  };
}

/** The table in fiat: the analytics view asked in fiat (its figures at the as-of day's price). */
export type FiatTable = Pick<AnalyticsView, 'unit' | 'subnets' | 'figures' | 'benchmarks' | 'asOfDay'>;

export function subnetRows(
  view: PortfolioView,
  market?: ReadonlyMap<number, SubnetMarket>,
  fiat?: FiatTable | null,
): SubnetRow[] {
  const unit: Unit = fiat ? { currency: 'fiat', code: fiat.unit } : TAO_UNIT;
  const bySubnet = new Map((fiat?.subnets ?? []).map((s) => [s.netuid, s]));
  return view.subnets.map((s) => {
    const f = fiat ? bySubnet.get(s.netuid) : undefined;
    const money = f
      ? {
          value: f.figures.spotValue,
          exitValue: f.figures.exitValue,
          costBasis: f.figures.costBasis,
          unrealized: f.figures.unrealized,
          realized: f.figures.realized,
          income: f.figures.incomeTao,
          excessHoldTao: f.benchmarks.find((b) => b.id === 'holdTao')?.excess ?? null,
        }
      : {
          value: s.figures.spotValue,
          exitValue: s.figures.exitValue,
          costBasis: s.figures.costBasis,
          unrealized: s.figures.unrealized,
          realized: s.figures.realized,
          income: s.figures.incomeTao,
          excessHoldTao: s.benchmarks?.holdTao.excess ?? null,
        };
    return {
      netuid: s.netuid,
      name: s.name,
      symbol: s.symbol,
      successor: s.successor,
      dissolved: s.dissolved,
      price: s.price,
      alpha: s.figures.alpha,
      unit: f ? unit : TAO_UNIT,
      ...money,
      locked: s.holding.locked,
      lockedValue: s.holding.lockedValue,
      alphaEmitted: s.figures.alphaEmitted,
      positions: s.positionKeys.length,
      // A dissolved subnet has no market; at a netuid registered again it is the newcomer's, not this one's.
      market: s.successor || s.dissolved ? NO_MARKET : marketOf(market?.get(s.netuid)),
    };
  });
}

/** The totals row's money figures, in the table's unit. */
export function tableTotals(view: PortfolioView, fiat?: FiatTable | null) {
  if (fiat)
    return {
      unit: { currency: 'fiat', code: fiat.unit } as Unit,
      value: fiat.figures.spotValue,
      exitValue: fiat.figures.exitValue,
      costBasis: fiat.figures.costBasis,
      unrealized: fiat.figures.unrealized,
      realized: fiat.figures.realized,
      income: fiat.figures.incomeTao,
      excess: fiat.benchmarks.find((b) => b.id === 'holdTao')?.excess ?? null,
    };
  const t = view.total.figures;
  return {
    unit: TAO_UNIT,
    value: t.spotValue as Amount,
    exitValue: t.exitValue as Amount,
    costBasis: t.costBasis as Amount,
    unrealized: t.unrealized as Amount,
    realized: t.realized as Amount,
    income: t.incomeTao as Amount,
    excess: view.total.benchmarks ? (view.total.benchmarks.holdTao.excess as Amount) : null,
  };
}
export type TableTotals = ReturnType<typeof tableTotals>;

type Sortable = bigint | number | null;

function keyOf(row: SubnetRow, key: SortKey): Sortable {
  switch (key) {
    case 'netuid':
      return row.netuid;
    case 'price':
      return row.price;
    case 'change24h':
      return row.market.priceChange24h;
    case 'change7d':
      return row.market.priceChange7d;
    case 'value':
      return row.value;
    case 'exitValue':
      return row.exitValue;
    case 'allocation':
      return row.market.allocation ?? row.value;
    case 'costBasis':
      return row.costBasis;
    case 'unrealized':
      return row.unrealized;
    case 'realized':
      return row.realized;
    case 'income':
      return row.income;
    case 'yield':
      return row.market.emissionYield;
    case 'excess':
      return row.excessHoldTao;
  }
}

/** Sorted copy; rows without a value go last in either direction, ties by netuid. */
export function sortRows(rows: readonly SubnetRow[], key: SortKey, dir: SortDir): SubnetRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = keyOf(a, key);
    const y = keyOf(b, key);
    if (x === null || y === null) return x === y ? a.netuid - b.netuid : x === null ? 1 : -1;
    if (x === y) return a.netuid - b.netuid;
    return (x < y ? -1 : 1) * sign;
  });
}

/** Sums of the additive columns, for checking against the portfolio total. */
export function columnSums(rows: readonly SubnetRow[]) {
  const sum = (f: (r: SubnetRow) => Amount) => rows.reduce((acc, r) => acc + (f(r) ?? 0n), 0n);
  return {
    value: sum((r) => r.value),
    costBasis: sum((r) => r.costBasis),
    unrealized: sum((r) => r.unrealized),
    realized: sum((r) => r.realized),
    income: sum((r) => r.income),
    excessHoldTao: sum((r) => r.excessHoldTao),
  };
}
