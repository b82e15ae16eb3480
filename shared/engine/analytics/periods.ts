/**
 * Figures over dates, from the daily series: income per day / week / month, and a date range (a
 * tax year, say) that recomputes realized PnL and income for that range. Realized PnL and income are
 * booked at their event's time and each daily sample holds them cumulatively at the end of its day,
 * so a day's amount is the difference of consecutive samples, and a range's is the sum of its days':
 * exact, by the chosen method, without replaying anything.
 *
 * Amounts go through `convert` (amount, day's ms) → amount or null: identity for τ, the day's fiat
 * price for fiat (null when the day has no price, which makes the sum it enters null: never guessed).
 */
import type { IncomeBucket } from '../../vocab';
import { dayOf } from './performance';

const DAY_MS = 86_400_000;

export type Convert = (amount: bigint, ms: number) => bigint | null;
export const asTao: Convert = (amount) => amount;

/** Zero needs no price: a day without one only matters when something happened on it. */
function at(convert: Convert, amount: bigint, ms: number): bigint | null {
  return amount === 0n ? 0n : convert(amount, ms);
}

/** What the period figures need of a daily sample. */
export interface CumulativeSample {
  day: string;
  t: number;
  realizedCum: bigint;
  incomeCum: bigint;
  bySubnet: ReadonlyMap<number, { realizedCum: bigint; incomeCum: bigint }>;
}

export interface Flows {
  realized: bigint;
  income: bigint;
}

/** Realized PnL and income booked on one UTC day, in total and per subnet (days with neither are left out). */
export interface DayDelta extends Flows {
  day: string;
  t: number;
  bySubnet: Map<number, Flows>;
}

export function dayDeltas(samples: readonly CumulativeSample[]): DayDelta[] {
  const out: DayDelta[] = [];
  let prev: CumulativeSample | null = null;
  for (const s of samples) {
    const bySubnet = new Map<number, Flows>();
    for (const [n, x] of s.bySubnet) {
      const p = prev?.bySubnet.get(n);
      const realized = x.realizedCum - (p?.realizedCum ?? 0n);
      const income = x.incomeCum - (p?.incomeCum ?? 0n);
      if (realized !== 0n || income !== 0n) bySubnet.set(n, { realized, income });
    }
    const realized = s.realizedCum - (prev?.realizedCum ?? 0n);
    const income = s.incomeCum - (prev?.incomeCum ?? 0n);
    if (realized !== 0n || income !== 0n || bySubnet.size > 0)
      out.push({ day: s.day, t: s.t, realized, income, bySubnet });
    prev = s;
  }
  return out;
}

/** Sum where a null (an amount that could not be converted) makes the sum null. */
export function addAmounts(a: bigint | null, b: bigint | null): bigint | null {
  return a === null || b === null ? null : a + b;
}

/** First day of the bucket holding `day` (weeks start on Monday, UTC). */
export function bucketStart(day: string, bucket: IncomeBucket): string {
  switch (bucket) {
    case 'day':
      return day;
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'week': {
      const ms = Date.parse(`${day}T00:00:00Z`);
      const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
      return dayOf(ms - weekday * DAY_MS);
    }
  }
}

export interface IncomeRow {
  /** First day of the bucket. */
  start: string;
  total: bigint | null;
  bySubnet: Map<number, bigint | null>;
}

/** Income received per bucket (buckets without income are left out). */
export function incomeByBucket(deltas: readonly DayDelta[], bucket: IncomeBucket, convert = asTao): IncomeRow[] {
  const rows: IncomeRow[] = [];
  for (const d of deltas) {
    if (d.income === 0n) continue;
    const start = bucketStart(d.day, bucket);
    let row = rows[rows.length - 1];
    if (!row || row.start !== start) {
      row = { start, total: 0n, bySubnet: new Map() };
      rows.push(row);
    }
    row.total = addAmounts(row.total, at(convert, d.income, d.t));
    for (const [n, x] of d.bySubnet)
      if (x.income !== 0n) row.bySubnet.set(n, addAmounts(row.bySubnet.get(n) ?? 0n, at(convert, x.income, d.t)));
  }
  return rows;
}

export interface RangeFigures {
  from: string;
  to: string;
  realized: bigint | null;
  income: bigint | null;
  bySubnet: Map<number, { realized: bigint | null; income: bigint | null }>;
}

/** Realized PnL and income booked in the UTC days [from, to] (inclusive). */
export function rangeFigures(deltas: readonly DayDelta[], from: string, to: string, convert = asTao): RangeFigures {
  let realized: bigint | null = 0n;
  let income: bigint | null = 0n;
  const bySubnet = new Map<number, { realized: bigint | null; income: bigint | null }>();
  for (const d of deltas) {
    if (d.day < from || d.day > to) continue;
    realized = addAmounts(realized, at(convert, d.realized, d.t));
    income = addAmounts(income, at(convert, d.income, d.t));
    for (const [n, x] of d.bySubnet) {
      const s = bySubnet.get(n) ?? { realized: 0n, income: 0n };
      s.realized = addAmounts(s.realized, at(convert, x.realized, d.t));
      s.income = addAmounts(s.income, at(convert, x.income, d.t));
      bySubnet.set(n, s);
    }
  }
  return { from, to, realized, income, bySubnet };
}
