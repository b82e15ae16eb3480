// Builds the cockpit view (`portfolio:analytics`) from a cached portfolio computation: everything
// here reads the daily series, the benchmark units and the replay observer the computation kept, so
// a new date range, currency or risk-free choice costs a pass over days, never a replay of events.
import {
  basketRecordsInFiat,
  FiatBook,
  type BenchmarkFigure,
  type Benchmarks,
  type EmissionRecord,
  type FiatPriceRow,
  type Figures,
  type FlowMarker,
  type PositionAcc,
  type SeriesPoint,
} from '../../shared/engine';
import { NO_FRICTION, addSplits, type FrictionSplit } from '../../shared/engine/analytics/friction';
import { INDEX_SCALE, indexAt } from '../../shared/engine/analytics/indexes';
import {
  annualised,
  dayOf,
  lastAtOrBefore,
  periodReturns,
  riskFigures,
  type GrowthSample,
} from '../../shared/engine/analytics/performance';
import { dayDeltas, incomeByBucket, rangeFigures, type Convert } from '../../shared/engine/analytics/periods';
import { emissionYield, priceChange } from '../../shared/engine/analytics/positions';
import {
  accountingBreakdown,
  chain,
  economicBreakdown,
  returnFigures,
  sampleReturns,
  type Breakdown,
  type FlowSample,
  type ReturnFigures,
} from '../../shared/engine/analytics/returns';
import {
  MONEY_FIGURES,
  type Amount,
  type AnalyticsView,
  type MoneyFigure,
  type BenchmarkView,
  type BreakdownView,
  type DayMarkerView,
  type PerformanceRowView,
  type ReturnsView,
} from '../../shared/views';
import {
  benchmarkIds,
  type BenchmarkId,
  incomeBuckets,
  type BreakdownId,
  type DisplayCurrency,
  type RiskFreeId,
} from '../../shared/vocab';
import { foldMarkers } from '../../shared/flow-markers';
import { AppError } from './errors';
import type { ComputedPortfolio } from './portfolio-model';

export interface AnalyticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  currency: DisplayCurrency;
  riskFree: RiskFreeId;
}

/** Amounts in the display currency: values at the as-of day's price, dated amounts at their day's. */
export interface Money {
  value: (rao: bigint) => Amount;
  on: Convert;
  fiat: () => AnalyticsView['fiat'];
  /** The prices behind a fiat display (null in τ). */
  book: FiatBook | null;
}

export function moneyFor(
  currency: DisplayCurrency,
  rows: readonly FiatPriceRow[],
  code: string,
  asOfTs: number,
): Money {
  if (currency === 'tao') return { value: (x) => x, on: (x) => x, fiat: () => null, book: null };
  if (rows.length === 0)
    throw new AppError('invalid-args', `No TAO/${code} prices are imported: import a price file first.`, 'currency');
  const book = new FiatBook(rows);
  return {
    value: (x) => book.value(x, asOfTs),
    on: (x, ms) => book.value(x, ms),
    fiat: () => ({ currency: code, priceAsOf: book.priceOn(asOfTs), missingDays: book.missing() }),
    book,
  };
}

export function amounts<K extends string>(m: Money, o: Record<K, bigint>): Record<K, Amount> {
  return Object.fromEntries(Object.entries<bigint>(o).map(([k, v]) => [k, m.value(v)])) as Record<K, Amount>;
}

/** The table figures of `f` in the display currency. */
function moneyFigures(m: Money, f: Figures): Record<MoneyFigure, Amount> {
  return Object.fromEntries(MONEY_FIGURES.map((k) => [k, m.value(f[k])])) as Record<MoneyFigure, Amount>;
}

