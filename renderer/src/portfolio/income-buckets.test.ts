import { describe, expect, it } from 'vitest';
import { bucketTick } from './income-buckets';

describe('bucketTick', () => {
  it('labels days and weeks by day, months by month', () => {
    expect(bucketTick(Date.UTC(2026, 10, 2), 'week')).toBe('Nov 2');
    expect(bucketTick(Date.UTC(2026, 10, 1), 'month')).toBe('Nov 26');
  });
});
