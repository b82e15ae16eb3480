import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { BENCHMARKS, METRICS, PERIODS, periodIds, RISK_FREE } from '../../../shared/vocab';
import { Pct } from '../app/Amount';
import { MetricHeader, MetricLabel } from '../app/MetricLabel';
import { Money, type Unit } from '../app/Money';
import { Masked } from '../app/Amount';

/** Period returns and risk in τ terms for the portfolio, each subnet bet and each benchmark. */
export function PerformanceCard({ analytics, view }: { analytics: AnalyticsView; view: PortfolioView }) {
  const p = analytics.performance;
  const names = new Map(
    view.subnets.map((s) => [String(s.netuid), s.name ? `SN${s.netuid} ${s.name}` : `SN${s.netuid}`]),
  );
  const label = (row: AnalyticsView['performance']['rows'][number]) =>
    row.kind === 'portfolio'
      ? 'Portfolio'
      : row.kind === 'benchmark'
        ? (BENCHMARKS[row.id as keyof typeof BENCHMARKS]?.label ?? row.id)
        : (names.get(row.id) ?? `SN${row.id}`);
  return (
    <div className="card" aria-labelledby="perf-title">
      <h2 id="perf-title">Period returns and risk (in τ terms)</h2>
      <p className="muted small">
        Time-weighted, so your own flows do not count: comparable with the baselines. Sharpe uses{' '}
        <MetricLabel label={RISK_FREE[p.riskFree.id].label} help={RISK_FREE[p.riskFree.id].help} /> as the risk-free
        rate (<Pct value={p.riskFree.annualRate} tone={false} /> a year). Risk from {p.from} to {p.to}.
      </p>
      <div className="scroll-x">
        <table className="table compact" aria-label="Period returns and risk">
          <thead>
            <tr>
              <th />
              {periodIds.map((id) => (
                <th key={id} className="num">
                  <MetricLabel label={PERIODS[id].label} help={PERIODS[id].help} />
                </th>
              ))}
              {(['volatility', 'maxDrawdown', 'sharpe'] as const).map((id) => (
                <MetricHeader key={id} id={id} />
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr
                key={`${row.kind}-${row.id}`}
                className={row.kind === 'benchmark' ? 'bench-row' : ''}
                data-testid={`perf-${row.kind}-${row.id}`}
              >
                <td>{label(row)}</td>
                {periodIds.map((id) => (
                  <td
                    key={id}
                    className="num"
                    title={row.periods[id].sinceStart ? 'Since the first flow (shorter than the period)' : undefined}
                  >
                    <Pct value={row.periods[id].value} decimals={1} />
                    {row.periods[id].sinceStart && row.periods[id].value !== null ? '*' : ''}
                  </td>
                ))}
                <td className="num">
                  <Pct value={row.risk.volatility} decimals={1} tone={false} />
                </td>
                <td className="num">
                  <Pct value={row.risk.maxDrawdown === null ? null : -Math.abs(row.risk.maxDrawdown)} decimals={1} />
                </td>
                <td className="num">
                  {row.risk.sharpe === null ? (
                    '—'
                  ) : (
                    <Masked text={row.risk.sharpe.toFixed(2)} full={String(row.risk.sharpe)} tone={null} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">* since the first recorded flow, which is later than the period’s start.</p>
    </div>
  );
}

/** Realized PnL and income inside a date range (a tax year, say), recomputed by the engine. */
export function RangeCard(props: {
  analytics: AnalyticsView;
  unit: Unit;
  from: string | null;
  to: string | null;
  onChange: (from: string | null, to: string | null) => void;
}) {
  const r = props.analytics.range;
  return (
    <div className="card" aria-labelledby="range-title">
      <div className="chart-head">
        <h2 id="range-title">Realized and income in a date range</h2>
        <div className="controls">
          <label className="field">
            <span>From</span>
            <input
              type="date"
              value={props.from ?? ''}
              onChange={(e) => props.onChange(e.target.value || null, props.to)}
            />
          </label>
          <label className="field">
            <span>To</span>
            <input
              type="date"
              value={props.to ?? ''}
              onChange={(e) => props.onChange(props.from, e.target.value || null)}
            />
          </label>
          {(props.from || props.to) && (
            <button type="button" onClick={() => props.onChange(null, null)}>
              All history
            </button>
          )}
        </div>
      </div>
      <p className="muted small">
        {r.from} to {r.to} (UTC days, inclusive)
      </p>
      <dl className="equation">
        <div>
          <dt>
            <MetricLabel label={METRICS.realizedInRange.label} help={METRICS.realizedInRange.help} />
          </dt>
          <dd>
            <Money amount={r.realized} unit={props.unit} sign testId="range-realized" />
          </dd>
        </div>
        <div>
          <dt>
            <MetricLabel label={METRICS.incomeInRange.label} help={METRICS.incomeInRange.help} />
          </dt>
          <dd>
            <Money amount={r.income} unit={props.unit} testId="range-income" />
          </dd>
        </div>
      </dl>
    </div>
  );
}
