import { startTransition, useEffect, useState } from 'react';
import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { BENCHMARKS, METRICS, PERIODS, periodIds, RISK_FREE } from '../../../shared/vocab';
import { Pct } from '../app/Amount';
import { MetricHeader, MetricLabel } from '../app/MetricLabel';
import { Money, type Unit } from '../app/Money';
import { Masked } from '../app/Amount';
import { ratio } from '../app/format';

/**
 * Rows of the returns table drawn in its section's turn (app/staged.ts); the rest follow this many at a
 * time, each batch in a task of its own after a frame. The whole table (a row per subnet bet: some
 * 1,400 elements with the bench data) was one task of ~18 ms script and ~20 ms style and layout when
 * the page was first drawn (bench:ui, the longest frame around a recompute started after a visit).
 */
export const ROWS_PER_TURN = 16;

/**
 * How many of `total` rows to draw: ROWS_PER_TURN at first, then ROWS_PER_TURN more per turn until all
 * are. Only a first mount grows this way; later data (a recompute) redraws every row drawn at once.
 */
export function useRowsDrawn(total: number): number {
  const [drawn, setDrawn] = useState(ROWS_PER_TURN);
  useEffect(() => {
    if (drawn >= total) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setDrawn((n) => n + ROWS_PER_TURN)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [drawn, total]);
  return Math.min(drawn, total);
}

/** Period returns and risk in τ terms for the portfolio, each subnet bet and each benchmark. */
export function PerformanceCard({ analytics, view }: { analytics: AnalyticsView; view: PortfolioView }) {
  const p = analytics.performance;
  const drawn = useRowsDrawn(p.rows.length);
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
    // Busy until every row is drawn (as a section still showing a previous computation is).
    <div className="card" aria-labelledby="perf-title" aria-busy={drawn < p.rows.length || undefined}>
      <h2 id="perf-title">Period returns and risk (in τ terms)</h2>
      <p className="muted small">
        Time-weighted, so your own flows do not count: comparable with the baselines. Sharpe uses{' '}
        <MetricLabel label={RISK_FREE[p.riskFree.id].label} help={RISK_FREE[p.riskFree.id].help} /> as the risk-free
        rate (<Pct value={p.riskFree.annualRate} tone={false} /> a year). Risk from {p.from} to {p.to}.
      </p>
      <div className="scroll-x perf-scroll">
        <table className="table compact perf-table" aria-label="Period returns and risk">
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
            {p.rows.slice(0, drawn).map((row) => (
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
                  <Pct value={row.risk.volatility} decimals={1} tone={false} signed={false} />
                </td>
                <td className="num">
                  <Pct value={row.risk.maxDrawdown === null ? null : -Math.abs(row.risk.maxDrawdown)} decimals={1} />
                </td>
                <td
                  className="num"
                  title={
                    row.riskFree
                      ? 'This baseline is the risk-free rate: its Sharpe ratio would measure nothing'
                      : undefined
                  }
                >
                  {row.risk.sharpe === null ? (
                    '—'
                  ) : (
                    <Masked
                      text={ratio(row.risk.sharpe, 2, { signed: false })}
                      full={String(row.risk.sharpe).replace(/^-/, '−')}
                      tone={null}
                    />
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
      {props.from !== null && props.to !== null && props.from > props.to && (
        <p className="error small" role="alert" data-testid="range-problem">
          The “From” day is after the “To” day: showing all history.
        </p>
      )}
      <p className="muted small">
        {r.from} to {r.to} (UTC days, inclusive). The risk columns of Period returns and risk use the same days.
      </p>
      {props.unit.currency === 'fiat' && (
        <p className="muted small" data-testid="range-fiat-note">
          In {props.unit.code}, each disposal and each income is at TAO’s price on its own day (“no price” when a day in
          the range has none), not at the as-of day’s price the cards above use: the same period’s emission income can
          differ there.
        </p>
      )}
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
