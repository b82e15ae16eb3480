import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { memoOnData, sameData } from './same-data';

const series = () => [
  { t: 1, value: 5_000_000_000n, benchmarks: { holdTao: 4_000_000_000n, rootStake: null } },
  { t: 2, value: 6_000_000_000n, benchmarks: { holdTao: 4_100_000_000n, rootStake: null } },
];

describe('sameData', () => {
  it('holds separately decoded answers with the same amounts for the same data', () => {
    expect(sameData(series(), series())).toBe(true);
    expect(sameData({ a: [1n, 'x', null], b: { c: true } }, { b: { c: true }, a: [1n, 'x', null] })).toBe(true);
  });

  it('tells apart a single amount one rao off, deep inside', () => {
    const other = series();
    other[1]!.benchmarks.holdTao += 1n;
    expect(sameData(series(), other)).toBe(false);
  });

  it('tells apart lengths, missing or extra keys, null against a value, arrays against objects', () => {
    expect(sameData([1n, 2n], [1n, 2n, 3n])).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ a: null }, { a: 0n })).toBe(false);
    expect(sameData([], {})).toBe(false);
    expect(sameData(1n, 1)).toBe(false);
  });

  it('compares what is not plain data only by identity', () => {
    expect(sameData(new Date(0), new Date(0))).toBe(false);
    const f = () => 1;
    expect(sameData({ f }, { f })).toBe(true);
    expect(sameData({ f }, { f: () => 1 })).toBe(false);
  });
});

describe('memoOnData', () => {
  it('renders again only when the data in its props changes', () => {
    const renders: bigint[] = [];
    const Chart = memoOnData(function Chart(props: { points: ReturnType<typeof series>; title: string }) {
      renders.push(props.points.at(-1)!.value);
      return <p>{props.title}</p>;
    });
    const { rerender } = render(<Chart points={series()} title="Value" />);
    rerender(<Chart points={series()} title="Value" />);
    expect(renders).toEqual([6_000_000_000n]);
    const moved = series();
    moved[1]!.value = 7_000_000_000n;
    rerender(<Chart points={moved} title="Value" />);
    rerender(<Chart points={moved} title="Value again" />);
    expect(renders).toEqual([6_000_000_000n, 7_000_000_000n, 7_000_000_000n]);
  });
});
