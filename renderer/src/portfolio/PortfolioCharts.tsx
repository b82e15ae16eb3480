import { benchmarkIds, BENCHMARKS, type BenchmarkId } from '../../../shared/vocab';
import type { PortfolioView, SeriesPointView } from '../../../shared/views';
import { oneOf, usePersistedState } from '../app/persisted';
import { AllocationChart } from '../charts/AllocationChart';
import { BarsChart } from '../charts/BarsChart';
import { ChoiceButtons } from '../charts/ChartShell';
import { TimeChart, type TimeLine } from '../charts/TimeChart';
import { BUCKETS, bucketIds, incomeBuckets, type BucketId } from './income-buckets';

/** A benchmark's value at a point (one line per entry of the benchmark vocabulary). */
function benchmarkAt(p: SeriesPointView, id: BenchmarkId): bigint {
  return p.benchmarks[id];
}

const BENCH_COLORS = ['var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-7)'];

/** Value over time against every benchmark the engine computes (a new one appears by itself). */
export function ValueOverTime({ view }: { view: PortfolioView }) {
  const points = view.daily;
  const lines: TimeLine[] = [
    {
      id: 'value',
      label: 'Portfolio',
      help: 'Spot value of the α held at each day’s last recorded block, in τ.',
      color: 'var(--chart-1)',
      values: points.map((p) => p.value),
    },
    ...benchmarkIds.map((id, i) => ({
      id,
      label: BENCHMARKS[id].label,
      help: BENCHMARKS[id].help,
      color: BENCH_COLORS[i % BENCH_COLORS.length]!,
      dashed: true,
      toggleable: true,
      values: points.map((p) => benchmarkAt(p, id)),
    })),
  ];
  return (
    <div className="card">
      <TimeChart
        id="portfolio.value"
        title="Value over time"
        help="Your stake’s value each day against the same TAO flows held in each benchmark."
        points={points}
        lines={lines}
      />
    </div>
  );
}

export function PortfolioAllocation({ view }: { view: PortfolioView }) {
  return (
    <div className="card">
      <AllocationChart
        slices={view.subnets.map((s) => ({
          id: String(s.netuid),
          label: s.name ? `SN${s.netuid} ${s.name}` : `SN${s.netuid}`,
          value: s.figures.spotValue,
        }))}
      />
    </div>
  );
}

export function IncomeOverTime({ view }: { view: PortfolioView }) {
  const [bucket, setBucket] = usePersistedState<BucketId>('portfolio.incomeBucket', 'week', oneOf(bucketIds));
  const data = incomeBuckets(view.daily, bucket);
  return (
    <div className="card">
      <BarsChart
        id="portfolio.income"
        title="Emission income"
        help="α emitted to you plus root-claim payouts, in τ at the pool price when received."
        seriesLabel="Income"
        data={data}
        controls={
          <ChoiceButtons
            label="Income per"
            options={bucketIds}
            labelOf={(b) => BUCKETS[b].label}
            value={bucket}
            onChange={setBucket}
          />
        }
      />
    </div>
  );
}
