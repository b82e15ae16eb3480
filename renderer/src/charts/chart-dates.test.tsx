import '../../test/east-of-utc'; // first: the machine zone is Auckland before the modules under test load
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { tao } from '../app/format';
import { axisDate, dateTicks, DAY_MS, dayOffset, summarise } from './chart-data';
import type { TipProps } from './ChartShell';
import { CrosshairTip, TimeChart, type TimeLine } from './TimeChart';

// Daily points as the engine stamps them (shared/engine/timeseries.ts): the UTC day `day`, at its last
// millisecond. Nov 16 to Dec 7, 2026: 22 days.
const first = Date.UTC(2026, 10, 16);
const points = Array.from({ length: 22 }, (_, i) => {
  const start = first + i * DAY_MS;
  return { t: start + DAY_MS - 1, day: new Date(start).toISOString().slice(0, 10) };
});
const line: TimeLine = {
  id: 'value',
  label: 'Value',
  help: '',
  color: 'red',
  values: points.map((_, i) => BigInt(i + 1) * 1_000_000_000n),
};
/** "Dec 6, 2026" for "2026-12-06": how the chart writes a UTC day. */
const written = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
const tipTitle = (i: number, marks = new Map<number, string[]>()) => {
  const tip = { active: true, payload: [{ payload: { t: points[i]!.t, i } }] } as unknown as TipProps;
  const { unmount } = render(
    <CrosshairTip tip={tip} lines={[line]} points={points} stamps="days" marks={marks} format={(v) => tao(v)} />,
  );
  const title = screen.getByTestId('chart-tip').querySelector('.chart-tip-day')!.textContent;
  const text = screen.getByTestId('chart-tip').textContent;
  unmount();
  return { title, text };
};

describe('a daily chart names each point by its UTC day, in any machine zone', () => {
  it('the machine zone really is Auckland here (else the tests below prove nothing)', () => {
    expect(new Date(points[0]!.t).getDate()).toBe(17); // Nov 16 23:59:59.999 UTC is Nov 17 in Auckland
  });

  it("a point's tooltip is titled with its own UTC day", () => {
    for (const i of [0, 1, 20, 21]) expect(tipTitle(i).title).toBe(`${written(points[i]!.day)} UTC`);
    // An unstake at 2026-12-06 05:16 UTC is on the point of Dec 6 (it was titled "Dec 7, 2026").
    const dec6 = points.findIndex((p) => p.day === '2026-12-06');
    const { title, text } = tipTitle(dec6, new Map([[dec6, ['Unstaked τ264.4136 from SN1']]]));
    expect(title).toBe('Dec 6, 2026 UTC');
    expect(text).toContain('Unstaked τ264.4136 from SN1');
  });

  it('each axis tick sits on a point and is labelled with that point’s day', () => {
    const span = points.at(-1)!.t - points[0]!.t;
    const ticks = dateTicks(points[0]!.t, points.at(-1)!.t, 8, dayOffset('days'));
    expect(ticks.length).toBeGreaterThan(3);
    for (const tick of ticks) {
      // The point drawn under the tick: the nearest one (a tick at a midnight was 1 ms after the day before's).
      const under = points.reduce((a, b) => (Math.abs(b.t - tick) < Math.abs(a.t - tick) ? b : a));
      expect(under.t).toBe(tick);
      expect(axisDate(tick, span)).toBe(written(under.day).replace(/, \d{4}$/, ''));
      expect(tipTitle(points.indexOf(under)).title).toBe(`${written(under.day)} UTC`);
    }
    // Every third day from the first: Nov 16 is the first tick (it read "Nov 17" over the point of Nov 16).
    expect(ticks.map((t) => axisDate(t, span)).slice(0, 3)).toEqual(['Nov 16', 'Nov 19', 'Nov 22']);
  });

  it('month ticks of a long daily series sit on the first of the month’s point', () => {
    const long = Array.from({ length: 200 }, (_, i) => first + i * DAY_MS + DAY_MS - 1);
    const ticks = dateTicks(long[0]!, long.at(-1)!, 8, dayOffset('days'));
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) {
      expect(long).toContain(tick);
      expect(new Date(tick).getUTCDate()).toBe(1);
    }
  });

  it('the text summary names the first and last UTC days, as the tooltips do', () => {
    expect(summarise('Value over time', points, [], (v) => tao(v))).toBe(
      'Value over time, Nov 16, 2026 to Dec 7, 2026 (UTC), 22 points.',
    );
    render(<TimeChart id="t" title="Value over time" points={points} stamps="days" lines={[line]} />);
    expect(screen.getByTestId('chart-summary').textContent).toContain('Nov 16, 2026 to Dec 7, 2026 (UTC)');
  });

  it('a bar period starting at a UTC midnight is summarised by that day', () => {
    const weeks = ['2026-11-16', '2026-11-23'].map((d) => ({ t: Date.parse(`${d}T00:00:00Z`) }));
    expect(summarise('Income', weeks, [], (v) => tao(v))).toBe('Income, Nov 16, 2026 to Nov 23, 2026 (UTC), 2 points.');
  });

  it('a price snapshot (a moment) is titled with its UTC date and time', () => {
    const snaps = [{ t: Date.UTC(2026, 11, 6, 5, 16) }, { t: Date.UTC(2026, 11, 6, 23, 30) }];
    const tip = { active: true, payload: [{ payload: { t: snaps[1]!.t, i: 1 } }] } as unknown as TipProps;
    render(
      <CrosshairTip tip={tip} lines={[]} points={snaps} stamps="moments" marks={new Map()} format={(v) => tao(v)} />,
    );
    expect(screen.getByTestId('chart-tip').querySelector('.chart-tip-day')!.textContent).toBe('2026-12-06 23:30 UTC');
    // Moments keep midnight ticks: the tick "Dec 7" is at the start of Dec 7.
    expect(dateTicks(Date.UTC(2026, 11, 5, 6), Date.UTC(2026, 11, 8, 6), 8, dayOffset('moments'))).toEqual(
      [6, 7, 8].map((d) => Date.UTC(2026, 11, d)),
    );
  });
});
