import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { EXIT_SOURCES, METRICS, REWARD_TREATMENTS, type MetricId } from '../../../shared/vocab';
import { Alpha, Pct, Tao } from '../app/Amount';
import { MetricLabel } from '../app/MetricLabel';
import { daysHave } from '../app/format';
import { Money, valueIn, type Unit } from '../app/Money';
import { HoldTaoWorth } from './HoldTaoWorth';

/** Why there is no annualised IRR, in words (the engine's reasons). */
const IRR_MISSING: Record<NonNullable<AnalyticsView['returns']['moneyWeighted']['reason']>, string> = {
  'no-flows': 'No TAO flows to compute it from.',
  'no-time': 'Under 30 days of history: an annual rate would mislead.',
  'no-solution': 'No single rate makes the flows and the value now discount to zero.',
  'several-solutions': 'Several rates fit these flows, so none is shown.',
};

/** The same reasons in a few words, shown beside the dash (a title alone reaches no keyboard or touch user). */
const IRR_MISSING_SHORT: Record<keyof typeof IRR_MISSING, string> = {
  'no-flows': 'no TAO flows',
  'no-time': 'under 30 days of history',
  'no-solution': 'no rate fits',
  'several-solutions': 'several rates fit',
};

const metric = (id: MetricId) => <MetricLabel label={METRICS[id].label} help={METRICS[id].help} />;

/** Value, total return with each percentage and its base (and the IRR), and the excess over holding TAO. */
export function Headline({ view, analytics, unit }: { view: PortfolioView; analytics: AnalyticsView; unit: Unit }) {
  const f = view.total.figures;
  const r = analytics.returns;
  const hold = analytics.benchmarks.find((b) => b.id === 'holdTao') ?? null;
  const mw = r.moneyWeighted;
  const fiat = unit.currency === 'fiat';
  return (
    <div className="card headline" aria-label="Headline">
      <div className="headline-main">
        <div>
          {metric('spotValue')}
          {/* In fiat the value, exit value and locked value are too (at the as-of day's price, as every
              card's value), the τ value beside them. */}
          <div className="big">
            {fiat ? (
              <Money amount={analytics.figures.spotValue} unit={unit} testId="spot-value-fiat" />
            ) : (
              <Tao rao={f.spotValue} testId="spot-value" />
            )}
          </div>
          <div className="muted small">
            {metric('exitValue')}{' '}
            {fiat ? (
              <Money amount={analytics.figures.exitValue} unit={unit} testId="exit-value-fiat" />
            ) : (
              <Tao rao={f.exitValue} testId="exit-value" />
            )}
            <span className="muted" title={EXIT_SOURCES[view.total.holding.exitSource].help}>
              {' '}
              ({EXIT_SOURCES[view.total.holding.exitSource].label.toLowerCase()})
            </span>
          </div>
          {view.total.holding.locked > 0n && (
            <div className="muted small" data-testid="locked">
              {metric('lockedValue')}{' '}
              {fiat ? (
                <Money
                  amount={valueIn(view.total.holding.lockedValue, { unit, price: analytics.fiat?.priceAsOf ?? null })}
                  unit={unit}
                  testId="locked-value-fiat"
                />
              ) : (
                <Tao rao={view.total.holding.lockedValue} testId="locked-value" />
              )}{' '}
              · not in the exit value
            </div>
          )}
          {fiat && (
            <div className="muted small">
              in τ: <Tao rao={f.spotValue} testId="spot-value" />
            </div>
          )}
        </div>
        <div>
          {metric('totalReturn')}
          <div className="big">
            <Money amount={r.totalReturn} unit={unit} sign testId="total-return" />
          </div>
          <dl className="bases">
            <div>
              <dt>{metric('returnOnNetInvested')}</dt>
              <dd>
                <Pct value={r.pct.netInvested} base="net invested (TAO in − TAO out)" testId="return-net" />
              </dd>
            </div>
            <div>
              <dt>{metric('returnOnGrossIn')}</dt>
              <dd>
                <Pct value={r.pct.grossIn} base="gross TAO in (churn inflates it)" testId="return-gross" />
              </dd>
            </div>
            <div>
              <dt>{metric('moneyWeightedReturn')}</dt>
              <dd>
                {mw.annualised === null ? (
                  <span className="muted" title={IRR_MISSING[mw.reason ?? 'no-time']} data-testid="return-irr-missing">
                    — <span className="irr-why">({IRR_MISSING_SHORT[mw.reason ?? 'no-time']})</span>
                  </span>
                ) : (
                  <Pct value={mw.annualised} base="per year (IRR over your TAO flows)" testId="return-irr" />
                )}
              </dd>
            </div>
            {mw.annualised === null && mw.period !== null && (
              // Under 30 days an annual rate would mislead; the rate over the period itself still says it.
              <div>
                <dt>{metric('moneyWeightedPeriod')}</dt>
                <dd>
                  <Pct value={mw.period} base="the holding period, not annualised" testId="return-mwr-period" />
                </dd>
              </div>
            )}
            <div>
              <dt>{metric('timeWeightedReturn')}</dt>
              <dd>
                <Pct value={r.timeWeighted} base="the chained daily returns" testId="return-twr" />
              </dd>
            </div>
          </dl>
        </div>
        <div>
          <MetricLabel label="Excess vs Hold TAO" help={METRICS.excess.help} />
          <div className="big">
            {hold ? <Money amount={hold.excess} unit={unit} sign testId="excess-hold-tao" /> : '—'}
          </div>
          {hold && (
            <div className="muted small">
              Hold TAO <HoldTaoWorth amount={hold.benchmarkValue} unit={unit} testId="hold-tao-value" />
            </div>
          )}
        </div>
      </div>
      <AddsUpCard view={view} analytics={analytics} unit={unit} />
      {f.alphaOpening > 0n && (
        <p className="note" data-testid="opening-note">
          Includes stake held before the recorded history (opening balance), entered at its value at the first recorded
          prices,{' '}
          {fiat ? (
            // In fiat at the as-of day's price, as the cards and the lines above (it stayed τ).
            <>
              <Money
                amount={valueIn(f.openingTao, { unit, price: analytics.fiat?.priceAsOf ?? null })}
                unit={unit}
                testId="opening-value-fiat"
              />{' '}
              <span className="muted">
                (<Tao rao={f.openingTao} testId="opening-value" /> at the as-of day’s TAO price)
              </span>
            </>
          ) : (
            <Tao rao={f.openingTao} testId="opening-value" />
          )}
          , rather than as income. A wallet’s history begins at its first stake change found on chain (the Wallets page
          gives the block): what its stake earned before that is part of this balance.
        </p>
      )}
      {f.flags.missingPrice.length > 0 && (
        <p className="note">
          No pool price recorded for {f.flags.missingPrice.length === 1 ? 'subnet' : 'subnets'}{' '}
          {f.flags.missingPrice.join(', ')}: {f.flags.missingPrice.length === 1 ? 'its' : 'their'} value counts as 0.
        </p>
      )}
      {view.unexplained.length > 0 && (
        // The signed net of the changes, as the card below and `report` give it (f.alphaUnexplained
        // is only the α lost, unsigned).
        <p className="note" data-testid="unexplained-alpha">
          Unexplained α: net{' '}
          <Alpha amount={view.unexplained.reduce((sum, u) => sum + u.alpha, 0n)} netuid={-1} decimals={9} /> changed
          between checkpoints that no recorded event or emission explains (in the Unexplained α card below, not counted
          as income).
        </p>
      )}
      {analytics.fiat && analytics.fiat.missingDays.length > 0 && (
        <p className="note" data-testid="fiat-missing">
          {daysHave(analytics.fiat.missingDays.length)} no {analytics.fiat.currency} price imported that these figures
          need ({analytics.fiat.missingDays.slice(0, 5).join(', ')}
          {analytics.fiat.missingDays.length > 5 ? ', …' : ''}): those amounts show as “no price”.
        </p>
      )}
    </div>
  );
}

