/**
 * Period returns and risk in TAO terms, from daily samples only (never a replay per request).
 *
 * A growth series G (one value per sample, G = 1 before the first flow) is what every row shares:
 * for a bet it is its chained daily time-weighted returns (./returns), for a benchmark its index.
 * - Period return = G(last sample) / G(sample at the period's boundary) − 1. The boundary is the end
 *   of the day before the period (7 d: the day 7 days before the as-of day; MTD / QTD / YTD: the last
 *   day of the previous month / quarter / year; today: the previous recorded day). The boundary sample
 *   is the last one at or before that day; when the history starts later the period runs from the
 *   start (`sinceStart: true`).
 * - Risk over a range of days: the sample returns inside it. Volatility = sample standard deviation ×
 *   √(365 / mean days between samples) (√365 for daily samples); max drawdown = the largest fall of G
 *   from its running high inside the range; Sharpe = (mean return × 365 / mean days − risk-free
 *   rate) / volatility. Fewer than two returns, or no volatility: null.
 * - Risk-free rate: the root yield index's growth over the range, annualised, or 0.
 */
import type { PeriodId } from '../../vocab';
import { periodIds } from '../../vocab';

const DAY_MS = 86_400_000;

export interface GrowthSample {
  day: string;
  t: number;
  /** Growth of 1 τ since the start (1 = flat). */
  growth: number;
}

export interface PeriodReturn {
  value: number | null;
  /** The period starts before the history: measured from its start. */
  sinceStart: boolean;
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Last day before each period (null: from the start; 'today' is resolved on the samples). */
export function periodBoundaries(asOfDay: string): Record<Exclude<PeriodId, 'today'>, string | null> {
  const y = Number(asOfDay.slice(0, 4));
  const m = Number(asOfDay.slice(5, 7)) - 1;
  const before = (year: number, month: number) => addDays(dayOf(Date.UTC(year, month, 1)), -1);
  return {
    '7d': addDays(asOfDay, -7),
    mtd: before(y, m),
    qtd: before(y, m - (m % 3)),
    ytd: before(y, 0),
    all: null,
  };
}

/** Index of the last sample at or before `day` (−1: none). */
export function lastAtOrBefore(samples: readonly { day: string }[], day: string): number {
  let lo = 0;
  let hi = samples.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((samples[mid] as { day: string }).day <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function periodReturns(samples: readonly GrowthSample[], base = 1): Record<PeriodId, PeriodReturn> {
  const out = {} as Record<PeriodId, PeriodReturn>;
  const last = samples[samples.length - 1];
  if (!last) {
    for (const id of periodIds) out[id] = { value: null, sinceStart: true };
    return out;
  }
  const from = (i: number): PeriodReturn => {
    const g0 = i < 0 ? base : (samples[i] as GrowthSample).growth;
    return { value: g0 > 0 ? last.growth / g0 - 1 : null, sinceStart: i < 0 };
  };
  const bounds = periodBoundaries(last.day);
  for (const id of periodIds) {
    if (id === 'today') out[id] = from(samples.length - 2);
    else {
      const b = bounds[id];
      out[id] = from(b === null ? -1 : lastAtOrBefore(samples, b));
    }
  }
  return out;
}

export interface RiskFigures {
  /** Annualised. */
  volatility: number | null;
  maxDrawdown: number | null;
  sharpe: number | null;
  /** Annualised mean return. */
  meanReturn: number | null;
  /** Number of sample returns used. */
  samples: number;
}

/** Risk from the samples inside [fromDay, toDay] (each sample's return is from the previous sample). */
export function riskFigures(
  samples: readonly GrowthSample[],
  fromDay: string,
  toDay: string,
  riskFreeRate: number,
  base = 1,
): RiskFigures {
  const returns: number[] = [];
  let maxDrawdown = 0;
  let high: number | null = null;
  let first: GrowthSample | null = null;
  let lastT = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as GrowthSample;
    if (s.day > toDay) break;
    const prev = i === 0 ? base : (samples[i - 1] as GrowthSample).growth;
    if (s.day < fromDay) continue;
    if (high === null) high = prev;
    first ??= s;
    lastT = s.t;
    if (prev > 0) returns.push(s.growth / prev - 1);
    if (s.growth > high) high = s.growth;
    else if (high > 0) maxDrawdown = Math.max(maxDrawdown, 1 - s.growth / high);
  }
  const n = returns.length;
  if (n < 2 || !first)
    return { volatility: null, maxDrawdown: n > 0 ? maxDrawdown : null, sharpe: null, meanReturn: null, samples: n };
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  // Samples are daily when every day has a block; otherwise scale by the mean spacing.
  const spacing = Math.max(1, (lastT - first.t) / DAY_MS / (n - 1));
  const perYear = 365 / spacing;
  const volatility = Math.sqrt(variance * perYear);
  const meanReturn = mean * perYear;
  return {
    volatility,
    maxDrawdown,
    sharpe: volatility > 0 ? (meanReturn - riskFreeRate) / volatility : null,
    meanReturn,
    samples: n,
  };
}

/** Annualised rate of a growth from g0 to g1 over `days` days (null when undefined). */
export function annualised(g0: number, g1: number, days: number): number | null {
  if (g0 <= 0 || g1 <= 0 || days <= 0) return null;
  return Math.pow(g1 / g0, 365 / days) - 1;
}
