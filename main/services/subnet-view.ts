// One subnet's page (`portfolio:subnet`): price history, your stakes and unstakes, the subnet's own
// value and benchmark lines, income, its cockpit figures, and the pool's health and exit cost. Like the
// cockpit it reads what the cached computation kept (series, state, prices): no replay.
import { benchmarkLine, ratio, type SeriesPoint } from '../../shared/engine';
import { dayDeltas, incomeByBucket } from '../../shared/engine/analytics/periods';
import { exitCosts, poolHealth, type ExitCost, type PoolHealth } from '../../shared/engine/analytics/subnet';
import type { SubnetDissolution } from '../../shared/subnet-labels';
import { registeredAgainAt } from '../../shared/engine/prices';
import type { Amount, AnalyticsView, HoldingView, SubnetDetailView } from '../../shared/views';
import { benchmarkIds, incomeBuckets, type BenchmarkId } from '../../shared/vocab';
import { dayMarkers, moneyFor, subnetSamples, type AnalyticsQuery } from './analytics-view';
import type { ComputedPortfolio } from './portfolio-model';

export function buildSubnetView(
  c: ComputedPortfolio,
  cockpit: AnalyticsView,
  netuid: number,
  q: AnalyticsQuery,
  fiatCurrency: string,
): SubnetDetailView {
  const { engine, view } = c;
  const state = engine.state;
  const asOf = { block: view.asOfBlock, timestamp: view.asOfTimestamp };
  const m = moneyFor(q.currency, c.fiatPrices, fiatCurrency, asOf.timestamp);
  const daily: SeriesPoint[] = c.series?.daily ?? [];
  const samples = subnetSamples(daily, netuid);

  // The subnet's benchmark lines: its units (the cards' own), valued at each day's index.
  const blocks = daily.map((p) => p.blockNumber);
  const lines = Object.fromEntries(
    benchmarkIds.map((id) => [id, benchmarkLine(c.benchmarks.units[id], blocks, netuid)]),
  ) as Record<BenchmarkId, bigint[]>;

  // Income of this subnet only: the daily deltas with the other subnets left out.
  const own = dayDeltas(
    daily.map((p) => {
      const s = p.bySubnet.get(netuid);
      const cum = { realizedCum: s?.realizedCum ?? 0n, incomeCum: s?.incomeCum ?? 0n };
      return { day: p.day, t: p.t, ...cum, bySubnet: new Map() };
    }),
  );

  let alpha = 0n;
  for (const p of state.positions.values()) if (p.netuid === netuid) alpha += p.alpha;
  const row = view.subnets.find((s) => s.netuid === netuid);
  const noPool = noPoolOf(netuid, row?.dissolved ?? null);
  const health = noPool ? NO_HEALTH : poolHealth(engine.prices, netuid, asOf);
  // What can be sold now: locked α is left out; one wallet's sale of all of it is the chain's own quote.
  const holding = row?.holding;
  const sellers = new Set(
    view.positions.filter((p) => p.netuid === netuid && p.holding.available > 0n).map((p) => p.coldkey),
  ).size;
  const money = (x: bigint | null): Amount => (x === null ? null : m.value(x));

  const result: Omit<SubnetDetailView, 'fiat'> = {
    netuid,
    asOfBlock: asOf.block,
    currency: q.currency,
    unit: cockpit.unit,
    priceHistory: engine.prices
      .series(netuid)
      .filter((s) => s.blockNumber <= asOf.block)
      .map((s) => ({ t: s.timestamp, blockNumber: s.blockNumber, price: s.price })),
    registeredAgain: sinceSnapshot(registeredAgainAt(engine.prices.series(netuid), asOf.block)),
    markers: dayMarkers(
      (c.series?.markers ?? []).filter((k) => k.netuid === netuid),
      m,
    ),
    series: daily.map((p, i) => {
      const s = samples[i] as { value: bigint; netInvested: bigint };
      const sub = p.bySubnet.get(netuid);
      return {
        t: p.t,
        day: p.day,
        blockNumber: p.blockNumber,
        value: m.on(s.value, p.t),
        costBasis: m.on(sub?.costBasis ?? 0n, p.t),
        netInvested: m.on(s.netInvested, p.t),
        realizedCum: m.on(sub?.realizedCum ?? 0n, p.t),
        incomeCum: m.on(sub?.incomeCum ?? 0n, p.t),
        benchmarks: Object.fromEntries(benchmarkIds.map((id) => [id, m.on(lines[id][i] as bigint, p.t)])) as Record<
          BenchmarkId,
          Amount
        >,
      };
    }),
    income: Object.fromEntries(
      incomeBuckets.map((b) => [b, incomeByBucket(own, b, m.on).map((r) => ({ start: r.start, amount: r.total }))]),
    ) as SubnetDetailView['income'],
    figures: cockpit.subnets.find((s) => s.netuid === netuid) ?? null,
    positions: cockpit.positions.filter((p) => p.netuid === netuid),
    noPool,
    health: {
      taoReserve: money(health.taoReserve),
      alphaReserve: health.alphaReserve,
      marketCap: money(health.marketCap),
      netTaoFlow7d: money(health.netTaoFlow7d),
      netTaoFlow30d: money(health.netTaoFlow30d),
      emissionShare: health.emissionShare,
      emissionShareBlock: health.emissionShareBlock,
    },
    exitEachWallet: holding && sellers > 1 ? { wallets: sellers, exitValue: money(holding.exitValue) } : null,
    exit: exitOfHolding(
      exitCosts(engine.prices, netuid, holding?.available ?? alpha, asOf.block, c.specVersion) ?? [],
      sellers > 1 ? undefined : holding,
    ).map((e) => {
      // Each amount converted, then the cost as their difference (not the τ cost converted: rounding
      // each conversion apart left the row off by a unit in fiat).
      const spotValue = m.value(e.spotValue);
      const exitValue = m.value(e.exitValue);
      const cost = spotValue === null || exitValue === null ? null : spotValue - exitValue;
      return {
        percent: e.percent,
        alpha: e.alpha,
        spotValue,
        exitValue,
        cost,
        share: e.share,
        approximate: e.approximate,
      };
    }),
  };
  return { ...result, fiat: m.fiat() };
}

