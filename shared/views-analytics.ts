// The cockpit view (`portfolio:analytics`): returns with their bases, how the figures add up, the
// friction split, benchmarks, chart series, income over time, a date range, period returns and risk,
// allocation and per-subnet / per-position figures. Re-exported by ./views.
//
// Amounts are in the requested display currency: τ in rao (1e-9), or fiat in 1e-8 units. A fiat amount
// is null when the day it needs has no imported price (never guessed); those days are listed in
// `fiat.missingDays`. Values (value, cost basis, returns, benchmarks) convert at the as-of day's price,
// dated amounts (series points, markers, income, range figures, basket records) at their own day's
// price. Rates and risk figures are always in τ terms.
import type { FrictionSplit } from './engine/analytics/friction';
import type { BasketRecordInFiat } from './engine/basket-record-fiat';
import type { RiskFigures } from './engine/analytics/performance';
import type {
  BenchmarkId,
  BreakdownId,
  DisplayCurrency,
  IncomeBucket,
  MetricId,
  PeriodId,
  ReturnBase,
  RiskFreeId,
} from './vocab';

export type Amount = bigint | null;

export interface BreakdownView {
  /** Which breakdown (BREAKDOWNS): its sentence says how the lines add up. */
  id: BreakdownId;
  total: Amount;
  /** Lines that add up to `total` exactly. */
  terms: { id: MetricId; amount: Amount }[];
  /** Lines shown beside, already inside the terms. */
  memo: { id: MetricId; amount: Amount }[];
}

export interface BenchmarkView {
  id: BenchmarkId;
  available: boolean;
  complete: boolean;
  benchmarkValue: Amount;
  betValue: Amount;
  excess: Amount;
  priceEffect: Amount;
  emissionEffect: Amount;
  frictionEffect: Amount;
  benchmarkGain: Amount;
}

export interface MoneyWeightedView {
  /** Annualised IRR: null when no single rate solves (see reason) or the span is under 30 days. */
  annualised: number | null;
  /** The money-weighted return over the holding period. */
  period: number | null;
  years: number | null;
  reason: 'no-flows' | 'no-time' | 'no-solution' | 'several-solutions' | null;
}

export interface ReturnsView {
  totalReturn: Amount;
  taoIn: Amount;
  taoOut: Amount;
  netInvested: Amount;
  peakNetInvested: Amount;
  /** Total return ÷ each base (RETURN_BASES): null when the base is not positive. */
  pct: Record<ReturnBase, number | null>;
  moneyWeighted: MoneyWeightedView;
  timeWeighted: number | null;
}

export interface AnalyticsPointView {
  t: number;
  day: string;
  blockNumber: number;
  value: Amount;
  costBasis: Amount;
  netInvested: Amount;
  realizedCum: Amount;
  incomeCum: Amount;
  benchmarks: Record<BenchmarkId, Amount>;
}

/** TAO staked and unstaked on one subnet in one UTC day, in the display currency (folded by foldMarkers). */
export interface MarkerView {
  day: string;
  t: number;
  netuid: number;
  staked: Amount;
  unstaked: Amount;
  stakes: number;
  unstakes: number;
}

/** One subnet's share of a day's stakes (or unstakes): the day's summed amount and how many events. */
export interface MarkerPartView {
  netuid: number;
  amount: Amount;
  count: number;
}

/** One direction of a day's flow: the first MARKER_SUBNETS subnets by netuid, and how many more there were. */
export interface MarkerSideView {
  parts: MarkerPartView[];
  more: number;
}

/** A chart marker: everything staked and unstaked in one UTC day (null: no event that way that day). */
export interface DayMarkerView {
  day: string;
  t: number;
  staked: MarkerSideView | null;
  unstaked: MarkerSideView | null;
}

export interface IncomeRowView {
  start: string;
  total: Amount;
  bySubnet: Record<number, Amount>;
}

export interface RangeView {
  from: string;
  to: string;
  realized: Amount;
  income: Amount;
  bySubnet: { netuid: number; realized: Amount; income: Amount }[];
}

export interface PerformanceRowView {
  kind: 'portfolio' | 'subnet' | 'benchmark';
  /** 'portfolio', the netuid, or the benchmark id. */
  id: string;
  periods: Record<PeriodId, { value: number | null; sinceStart: boolean }>;
  /**
   * `sharpe` is null on the row whose growth is the risk-free rate itself (root stake, when the root
   * yield is that rate): its excess return over itself is only the gap between an arithmetic and a
   * compounded annual rate, divided by a volatility near 0, so any figure there would be noise.
   */
  risk: RiskFigures;
  /** This row is the risk-free rate (its Sharpe ratio is not shown). */
  riskFree: boolean;
}

/**
 * The table figures of a subnet, position or the portfolio, in the display currency. In fiat each is
 * converted at the as-of day's price and floored on its own, so sums of them agree with the fiat total
 * to within a few 1e-8 units (τ figures add up exactly).
 */
export const MONEY_FIGURES = [
  'spotValue',
  'exitValue',
  'costBasis',
  'realized',
  'unrealized',
  'incomeTao',
  'totalReturn',
  'taoIn',
  'taoOut',
  'friction',
] as const;
export type MoneyFigure = (typeof MONEY_FIGURES)[number];

