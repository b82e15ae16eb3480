import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CrosshairTip } from '../charts/TimeChart';
import { BENCHMARK_BELOW_ZERO } from '../../../shared/vocab';
import { TAO_UNIT } from '../app/Money';
import { HoldTaoWorth } from './HoldTaoWorth';

const A = 1_000_000_000n;

describe('<HoldTaoWorth>', () => {
  it('a negative Hold TAO value is what the flows leave, said so, the figure unchanged', () => {
    const { container } = render(<HoldTaoWorth amount={-8_572_900_000n} unit={TAO_UNIT} />);
    expect(container.textContent).toBe('would leave −τ8.5729: more TAO came out than went in');
  });

  it('a value of zero or more is what they would be worth; no price is no claim either way', () => {
    const { container, rerender } = render(<HoldTaoWorth amount={5n * A} unit={TAO_UNIT} />);
    expect(container.textContent).toBe('would be worth τ5.0000');
    rerender(<HoldTaoWorth amount={null} unit={{ currency: 'fiat', code: 'USD' }} />);
    expect(container.textContent).toBe('would be worth no price');
  });
});

describe('<CrosshairTip>', () => {
  const lines = [
    { id: 'value', label: 'Value', help: '', color: 'red', values: [A, A] },
    {
      id: 'holdTao',
      label: 'Hold TAO',
      help: '',
      color: 'blue',
      values: [A, -2n * A],
      belowZero: BENCHMARK_BELOW_ZERO,
    },
    {
      id: 'rootStake',
      label: 'Root stake',
      help: '',
      color: 'green',
      values: [A, -A],
      belowZero: BENCHMARK_BELOW_ZERO,
    },
  ];
  const tip = (i: number) =>
    render(
      <CrosshairTip
        tip={{ active: true, payload: [{ payload: { t: i, i } }] } as never}
        lines={lines}
        points={[{ t: 0 }, { t: 1 }]}
        stamps="days"
        marks={new Map()}
        format={(v) => String(v)}
      />,
    );

  it('says once what a benchmark below zero means on a day one is', () => {
    tip(1);
    expect(screen.getAllByTestId('chart-tip-below-zero').map((n) => n.textContent)).toEqual([BENCHMARK_BELOW_ZERO]);
  });

  it('says nothing of it on a day none is', () => {
    tip(0);
    expect(screen.queryByTestId('chart-tip-below-zero')).toBeNull();
  });
});
