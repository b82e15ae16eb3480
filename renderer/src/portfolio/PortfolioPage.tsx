import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import type { PortfolioView } from '../../../shared/views';
import { Tao } from '../app/Amount';
import { formatDateTime } from '../app/format';
import { BenchmarkCard } from './Benchmarks';
import { ExportMenu } from './ExportMenu';
import { Headline } from './Headline';
import { QueryStates } from './PageStates';
import { IncomeOverTime, PortfolioAllocation, ValueOverTime } from './PortfolioCharts';
import { portfolioQueries } from './queries';
import { useViewChoice } from './view-choice';
import { ViewControls } from './ViewControls';

export function PortfolioPage() {
  const choice = useViewChoice();
  const portfolio = useQuery(portfolioQueries.view(choice.args));
  const view = portfolio.data;

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
        <ViewControls choice={choice} />
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
        {(v) => <PortfolioBody view={v} />}
      </QueryStates>
    </section>
  );
}

function PortfolioBody({ view }: { view: PortfolioView }) {
  // The figures paint first; the charts and tables below follow in a deferred render, so arriving on
  // the page (or a recompute landing) never waits for the chart library.
  const later = useDeferredValue<PortfolioView | null>(view, null);
  return (
    <>
      <Headline view={view} />
      {later ? (
        <>
          <ValueOverTime view={later} />
          <div className="grid-2">
            <PortfolioAllocation view={later} />
            <IncomeOverTime view={later} />
          </div>
          <BenchmarkCard benchmarks={later.total.benchmarks} />
          {later.wallets.length > 1 && <ByWallet view={later} />}
        </>
      ) : (
        <p className="muted" role="status">
          Drawing charts…
        </p>
      )}
    </>
  );
}

function ByWallet({ view }: { view: PortfolioView }) {
  return (
    <div className="card">
      <h2>By wallet</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Wallet</th>
            <th className="num">Value</th>
            <th className="num">Cost basis</th>
            <th className="num">Unrealized</th>
            <th className="num">Realized</th>
            <th className="num">Emission income</th>
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
