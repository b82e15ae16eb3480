import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { Tao } from '../app/Amount';
import { ErrorNote } from '../app/ErrorNote';
import { MetricHeader } from '../app/MetricLabel';
import { formatDateTime } from '../app/format';
import { TAO_UNIT, type Unit } from '../app/Money';
import { BenchmarkCard } from './Benchmarks';
import { ExportMenu } from './ExportMenu';
import { Headline } from './Headline';
import { QueryStates } from './PageStates';
import { PerformanceCard, RangeCard } from './Performance';
import { IncomeOverTime, PortfolioAllocation, ValueOverTime } from './PortfolioCharts';
import { portfolioQueries } from './queries';
import { useAnalyticsChoice, useViewChoice } from './view-choice';
import { UnexplainedCard } from './UnexplainedCard';
import { ViewControls } from './ViewControls';

export function PortfolioPage() {
  const choice = useViewChoice();
  const portfolio = useQuery(portfolioQueries.view(choice.args));
  const view = portfolio.data;
  const fiatAvailable = view?.fiatMissingDays !== null && view?.fiatMissingDays !== undefined;
  const extra = useAnalyticsChoice('portfolio', fiatAvailable);

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Portfolio</h1>
        {view?.hasData && (
          <p className="muted" data-testid="as-of">
            As of block {view.asOfBlock.toLocaleString('en-US')} · {formatDateTime(view.asOfTimestamp)} ·{' '}
            {COST_BASIS_METHODS[view.method].short}, {REWARD_TREATMENTS[view.rewards].short}
          </p>
        )}
      </header>
      <div className="toolbar">
        <ViewControls choice={choice} currency={fiatAvailable ? extra : undefined} fiatCode={view?.fiatCurrency} />
        {view?.hasData && <ExportMenu args={choice.args} />}
      </div>
      <QueryStates
        query={portfolio}
        isEmpty={(v) => !v.hasData}
        empty={
          <>
            <p>No stake history yet.</p>
            <p className="muted">
              Add a coldkey on the Wallets page; figures appear as soon as sync has recorded its history.
            </p>
          </>
        }
      >
        {(v) => <AnalyticsBody view={v} args={{ ...choice.args, ...extra.args }} extra={extra} />}
      </QueryStates>
    </section>
  );
}

function AnalyticsBody(props: {
  view: PortfolioView;
  args: Parameters<typeof portfolioQueries.analytics>[0];
  extra: ReturnType<typeof useAnalyticsChoice>;
}) {
  const analytics = useQuery(portfolioQueries.analytics(props.args));
  if (analytics.error) return <ErrorNote error={analytics.error} />;
  if (!analytics.data)
    return (
      <p className="muted" role="status">
        Computing returns and benchmarks…
      </p>
    );
  const unit: Unit = analytics.data.currency === 'fiat' ? { currency: 'fiat', code: analytics.data.unit } : TAO_UNIT;
  return <PortfolioBody view={props.view} analytics={analytics.data} unit={unit} extra={props.extra} />;
}

function PortfolioBody(props: {
  view: PortfolioView;
  analytics: AnalyticsView;
  unit: Unit;
  extra: ReturnType<typeof useAnalyticsChoice>;
}) {
  const { view, analytics, unit } = props;
  // The figures paint first; the charts and tables below follow in a deferred render, so arriving on
  // the page (or a recompute landing) never waits for the chart library.
  const later = useDeferredValue<AnalyticsView | null>(analytics, null);
  return (
    <>
      <Headline view={view} analytics={analytics} unit={unit} />
      <UnexplainedCard view={view} />
      {later ? (
        <>
          <ValueOverTime analytics={later} unit={unit} />
          <div className="grid-2">
            <PortfolioAllocation view={view} />
            <IncomeOverTime rows={mapIncome(later)} unit={unit} />
          </div>
          <BenchmarkCard benchmarks={later.benchmarks} unit={unit} />
          <PerformanceCard analytics={later} view={view} />
          <RangeCard
            analytics={analytics}
            unit={unit}
            from={props.extra.from}
            to={props.extra.to}
            onChange={props.extra.setRange}
          />
          {view.wallets.length > 1 && <ByWallet view={view} />}
        </>
      ) : (
        <p className="muted" role="status">
          Drawing charts…
        </p>
      )}
    </>
  );
}

function mapIncome(a: AnalyticsView) {
  return {
    day: a.income.day.map((r) => ({ start: r.start, amount: r.total })),
    week: a.income.week.map((r) => ({ start: r.start, amount: r.total })),
    month: a.income.month.map((r) => ({ start: r.start, amount: r.total })),
  };
}

function ByWallet({ view }: { view: PortfolioView }) {
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
          {view.wallets.map((w) => (
            <tr key={w.address}>
              <td>{w.label ?? w.address}</td>
              <td className="num">
                <Tao rao={w.figures.spotValue} />
              </td>
              <td className="num">
                <Tao rao={w.figures.costBasis} />
              </td>
              <td className="num">
                <Tao rao={w.figures.unrealized} sign />
              </td>
              <td className="num">
                <Tao rao={w.figures.realized} sign />
              </td>
              <td className="num">
                <Tao rao={w.figures.incomeTao} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