function breakdownView(m: Money, id: BreakdownId, b: Breakdown): BreakdownView {
  const terms = b.terms.map((l) => ({ id: l.id, amount: m.value(l.amount) }));
  // In τ the terms add up to the total exactly; in fiat each converts at one price and the total is their sum.
  const total = terms.reduce<Amount>((s, l) => (s === null || l.amount === null ? null : s + l.amount), 0n);
  return { id, total, terms, memo: b.memo.map((l) => ({ id: l.id, amount: m.value(l.amount) })) };
}

function returnsView(m: Money, r: ReturnFigures): ReturnsView {
  const mw = r.moneyWeighted;
  return {
    ...amounts(m, {
      totalReturn: r.totalReturn,
      taoIn: r.taoIn,
      taoOut: r.taoOut,
      netInvested: r.netInvested,
      peakNetInvested: r.peakNetInvested,
    }),
    pct: r.pct,
    moneyWeighted:
      mw.periodReturn === null
        ? { annualised: null, period: null, years: null, reason: mw.reason }
        : { annualised: mw.annualised, period: mw.periodReturn, years: mw.years, reason: null },
    timeWeighted: r.timeWeighted,
  };
}

function benchmarkViews(m: Money, b: Benchmarks | null | undefined): BenchmarkView[] {
  if (!b) return [];
  return benchmarkIds.map((id) => {
    const f: BenchmarkFigure = b[id];
    return {
      id,
      available: f.available,
      complete: f.complete,
      ...amounts(m, {
        benchmarkValue: f.benchmarkValue,
        betValue: f.betValue,
        excess: f.excess,
        priceEffect: f.priceEffect,
        emissionEffect: f.emissionEffect,
        frictionEffect: f.frictionEffect,
        benchmarkGain: f.benchmarkGain,
      }),
    };
  });
}

/** Value and net invested of one subnet at each daily point (0 before it existed). */
/** Chart markers: each (day, subnet) amount at its own day's price, folded to one marker a day. */
export function dayMarkers(markers: readonly FlowMarker[], m: Money): DayMarkerView[] {
  return foldMarkers(markers.map((k) => ({ ...k, staked: m.on(k.staked, k.t), unstaked: m.on(k.unstaked, k.t) })));
}

export function subnetSamples(daily: readonly SeriesPoint[], netuid: number): FlowSample[] {
  return daily.map((p) => {
    const s = p.bySubnet.get(netuid);
    return { t: p.t, value: s?.value ?? 0n, netInvested: s?.netInvested ?? 0n };
  });
}

function growthOf(daily: readonly SeriesPoint[], samples: readonly FlowSample[]): GrowthSample[] {
  const g = chain(sampleReturns(samples));
  return daily.map((p, i) => ({ day: p.day, t: p.t, growth: g[i] as number }));
}

