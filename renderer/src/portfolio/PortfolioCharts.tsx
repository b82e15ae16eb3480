import { memo, useMemo } from 'react';
import {
  BENCHMARK_BELOW_ZERO,
  BENCHMARKS,
  INCOME_BUCKETS,
  incomeBuckets,
  METRICS,
  type IncomeBucket,
} from '../../../shared/vocab';
import type { AnalyticsView, DayMarkerView, MarkerSideView, PortfolioView } from '../../../shared/views';
import { axisFormatIn, formatIn, type Unit } from '../app/Money';
import { oneOf, usePersistedState } from '../app/persisted';
import { AllocationChart, type Slice } from '../charts/AllocationChart';
import { shortAddress } from '../app/format';
import { BarsChart } from '../charts/BarsChart';
import { ChoiceButtons } from '../charts/ChartShell';
import { memoOnData, sameData } from '../charts/same-data';
import { TimeChart, type TimeLine, type TimeMarker } from '../charts/TimeChart';
import { bucketTick } from './income-buckets';

const BENCH_COLORS = ['var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-7)'];

/** A day's side as the tooltip sentence: each named subnet's amount and count, then how many more. */
function sideText(side: MarkerSideView, verb: string, prep: string, format: (v: bigint) => string): string {
  const parts = side.parts.map(
    (p) => `${verb} ${p.amount === null ? '' : format(p.amount)} ${prep} SN${p.netuid} (${p.count}×)`,
  );
  return side.more > 0 ? `${parts.join('; ')}; and ${side.more} more subnets` : parts.join('; ');
}

/**
 * Stake/unstake markers: the backend folds them to one per day (shared/flow-markers.ts); each day
 * becomes at most one symbol per direction, naming what was staked or unstaked on which subnets.
 */
export function flowMarkers(markers: readonly DayMarkerView[], unit: Unit): TimeMarker[] {
  const format = formatIn(unit);
  const out: TimeMarker[] = [];
  for (const m of markers) {
    if (m.staked) out.push({ t: m.t, kind: 'buy', text: sideText(m.staked, 'Staked', 'on', format) });
    if (m.unstaked) out.push({ t: m.t, kind: 'sell', text: sideText(m.unstaked, 'Unstaked', 'from', format) });
  }
  return out;
}

interface ValueOverTimeProps {
  analytics: Pick<AnalyticsView, 'series' | 'markers'> & { benchmarkList?: AnalyticsView['benchmarkList'] };
  unit: Unit;
  id?: string;
  title?: string;
}

/**
 * What the value chart draws from its props: of each daily point only its day, value and benchmark
 * values (a point also carries cost basis and realized figures, which another method changes).
 */
const plotted = (p: ValueOverTimeProps) => ({
  unit: p.unit,
  id: p.id,
  title: p.title,
  markers: p.analytics.markers,
  benchmarkList: p.analytics.benchmarkList,
  series: p.analytics.series.map((point) => [point.t, point.value, point.benchmarks]),
});

/**
 * Value over time against every benchmark the engine computes, from one computation: each line's
 * last point is the figure its card shows. A new benchmark in the vocabulary appears by itself.
 * Drawn again only when what it plots changes (charts/same-data.ts).
 */
export const ValueOverTime = memo(ValueOverTimeChart, (prev, next) => sameData(plotted(prev), plotted(next)));

function ValueOverTimeChart({
  analytics,
  unit,
  id = 'portfolio.value',
  title = 'Value over time',
}: ValueOverTimeProps) {
  const points = analytics.series;
  // Stable across renders, so the chart places them once per data change, not per frame.
  const markers = useMemo(() => flowMarkers(analytics.markers, unit), [analytics.markers, unit]);
  const available = analytics.benchmarkList ?? [];
  const lines: TimeLine[] = [
    {
      id: 'value',
      label: 'Value',
      help: METRICS.spotValue.help,
      color: 'var(--chart-1)',
      values: points.map((p) => p.value),
    },
    ...available
      .filter((b) => b.available)
      .map((b, i) => ({
        id: b.id,
        label: BENCHMARKS[b.id].label,
        help: BENCHMARKS[b.id].help,
        belowZero: BENCHMARK_BELOW_ZERO,
        color: BENCH_COLORS[i % BENCH_COLORS.length]!,
        dashed: true,
        toggleable: true,
        values: points.map((p) => p.benchmarks[b.id]),
      })),
  ];
  return (
    <div className="card">
      <TimeChart
        id={id}
        title={title}
        help={`The value each day against the same TAO flows held in each benchmark; ▲ stakes, ◆ unstakes. ${BENCHMARK_BELOW_ZERO}`}
        points={points}
        stamps="days"
        lines={lines}
        markers={markers}
        format={formatIn(unit)}
        axisFormat={axisFormatIn(unit)}
      />
    </div>
  );
}

/** Basket positions (shares of validator funds, 441+) as one slice per fund, summed over the wallets. */
export function fundSlices(view: PortfolioView): Slice[] {
  const byFund = new Map<string, bigint>();
  for (const p of view.baskets.positions) byFund.set(p.hotkey, (byFund.get(p.hotkey) ?? 0n) + p.figures.value);
  return [...byFund].map(([hotkey, value]) => ({
    id: `fund-${hotkey}`,
    label: `Validator fund ${shortAddress(hotkey)}`,
    value,
    fund: true,
  }));
}

export function PortfolioAllocation({
  view,
  unit,
  price,
}: {
  view: PortfolioView;
  unit: Unit;
  /** The as-of day's fiat price (the analytics view's `fiat.priceAsOf`): values convert at it. */
  price: bigint | null;
}) {
  const funds = fundSlices(view);
  return (
    <div className="card">
      <AllocationChart
        shownIn={{ unit, price }}
        {...(funds.length > 0 ? { title: 'Allocation by subnet and validator fund' } : {})}
        slices={[
          ...view.subnets.map((s) => ({
            id: String(s.netuid),
            label: s.name ? `SN${s.netuid} ${s.name}` : `SN${s.netuid}`,
            value: s.figures.spotValue,
          })),
          ...funds,
        ]}
      />
    </div>
  );
}

/** Emission income per day, week or month (the engine's buckets); drawn again only when they change. */
export const IncomeOverTime = memoOnData(function IncomeOverTime({
  rows,
  unit,
  id = 'portfolio.income',
}: {
  rows: Record<IncomeBucket, readonly { start: string; amount: bigint | null }[]>;
  unit: Unit;
  id?: string;
}) {
  const [bucket, setBucket] = usePersistedState<IncomeBucket>(`${id}.bucket`, 'week', oneOf(incomeBuckets));
  const data = rows[bucket].map((r) => {
    const t = Date.parse(`${r.start}T00:00:00Z`);
    return {
      t,
      label: `${INCOME_BUCKETS[bucket].label.replace('Per ', '')} of ${r.start}`,
      tick: bucketTick(t, bucket),
      value: r.amount,
    };
  });
  return (
    <div className="card">
      <BarsChart
        id={id}
        title="Emission income"
        help={METRICS.incomePerBucket.help}
        seriesLabel="Income"
        data={data}
        format={formatIn(unit)}
        axisFormat={axisFormatIn(unit)}
        missingLabel={unit.currency === 'fiat' ? `No ${unit.code} price` : 'No value'}
        controls={
          <ChoiceButtons
            label="Income per"
            options={incomeBuckets}
            labelOf={(b) => INCOME_BUCKETS[b].label.replace('Per ', '')}
            helpOf={(b) => INCOME_BUCKETS[b].help}
            value={bucket}
            onChange={setBucket}
          />
        }
      />
    </div>
  );
});
