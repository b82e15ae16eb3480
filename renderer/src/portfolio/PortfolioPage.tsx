import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import { ErrorNote } from '../app/ErrorNote';
import { utcDateTime } from '../app/dates';
import { ExportMenu } from './ExportMenu';
import { Headline } from './Headline';
import { QueryStates } from './PageStates';
import { PortfolioSections, unitOfAnalytics, type FiguresPair } from './PortfolioSections';
import { portfolioQueries } from './queries';
import { hasFiatPrices, useAnalyticsChoice, useViewChoice } from './view-choice';
import { useSettledPair } from '../app/settled';
import { UnexplainedCard } from './UnexplainedCard';
import { ViewControls } from './ViewControls';

export function PortfolioPage() {
  const choice = useViewChoice();
  // While another method, treatment, currency or range is computed, the figures on screen stay
  // (marked "Recomputing…"), and the view and its analytics change together, never one without the other.
  const portfolio = useQuery({ ...portfolioQueries.view(choice.args), placeholderData: keepPreviousData });
  const fiatAvailable = hasFiatPrices(portfolio.data);
  const extra = useAnalyticsChoice('portfolio', fiatAvailable);
  const analytics = useQuery({
    ...portfolioQueries.analytics({ ...choice.args, ...extra.args }),
    enabled: portfolio.data?.hasData === true,
    placeholderData: keepPreviousData,
  });
  const shown = useSettledPair(portfolio, analytics);
  const view = shown?.[0];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Portfolio</h1>
        {view?.hasData && (
          <p className="muted" data-testid="as-of">
            As of block {view.asOfBlock.toLocaleString('en-US')} · {utcDateTime(view.asOfTimestamp)} ·{' '}
            {COST_BASIS_METHODS[view.method].short}, {REWARD_TREATMENTS[view.rewards].short}
          </p>
        )}
      </header>
      <div className="toolbar">
        <ViewControls
          choice={choice}
          currency={fiatAvailable ? extra : undefined}
          fiatCode={portfolio.data?.fiatCurrency}
        />
        {portfolio.data?.hasData && <ExportMenu args={choice.args} />}
      </div>
      <QueryStates
        query={portfolio}
        fetching={portfolio.isFetching || analytics.isFetching}
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
        {() =>
          shown ? (
            <PortfolioBody pair={shown} from={extra.from} to={extra.to} onRange={extra.setRange} />
          ) : analytics.error ? (
            <ErrorNote error={analytics.error} />
          ) : (
            <p className="muted" role="status">
              Computing returns and benchmarks…
            </p>
          )
        }
      </QueryStates>
    </section>
  );
}

/**
 * Memoised: the page re-renders as its queries' states change (fetching, settled), which must not
 * re-render the headline or any chart (a recompute's seconds of fetching would redraw them each time).
 */
const PortfolioBody = memo(function PortfolioBody(props: {
  pair: FiguresPair;
  from: string | null;
  to: string | null;
  onRange: (from: string | null, to: string | null) => void;
}) {
  const [view, analytics] = props.pair;
  // The figures paint first; the charts and tables below follow, one section per task.
  return (
    <>
      <Headline view={view} analytics={analytics} unit={unitOfAnalytics(analytics)} />
      <UnexplainedCard view={view} analytics={analytics} unit={unitOfAnalytics(analytics)} />
      <PortfolioSections pair={props.pair} from={props.from} to={props.to} onRange={props.onRange} />
    </>
  );
});
