import { describe, expect, it } from 'vitest';
import { dayRanges } from './day-ranges';

describe('dayRanges', () => {
  it('joins consecutive UTC days into runs, in date order, across month ends', () => {
    expect(dayRanges(['2026-10-03', '2026-10-01', '2026-10-02', '2026-10-07', '2026-10-31', '2026-11-01'])).toEqual([
      '2026-10-01 – 2026-10-03',
      '2026-10-07',
      '2026-10-31 – 2026-11-01',
    ]);
  });

  it('counts repeated days once and keeps anything that is not a day apart', () => {
    expect(dayRanges(['2026-01-01', '2026-01-01', 'soon'])).toEqual(['2026-01-01', 'soon']);
    expect(dayRanges([])).toEqual([]);
  });
});
