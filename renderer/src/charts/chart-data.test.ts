import { describe, expect, it } from 'vitest';
import { tao } from '../app/format';
import { axisDate, dateTicks, DAY_MS, rangeStart, summarise, toChartNumber, valueTicks } from './chart-data';

const day = (i: number) => ({ t: Date.UTC(2026, 0, 1) + i * DAY_MS });

describe('rangeStart', () => {
  const points = Array.from({ length: 400 }, (_, i) => day(i));
  it('keeps the points of the last N days', () => {
    expect(rangeStart(points, '7d')).toBe(392);
    expect(rangeStart(points, '30d')).toBe(369);
    expect(rangeStart(points, '1y')).toBe(34);
    expect(rangeStart(points, 'all')).toBe(0);
  });
  it('keeps two points of a short or gappy series', () => {
    expect(rangeStart([day(0), day(100)], '7d')).toBe(0);
    expect(rangeStart([day(0)], '7d')).toBe(0);
    expect(rangeStart([], '7d')).toBe(0);
  });
});

describe('toChartNumber', () => {
  it('converts 9-decimal integers to floats for plotting', () => {
    expect(toChartNumber(2_120_260_000_000n)).toBeCloseTo(2120.26, 6);
    expect(toChartNumber(-1_500_000_000n)).toBe(-1.5);
    expect(toChartNumber(21_000_000_000_000_000n)).toBe(21_000_000);
  });
});

describe('summarise', () => {
  it('gives first, last, high and low of each line with exact amounts', () => {
    const text = summarise(
      'Value over time',
      [day(0), day(1), day(2)],
      [
        { label: 'Portfolio', values: [1_000_000_000n, 3_000_000_000n, 2_000_000_000n] },
        { label: 'Hold TAO', values: [null, null, null] },
      ],
      (v) => tao(v),
    );
    expect(text).toContain('3 points');
    expect(text).toContain('Portfolio: from τ1.0000 to τ2.0000, high τ3.0000, low τ1.0000.');
    expect(text).toContain('Hold TAO: no values.');
  });
  it('says when there is nothing', () => {
    expect(summarise('Income', [], [], (v) => tao(v))).toBe('Income: no data yet.');
  });
});

describe('axisDate', () => {
  it('shows day and month, or month and year for long spans', () => {
    expect(axisDate(Date.UTC(2026, 10, 3), 30 * DAY_MS)).toBe('Nov 3');
    expect(axisDate(Date.UTC(2026, 10, 3), 500 * DAY_MS)).toBe('Nov 2026');
  });
});

describe('valueTicks', () => {
  it('a flat line gets a band around it, and no tick below 0 when nothing is', () => {
    // Root's price is a flat τ1: the library's own axis ran from −1 to 3.
    expect(valueTicks([1, 1, 1])).toEqual([0.9, 0.95, 1, 1.05, 1.1]);
    expect(valueTicks([0, 0])).toEqual([0, 0.5, 1]);
  });
  it('values from 0 up start at 0; a series below 0 keeps its negative ticks', () => {
    expect(valueTicks([0, 120, 2_900])).toEqual([0, 1_000, 2_000, 3_000]);
    expect(valueTicks([3, 4.2])).toEqual([3, 3.5, 4, 4.5]);
    expect(valueTicks([-700, 250])).toEqual([-750, -500, -250, 0, 250]);
  });
  it('round steps without float noise; nothing to plot is null', () => {
    expect(valueTicks([0.021, 0.0248])).toEqual([0.021, 0.022, 0.023, 0.024, 0.025]);
    expect(valueTicks([0.1, 0.4])).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(valueTicks([null, null])).toBeNull();
    expect(valueTicks([])).toBeNull();
  });
});

describe('dateTicks', () => {
  const utc = (m: number, d: number, h = 0) => Date.UTC(2026, m, d, h);
  it('midnights a round number of days apart, at most eight', () => {
    // Two weeks from a morning to an afternoon: every second midnight.
    expect(dateTicks(utc(10, 19, 6), utc(11, 2, 15))).toEqual(
      [20, 22, 24, 26, 28, 30].map((d) => utc(10, d)).concat([utc(11, 2)]),
    );
    expect(dateTicks(utc(10, 1), utc(10, 4, 12))).toEqual([1, 2, 3, 4].map((d) => utc(10, d)));
    expect(dateTicks(utc(10, 1), utc(10, 31)).every((t, i, all) => i === 0 || t - all[i - 1]! === 7 * DAY_MS)).toBe(
      true,
    );
  });
  it('the first of a month for long spans, on a quarter or half for wider steps', () => {
    expect(dateTicks(utc(1, 10), utc(7, 20))).toEqual([2, 3, 4, 5, 6, 7].map((m) => utc(m, 1)));
    const twoYears = dateTicks(Date.UTC(2025, 0, 15), Date.UTC(2026, 11, 20));
    expect(twoYears.length).toBeLessThanOrEqual(8);
    for (const t of twoYears) expect([0, 3, 6, 9]).toContain(new Date(t).getUTCMonth());
    expect(dateTicks(utc(1, 1), utc(1, 1))).toEqual([]);
  });
});
