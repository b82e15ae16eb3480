// irr() steps each term along the grid by multiplication (npv itself where that sign is close): it must
// return exactly what Math.exp at every grid point returns (the reference below is the scan
// irr() always ran before).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { irr, type IrrResult } from './returns';

const DAY = 86_400_000;

function referenceIrr(flows: readonly { t: number; amount: bigint }[]): IrrResult {
  const cs = flows.filter((f) => f.amount !== 0n);
  if (cs.length < 2) return { periodReturn: null, reason: 'no-flows' };
  const t0 = Math.min(...cs.map((c) => c.t));
  const t1 = Math.max(...cs.map((c) => c.t));
  if (t1 === t0) return { periodReturn: null, reason: 'no-time' };
  const at = cs.map((c) => (c.t - t0) / (t1 - t0));
  const amounts = cs.map((c) => Number(c.amount) / 1e9);
  const npv = (x: number) => amounts.reduce((s, a, i) => s + a * Math.exp(-x * at[i]!), 0);
  const brackets: [number, number][] = [];
  let xa = -10;
  let fa = npv(xa);
  for (let k = 1; k <= 400; k++) {
    const xb = -10 + (20 * k) / 400;
    const fb = npv(xb);
    if (fa === 0) brackets.push([xa, xa]);
    else if (Math.sign(fa) !== Math.sign(fb) && fb !== 0) brackets.push([xa, xb]);
    xa = xb;
    fa = fb;
  }
  if (fa === 0) brackets.push([xa, xa]);
  if (brackets.length === 0) return { periodReturn: null, reason: 'no-solution' };
  if (brackets.length > 1) return { periodReturn: null, reason: 'several-solutions' };
  let [lo, hi] = brackets[0]!;
  const flo = Math.sign(npv(lo));
  for (let k = 0; k < 200 && lo !== hi; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (Math.sign(npv(mid)) === flo) lo = mid;
    else hi = mid;
  }
  const x = (lo + hi) / 2;
  const years = (t1 - t0) / (365 * DAY);
  const annual = Math.expm1(x / years);
  return {
    periodReturn: Math.expm1(x),
    annualised: years * 365 >= 30 && Number.isFinite(annual) ? annual : null,
    years,
  };
}

const amount = fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n });
const flow = fc.record({ t: fc.integer({ min: 0, max: 800 }).map((d) => d * DAY), amount });

describe('irr: the stepped grid scan equals the Math.exp scan', () => {
  it('on histories of buys, then sells and the value now (one sign change or two)', () => {
    const buys = fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 400 }), tao: fc.bigInt({ min: 1n, max: 10n ** 13n }) }),
      {
        minLength: 1,
        maxLength: 80,
      },
    );
    fc.assert(
      fc.property(
        buys,
        fc.array(flow, { maxLength: 5 }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        (b, sells, value) => {
          const flows = [
            ...b.map((x) => ({ t: x.day * DAY, amount: -x.tao })),
            ...sells.map((s) => ({
              t: (401 + ((s.t / DAY) % 300)) * DAY,
              amount: s.amount < 0n ? -s.amount : s.amount,
            })),
            { t: 800 * DAY, amount: value },
          ];
          expect(irr(flows)).toEqual(referenceIrr(flows));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on flows of any signs at any times', () => {
    fc.assert(
      fc.property(fc.array(flow, { minLength: 0, maxLength: 40 }), (flows) => {
        expect(irr(flows)).toEqual(referenceIrr(flows));
      }),
      { numRuns: 600 },
    );
  });

  it('finds a root at either end of the grid and a rate that solves exactly', () => {
    // 100 τ in, 200 τ out a year later: R = 100 %, x = ln 2 (inside the grid).
    const doubled = [
      { t: 0, amount: -100n * 10n ** 9n },
      { t: 365 * DAY, amount: 200n * 10n ** 9n },
    ];
    expect(irr(doubled)).toEqual(referenceIrr(doubled));
    expect((irr(doubled) as { periodReturn: number }).periodReturn).toBeCloseTo(1, 12);
    // Everything lost: no rate on the grid solves (R → −100 %).
    const lost = [
      { t: 0, amount: -100n * 10n ** 9n },
      { t: 365 * DAY, amount: 1n },
    ];
    expect(irr(lost)).toEqual(referenceIrr(lost));
    // The flow back equal to the flow in: the NPV is exactly 0 at the grid point x = 0, where the
    // stepped terms are only close to 1 (Math.exp decides there): R = 0.
    const even = [
      { t: 0, amount: -7n * 10n ** 9n },
      { t: 90 * DAY, amount: 7n * 10n ** 9n },
    ];
    expect(irr(even)).toEqual(referenceIrr(even));
    expect(irr(even)).toMatchObject({ periodReturn: 0 });
  });
});