function AddsUpCard({ view, analytics, unit }: { view: PortfolioView; analytics: AnalyticsView; unit: Unit }) {
  const a = analytics.addsUp.accounting;
  const fr = analytics.friction;
  return (
    <section className="adds-up" aria-labelledby="adds-up-title">
      <h2 id="adds-up-title">How it adds up ({REWARD_TREATMENTS[view.rewards].short})</h2>
      <p className="muted small">
        {view.rewards === 'income'
          ? 'Rewards count as income when received, at their value then; that value becomes their cost basis, so later price moves on them show in realized and unrealized PnL.'
          : 'Rewards have zero cost basis: their whole value shows in realized and unrealized PnL, so emission income is listed beside the sum, not in it.'}
      </p>
      {analytics.fiat && (
        <p className="muted small" data-testid="fiat-basis-note">
          In {analytics.fiat.currency}, each line is its τ figure at TAO’s price on the as-of day, so the lines add up
          (the “Realized and income in a date range” card prices each amount at its own day’s price instead, so its
          figures for the same period differ). Realized and unrealized PnL from what each lot cost in{' '}
          {analytics.fiat.currency} on the day it was acquired (what a tax return uses) are in the PnL CSV (its{' '}
          {analytics.fiat.currency.toLowerCase()} columns) and PnL JSON exports.
        </p>
      )}
      <dl className="equation" data-testid="adds-up">
        {a.terms.map((t, i) => (
          <div key={t.id} data-testid={`term-${t.id}`}>
            <dt>
              {i > 0 ? '+ ' : ''}
              {metric(t.id)}
            </dt>
            <dd>
              <Money amount={t.amount} unit={unit} sign />
            </dd>
          </div>
        ))}
        <div className="equation-total" data-testid="term-total">
          <dt>= {metric('totalReturn')}</dt>
          <dd>
            <Money amount={a.total} unit={unit} sign />
          </dd>
        </div>
      </dl>
      {a.memo.length > 0 && (
        <dl className="equation memo">
          {a.memo.map((t) => (
            <div key={t.id} data-testid={`memo-${t.id}`}>
              <dt>{metric(t.id)} (already inside the lines above)</dt>
              <dd>
                <Money amount={t.amount} unit={unit} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="equation friction" aria-label="Friction">
        <div data-testid="friction-total">
          <dt>{metric('friction')}</dt>
          <dd>
            <Money amount={sumOrNull([fr.fees, fr.slippage, fr.burned])} unit={unit} />
          </dd>
        </div>
        <div data-testid="friction-fees">
          <dt>= {metric('fees')}</dt>
          <dd>
            <Money amount={fr.fees} unit={unit} />
          </dd>
        </div>
        <div data-testid="friction-slippage">
          <dt>+ {metric('slippage')}</dt>
          <dd>
            <Money amount={fr.slippage} unit={unit} />
          </dd>
        </div>
        <div data-testid="friction-burned">
          <dt>+ {metric('burned')}</dt>
          <dd>
            <Money amount={fr.burned} unit={unit} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function sumOrNull(xs: (bigint | null)[]): bigint | null {
  return xs.some((x) => x === null) ? null : xs.reduce<bigint>((a, x) => a + (x ?? 0n), 0n);
}
