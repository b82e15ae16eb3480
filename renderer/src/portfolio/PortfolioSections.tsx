// Portfolio below the headline: charts and tables, drawn section by section (app/staged.ts) so a
// page of charts is never one long task (bench/ui.ts: navigation and recompute).
import { memo, useMemo } from 'react';
import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { MetricHeader } from '../app/MetricLabel';
import { Money, TAO_UNIT, type Unit } from '../app/Money';
import { useStaged } from '../app/staged';
import { BenchmarkCard } from './Benchmarks';
import { PerformanceCard, RangeCard } from './Performance';
import { IncomeOverTime, PortfolioAllocation, ValueOverTime } from './PortfolioCharts';

export type FiguresPair = readonly [PortfolioView, AnalyticsView];

/** Each chart its own section: a chart's mount is one long task (recharts re-renders it synchronously). */
const SECTIONS = 6;
/** The sections shown side by side (allocation and income). */
const PAIRED = [1, 2];

export const unitOfAnalytics = (a: AnalyticsView): Unit =>
  a.currency === 'fiat' ? { currency: 'fiat', code: a.unit } : TAO_UNIT;

/** The charts and tables for one computation (view and analytics), each section in its own task. */
export function PortfolioSections(props: {
  pair: FiguresPair;
  from: string | null;
  to: string | null;
  onRange: (from: string | null, to: string | null) => void;
}) {
  const { values, stale } = useStaged(props.pair, SECTIONS);
  if (values[0] === null)
    return (
      <p className="muted" role="status">
        Drawing charts…
      </p>
    );
  const sections = values.map((pair, index) =>
    pair ? (
      <Section
        key={index}
        index={index}
        pair={pair}
        stale={stale[index]!}
        from={props.from}
        to={props.to}
        onRange={props.onRange}
      />
    ) : PAIRED.includes(index) ? (
      // Holds its column until its turn, so the other one does not take the whole row meanwhile.
      <div key={index} className="stage" />
    ) : null,
  );
  return (
    <>
      {sections[0]}
      <div className="grid-2">{PAIRED.map((i) => sections[i])}</div>
      {sections.filter((_, i) => i > 0 && !PAIRED.includes(i))}
    </>
  );
}

/** A section's frame: dimmed, and marked busy, while it still shows the previous computation. */
function Section(props: {
  index: number;
  pair: FiguresPair;
  stale: boolean;
  from: string | null;
  to: string | null;
  onRange: (from: string | null, to: string | null) => void;
}) {
  const { stale, ...content } = props;
  return (
    <div className={stale ? 'stage stale' : 'stage'} aria-busy={stale || undefined}>
      <SectionContent {...content} />
    </div>
  );
}

/** Memoised: a section's charts render only on its own turn (a new pair), not when it turns stale. */
const SectionContent = memo(function SectionContent(props: {
  index: number;
  pair: FiguresPair;
  from: string | null;
  to: string | null;
  onRange: (from: string | null, to: string | null) => void;
}) {
  const [view, analytics] = props.pair;
  const unit = unitOfAnalytics(analytics);
  const income = useMemo(() => mapIncome(analytics), [analytics]);
  return [
    () => <ValueOverTime analytics={analytics} unit={unit} />,
    () => <PortfolioAllocation view={view} unit={unit} price={analytics.fiat?.priceAsOf ?? null} />,
    () => <IncomeOverTime rows={income} unit={unit} />,
    () => <BenchmarkCard benchmarks={analytics.benchmarks} unit={unit} />,
    () => <PerformanceCard analytics={analytics} view={view} />,
    () => (
      <>
        <RangeCard analytics={analytics} unit={unit} from={props.from} to={props.to} onChange={props.onRange} />
        {view.wallets.length > 1 && <ByWallet view={view} analytics={analytics} unit={unit} />}
      </>
    ),
  ][props.index]!();
});

function mapIncome(a: AnalyticsView) {
  return {
    day: a.income.day.map((r) => ({ start: r.start, amount: r.total })),
    week: a.income.week.map((r) => ({ start: r.start, amount: r.total })),
    month: a.income.month.map((r) => ({ start: r.start, amount: r.total })),
  };
}

/** Each wallet's figures in the display currency (the analytics view's, converted as the subnets' are). */
export function ByWallet({
  view,
  analytics,
  unit,
}: {
  view: Pick<PortfolioView, 'wallets'>;
  analytics: Pick<AnalyticsView, 'wallets'>;
  unit: Unit;
}) {
  const labelOf = new Map(view.wallets.map((w) => [w.address, w.label]));
  return (
    <div className="card">
      <h2>By wallet</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Wallet</th>
            <MetricHeader id="spotValue" label="Value" />
            <MetricHeader id="costBasis" />
            <MetricHeader id="unrealized" label="Unrealized" />
            <MetricHeader id="realized" label="Realized" />
            <MetricHeader id="incomeTao" />
          </tr>
        </thead>
        <tbody>
          {analytics.wallets.map(({ address, figures: f }) => {
            return (
              <tr key={address} data-testid="wallet-row">
                <td>{labelOf.get(address) ?? address}</td>
                <td className="num">
                  <Money amount={f.spotValue} unit={unit} />
                </td>
                <td className="num">
                  <Money amount={f.costBasis} unit={unit} />
                </td>
                <td className="num">
                  <Money amount={f.unrealized} unit={unit} sign />
                </td>
                <td className="num">
                  <Money amount={f.realized} unit={unit} sign />
                </td>
                <td className="num">
                  <Money amount={f.incomeTao} unit={unit} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
