import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnalyticsView } from '../../../shared/views';
import { TAO_UNIT } from '../app/Money';
import { ValueOverTime } from './PortfolioCharts';

// What the value chart is handed each time it is drawn: its first line (the value).
const drawn = vi.hoisted(() => [] as (bigint | null)[][]);
vi.mock('../charts/TimeChart', () => ({
  TimeChart: (props: { lines: { values: (bigint | null)[] }[] }) => {
    drawn.push([...props.lines[0]!.values]);
    return null;
  },
}));

const A = 1_000_000_000n;

/** A recompute's answer: the same days, values and benchmarks; cost basis and realized as `basis` says. */
function answer(basis: bigint, lastValue = 12n * A): Parameters<typeof ValueOverTime>[0]['analytics'] {
  const point = (t: number, value: bigint) => ({
    t,
    day: new Date(t).toISOString().slice(0, 10),
    blockNumber: t / 12_000,
    value,
    costBasis: basis,
    netInvested: 10n * A,
    realizedCum: basis - 10n * A,
    incomeCum: 0n,
    benchmarks: { holdTao: 10n * A, rootStake: null } as AnalyticsView['series'][number]['benchmarks'],
  });
  return {
    series: [point(86_400_000, 10n * A), point(2 * 86_400_000, lastValue)],
    markers: [],
    benchmarkList: [{ id: 'holdTao', available: true, complete: true }],
  };
}

describe('<ValueOverTime>', () => {
  it('is drawn again when a value it plots changes, not when only cost basis or realized figures do', () => {
    drawn.length = 0;
    const { rerender } = render(<ValueOverTime analytics={answer(9n * A)} unit={TAO_UNIT} />);
    // Another cost-basis method: a new answer whose values and benchmarks are the same.
    rerender(<ValueOverTime analytics={answer(7n * A)} unit={TAO_UNIT} />);
    expect(drawn).toEqual([[10n * A, 12n * A]]);
    rerender(<ValueOverTime analytics={answer(7n * A, 13n * A)} unit={TAO_UNIT} />);
    expect(drawn).toEqual([
      [10n * A, 12n * A],
      [10n * A, 13n * A],
    ]);
    // Another unit redraws it too (its labels).
    rerender(<ValueOverTime analytics={answer(7n * A, 13n * A)} unit={{ currency: 'fiat', code: 'USD' }} />);
    expect(drawn).toHaveLength(3);
  });
});
