import { useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { Masked } from '../app/Amount';
import { compactTao, FULL_DECIMALS, tao } from '../app/format';
import { oneOf, usePersistedState } from '../app/persisted';
import {
  axisDate,
  dateTicks,
  dayOffset,
  pointTitle,
  rangeIds,
  rangeStart,
  RANGES,
  summarise,
  toChartNumber,
  valueTicks,
  type PointStamps,
  type RangeId,
} from './chart-data';
import { ChartShell, ChoiceButtons, type TipProps } from './ChartShell';
import { MarkerLayer, markerTextsByPoint, pointAtOrBefore, type PlacedMarker } from './markers';

export interface TimeLine {
  id: string;
  label: string;
  help: string;
  /** A CSS colour, usually var(--chart-N). */
  color: string;
  dashed?: boolean;
  /** Benchmarks can be switched off; the portfolio line cannot. */
  toggleable?: boolean;
  /** One value per point (null: no value that day). */
  values: readonly (bigint | null)[];
  /** What a value below zero means, said in the tooltip on a day the line is below zero. */
  belowZero?: string;
  /**
   * Said in the legend instead of the line's last value when that value is not a figure now (a dissolved
   * subnet's last price), with what the last value was and when in `title`.
   */
  ended?: { text: string; title: string };
}

export interface TimeMarker {
  t: number;
  kind: 'buy' | 'sell';
  /** What happened, for the tooltip (e.g. "Staked τ12.0000 on SN5"). */
  text: string;
}

type Row = { t: number; i: number } & Record<string, number | null>;

const MARK_FILL = { buy: 'var(--accent)', sell: 'var(--danger)' } as const;

/**
 * Values over time with range buttons, toggleable lines, a crosshair tooltip with exact values and
 * stake/unstake markers on the first line. Range and hidden lines are remembered per chart (`id`).
 * The legend shows each line's last value: the number its card shows (or why there is none now: `ended`).
 */
export function TimeChart(props: {
  id: string;
  title: string;
  help?: string;
  points: readonly { t: number }[];
  /** What a point's time means: a UTC day (stamped at its end) or a moment. Ticks and tooltips name its day. */
  stamps: PointStamps;
  lines: readonly TimeLine[];
  markers?: readonly TimeMarker[];
  format?: (value: bigint, decimals?: number) => string;
  axisFormat?: (value: number) => string;
  height?: number;
  defaultHidden?: readonly string[];
}) {
  const { points, lines, markers = [], format = tao, axisFormat = (v: number) => compactTao(v * 1e9) } = props;
  const [range, setRange] = usePersistedState<RangeId>(`${props.id}.range`, 'all', oneOf(rangeIds));
  const [hidden, setHidden] = usePersistedState<string[]>(
    `${props.id}.hidden`,
    [...(props.defaultHidden ?? [])],
    (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  );
  const shownLines = lines.filter((l) => !l.toggleable || !hidden.includes(l.id));
  const start = rangeStart(points, range);

  const rows = useMemo(
    () =>
      points.slice(start).map((p, k) => {
        const i = start + k;
        const row: Row = { t: p.t, i } as Row;
        for (const l of lines) {
          const v = l.values[i];
          row[l.id] = v === null || v === undefined ? null : toChartNumber(v);
        }
        return row;
      }),
    [points, lines, start],
  );
  // Each marker sits on the first line at its day (the last point at or before it); its text shows in
  // that day's crosshair tooltip.
  const placed = useMemo(() => {
    const first = lines[0];
    const from = points[start]?.t ?? 0;
    const out: Record<TimeMarker['kind'], PlacedMarker[]> = { buy: [], sell: [] };
    if (!first) return out;
    for (const m of markers) {
      if (m.t < from) continue;
      const v = first.values[pointAtOrBefore(points, m.t)];
      if (v === null || v === undefined) continue;
      out[m.kind].push({ t: m.t, y: toChartNumber(v) });
    }
    return out;
  }, [markers, lines, points, start]);
  // The value axis over the lines shown (a hidden line's values do not stretch it).
  const ticks = useMemo(
    () => valueTicks(rows.flatMap((r) => shownLines.map((l) => r[l.id] ?? null))),
    [rows, shownLines],
  );
  const markerTexts = useMemo(() => markerTextsByPoint(points, markers), [points, markers]);

  const shownPoints = points.slice(start);
  const summary = summarise(
    props.title,
    shownPoints,
    shownLines.map((l) => ({ label: l.label, values: l.values.slice(start) })),
    (v) => format(v),
  );
  const span = (shownPoints.at(-1)?.t ?? 0) - (shownPoints[0]?.t ?? 0);
  const toggle = (id: string) => setHidden(hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id]);

  const legend = (
    <ul className="chart-legend" aria-label={`${props.title}: lines`}>
      {lines.map((l) => {
        const last = [...l.values].reverse().find((v) => v !== null && v !== undefined) ?? null;
        const on = !l.toggleable || !hidden.includes(l.id);
        const value = l.ended ? (
          <span className="muted" title={l.ended.title} data-testid={`legend-ended-${l.id}`}>
            {l.ended.text}
          </span>
        ) : last === null ? (
          <span className="muted">—</span>
        ) : (
          <Masked text={format(last)} full={format(last, FULL_DECIMALS)} tone={null} />
        );
        const swatch = <i className={`swatch${l.dashed ? ' dashed' : ''}`} style={{ background: l.color }} />;
        return (
          <li key={l.id} data-testid={`legend-${l.id}`} data-on={on}>
            {l.toggleable ? (
              <button
                type="button"
                className="legend-toggle"
                aria-pressed={on}
                title={l.help}
                onClick={() => toggle(l.id)}
              >
                {swatch} {l.label}
              </button>
            ) : (
              <span title={l.help}>
                {swatch} {l.label}
              </span>
            )}{' '}
            <span className="legend-value" data-testid={`legend-value-${l.id}`}>
              {value}
            </span>
          </li>
        );
      })}
    </ul>
  );

  return (
    <ChartShell
      title={props.title}
      {...(props.help ? { help: props.help } : {})}
      summary={summary}
      legend={legend}
      testId={`chart-${props.id}`}
      controls={
        <ChoiceButtons
          label="Range"
          options={rangeIds}
          labelOf={(r) => RANGES[r].label}
          value={range}
          onChange={setRange}
        />
      }
    >
      {points.length < 2 ? (
        <p className="muted chart-empty">The chart appears after two days of history.</p>
      ) : (
        <ResponsiveContainer width="100%" height={props.height ?? 260}>
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              ticks={dateTicks(shownPoints[0]?.t ?? 0, shownPoints.at(-1)?.t ?? 0, 8, dayOffset(props.stamps))}
              tickFormatter={(t: number) => axisDate(t, span)}
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              minTickGap={24}
            />
            <YAxis
              tickFormatter={axisFormat}
              stroke="var(--muted)"
              tick={{ fill: 'var(--muted)', fontSize: 12 }}
              width={84}
              {...(ticks ? { ticks, domain: [ticks[0] as number, ticks.at(-1) as number] } : {})}
            />
            <Tooltip
              cursor={{ stroke: 'var(--muted)', strokeDasharray: '3 3' }}
              content={(tip: TipProps) => (
                <CrosshairTip
                  tip={tip}
                  lines={shownLines}
                  points={points}
                  stamps={props.stamps}
                  marks={markerTexts}
                  format={format}
                />
              )}
            />
            {shownLines.map((l) => (
              <Line
                key={l.id}
                dataKey={l.id}
                name={l.label}
                stroke={l.color}
                strokeWidth={l.toggleable ? 1.5 : 2.2}
                strokeDasharray={l.dashed ? '5 4' : undefined}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {(['buy', 'sell'] as const).map((kind) => (
              <MarkerLayer key={kind} kind={kind} markers={placed[kind]} fill={MARK_FILL[kind]} />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartShell>
  );
}

/** The crosshair's tooltip: the point's UTC day (or moment), its markers' texts and each line's value. */
export function CrosshairTip(props: {
  tip: TipProps;
  lines: readonly TimeLine[];
  points: readonly { t: number }[];
  stamps: PointStamps;
  marks: ReadonlyMap<number, string[]>;
  format: (value: bigint, decimals?: number) => string;
}) {
  const { active, payload } = props.tip;
  if (!active || !payload || payload.length === 0) return null;
  const row = payload[0]?.payload as Partial<Row> | undefined;
  if (!row) return null;
  const i = typeof row.i === 'number' ? row.i : Math.max(0, pointAtOrBefore(props.points, row.t ?? 0));
  const t = props.points[i]?.t ?? row.t ?? 0;
  return (
    <div className="chart-tip" data-testid="chart-tip">
      <div className="chart-tip-day">{pointTitle(t, props.stamps)}</div>
      {props.marks.get(i)?.map((text, k) => (
        <div key={k} className="chart-tip-mark">
          {text}
        </div>
      ))}
      <table>
        <tbody>
          {props.lines.map((l) => {
            const v = l.values[i];
            return (
              <tr key={l.id}>
                <th>
                  <i className="swatch" style={{ background: l.color }} /> {l.label}
                </th>
                <td className="num">{v === null || v === undefined ? '—' : props.format(v)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {[...new Set(props.lines.flatMap((l) => ((l.values[i] ?? 0n) < 0n && l.belowZero ? [l.belowZero] : [])))].map(
        (text) => (
          <div key={text} className="chart-tip-mark" data-testid="chart-tip-below-zero">
            {text}
          </div>
        ),
      )}
    </div>
  );
}
