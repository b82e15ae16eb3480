// Pure helpers behind the charts: range windows, bigint → chart numbers, and the text summary that
// screen readers get instead of the picture.
import { DAY_MS, utcDate, utcDateTime, utcDayText, utcMonth, utcMonthDay } from '../app/dates';

export { DAY_MS };

/**
 * Where a chart's points sit in time. `days`: each point is one UTC day, stamped at that day's last
 * millisecond (the engine's daily series: shared/engine/timeseries.ts, SeriesPoint.t); `moments`: each
 * point is a moment (a price snapshot at its block's time).
 */
export type PointStamps = 'days' | 'moments';

/** Where in a UTC day the points (and so the axis ticks over them) sit: the day's end for daily points. */
export const dayOffset = (stamps: PointStamps): number => (stamps === 'days' ? DAY_MS - 1 : 0);

/** A point's title in the crosshair tooltip: its UTC day ("Nov 16, 2026 UTC"), or a moment's UTC time. */
export function pointTitle(t: number, stamps: PointStamps): string {
  return stamps === 'days' ? utcDate(t) : utcDateTime(t);
}

export const RANGES = {
  '7d': { label: '7D', days: 7 },
  '30d': { label: '30D', days: 30 },
  '90d': { label: '90D', days: 90 },
  '1y': { label: '1Y', days: 365 },
  all: { label: 'All', days: null },
} as const satisfies Record<string, { label: string; days: number | null }>;
export type RangeId = keyof typeof RANGES;
export const rangeIds = Object.keys(RANGES) as RangeId[];

/** Index of the first point inside the range ending at the last point (0 for All or short series). */
export function rangeStart(points: readonly { t: number }[], range: RangeId): number {
  const days = RANGES[range].days;
  const last = points.at(-1);
  if (days === null || !last) return 0;
  const cutoff = last.t - days * DAY_MS;
  const i = points.findIndex((p) => p.t >= cutoff);
  // Keep at least two points so a line can be drawn.
  return Math.max(0, Math.min(i < 0 ? 0 : i, points.length - 2));
}

/** A 9-decimal integer amount as a float for plotting only (exact to ~1e-6 of a unit up to 2^53 µ). */
export function toChartNumber(value: bigint): number {
  return Number(value / 1000n) / 1e6;
}

export interface SummaryLine {
  label: string;
  values: readonly (bigint | null)[];
}

/**
 * One sentence per line: first and last value, high and low, over the points shown. `format` renders
 * exact amounts (the same text the tooltips use).
 */
export function summarise(
  title: string,
  points: readonly { t: number }[],
  lines: readonly SummaryLine[],
  format: (value: bigint) => string,
): string {
  if (points.length === 0) return `${title}: no data yet.`;
  // The UTC days of the first and last points: the days the tooltips and the axis name.
  const from = utcDayText(points[0]!.t);
  const to = utcDayText(points.at(-1)!.t);
  const parts = [`${title}, ${from} to ${to} (UTC), ${points.length} points.`];
  for (const line of lines) {
    const present = line.values.filter((v): v is bigint => v !== null);
    if (present.length === 0) {
      parts.push(`${line.label}: no values.`);
      continue;
    }
    let hi = present[0]!;
    let lo = present[0]!;
    for (const v of present) {
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    parts.push(
      `${line.label}: from ${format(present[0]!)} to ${format(present.at(-1)!)}, high ${format(hi)}, low ${format(lo)}.`,
    );
  }
  return parts.join(' ');
}

/** Short axis date of a time's UTC day: "Nov 3" within a year of data, "Nov 2026" for longer spans. */
export function axisDate(t: number, spanMs: number): string {
  return spanMs > 400 * DAY_MS ? utcMonth(t) : utcMonthDay(t);
}

/** One bar: an amount over a period. */
export interface BarDatum {
  /** What the bar covers, e.g. "2026-11-03" or "Week of 2026-11-02". */
  label: string;
  /** Short axis label. */
  tick: string;
  t: number;
  value: bigint | null;
}

/**
 * The value axis's ticks for the plotted values (null when there are none): about five at a round step
 * (1, 2, 2.5 or 5 × 10ⁿ) covering them, never below 0 when no value is (the charting library's own
 * rounding drew a flat price of τ1 on an axis from −1 to 3, and values from 0 up to −700), and a band
 * around a flat line.
 */
export function valueTicks(values: readonly (number | null)[], count = 5): number[] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values)
    if (v !== null && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo > hi) return null;
  const floor = lo >= 0 ? 0 : -Infinity;
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    lo -= pad;
    hi += pad;
  }
  const step = roundStep((hi - lo) / (count - 1));
  const first = Math.max(floor, Math.floor(lo / step) * step);
  const ticks: number[] = [];
  // Each tick from its index (not by adding steps up), rounded to the step's decimals: no 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; ; i++) {
    const t = Number((first + i * step).toFixed(decimals));
    ticks.push(t);
    if (t >= hi) break;
  }
  return ticks;
}

/** The round step at or above `raw`: 1, 2, 2.5 or 5 × 10ⁿ. */
function roundStep(raw: number): number {
  const unit = 10 ** Math.floor(Math.log10(raw));
  const m = (raw / unit) * (1 - 1e-9); // 0.2 / 4 is 0.05000000000000002: still a step of 0.05
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * unit;
}

/**
 * The time axis's ticks between `first` and `last` (ms): UTC days at most `most` of them, a round
 * number of days apart (1, 2, 3, 7, 14 or 28), or the first of a month (every 1, 2, 3, 6 or 12 months)
 * for spans over four months. Left to itself the charting library put them at evenly spaced times that
 * were not midnights, so a week's labels skipped days unevenly (Nov 19, 20, 22, 24, 25).
 * Each tick is `offset` ms into its day: 0 (midnight) for moments; for daily points, the day's last
 * millisecond, where its point sits. A tick at midnight sat 1 ms after the previous day's point, so the
 * tick "Nov 17" was drawn over the point of Nov 16.
 */
export function dateTicks(first: number, last: number, most = 8, offset = 0): number[] {
  if (!(last > first)) return [];
  const span = last - first;
  if (span <= 120 * DAY_MS) {
    const start = Math.ceil((first - offset) / DAY_MS) * DAY_MS + offset;
    const step = [1, 2, 3, 7, 14, 28].find((d) => Math.floor((last - start) / (d * DAY_MS)) + 1 <= most) ?? 28;
    const ticks: number[] = [];
    for (let t = start; t <= last; t += step * DAY_MS) ticks.push(t);
    return ticks;
  }
  const from = new Date(first);
  const year = from.getUTCFullYear();
  let month = from.getUTCMonth() + (Date.UTC(year, from.getUTCMonth(), 1) + offset < first ? 1 : 0);
  const months = (span / DAY_MS / 30.44) | 0;
  const step = [1, 2, 3, 6, 12].find((m) => Math.floor(months / m) + 1 <= most) ?? 12;
  // Steps of 2, 3, 6 or 12 months start on an even month, a quarter, a half or a year.
  while (month % step !== 0) month++;
  const ticks: number[] = [];
  const at = (m: number) => Date.UTC(year, m, 1) + offset;
  for (let t = at(month); t <= last; month += step, t = at(month)) ticks.push(t);
  return ticks;
}
