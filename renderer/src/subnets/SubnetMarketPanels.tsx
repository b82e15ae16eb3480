import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import type { HoldingView, SubnetDetailView } from '../../../shared/views';
import { METRICS } from '../../../shared/vocab';
import { Alpha, Masked, Pct } from '../app/Amount';
import { utcDate, utcDateTime } from '../app/dates';
import { pct } from '../app/format';
import { ErrorNote } from '../app/ErrorNote';
import { MetricLabel } from '../app/MetricLabel';
import { formatIn, Money, shownDifference, TAO_UNIT, type Unit } from '../app/Money';
import { TimeChart } from '../charts/TimeChart';
import { flowMarkers, IncomeOverTime, ValueOverTime } from '../portfolio/PortfolioCharts';
import { portfolioQueries, type AnalyticsArgs } from '../portfolio/queries';
import { priceLines } from './price-lines';

/** Price history with your trades, this bet's value against the benchmarks, income and pool health. */
export function SubnetMarketPanels({
  netuid,
  args,
  symbol,
  holding,
}: {
  netuid: number;
  /** Method, reward treatment and display currency. */
  args: AnalyticsArgs;
  symbol: string | null;
  /** What is held now, locked and sellable: what "exiting now" can sell. */
  holding: HoldingView;
}) {
  const detail = useQuery(portfolioQueries.subnet(netuid, args));
  // Health and exit costs paint first; the charts follow in a deferred render (as on Portfolio), so
  // arriving on the page never waits for the chart library to lay out every snapshot.
  const later = useDeferredValue<SubnetDetailView | null>(detail.data ?? null, null);
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (!detail.data)
    return (
      <p className="muted" role="status">
        Reading this subnet’s snapshots…
      </p>
    );
  const d = detail.data;
  const unit = unitOf(d);
  return (
    <>
      {later ? (
        <Charts d={later} unit={unitOf(later)} />
      ) : (
        <p className="muted" role="status">
          Drawing charts…
        </p>
      )}
      <Health d={d} unit={unit} symbol={symbol} holding={holding} />
    </>
  );
}

export const unitOf = (d: SubnetDetailView): Unit =>
  d.currency === 'fiat' ? { currency: 'fiat', code: d.unit } : TAO_UNIT;

function Charts({ d, unit }: { d: SubnetDetailView; unit: Unit }) {
  return (
    <>
      <div className="card">
        <TimeChart
          id="subnet.price"
          title="Price history"
          help="Spot price in τ per α at every local snapshot; ▲ your stakes, ◆ your unstakes. A netuid registered again shows the earlier subnet’s prices as a separate dashed line."
          points={d.priceHistory}
          stamps="moments"
          lines={priceLines(d)}
          markers={flowMarkers(d.markers, unit)}
          format={formatIn(TAO_UNIT)}
          axisFormat={(v) => `τ${v.toPrecision(3)}`}
        />
        {d.registeredAgain && (
          <p className="muted small" role="note" data-testid="registered-again">
            This netuid was registered again by another subnet (first snapshot at block{' '}
            {d.registeredAgain.blockNumber.toLocaleString()}, {utcDate(d.registeredAgain.t)}): the prices before that
            are the earlier subnet&rsquo;s, and its price changes and pool flows are not compared across it.
          </p>
        )}
      </div>
      <ValueOverTime
        analytics={{ series: d.series, markers: d.markers, benchmarkList: benchmarkListOf(d) }}
        unit={unit}
        id="subnet.value"
        title="This bet over time"
      />
      <IncomeOverTime rows={d.income} unit={unit} id="subnet.income" />
    </>
  );
}

function benchmarkListOf(d: SubnetDetailView) {
  return (d.figures?.benchmarks ?? []).map((b) => ({ id: b.id, available: b.available, complete: b.complete }));
}

interface HoldingPanelProps {
  d: SubnetDetailView;
  unit: Unit;
  symbol: string | null;
  holding: HoldingView;
}

function Health({ d, unit, symbol, holding }: HoldingPanelProps) {
  return (
    <div className="card" aria-labelledby="health-title">
      <h2 id="health-title">Subnet health</h2>
      {d.noPool ? <NoPool d={d} noPool={d.noPool} /> : <PoolFigures d={d} unit={unit} symbol={symbol} />}
      <h3>Exiting now</h3>
      <ExitNote d={d} unit={unit} symbol={symbol} holding={holding} />
      {d.exit.length > 0 && <ExitTable d={d} unit={unit} symbol={symbol} />}
    </div>
  );
}

/** In place of the pool's figures, why there are none: root has no α market, a dissolved subnet no pool. */
function NoPool({ d, noPool }: { d: SubnetDetailView; noPool: NonNullable<SubnetDetailView['noPool']> }) {
  return (
    <p className="muted small" data-testid="health-no-pool">
      {noPool.reason === 'root' ? (
        <>
          Root (SN0) has no α pool: stake on root is TAO, at 1 τ per α, so pool depth, market cap, net TAO flow and
          share of network emissions do not apply to it.
        </>
      ) : (
        <>
          SN{d.netuid} was dissolved at block {noPool.blockNumber.toLocaleString()}
          {noPool.t === null ? '' : ` (${utcDateTime(noPool.t)})`}: its pool is gone and its α was paid out in TAO, so
          it has no pool depth, market cap, TAO flow or emission share now. The price history above ends at its last
          snapshot.
        </>
      )}
    </p>
  );
}

