import '../../test/east-of-utc'; // first: the machine zone is Auckland before the modules under test load
import { describe, expect, it } from 'vitest';

import { localDateTime, utcDate, utcDateTime, utcDayText, utcMinute, utcMonth, utcMonthDay } from './dates';

// 12:40 UTC on Dec 7 is 01:40 on Dec 8 in Auckland; a daily point of Nov 16 is stamped at its last ms.
const asOf = Date.UTC(2026, 11, 7, 12, 40, 30);
const nov16End = Date.UTC(2026, 10, 16) + 86_400_000 - 1;

describe('dates: UTC whatever the machine zone, and labelled', () => {
  it('the machine zone really is Auckland here (else the tests below prove nothing)', () => {
    expect(new Date(asOf).getDate()).toBe(8);
  });

  it('a UTC day, unlabelled and labelled', () => {
    expect(utcDayText(nov16End)).toBe('Nov 16, 2026');
    expect(utcDate(nov16End)).toBe('Nov 16, 2026 UTC');
    expect(utcDate(asOf)).toBe('Dec 7, 2026 UTC');
    expect(utcDate(Date.UTC(2026, 0, 1))).toBe('Jan 1, 2026 UTC');
  });

  it('short axis labels of a UTC day and month', () => {
    expect(utcMonthDay(nov16End)).toBe('Nov 16');
    expect(utcMonth(Date.UTC(2026, 11, 31, 23, 59))).toBe('Dec 2026');
    expect(utcMonth(Date.UTC(2026, 11, 31, 23, 59), true)).toBe('Dec 26');
  });

  it("a moment to the minute: Activity's unlabelled form and the labelled one", () => {
    expect(utcMinute(Date.UTC(2026, 0, 2, 3, 4, 59))).toBe('2026-01-02 03:04');
    expect(utcMinute(asOf)).toBe('2026-12-07 12:40');
    expect(utcDateTime(asOf)).toBe('2026-12-07 12:40 UTC');
  });

  it('local time only with its label', () => {
    const local = new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(asOf);
    expect(local).toMatch(/8/); // the local day, Dec 8 ("Dec 8, 2026, 01:40 AM" in en-US)
    expect(localDateTime(asOf)).toBe(`${local} local`);
  });

  it('an invalid time reads "Invalid Date", never a made-up day', () => {
    for (const f of [utcDayText, utcMonthDay, utcMonth, utcDate, utcMinute, utcDateTime, localDateTime]) {
      expect(f(NaN)).toBe('Invalid Date');
      expect(f(9e15)).toBe('Invalid Date');
    }
  });
});