/**
 * The exit costs with "sell all" equal to the holding's exit value (the chain's quote where it has one),
 * so the page and the subnet's exit value say the same. Only for one wallet's holding: the card quotes each
 * wallet's sale against today's pool on its own, and with several wallets selling one after another the
 * pool returns what one sale of all their α does (the table's own quote; each % row is one sale too).
 */
function exitOfHolding(costs: ExitCost[], holding: HoldingView | undefined): ExitCost[] {
  if (!holding) return costs;
  return costs.map((e) => {
    if (e.percent !== 100) return e;
    const cost = e.spotValue - holding.exitValue;
    const approximate = holding.exitSource === 'chain' ? false : e.approximate;
    return { ...e, exitValue: holding.exitValue, cost, share: ratio(cost, e.spotValue), approximate };
  });
}

/**
 * Root's "pool" is no α market (stake there is TAO at 1:1: its reserves, market cap, flows and emission
 * share mean nothing), and a dissolved subnet's pool is gone: its last snapshot is not its health now.
 */
function noPoolOf(netuid: number, dissolved: SubnetDissolution | null): SubnetDetailView['noPool'] {
  if (netuid === 0) return { reason: 'root' };
  if (dissolved) return { reason: 'dissolved', blockNumber: dissolved.blockNumber, t: dissolved.timestamp };
  return null;
}

const NO_HEALTH: PoolHealth = {
  taoReserve: null,
  alphaReserve: null,
  marketCap: null,
  netTaoFlow7d: null,
  netTaoFlow30d: null,
  emissionShare: null,
  emissionShareBlock: null,
};

const sinceSnapshot = (s: { timestamp: number; blockNumber: number } | null) =>
  s === null ? null : { t: s.timestamp, blockNumber: s.blockNumber };
