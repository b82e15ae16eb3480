import type { PortfolioView } from '../../../shared/views';
import { REWARD_TREATMENTS } from '../../../shared/vocab';
import { Alpha, Pct, Tao } from '../app/Amount';
import { MetricLabel } from '../app/MetricLabel';
import { addsUp } from './adds-up';

function ratio(num: bigint, den: bigint): number | null {
  // Display ratio only: amounts stay integers; the quotient is scaled before it becomes a float.
  return den > 0n ? Number((num * 1_000_000_000n) / den) / 1e9 : null;
}

/** Value, total return with each percentage and its base, and the excess over holding TAO. */
export function Headline({ view }: { view: PortfolioView }) {
  const f = view.total.figures;
  const hold = view.total.benchmarks?.holdTao ?? null;
  const netInvested = f.taoIn - f.taoOut;
  return (
    <div className="card headline" aria-label="Headline">
      <div className="headline-main">
        <div>
          <MetricLabel label="Value" help="α held × each pool's spot price at the as-of block, in τ (no slippage)." />
          <div className="big">
            <Tao rao={f.spotValue} testId="spot-value" />
          </div>
          <div className="muted small">
            <MetricLabel
              label="Exit value"
              help="τ that selling everything now through the pools would return, after slippage and fees."
            />{' '}
            <Tao rao={f.exitValue} testId="exit-value" />
          </div>
        </div>
        <div>
          <MetricLabel
            label="Total return"
            help="Value now + TAO out − TAO in, in τ. The same under every cost-basis method and reward treatment."
          />
          <div className="big">
            <Tao rao={f.totalReturn} sign testId="total-return" />
          </div>
          <dl className="bases">
            <div>
              <dt>on net invested</dt>
              <dd>
                <Pct
                  value={ratio(f.totalReturn, netInvested)}
                  base="net invested (TAO in − TAO out)"
                  testId="return-net"
                />
              </dd>
            </div>
            <div>
              <dt>on TAO in (gross)</dt>
              <dd>
                <Pct value={f.totalReturnPct} base="gross TAO in (churn inflates it)" testId="return-gross" />
              </dd>
            </div>
          </dl>
        </div>
        <div>
          <MetricLabel
            label="Excess vs Hold TAO"
            help="Value of the bets now − what the same TAO flows would be worth had they stayed TAO."
          />
          <div className="big">{hold ? <Tao rao={hold.excess} sign testId="excess-hold-tao" /> : '—'}</div>
          {hold && (
            <div className="muted small">
              Hold TAO would be <Tao rao={hold.benchmarkValue} testId="hold-tao-value" />
            </div>
          )}
        </div>
      </div>
      <AddsUpCard view={view} />
      {f.alphaOpening > 0n && (
        <p className="note">
          Includes stake held before the recorded history (opening balance), entered at the first recorded price (
          <Tao rao={f.openingTao} />) rather than as income.
        </p>
      )}
      {f.flags.missingPrice.length > 0 && (
        <p className="note">
          No pool price recorded for subnet(s) {f.flags.missingPrice.join(', ')}: their value counts as 0.
        </p>
      )}
      {f.alphaUnexplained !== 0n && (
        <p className="note" data-testid="unexplained-alpha">
          Unexplained α: <Alpha amount={f.alphaUnexplained} netuid={-1} decimals={9} /> changed between checkpoints that
          no recorded event or emission explains.
        </p>
      )}
    </div>
  );
}

function AddsUpCard({ view }: { view: PortfolioView }) {
  const f = view.total.figures;
  const a = addsUp(f, view.rewards);
  return (
    <section className="adds-up" aria-labelledby="adds-up-title">
      <h2 id="adds-up-title">How it adds up ({REWARD_TREATMENTS[view.rewards].short})</h2>
      <p className="muted small">{a.how}</p>
      <dl className="equation" data-testid="adds-up">
        {a.terms.map((t, i) => (
          <div key={t.id} data-testid={`term-${t.id}`}>
            <dt>
              {i > 0 ? '+ ' : ''}
              {t.label}
            </dt>
            <dd>
              <Tao rao={t.amount} sign />
            </dd>
          </div>
        ))}
        <div className="equation-total" data-testid="term-total">
          <dt>= Total return</dt>
          <dd>
            <Tao rao={a.total} sign />
          </dd>
        </div>
      </dl>
      {a.memo.length > 0 && (
        <dl className="equation memo">
          {a.memo.map((t) => (
            <div key={t.id} data-testid={`memo-${t.id}`}>
              <dt>{t.label} (already inside the lines above)</dt>
              <dd>
                <Tao rao={t.amount} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="equation friction">
        <div data-testid="friction-total">
          <dt>
            <MetricLabel
              label="Friction"
              help="τ lost to trading: fees + slippage + α burned, measured against the spot price before each trade."
            />
          </dt>
          <dd>
            <Tao rao={-f.friction} sign />
          </dd>
        </div>
        <div data-testid="friction-fees">
          <dt>of which fees charged in τ</dt>
          <dd>
            <Tao rao={-f.feesTao} sign />
          </dd>
        </div>
      </dl>
    </section>
  );
}
