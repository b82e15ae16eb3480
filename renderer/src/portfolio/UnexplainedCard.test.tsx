import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PortfolioView, UnexplainedView } from '../../../shared/views';
import { TAO_UNIT } from '../app/Money';
import { UnexplainedCard } from './UnexplainedCard';

const TAO = 1_000_000_000n;
const change = (block: number, alpha: bigint, tao: bigint): UnexplainedView => ({
  coldkey: 'c'.repeat(48),
  walletLabel: 'Main',
  hotkey: `h${block}`.padEnd(48, 'h'),
  netuid: 3,
  fromBlock: block - 10,
  block,
  timestamp: block * 12_000,
  alpha,
  tao,
});
// A rounding change (listed only as a count) before the two listed ones: the values follow the view's order.
const view = {
  unexplained: [change(90, 1n, 0n), change(100, 5n * TAO, 2n * TAO), change(200, -TAO, -TAO / 2n)],
} as unknown as PortfolioView;
const USD = { currency: 'fiat', code: 'USD' } as const;

const values = () => screen.getAllByTestId('unexplained-value').map((c) => c.textContent);

describe('<UnexplainedCard>', () => {
  it('shows each value then in τ in τ', () => {
    render(<UnexplainedCard view={view} analytics={{ unexplained: [0n, 2n * TAO, -TAO / 2n] }} unit={TAO_UNIT} />);
    expect(values()).toEqual(['+τ2.0000', '−τ0.5000']);
    expect(screen.queryByTestId('unexplained-fiat-note')).toBeNull();
  });

  it('in fiat shows each value then at its checkpoint day’s price, “no price” without one, never τ', () => {
    // 2 τ at 400 USD; the second change's day has no price.
    render(<UnexplainedCard view={view} analytics={{ unexplained: [0n, 800_00000000n, null] }} unit={USD} />);
    expect(values()).toEqual(['+800.00 USD', 'no price']);
    expect(screen.getByTestId('unexplained-fiat-note').textContent).toMatch(/in USD at TAO’s price on the day/);
    const table = screen.getByRole('table', { name: 'Unexplained α changes' });
    expect(within(table).queryByText(/τ/)).toBeNull();
  });

  it('counts the share pool’s rounding changes after the table, or on their own with no “And” before nothing', () => {
    const { unmount } = render(<UnexplainedCard view={view} unit={TAO_UNIT} />);
    expect(screen.getByTestId('unexplained-rounding').textContent).toMatch(/^And 1 change of at most 2 α-rao each/);
    unmount();
    const roundingOnly = { unexplained: [change(90, 1n, 0n), change(95, -2n, 0n)] } as unknown as PortfolioView;
    render(<UnexplainedCard view={roundingOnly} unit={TAO_UNIT} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('unexplained-rounding').textContent).toMatch(
      /^2 changes of at most 2 α-rao each \(the share pool’s rounding\), net −0\.000000001 α\.$/,
    );
  });
});