export function buildAnalyticsView(c: ComputedPortfolio, q: AnalyticsQuery, fiatCurrency: string): AnalyticsView {
  const { engine, view, benchmarks } = c;
  const state = engine.state;
  const daily = c.series?.daily ?? [];
  const asOf = { block: view.asOfBlock, timestamp: view.asOfTimestamp };
  const asOfDay = dayOf(asOf.timestamp);
  const from = q.from ?? daily[0]?.day ?? asOfDay;
  const to = q.to ?? asOfDay;
  if (from > to) throw new AppError('invalid-args', `The range starts (${from}) after it ends (${to}).`, 'from');
  const m = moneyFor(q.currency, c.fiatPrices, fiatCurrency, asOf.timestamp);
  const total = view.total.figures;
  const samples: FlowSample[] = daily.map((p) => ({ t: p.t, value: p.value, netInvested: p.netInvested }));

  // Friction split and emission yield per position, summed per subnet.
  const bySubnet = new Map<
    number,
    { split: FrictionSplit; records: EmissionRecord[]; alpha: bigint; first: number | null; held: PositionAcc[] }
  >();
  const heldMs =
    (ps: readonly PositionAcc[]) =>
    (from: number, to: number): bigint =>
      ps.reduce((sum, p) => sum + c.observer.alphaHeldMs(p, from, to), 0n);
  const positions = view.positions.flatMap((v) => {
    const p = state.find(v.coldkey, v.hotkey, v.netuid);
    if (!p) return [];
    const records = p.emissions.map((id) => state.emissions[id] as EmissionRecord);
    const first = c.observer.firstSeen(p);
    const split = c.observer.split(p);
    const s = bySubnet.get(p.netuid) ?? { split: NO_FRICTION, records: [], alpha: 0n, first: null, held: [] };
    s.split = addSplits(s.split, split);
    s.records.push(...records);
    s.alpha += p.alpha;
    s.held.push(p);
    if (first !== null && (s.first === null || first < s.first)) s.first = first;
    bySubnet.set(p.netuid, s);
    return [
      {
        key: p.key,
        netuid: p.netuid,
        figures: moneyFigures(m, v.figures),
        holdTao: v.benchmarks ? { excess: m.value(v.benchmarks.holdTao.excess) } : null,
        friction: amounts(m, { ...split }),
        emissionYield: emissionYield(records, p.alpha, heldMs([p]), asOf.timestamp, first),
      },
    ];
  });
  // The total's friction also holds what fund-share purchases paid over the shares' value (basket-totals):
  // a fee, so fees + slippage + burned stay equal to it.
  let split: FrictionSplit = { ...NO_FRICTION, fees: view.baskets.total.fees };
  for (const s of bySubnet.values()) split = addSplits(split, s.split);

  // Performance rows: the portfolio, each subnet bet, each benchmark, over the same daily samples.
  const firstFlowBlock = state.windows[0]?.blockNumber ?? asOf.block;
  const rangeStart = lastAtOrBefore(daily, dayOf(Date.parse(`${from}T00:00:00Z`) - 86_400_000));
  const rangeEnd = lastAtOrBefore(daily, to);
  const rootIndex = benchmarks.units.rootStake.index;
  const startBlock = rangeStart < 0 ? firstFlowBlock : (daily[rangeStart] as SeriesPoint).blockNumber;
  const startT = rangeStart < 0 ? (daily[0]?.t ?? asOf.timestamp) : (daily[rangeStart] as SeriesPoint).t;
  const endPoint = daily[rangeEnd];
  const rootRate =
    q.riskFree === 'rootYield' && rootIndex.available && endPoint
      ? annualised(
          Number(indexAt(rootIndex, startBlock)),
          Number(indexAt(rootIndex, endPoint.blockNumber)),
          (endPoint.t - startT) / 86_400_000,
        )
      : null;
  const riskFree = { id: rootRate === null ? ('zero' as const) : ('rootYield' as const), annualRate: rootRate ?? 0 };
  const row = (kind: PerformanceRowView['kind'], id: string, g: GrowthSample[], base = 1): PerformanceRowView => {
    // The root-stake baseline grows on the very index the root yield is measured from.
    const isRiskFree =
      kind === 'benchmark' && id === ('rootStake' satisfies BenchmarkId) && riskFree.id === 'rootYield';
    const risk = riskFigures(g, from, to, riskFree.annualRate, base);
    return {
      kind,
      id,
      periods: periodReturns(g, base),
      risk: isRiskFree ? { ...risk, sharpe: null } : risk,
      riskFree: isRiskFree,
    };
  };
  const rows: PerformanceRowView[] = [row('portfolio', 'portfolio', growthOf(daily, samples))];
  for (const s of view.subnets)
    rows.push(row('subnet', String(s.netuid), growthOf(daily, subnetSamples(daily, s.netuid))));
  for (const id of benchmarkIds) {
    const idx = benchmarks.units[id].index;
    if (!idx.available) continue;
    const g = daily.map((p) => ({
      day: p.day,
      t: p.t,
      growth: Number(indexAt(idx, p.blockNumber)) / Number(INDEX_SCALE),
    }));
    rows.push(row('benchmark', id, g, Number(indexAt(idx, firstFlowBlock)) / Number(INDEX_SCALE)));
  }

  const deltas = dayDeltas(daily);
  const range = rangeFigures(deltas, from, to, m.on);
  const portfolioValue = total.spotValue;
  const result: Omit<AnalyticsView, 'fiat'> = {
    asOfBlock: asOf.block,
    asOfTimestamp: asOf.timestamp,
    asOfDay,
    currency: q.currency,
    unit: q.currency === 'tao' ? 'TAO' : fiatCurrency,
    benchmarkList: benchmarkIds.map((id) => ({
      id,
      available: benchmarks.total[id].available,
      complete: benchmarks.total[id].complete,
    })),
    figures: moneyFigures(m, total),
    returns: returnsView(m, returnFigures(total, samples)),
    addsUp: {
      accounting: breakdownView(
        m,
        view.rewards === 'income' ? 'accountingIncome' : 'accountingZero',
        accountingBreakdown(total, view.rewards),
      ),
      economic: breakdownView(m, 'economic', economicBreakdown(total, split)),
    },
    friction: amounts(m, { ...split }),
    benchmarks: benchmarkViews(m, view.total.benchmarks),
    series: daily.map((p) => ({
      t: p.t,
      day: p.day,
      blockNumber: p.blockNumber,
      value: m.on(p.value, p.t),
      costBasis: m.on(p.costBasis, p.t),
      netInvested: m.on(p.netInvested, p.t),
      realizedCum: m.on(p.realizedCum, p.t),
      incomeCum: m.on(p.incomeCum, p.t),
      benchmarks: Object.fromEntries(benchmarkIds.map((id) => [id, m.on(p.benchmarks[id], p.t)])) as Record<
        (typeof benchmarkIds)[number],
        Amount
      >,
    })),
    markers: dayMarkers(c.series?.markers ?? [], m),
    income: Object.fromEntries(
      incomeBuckets.map((b) => [
        b,
        incomeByBucket(deltas, b, m.on).map((r) => ({
          start: r.start,
          total: r.total,
          bySubnet: Object.fromEntries(r.bySubnet),
        })),
      ]),
    ) as AnalyticsView['income'],
    range: {
      from,
      to,
      realized: range.realized,
      income: range.income,
      bySubnet: [...range.bySubnet].map(([netuid, x]) => ({ netuid, ...x })).sort((a, b) => a.netuid - b.netuid),
    },
    performance: { from, to, riskFree: { ...riskFree, requested: q.riskFree }, rows },
    subnets: view.subnets.map((s) => {
      const agg = bySubnet.get(s.netuid);
      return {
        netuid: s.netuid,
        value: m.value(s.figures.spotValue),
        figures: moneyFigures(m, s.figures),
        allocation: portfolioValue > 0n ? Number(s.figures.spotValue) / Number(portfolioValue) : null,
        friction: amounts(m, { ...(agg?.split ?? NO_FRICTION) }),
        returns: returnsView(m, returnFigures(s.figures, subnetSamples(daily, s.netuid))),
        benchmarks: benchmarkViews(m, s.benchmarks),
        priceChange24h: priceChange(engine.prices, s.netuid, asOf, 24),
        priceChange7d: priceChange(engine.prices, s.netuid, asOf, 24 * 7),
        emissionYield: agg ? emissionYield(agg.records, agg.alpha, heldMs(agg.held), asOf.timestamp, agg.first) : null,
      };
    }),
    positions,
    wallets: view.wallets.map((w) => ({ address: w.address, figures: moneyFigures(m, w.figures) })),
    unexplained: view.unexplained.map((u) => m.on(u.tao, u.timestamp)),
    // Historical records at their own day's price (shares given up: their lot-based cost), as Activity.
    basketRecords: m.book && basketRecordsInFiat(view.baskets.positions, m.book),
  };
  // Last: the fiat summary lists every day the conversions above lacked.
  return { ...result, fiat: m.fiat() };
}
