import { describe, expect, it } from 'vitest';
import { bucketTick } from './income-buckets';

describe('bucketTick', () => {
  it('labels days and weeks by day, months by month', () => {
    expect(bucketTick(Date.UTC(2026, 10, 2), 'week')).toBe('Nov 2');
    expect(bucketTick(Date.UTC(2026, 10, 1), 'month')).toBe('Nov 26');
  });

  it('says what toLocaleDateString said, an invalid date included', () => {
    for (const t of [Date.UTC(2025, 0, 31), Date.UTC(2026, 11, 31, 23, 59), NaN]) {
      const d = new Date(t);
      expect(bucketTick(t, 'day')).toBe(
        d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
      );
      expect(bucketTick(t, 'month')).toBe(
        d.toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
      );
    }
  });
});
