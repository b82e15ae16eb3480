/**
 * Returns with their bases, and the breakdowns that show how the figures add up.
 *
 * - Simple returns: total return (value now + TAO out − TAO in, τ) divided by a named base: net
 *   invested (TAO in − TAO out), gross TAO in, or the peak net invested at any day's end.
 * - Time-weighted return (TWR): daily returns chained. A day's return is Modified Dietz with inflows
 *   counted from the start of the day and outflows at its end:
 *     r = (V_end − V_start − F) / (V_start + max(F, 0)),  F = the day's net flow (TAO in − TAO out);
 *   a day with nothing at stake (denominator ≤ 0) returns 0.
 * - Money-weighted return (IRR): the rate at which the day-aggregated flows (−F on each day, dated at
 *   the day's end) and the value now discount to zero. Solved over the holding period first: with
 *   s_i = (t_i − t_0) / (t_n − t_0) ∈ [0, 1], find x = ln(1 + R) such that Σ c_i e^(−x s_i) = 0; the
 *   NPV is scanned on a fixed grid x ∈ [−10, 10] (R from −99.995 % to about 2.2 million %) for sign
 *   changes, and with exactly one, bisection runs to the limit of double precision (a fixed number
 *   of halvings: deterministic). R is the money-weighted return over the period; the annualised IRR
 *   is (1 + R)^(365 d / span) − 1, given when the span is at least 30 days (shorter spans make
 *   meaningless annual rates). No sign change (no rate solves) or several (several rates solve):
 *   null, with the reason.
 * All rates are display ratios (floats); amounts stay bigint rao.
 */
import type { AdditiveFigures } from '../pnl';
import type { RewardTreatment } from '../state';
import type { MetricId, ReturnBase } from '../../vocab';
import type { FrictionSplit } from './friction';
import { ratio } from '../units';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** One sample of a value series with the cumulative net flow up to it (TAO in − TAO out). */
export interface FlowSample {
  t: number;
  value: bigint;
  netInvested: bigint;
}

/** Daily (per sample) Modified Dietz returns; the first sample is measured from nothing. */
export function sampleReturns(samples: readonly FlowSample[]): number[] {
  const out: number[] = [];
  let v0 = 0n;
  let n0 = 0n;
  for (const s of samples) {
    const flow = s.netInvested - n0;
    const den = v0 + (flow > 0n ? flow : 0n);
    out.push(den <= 0n ? 0 : (ratio(s.value - v0 - flow, den) ?? 0));
    v0 = s.value;
    n0 = s.netInvested;
  }
  return out;
}

/** Chained growth of 1 τ: G_i = Π (1 + r_j), j ≤ i. */
export function chain(returns: readonly number[]): number[] {
  const out: number[] = [];
  let g = 1;
  for (const r of returns) {
    g *= 1 + r;
    out.push(g);
  }
  return out;
}

export type IrrResult =
  | { periodReturn: number; annualised: number | null; years: number }
  | { periodReturn: null; reason: 'no-flows' | 'no-time' | 'no-solution' | 'several-solutions' };

const GRID_STEPS = 400;
const X_MIN = -10;
const X_MAX = 10;
export const MIN_ANNUALISED_DAYS = 30;

/** The grid's k-th point (k = 0 … GRID_STEPS). */
const gridX = (k: number) => X_MIN + ((X_MAX - X_MIN) * k) / GRID_STEPS;

/** Below this share of the sum of the terms' sizes, a cheaply computed NPV's sign is not trusted. */
const SIGN_MARGIN = 1e-9;

/**
 * The brackets of the NPV's sign changes on the grid: every grid point where it is exactly 0 (as
 * [x, x]), and every step over which its sign flips between non-zero values. Each term's e^(−x s) is
 * stepped along the grid by one multiplication (a relative error of a few 1e-14 after 400 steps, not
 * Math.exp's); where that NPV is within SIGN_MARGIN of the terms' sizes of 0, `npv` itself decides.
 * So the signs, and the brackets, are npv's own at every grid point, for about a tenth of the cost
 * (bench:ui: 65 IRRs per cockpit view, most of its time before).
 */
function scanBrackets(amounts: readonly number[], at: readonly number[], npv: (x: number) => number) {
  const term = Float64Array.from(at, (s) => Math.exp(-gridX(0) * s));
  const step = Float64Array.from(at, (s) => Math.exp(-((X_MAX - X_MIN) / GRID_STEPS) * s));
  const signAt = (k: number): number => {
    let sum = 0;
    let size = 0;
    for (let i = 0; i < amounts.length; i++) {
      const v = (amounts[i] as number) * (term[i] as number);
      sum += v;
      size += Math.abs(v);
      term[i] = (term[i] as number) * (step[i] as number);
    }
    return Math.abs(sum) > SIGN_MARGIN * size ? Math.sign(sum) : Math.sign(npv(gridX(k)));
  };
  const brackets: [number, number][] = [];
  let xa = gridX(0);
  let sa = signAt(0);
  for (let k = 1; k <= GRID_STEPS; k++) {
    const xb = gridX(k);
    const sb = signAt(k);
    if (sa === 0) brackets.push([xa, xa]);
    else if (sa !== sb && sb !== 0) brackets.push([xa, xb]);
    xa = xb;
    sa = sb;
  }
  if (sa === 0) brackets.push([xa, xa]);
  return brackets;
}

