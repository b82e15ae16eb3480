import { describe, expect, it } from 'vitest';
import { FiatBook } from '../fiat';
import { bucketStart, dayDeltas, incomeByBucket, rangeFigures, type CumulativeSample } from './periods';

const T = 1_000_000_000n;
const s = (day: string, realizedCum: bigint, incomeCum: bigint, sn1Income = incomeCum): CumulativeSample => ({
  day,
  t: Date.parse(`${day}T23:59:59.999Z`),
  realizedCum,
  incomeCum,
  bySubnet: new Map([[1, { realizedCum, incomeCum: sn1Income }]]),
});

// Cumulative realized / income at each day's end (2025-12-30 is a Tuesday, 2026-01-05 a Monday)
const samples = [
  s('2025-12-30', 0n, 1n * T),
  s('2025-12-31', 5n * T, 3n * T),
  s('2026-01-02', 5n * T, 6n * T),
  s('2026-01-05', -2n * T, 10n * T),
];

describe('income per day, week, month and a date range', () => {
  const deltas = dayDeltas(samples);
  it('a day’s amounts are the difference of consecutive days', () => {
    expect(deltas.map((d) => [d.day, d.realized, d.income])).toEqual([
      ['2025-12-30', 0n, 1n * T],
      ['2025-12-31', 5n * T, 2n * T],
      ['2026-01-02', 0n, 3n * T],
      ['2026-01-05', -7n * T, 4n * T],
    ]);
  });

  it('buckets: weeks start on Monday, months on the 1st', () => {
    expect(bucketStart('2026-01-04', 'week')).toBe('2025-12-29'); // a Sunday
    expect(bucketStart('2026-01-05', 'week')).toBe('2026-01-05');
    expect(incomeByBucket(deltas, 'week').map((r) => [r.start, r.total])).toEqual([
      ['2025-12-29', 6n * T],
      ['2026-01-05', 4n * T],
    ]);
    expect(incomeByBucket(deltas, 'month').map((r) => [r.start, r.total, r.bySubnet.get(1)])).toEqual([
      ['2025-12-01', 3n * T, 3n * T],
      ['2026-01-01', 7n * T, 7n * T],
    ]);
  });

  it('a tax year: realized and income booked inside it', () => {
    const y2025 = rangeFigures(deltas, '2025-01-01', '2025-12-31');
    expect([y2025.realized, y2025.income]).toEqual([5n * T, 3n * T]);
    const y2026 = rangeFigures(deltas, '2026-01-01', '2026-12-31');
    expect([y2026.realized, y2026.income]).toEqual([-7n * T, 7n * T]);
    expect(y2026.bySubnet.get(1)).toEqual({ realized: -7n * T, income: 7n * T });
  });

  it('in fiat each day converts at its own price; a day without one makes the sum unknown and is listed', () => {
    const book = new FiatBook([
      { date: '2025-12-30', price: 100n * 100_000_000n },
      { date: '2025-12-31', price: 200n * 100_000_000n },
    ]);
    const conv = (x: bigint, ms: number) => book.value(x, ms);
    // 2025: 1 τ income × 100 + 2 τ × 200 = 500; realized 5 τ × 200 = 1,000
    const y2025 = rangeFigures(deltas, '2025-01-01', '2025-12-31', conv);
    expect([y2025.realized, y2025.income]).toEqual([1_000n * 100_000_000n, 500n * 100_000_000n]);
    const y2026 = rangeFigures(deltas, '2026-01-01', '2026-12-31', conv);
    expect(y2026.income).toBeNull();
    expect(book.missing()).toEqual(['2026-01-02', '2026-01-05']);
  });
});
