import { describe, expect, it } from 'vitest';
import { incomeBuckets } from './income-buckets';

const at = (iso: string, income: bigint) => ({ t: Date.parse(`${iso}T23:59:59.999Z`), incomeInPeriod: income });
// Sun 1 Nov, Mon 2 Nov, Tue 3 Nov, Mon 30 Nov, Tue 1 Dec 2026
const points = [
  at('2026-11-01', 1n),
  at('2026-11-02', 2n),
  at('2026-11-03', 4n),
  at('2026-11-30', 8n),
  at('2026-12-01', 16n),
];

describe('incomeBuckets', () => {
  it('sums per UTC day, Monday week and calendar month, keeping every unit', () => {
    expect(incomeBuckets(points, 'day').map((b) => b.value)).toEqual([1n, 2n, 4n, 8n, 16n]);
    const weeks = incomeBuckets(points, 'week');
    expect(weeks.map((b) => [b.label, b.value])).toEqual([
      ['Week of 2026-10-26', 1n],
      ['Week of 2026-11-02', 6n],
      ['Week of 2026-11-30', 24n],
    ]);
    const months = incomeBuckets(points, 'month');
    expect(months.map((b) => [b.label, b.value])).toEqual([
      ['2026-11', 15n],
      ['2026-12', 16n],
    ]);
    for (const b of ['day', 'week', 'month'] as const)
      expect(incomeBuckets(points, b).reduce((s, x) => s + (x.value ?? 0n), 0n)).toBe(31n);
  });
});