function PoolFigures({ d, unit, symbol }: { d: SubnetDetailView; unit: Unit; symbol: string | null }) {
  const h = d.health;
  return (
    <>
      <p className="muted small">From the snapshots stored on this machine.</p>
      <dl className="equation">
        <div>
          <dt>
            {/* "TAO side", not "(τ)": in fiat the amount beside it is the TAO side's value in that currency. */}
            <MetricLabel
              label="Pool depth (TAO side)"
              help="TAO in the subnet’s pool (in fiat: its value at the as-of day’s price): what sellers of α are paid from."
            />
          </dt>
          <dd>
            <Money amount={h.taoReserve} unit={unit} testId="health-tao-reserve" />
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel label="Pool depth (α side)" help="α in the subnet’s pool." />
          </dt>
          <dd>
            {h.alphaReserve === null ? (
              '—'
            ) : (
              <Alpha amount={h.alphaReserve} netuid={d.netuid} symbol={symbol} decimals={0} />
            )}
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel label="Market cap" help="Price × α outstanding." />
          </dt>
          <dd>
            <Money amount={h.marketCap} unit={unit} />
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel
              label="Net TAO flow, 7 d"
              help="TAO that entered the pool minus TAO that left it over the last 7 days."
            />
          </dt>
          <dd>
            <Money amount={h.netTaoFlow7d} unit={unit} sign testId="health-flow-7d" missing="not enough history" />
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel label="Net TAO flow, 30 d" help="The same over the last 30 days." />
          </dt>
          <dd>
            <Money amount={h.netTaoFlow30d} unit={unit} sign testId="health-flow-30d" missing="not enough history" />
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel
              label="Share of network emissions"
              help="TAO injected into this subnet’s pool per block ÷ that injected into all pools, at the latest snapshot that recorded it."
            />
          </dt>
          <dd>
            {h.emissionShare === null ? (
              <span className="muted">not in the snapshots</span>
            ) : (
              <Masked
                text={pct(h.emissionShare, 2).replace('+', '')}
                full={pct(h.emissionShare, 6).replace('+', '')}
                tone={null}
                testId="health-emission-share"
              />
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}

/**
 * What the exit rows sell: the α that can be sold now (locked α cannot, so 100 % is less than α held);
 * with several wallets, that each row is one sale of their α together, less than the exit value that
 * quotes each wallet's sale on its own; in place of the rows, why there are none.
 */
export function ExitNote({ d, unit, symbol, holding }: HoldingPanelProps) {
  const alpha = (amount: bigint, testId?: string) => (
    <Alpha amount={amount} netuid={d.netuid} symbol={symbol} decimals={2} {...(testId ? { testId } : {})} />
  );
  const note = (text: React.ReactNode) => (
    <p className="muted small" data-testid="exit-note">
      {text}
    </p>
  );
  if (d.exit.length > 0) {
    const each = d.exitEachWallet;
    if (holding.locked === 0n && each === null) return null;
    return note(
      <>
        {holding.locked > 0n && (
          <>
            The percentages are of the α you can sell now ({alpha(holding.available)}); another{' '}
            {alpha(holding.locked, 'exit-locked')} is locked and cannot be sold.{' '}
          </>
        )}
        {each && (
          <span data-testid="exit-each-wallet">
            Each row is one sale of your wallets’ α together: selling from {each.wallets} wallets in turn returns about
            that, as every sale lowers the price for the next. Its exit value,{' '}
            <Money amount={each.exitValue} unit={unit} />, adds up each wallet’s sale quoted on its own.
          </span>
        )}
      </>,
    );
  }
  if (holding.available > 0n) return note(<>No pool recorded for SN{d.netuid} at this block: no quote.</>);
  if (holding.locked > 0n)
    return note(<>All of it is locked ({alpha(holding.locked, 'exit-locked')}): nothing can be sold now.</>);
  return note(<>Nothing held on SN{d.netuid}: nothing to sell.</>);
}

export function ExitTable({ d, unit, symbol }: { d: SubnetDetailView; unit: Unit; symbol: string | null }) {
  return (
    <table className="table compact" aria-label="Cost of exiting now">
      <thead>
        <tr>
          <th>Sell</th>
          <th className="num">
            <MetricLabel label="At spot" help={METRICS.spotValue.help} />
          </th>
          <th className="num">
            <MetricLabel
              label="Pool returns"
              help="τ that selling this share of the α you can sell now would return, after slippage and fee, computed from the pool at the as-of block; the 100 % row is the exit value (the chain’s own quote where it has one) when one wallet holds it, one sale of all of it when several do."
            />
          </th>
          <th className="num">
            <MetricLabel
              label="Slippage and fee"
              help="Spot value − what the pool returns: the cost of exiting this much now."
            />
          </th>
        </tr>
      </thead>
      <tbody>
        {d.exit.map((e) => (
          <tr key={e.percent} data-testid={`exit-${e.percent}`}>
            <td>
              {e.percent} %{' '}
              <span className="muted small">
                (<Alpha amount={e.alpha} netuid={d.netuid} symbol={symbol} decimals={2} />)
              </span>
            </td>
            <td className="num">
              <Money amount={e.spotValue} unit={unit} />
            </td>
            <td className="num">
              <Money amount={e.exitValue} unit={unit} />
              {e.approximate && <span title="Approximate: the runtime's exact swap is not modelled"> ≈</span>}
            </td>
            <td className="num">
              {/* The difference of the two amounts as shown, so the row adds up on screen (fiat in cents). */}
              <Money amount={shownDifference(e.exitValue, e.spotValue, unit)} unit={unit} sign />{' '}
              <span className="muted small">
                <Pct value={e.share === null ? null : -e.share} decimals={2} tone={false} />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
