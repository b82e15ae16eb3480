import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BarsChart } from './BarsChart';

const week = (start: string, value: bigint | null) => ({
  t: Date.parse(`${start}T00:00:00Z`),
  label: `Week of ${start}`,
  tick: start.slice(5),
  value,
});

describe('BarsChart', () => {
  it('says which periods have no value, so a missing bar does not read as zero', () => {
    render(
      <BarsChart
        id="income"
        title="Emission income"
        seriesLabel="Income"
        missingLabel="No USD price"
        data={[week('2026-11-16', null), week('2026-11-23', 5_000_000_000n), week('2026-11-30', null)]}
      />,
    );
    expect(screen.getByTestId('chart-missing').textContent).toBe(
      'No USD price for the week of 2026-11-16 and the week of 2026-11-30: left out of the chart, not zero.',
    );
  });

  it('adds nothing when every period has its value', () => {
    render(<BarsChart id="income" title="Emission income" seriesLabel="Income" data={[week('2026-11-23', 0n)]} />);
    expect(screen.queryByTestId('chart-missing')).toBeNull();
  });
});
