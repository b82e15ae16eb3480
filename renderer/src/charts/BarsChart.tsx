import { useMemo, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compactTao, FULL_DECIMALS, tao } from '../app/format';
import { summarise, toChartNumber, type BarDatum } from './chart-data';
import { ChartShell, type TipProps } from './ChartShell';

/** Amounts per period as bars, with exact values on hover and a text summary. */
export function BarsChart(props: {
  id: string;
  title: string;
  help?: string;
  seriesLabel: string;
  data: readonly BarDatum[];
  controls?: ReactNode;
  /** Formats an amount (4 decimals unless told). */
  format?: (value: bigint, decimals?: number) => string;
  /** Axis labels for chart numbers (amount ÷ 1e9); τ by default. */
  axisFormat?: (value: number) => string;
  color?: string;
  height?: number;
  /** Why a period can have no value (e.g. "No USD price"): said under the chart, as no bar looks like zero. */
  missingLabel?: string;
}) {
  const {
    data,
    format = (v: bigint, d?: number) => tao(v, d),
    axisFormat = (v: number) => compactTao(v * 1e9),
  } = props;
  const rows = useMemo(
    () => data.map((d, i) => ({ i, tick: d.tick, v: d.value === null ? null : toChartNumber(d.value) })),
    [data],
  );
  const summary = summarise(
    props.title,
    data,
    [{ label: props.seriesLabel, values: data.map((d) => d.value) }],
    format,
  );
  return (
    <ChartShell
      title={props.title}
      {...(props.help ? { help: props.help } : {})}
      summary={summary}
      controls={props.controls}
      testId={`chart-${props.id}`}
    >
      {data.length === 0 ? (
        <p className="muted chart-empty">Nothing received yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={props.height ?? 220}>
          <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" vertical={false} />
            <XAxis dataKey="tick" stroke="var(--muted)" tick={{ fill: 'var(--muted)', fontSize: 12 }} minTickGap={16} />
            <YAxis
              tickFormatter={axisFormat}
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              width={84}
            />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              content={(tip: TipProps) => {
                const i = (tip.payload?.[0]?.payload as { i?: number } | undefined)?.i;
                const d = i === undefined ? undefined : data[i];
                if (!tip.active || !d) return null;
                return (
                  <div className="chart-tip" data-testid="chart-tip">
                    <div className="chart-tip-day">{d.label}</div>
                    <div>
                      {props.seriesLabel}:{' '}
                      {d.value === null ? (
                        '—'
                      ) : (
                        // Full precision on hover, as every amount (and for reading the bar back exactly).
                        <span className="amount" title={format(d.value, FULL_DECIMALS)} data-testid="chart-tip-value">
                          {format(d.value)}
                        </span>
                      )}
                    </div>
                  </div>
                );
              }}
            />
            <Bar
              dataKey="v"
              name={props.seriesLabel}
              fill={props.color ?? 'var(--chart-1)'}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
      <MissingNote data={data} label={props.missingLabel ?? 'No value'} />
    </ChartShell>
  );
}

/** The periods without a value, named: their bars are absent, which a reader would take for zero. */
function MissingNote({ data, label }: { data: readonly BarDatum[]; label: string }) {
  const missing = data
    .filter((d) => d.value === null)
    .map((d) => `the ${d.label[0]!.toLowerCase()}${d.label.slice(1)}`);
  if (missing.length === 0) return null;
  const shown = missing.length > 5 ? [...missing.slice(0, 4), `${missing.length - 4} more`] : missing;
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return (
    <p className="muted small" data-testid="chart-missing">
      {label} for {list}: left out of the chart, not zero.
    </p>
  );
}
