import { describe, expect, it } from 'vitest';
import { TAO } from '../testing/fixtures';
import {
  accountingBreakdown,
  chain,
  economicBreakdown,
  investorFlows,
  irr,
  returnFigures,
  sampleReturns,
  type FlowSample,
} from './returns';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const t0 = Date.UTC(2025, 0, 1);
const sum = (xs: { amount: bigint }[]) => xs.reduce((s, x) => s + x.amount, 0n);

// day 1: buy 100 τ, worth 99 at the day's end      r = (99 − 0 − 100) / (0 + 100)      = −0.01
// day 2: no flow, worth 108.9                       r = (108.9 − 99) / 99                = +0.1
// day 3: sell for 50, worth 60 after                r = (60 − 108.9 + 50) / (108.9 + 0) = 1.1 / 108.9
// day 4: buy 40 more, worth 100                     r = (100 − 60 − 40) / (60 + 40)      = 0
// chained: 0.99 × 1.1 × (110 / 108.9) × 1 = 1.1 → time-weighted return +10 %
const samples: FlowSample[] = [
  { t: t0 + DAY, value: 99n * TAO, netInvested: 100n * TAO },
  { t: t0 + 2 * DAY, value: 108_900_000_000n, netInvested: 100n * TAO },
  { t: t0 + 3 * DAY, value: 60n * TAO, netInvested: 50n * TAO },
  { t: t0 + 4 * DAY, value: 100n * TAO, netInvested: 90n * TAO },
];

describe('time-weighted returns (Modified Dietz per day)', () => {
  it('daily returns and their chain', () => {
    const r = sampleReturns(samples);
    expect(r[0]).toBeCloseTo(-0.01, 12);
    expect(r[1]).toBeCloseTo(0.1, 12);
    expect(r[2]).toBeCloseTo(1.1 / 108.9, 10);
    expect(r[3]).toBe(0);
    expect(chain(r).at(-1)).toBeCloseTo(1.1, 10);
  });

  it('a full exit is a loss of what it lost, not −100 %; a day with nothing at stake returns 0', () => {
    // worth 100, sold for 98 → r = (0 − 100 + 98) / 100 = −2 %
    const exit = sampleReturns([
      { t: t0, value: 100n * TAO, netInvested: 100n * TAO },
      { t: t0 + DAY, value: 0n, netInvested: 2n * TAO },
      { t: t0 + 2 * DAY, value: 0n, netInvested: 2n * TAO },
    ]);
    expect(exit.slice(1)).toEqual([-0.02, 0]);
  });
});

describe('money-weighted return (IRR)', () => {
  it('100 in, 110 back a year later: 10 % over the period and per year', () => {
    const r = irr([
      { t: t0, amount: -100n * TAO },
      { t: t0 + YEAR, amount: 110n * TAO },
    ]);
    expect(r.periodReturn).toBeCloseTo(0.1, 12);
    if (r.periodReturn !== null) expect(r.annualised).toBeCloseTo(0.1, 12);
  });

  it('100 in, 100 more after half a year, 210 at the end: 100(1+r) + 100(1+r)^½ = 210', () => {
    // z = (1 + r)^½ solves 100 z² + 100 z − 210 = 0 → z = (−1 + √9.4) / 2 → r = z² − 1 ≈ 6.703 %
    const z = (-1 + Math.sqrt(9.4)) / 2;
    const r = irr([
      { t: t0, amount: -100n * TAO },
      { t: t0 + YEAR / 2, amount: -100n * TAO },
      { t: t0 + YEAR, amount: 210n * TAO },
    ]);
    expect(r.periodReturn).toBeCloseTo(z * z - 1, 12);
  });

  it('flows that two rates solve (−100, +230, −132: 10 % and 20 %), none, or no time: null with the reason', () => {
    expect(
      irr([
        { t: t0, amount: -100n * TAO },
        { t: t0 + YEAR, amount: 230n * TAO },
        { t: t0 + 2 * YEAR, amount: -132n * TAO },
      ]),
    ).toEqual({ periodReturn: null, reason: 'several-solutions' });
    expect(
      irr([
        { t: t0, amount: 100n * TAO },
        { t: t0 + YEAR, amount: 10n * TAO },
      ]),
    ).toEqual({ periodReturn: null, reason: 'no-solution' });
    expect(
      irr([
        { t: t0, amount: -100n * TAO },
        { t: t0, amount: 100n * TAO },
      ]),
    ).toEqual({ periodReturn: null, reason: 'no-time' });
  });

  it('a span under 30 days gives the period rate only; the same input gives the same bits', () => {
    const flows = [
      { t: t0, amount: -100n * TAO },
      { t: t0 + 10 * DAY, amount: 101n * TAO },
    ];
    const r = irr(flows);
    expect(r).toMatchObject({ annualised: null });
    expect(r.periodReturn).toBeCloseTo(0.01, 12);
    expect(irr(flows)).toEqual(r);
  });

  it('investor flows from a daily series: −(net flow) per day, + the value at the end', () => {
    expect(investorFlows(samples)).toEqual([
      { t: t0 + DAY, amount: -100n * TAO },
      { t: t0 + 3 * DAY, amount: 50n * TAO },
      { t: t0 + 4 * DAY, amount: -40n * TAO },
      { t: t0 + 4 * DAY, amount: 100n * TAO },
    ]);
  });
});

