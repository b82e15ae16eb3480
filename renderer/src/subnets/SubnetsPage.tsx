import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { COST_BASIS_METHODS, INCOME_INSIDE_PNL, REWARD_TREATMENTS } from '../../../shared/vocab';
import { unitFor } from '../app/currency';
import { QueryStates } from '../portfolio/PageStates';
import { FiguresToolbar } from '../portfolio/ViewControls';
import { portfolioQueries } from '../portfolio/queries';
import { usePortfolioFigures } from '../portfolio/view-choice';
import { subnetRows, tableTotals } from './subnet-rows';
import { SubnetsTable } from './SubnetsTable';
import { RootBaskets } from './RootBaskets';

export function SubnetsPage() {
  const figures = usePortfolioFigures();
  const { choice, portfolio, currency } = figures;
  // Price changes, emission yields and shares come with the analytics, and in fiat the money figures;
  // the table shows without them (in τ until the fiat figures arrive).
  const analytics = useQuery({
    ...portfolioQueries.analytics({ ...choice.args, currency: currency.currency }),
    placeholderData: keepPreviousData,
  });
  // Only with the table's own computation: both the previous one (recomputing) or both the new one.
  const same = analytics.isPlaceholderData === portfolio.isPlaceholderData;
  const shown = same ? analytics.data : undefined;
  const market = new Map((shown?.subnets ?? []).map((s) => [s.netuid, s]));
  const fiat = currency.currency === 'fiat' && shown?.currency === 'fiat' ? shown : null;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Subnets</h1>
        {portfolio.data?.hasData && (
          <p className="muted">
            {COST_BASIS_METHODS[portfolio.data.method].short}, {REWARD_TREATMENTS[portfolio.data.rewards].short} · as of
            block {portfolio.data.asOfBlock.toLocaleString('en-US')}
          </p>
        )}
      </header>
      <FiguresToolbar figures={figures} />
      <QueryStates
        query={portfolio}
        isEmpty={(v) => !v.hasData}
        empty={
          <>
            <p>No positions yet.</p>
            <p className="muted">Per-subnet positions appear once sync has recorded a wallet's stake history.</p>
          </>
        }
      >
        {(view) => (
          <>
            <div className="card table-card">
              {fiat && (
                <p className="muted small" data-testid="table-unit">
                  Amounts in {fiat.unit} at the TAO price of {fiat.asOfDay}; prices in τ.
                </p>
              )}
              {view.rewards === 'zero' && (
                <p className="muted small" data-testid="zero-basis-note" title={INCOME_INSIDE_PNL.help}>
                  Zero-basis rewards: the Emissions column (emission income) is {INCOME_INSIDE_PNL.label}; it is shown
                  beside them, not added.
                </p>
              )}
              <div className="scroll-x">
                <SubnetsTable
                  view={view}
                  rows={subnetRows(view, market, fiat)}
                  totals={tableTotals(view, fiat)}
                  choice={choice}
                  {...(fiat ? { fiatPositions: new Map(fiat.positions.map((p) => [p.key, p.figures])) } : {})}
                />
              </div>
            </div>
            <RootBaskets
              baskets={view.baskets}
              {...(fiat
                ? {
                    shownIn: { unit: unitFor(fiat.unit), price: fiat.fiat?.priceAsOf ?? null },
                    recordsInFiat: fiat.basketRecords,
                  }
                : {})}
            />
          </>
        )}
      </QueryStates>
    </section>
  );
}
