import { describe, expect, it } from 'vitest';
import { markerPath, markerTextsByPoint, pointAtOrBefore } from './markers';

const DAY = 86_400_000;
const points = [0, 1, 2, 3].map((d) => ({ t: d * DAY }));

describe('pointAtOrBefore', () => {
  it('finds the last point at or before a time, −1 before the first', () => {
    expect(pointAtOrBefore(points, -1)).toBe(-1);
    expect(pointAtOrBefore(points, 0)).toBe(0);
    expect(pointAtOrBefore(points, DAY - 1)).toBe(0);
    expect(pointAtOrBefore(points, 2 * DAY)).toBe(2);
    expect(pointAtOrBefore(points, 10 * DAY)).toBe(3);
    expect(pointAtOrBefore([], 5)).toBe(-1);
  });
});

describe('markerTextsByPoint', () => {
  it('puts each marker on its day, several on one day in order, none before the first point', () => {
    const marks = markerTextsByPoint(points, [
      { t: DAY + 5, text: 'Staked on SN1' },
      { t: DAY + 9, text: 'Unstaked from SN2' },
      { t: 3 * DAY, text: 'Staked on SN3' },
      { t: -DAY, text: 'before the chart' },
    ]);
    expect([...marks]).toEqual([
      [1, ['Staked on SN1', 'Unstaked from SN2']],
      [3, ['Staked on SN3']],
    ]);
  });
});

describe('markerPath', () => {
  it('draws one closed symbol per marker: a triangle (3 corners) to stake, a diamond (4) to unstake', () => {
    const at = [
      { x: 10, y: 20 },
      { x: 30.04, y: 40 },
    ];
    const buy = markerPath('buy', at);
    const sell = markerPath('sell', at);
    expect(buy.match(/M/g)).toHaveLength(2);
    expect(buy.match(/L/g)).toHaveLength(4);
    expect(sell.match(/L/g)).toHaveLength(6);
    expect(buy.startsWith('M10 15L15 25L5 25Z')).toBe(true);
    expect(sell).toContain('M30 35L35 40L30 45L25 40Z');
    expect(markerPath('buy', [])).toBe('');
  });
});