describe('returns with their bases', () => {
  it('total return over net invested, gross TAO in and peak net invested', () => {
    // 4 days above: TAO in 140, out 50, value 100 → total return 10; peak net invested 100
    const r = returnFigures({ totalReturn: 10n * TAO, taoIn: 140n * TAO, taoOut: 50n * TAO }, samples);
    expect(r.netInvested).toBe(90n * TAO);
    expect(r.peakNetInvested).toBe(100n * TAO);
    expect(r.pct.netInvested).toBeCloseTo(10 / 90, 11); // ratio() keeps 12 decimals
    expect(r.pct.grossIn).toBeCloseTo(10 / 140, 11);
    expect(r.pct.peakNetInvested).toBeCloseTo(0.1, 12);
    expect(r.timeWeighted).toBeCloseTo(0.1, 10);
    // more taken out than put in: no net-invested percentage
    expect(returnFigures({ totalReturn: 5n, taoIn: 10n, taoOut: 20n }, []).pct.netInvested).toBeNull();
  });
});

describe('how it adds up', () => {
  const f = { totalReturn: 10n, realized: 4n, unrealized: 3n, incomeTao: 3n, friction: 2n };
  it('income treatment: realized + unrealized + income = total return', () => {
    const b = accountingBreakdown(f, 'income');
    expect(b.terms.map((l) => l.id)).toEqual(['realized', 'unrealized', 'incomeTao']);
    expect(sum(b.terms)).toBe(10n);
    expect(b.memo).toEqual([]);
  });
  it('zero basis: realized + unrealized = total return, income shown as a memo already inside them', () => {
    const b = accountingBreakdown({ ...f, realized: 5n, unrealized: 5n }, 'zero');
    expect(b.terms.map((l) => l.id)).toEqual(['realized', 'unrealized']);
    expect(sum(b.terms)).toBe(10n);
    expect(b.memo).toEqual([{ id: 'incomeTao', amount: 3n }]);
  });
  it('a residual is named, never dropped (a position whose moves carried basis)', () => {
    const b = accountingBreakdown({ ...f, realized: 1n }, 'income');
    expect(b.terms.at(-1)).toEqual({ id: 'other', amount: 3n });
    expect(sum(b.terms)).toBe(10n);
  });
  it('economic: price + emission − fees − slippage − burned = total return in every mode', () => {
    const b = economicBreakdown(f, { fees: 1n, slippage: 1n, burned: 0n });
    // price effect = 10 − 3 + 2 = 9
    expect(b.terms).toEqual([
      { id: 'priceEffect', amount: 9n },
      { id: 'emissionEffect', amount: 3n },
      { id: 'fees', amount: -1n },
      { id: 'slippage', amount: -1n },
      { id: 'burned', amount: 0n },
    ]);
    expect(sum(b.terms)).toBe(10n);
  });
});