/** IRR over cash flows to the investor (amount, ms), the last one usually the value now. */
export function irr(flows: readonly { t: number; amount: bigint }[]): IrrResult {
  const cs = flows.filter((f) => f.amount !== 0n);
  if (cs.length < 2) return { periodReturn: null, reason: 'no-flows' };
  const t0 = Math.min(...cs.map((c) => c.t));
  const t1 = Math.max(...cs.map((c) => c.t));
  if (t1 === t0) return { periodReturn: null, reason: 'no-time' };
  const at = cs.map((c) => (c.t - t0) / (t1 - t0));
  const amounts = cs.map((c) => Number(c.amount) / 1e9);
  const npv = (x: number): number => {
    let s = 0;
    for (let i = 0; i < amounts.length; i++) s += (amounts[i] as number) * Math.exp(-x * (at[i] as number));
    return s;
  };
  const brackets = scanBrackets(amounts, at, npv);
  if (brackets.length === 0) return { periodReturn: null, reason: 'no-solution' };
  if (brackets.length > 1) return { periodReturn: null, reason: 'several-solutions' };
  let [lo, hi] = brackets[0] as [number, number];
  const flo = Math.sign(npv(lo));
  for (let k = 0; k < 200 && lo !== hi; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(npv(mid)) === flo) lo = mid;
    else hi = mid;
  }
  const x = (lo + hi) / 2;
  const years = (t1 - t0) / YEAR_MS;
  const annual = Math.expm1(x / years);
  return {
    periodReturn: Math.expm1(x),
    annualised: years * 365 >= MIN_ANNUALISED_DAYS && Number.isFinite(annual) ? annual : null,
    years,
  };
}

/** Cash flows to the investor from a daily series: −(net flow) each day, + the value at the end. */
export function investorFlows(samples: readonly FlowSample[]): { t: number; amount: bigint }[] {
  const out: { t: number; amount: bigint }[] = [];
  let n0 = 0n;
  for (const s of samples) {
    if (s.netInvested !== n0) out.push({ t: s.t, amount: n0 - s.netInvested });
    n0 = s.netInvested;
  }
  const last = samples[samples.length - 1];
  if (last && last.value !== 0n) out.push({ t: last.t, amount: last.value });
  return out;
}

export interface ReturnFigures {
  totalReturn: bigint;
  taoIn: bigint;
  taoOut: bigint;
  netInvested: bigint;
  peakNetInvested: bigint;
  /** totalReturn ÷ each base; null when the base is not positive. */
  pct: Record<ReturnBase, number | null>;
  moneyWeighted: IrrResult;
  /** Chained daily returns since the first flow. */
  timeWeighted: number | null;
}

export function returnFigures(
  f: Pick<AdditiveFigures, 'totalReturn' | 'taoIn' | 'taoOut'>,
  samples: readonly FlowSample[],
): ReturnFigures {
  const netInvested = f.taoIn - f.taoOut;
  let peak = 0n;
  for (const s of samples) if (s.netInvested > peak) peak = s.netInvested;
  if (netInvested > peak) peak = netInvested;
  const positive = (base: bigint) => (base > 0n ? ratio(f.totalReturn, base) : null);
  const growth = chain(sampleReturns(samples));
  return {
    totalReturn: f.totalReturn,
    taoIn: f.taoIn,
    taoOut: f.taoOut,
    netInvested,
    peakNetInvested: peak,
    pct: { netInvested: positive(netInvested), grossIn: positive(f.taoIn), peakNetInvested: positive(peak) },
    moneyWeighted: irr(investorFlows(samples)),
    timeWeighted: growth.length === 0 ? null : (growth[growth.length - 1] as number) - 1,
  };
}

/** One line of a breakdown: a metric and its amount. */
export interface BreakdownLine {
  id: MetricId;
  amount: bigint;
}

/** Lines (`terms`) that sum exactly to `total`; `memo` lines are shown beside, already inside the terms. */
export interface Breakdown {
  total: bigint;
  terms: BreakdownLine[];
  memo: BreakdownLine[];
}

type BreakdownFigures = Pick<AdditiveFigures, 'totalReturn' | 'realized' | 'unrealized' | 'incomeTao' | 'friction'>;

/**
 * Accounting view of the total return. Income treatment: realized + unrealized + emission income.
 * Zero basis: rewards carry no cost, so their value is inside realized and unrealized already;
 * emission income is then a memo line. `other` holds whatever the lines leave (basis carried between
 * positions at a value other than its TAO flow; 0 for a whole portfolio) so the lines always add up.
 */
export function accountingBreakdown(f: BreakdownFigures, rewards: RewardTreatment): Breakdown {
  const income = rewards === 'income';
  const terms: BreakdownLine[] = [
    { id: 'realized', amount: f.realized },
    { id: 'unrealized', amount: f.unrealized },
  ];
  if (income) terms.push({ id: 'incomeTao', amount: f.incomeTao });
  const other = f.totalReturn - terms.reduce((s, l) => s + l.amount, 0n);
  if (other !== 0n) terms.push({ id: 'other', amount: other });
  return { total: f.totalReturn, terms, memo: income ? [] : [{ id: 'incomeTao', amount: f.incomeTao }] };
}

/**
 * Economic view, the same in every method and treatment: the excess over holding TAO (= total
 * return) as price effect + emission effect − fees − slippage − burned.
 */
export function economicBreakdown(f: BreakdownFigures, split: FrictionSplit): Breakdown {
  const price = f.totalReturn - f.incomeTao + f.friction;
  return {
    total: f.totalReturn,
    terms: [
      { id: 'priceEffect', amount: price },
      { id: 'emissionEffect', amount: f.incomeTao },
      { id: 'fees', amount: -split.fees },
      { id: 'slippage', amount: -split.slippage },
      { id: 'burned', amount: -split.burned },
    ],
    memo: [{ id: 'friction', amount: -f.friction }],
  };
}
