// Every date and time on screen comes from here, and says which clock it is on. The rule: block times
// and accounting days are UTC (the engine's days, daily series, income buckets, fiat prices and exports
// are UTC days), so they are written in UTC whatever the machine's time zone, and labelled UTC: in the
// text itself ("2026-12-07 12:40 UTC", "Dec 7, 2026 UTC"), or once for many in a column head ("When
// (UTC)") or a chart's summary ("… (UTC days)"). Local time is shown only beside a UTC time, as "local".

export const DAY_MS = 86_400_000;

// Formatters built once: Date#toLocaleString with options builds an Intl formatter on every call (~0.2 ms
// each, a table of them per render).
const UTC_DAY = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH_YEAR = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH_YY = new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const LOCAL_DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const INVALID = 'Invalid Date';
const valid = (ms: number) => !Number.isNaN(new Date(ms).getTime());
const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC day of a time as people read it, unlabelled: "Dec 7, 2026" (where a heading says UTC). */
export function utcDayText(ms: number): string {
  return valid(ms) ? UTC_DAY.format(ms) : INVALID;
}

/** A chart axis's short label of a time's UTC day, "Nov 3" (the chart's summary says UTC). */
export function utcMonthDay(ms: number): string {
  return valid(ms) ? MONTH_DAY.format(ms) : INVALID;
}

/** A chart axis's short label of a time's UTC month: "Nov 2026", or "Nov 26" with `shortYear`. */
export function utcMonth(ms: number, shortYear = false): string {
  return valid(ms) ? (shortYear ? MONTH_YY : MONTH_YEAR).format(ms) : INVALID;
}

/** The UTC day of a time, labelled: "Dec 7, 2026 UTC". */
export function utcDate(ms: number): string {
  return valid(ms) ? `${utcDayText(ms)} UTC` : INVALID;
}

/** `YYYY-MM-DD HH:mm` in UTC, unlabelled: Activity's table (its column head says UTC) and the exports' days. */
export function utcMinute(ms: number): string {
  if (!valid(ms)) return INVALID;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A block's (or any moment's) time in UTC, labelled: "2026-12-07 12:40 UTC". */
export function utcDateTime(ms: number): string {
  return valid(ms) ? `${utcMinute(ms)} UTC` : INVALID;
}

/** The machine's local time, labelled: "Dec 8, 2026, 01:40 AM local" (only ever beside the UTC time). */
export function localDateTime(ms: number): string {
  return valid(ms) ? `${LOCAL_DATE_TIME.format(ms)} local` : INVALID;
}
