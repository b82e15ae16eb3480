import { describe, expect, it } from 'vitest';
import { annualised, periodBoundaries, periodReturns, riskFigures, type GrowthSample } from './performance';

const DAY = 86_400_000;
const at = (day: string, growth: number): GrowthSample => ({ day, t: Date.parse(`${day}T23:59:59.999Z`), growth });

describe('period boundaries (the last day before each period)', () => {
  it('mid-quarter and at the start of a year', () => {
    expect(periodBoundaries('2026-05-15')).toEqual({
      '7d': '2026-05-08',
      mtd: '2026-04-30',
      qtd: '2026-03-31',
      ytd: '2025-12-31',
      all: null,
    });
    expect(periodBoundaries('2026-01-03')).toMatchObject({ mtd: '2025-12-31', qtd: '2025-12-31', ytd: '2025-12-31' });
    expect(periodBoundaries('2024-03-01')).toMatchObject({ '7d': '2024-02-23', mtd: '2024-02-29' });
  });
});

describe('period returns from a growth series', () => {
  // growth 1.0 (Dec 30) → 1.2 (Dec 31) → 1.1 (Jan 2) → 1.32 (Jan 9), as of Jan 9
  const g = [at('2025-12-30', 1), at('2025-12-31', 1.2), at('2026-01-02', 1.1), at('2026-01-09', 1.32)];
  it('today / 7 d / MTD = YTD / all', () => {
    const r = periodReturns(g);
    // today: from the previous recorded day (Jan 2): 1.32 / 1.1 − 1
    expect(r.today.value).toBeCloseTo(0.2, 12);
    // 7 d: boundary Jan 2 → the same sample
    expect(r['7d'].value).toBeCloseTo(0.2, 12);
    // MTD, QTD, YTD: boundary Dec 31 (growth 1.2) → 1.32 / 1.2 − 1 = 10 %
    expect(r.mtd.value).toBeCloseTo(0.1, 12);
    expect(r.ytd).toEqual(r.qtd);
    // all: from the start (growth 1 before the first flow) → 32 %
    expect(r.all).toEqual({ value: expect.closeTo(0.32, 12) as number, sinceStart: true });
  });
  it('a benchmark measures from its index at the first flow (base)', () => {
    expect(periodReturns(g, 1.1).all.value).toBeCloseTo(0.2, 12);
  });
});

describe('risk in TAO terms', () => {
  // growth 1.0, 1.1, 0.99, 1.089 on four consecutive days: returns 0, +10 %, −10 %, +10 %
  const g = [at('2026-01-01', 1), at('2026-01-02', 1.1), at('2026-01-03', 0.99), at('2026-01-04', 1.089)];
  it('volatility, max drawdown and Sharpe, hand-worked', () => {
    const r = riskFigures(g, '2026-01-01', '2026-01-04', 0.05);
    // mean 0.025; squared deviations 0.000625 + 0.005625 + 0.015625 + 0.005625 = 0.0275; ÷ 3 = 0.0091667
    const variance = 0.0275 / 3;
    expect(r.samples).toBe(4);
    expect(r.volatility).toBeCloseTo(Math.sqrt(variance * 365), 12);
    // from the high 1.1 down to 0.99: −10 %
    expect(r.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(r.meanReturn).toBeCloseTo(0.025 * 365, 12);
    expect(r.sharpe).toBeCloseTo((0.025 * 365 - 0.05) / Math.sqrt(variance * 365), 12);
  });
  it('a range inside the history: its returns only; a flat line has no Sharpe; one return has no volatility', () => {
    const inner = riskFigures(g, '2026-01-03', '2026-01-04', 0);
    expect(inner.samples).toBe(2);
    expect(inner.meanReturn).toBeCloseTo(0, 12);
    expect(inner.maxDrawdown).toBeCloseTo(0.1, 12);
    const flat = riskFigures(
      [at('2026-01-01', 1), at('2026-01-02', 1), at('2026-01-03', 1)],
      '2026-01-01',
      '2026-01-03',
      0,
    );
    expect(flat).toMatchObject({ volatility: 0, sharpe: null, maxDrawdown: 0 });
    expect(riskFigures(g, '2026-01-04', '2026-01-04', 0)).toMatchObject({ volatility: null, samples: 1 });
  });
  it('samples two days apart annualise with √(365 / 2)', () => {
    const sparse = g.map((s, i) => ({ ...s, t: s.t + i * DAY }));
    const r = riskFigures(sparse, '2026-01-01', '2026-01-04', 0);
    expect(r.volatility).toBeCloseTo(Math.sqrt((0.0275 / 3) * (365 / 2)), 12);
  });
  it('annualised rate: 1 % over 73 days → 1.01^5 − 1', () => {
    expect(annualised(1, 1.01, 73)).toBeCloseTo(1.01 ** 5 - 1, 12);
    expect(annualised(1, 1.01, 0)).toBeNull();
  });
});
