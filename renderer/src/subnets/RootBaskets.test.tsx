import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BasketsView } from '../../../shared/views';
import { identitiesQuery } from '../app/validators';
import { RootBaskets } from './RootBaskets';

const TAO = 1_000_000_000n;
const record = (kind: 'purchase' | 'claim', tao: bigint, realized: bigint, income: bigint) =>
  ({ kind, blockNumber: 10, timestamp: 0, tao, shares: tao, basis: 0n, realized, income }) as never;
const figures = { shares: 3n * TAO, value: 3n * TAO, costBasis: 2n * TAO, income: TAO, realized: -TAO / 2n };
const baskets = {
  timing: 'accrual',
  positions: [
    {
      key: 'c|h',
      coldkey: 'c'.repeat(48),
      walletLabel: 'Main',
      hotkey: 'h'.repeat(48),
      figures: { ...figures, unrealized: 0n, totalReturn: TAO / 2n },
      records: [record('purchase', 2n * TAO, 0n, 0n), record('claim', TAO, -TAO / 2n, TAO)],
    },
  ],
  total: { ...figures, unrealized: 0n, totalReturn: TAO / 2n },
} as unknown as BasketsView;

function show(price: bigint | null) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(identitiesQuery.queryKey, []);
  render(
    <QueryClientProvider client={client}>
      <RootBaskets baskets={baskets} shownIn={{ unit: { currency: 'fiat', code: 'USD' }, price }} />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Main' }));
  const records = screen.getByTestId('basket-records');
  return {
    cells: (row: number) =>
      within(within(records).getAllByTestId('basket-record')[row]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    header: within(records)
      .getAllByRole('columnheader')
      .map((c) => c.textContent),
  };
}

describe('<RootBaskets> in fiat', () => {
  it('shows each record’s TAO, income and realized at the as-of day’s price, as the rows (they stayed τ)', () => {
    const { cells, header } = show(400_00000000n); // 400 USD per τ
    expect(header).toEqual(['Block', 'What', 'TAO in USD', 'Shares', 'Income', 'Realized']);
    expect(cells(0).slice(2)).toEqual(['800.00 USD', '2.0000', '0.00 USD', '0.00 USD']);
    expect(cells(1).slice(2)).toEqual(['400.00 USD', '1.0000', '400.00 USD', '−200.00 USD']);
    expect(screen.getByTestId('baskets-unit').textContent).toMatch(/each position’s records too/);
    expect(screen.getByTestId('baskets-unit').textContent).toMatch(
      /a tax return’s\) are in the PnL CSV and JSON exports/,
    );
    expect(screen.queryByText(/τ/)).toBeNull();
  });

  it('shows “no price” for a record without the as-of day’s price, never a τ figure or 0', () => {
    const { cells } = show(null);
    expect(cells(1).slice(2)).toEqual(['no price', '1.0000', 'no price', 'no price']);
    expect(screen.queryByText(/τ/)).toBeNull();
  });

  it('gives the total row the totals-row style, on cells only (its label was a header cell)', () => {
    show(400_00000000n);
    const total = screen.getByTestId('basket-total');
    expect(total.className).toBe('totals-row');
    expect(within(total).queryAllByRole('rowheader')).toHaveLength(0);
    expect(total.querySelectorAll('th')).toHaveLength(0);
  });
});