export interface SubnetAnalyticsView {
  netuid: number;
  value: Amount;
  figures: Record<MoneyFigure, Amount>;
  /** Share of the portfolio's value. */
  allocation: number | null;
  friction: Record<keyof FrictionSplit, Amount>;
  returns: ReturnsView;
  benchmarks: BenchmarkView[];
  priceChange24h: number | null;
  priceChange7d: number | null;
  emissionYield: number | null;
}

export interface PositionAnalyticsView {
  key: string;
  netuid: number;
  figures: Record<MoneyFigure, Amount>;
  /** Its excess over holding TAO (the same flows kept as τ); null when it has no benchmarks. */
  holdTao: { excess: Amount } | null;
  friction: Record<keyof FrictionSplit, Amount>;
  emissionYield: number | null;
}

export interface AnalyticsView {
  asOfBlock: number;
  asOfTimestamp: number;
  asOfDay: string;
  currency: DisplayCurrency;
  /** 'TAO' or the fiat currency code. */
  unit: string;
  /** Fiat display only: the as-of day's price (1e-8 units per τ) and every day that lacked one. */
  fiat: { currency: string; priceAsOf: bigint | null; missingDays: string[] } | null;
  /** BENCHMARKS, in order, with what this data allows. */
  benchmarkList: { id: BenchmarkId; available: boolean; complete: boolean }[];
  /** The portfolio's table figures in the display currency. */
  figures: Record<MoneyFigure, Amount>;
  returns: ReturnsView;
  addsUp: { accounting: BreakdownView; economic: BreakdownView };
  friction: Record<keyof FrictionSplit, Amount>;
  benchmarks: BenchmarkView[];
  series: AnalyticsPointView[];
  /** At most one per day (foldMarkers), in day order. */
  markers: DayMarkerView[];
  income: Record<IncomeBucket, IncomeRowView[]>;
  range: RangeView;
  performance: {
    from: string;
    to: string;
    riskFree: { id: RiskFreeId; annualRate: number; requested: RiskFreeId };
    rows: PerformanceRowView[];
  };
  subnets: SubnetAnalyticsView[];
  positions: PositionAnalyticsView[];
  /** Each watched wallet's table figures, in the display currency (as per subnet and position). */
  wallets: { address: string; figures: Record<MoneyFigure, Amount> }[];
  /**
   * The value of each of the portfolio view's `unexplained` changes (its `tao`, in that order) in the
   * display currency: in fiat at TAO's price on its checkpoint's day, as the value it had then.
   */
  unexplained: Amount[];
  /**
   * Fiat display only (null in τ): each basket position's records (the portfolio view's
   * `baskets.positions[].records`, by position key, in that order) as historical records, at TAO's price
   * on each record's own day, and where a record gives shares up its lot-based cost basis and realized
   * (shared/engine/basket-record-fiat.ts, as Activity's fund rows).
   */
  basketRecords: Record<string, BasketRecordInFiat[]> | null;
}

/** One subnet's page (`portfolio:subnet`): its price, your position in it, and the pool's health. */
export interface SubnetDetailView {
  netuid: number;
  asOfBlock: number;
  currency: DisplayCurrency;
  unit: string;
  fiat: AnalyticsView['fiat'];
  /** Every local snapshot's spot price up to the as-of block (rao per whole α; always τ). */
  priceHistory: { t: number; blockNumber: number; price: bigint }[];
  /**
   * The first snapshot of the subnet now at this netuid, when the history also holds another subnet's
   * (a netuid pruned and registered again: prices before it are the earlier subnet's); else null.
   */
  registeredAgain: { t: number; blockNumber: number } | null;
  /** Your stakes and unstakes on this subnet, one marker per day. */
  markers: DayMarkerView[];
  /** Value, net invested and each benchmark's line for this subnet's positions; the last point is its card. */
  series: AnalyticsPointView[];
  income: Record<IncomeBucket, { start: string; amount: Amount }[]>;
  /** Returns, decomposition against every benchmark, friction split, price change, emission yield. */
  figures: SubnetAnalyticsView | null;
  positions: PositionAnalyticsView[];
  /**
   * Why the subnet has no pool whose health to show: root (SN0: stake there is TAO, no α market) or
   * a recorded dissolution (SubnetView.dissolved); then every health figure is null. Null: it has one.
   */
  noPool: { reason: 'root' } | { reason: 'dissolved'; blockNumber: number; t: number | null } | null;
  health: {
    taoReserve: Amount;
    alphaReserve: bigint | null;
    marketCap: Amount;
    netTaoFlow7d: Amount;
    netTaoFlow30d: Amount;
    /** Share of the TAO injected into all pools per block (0..1), null when no snapshot recorded it. */
    emissionShare: number | null;
    /** The snapshot block that share was read at. */
    emissionShareBlock: number | null;
  };
  /**
   * Where more than one wallet can sell α here: the subnet's exit value, each wallet's sale quoted on
   * its own against today's pool, added up. `exit`'s 100 % row is then one sale of all of it (what selling
   * from each wallet in turn returns), which is less.
   */
  exitEachWallet: { wallets: number; exitValue: Amount } | null;
  /** Selling 25 / 50 / 100 % of what you hold now: spot value, what the pool returns, the gap. */
  exit: {
    percent: number;
    alpha: bigint;
    spotValue: Amount;
    exitValue: Amount;
    cost: Amount;
    share: number | null;
    approximate: boolean;
  }[];
}
