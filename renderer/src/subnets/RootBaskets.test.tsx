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

/** Each record in USD as the service converts it (each at its own day's price; the claim's realized lot-based). */
const USD = 100_000_000n;
const recordsInFiat = {
  'c|h': [
    { tao: 700n * USD, basis: 0n, realized: 0n, income: 0n, lotBased: false },
    { tao: 450n * USD, basis: 300n * USD, realized: 150n * USD, income: null, lotBased: true },
  ],
};

function show(price: bigint | null, inFiat: typeof recordsInFiat | null = recordsInFiat) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(identitiesQuery.queryKey, []);
  render(
    <QueryClientProvider client={client}>
      <RootBaskets
        baskets={baskets}
        shownIn={{ unit: { currency: 'fiat', code: 'USD' }, price }}
        recordsInFiat={inFiat}
      />
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
  it('shows the rows at the as-of day’s price and each record as the service converted it, at its own day', () => {
    const { cells, header } = show(400_00000000n); // 400 USD per τ on the as-of day
    expect(within(screen.getByTestId('basket-row')).getByTestId('basket-value').textContent).toBe('1,200.00 USD');
    expect(header).toEqual(['Block', 'What', 'TAO in USD', 'Shares', 'Basis given up', 'Income', 'Realized']);
    // Not 800 and 400 USD (their τ at the as-of price): the service's figures, "no price" where it had none.
    expect(cells(0).slice(2)).toEqual(['700.00 USD', '2.0000', '0.00 USD', '0.00 USD', '±0.00 USD']);
    expect(cells(1).slice(2)).toEqual(['450.00 USD', '1.0000', '300.00 USD', 'no price', '+150.00 USD']);
    const note = screen.getByTestId('baskets-unit').textContent;
    expect(note).toMatch(/A position’s row is at the as-of day’s TAO price\./);
    expect(note).toMatch(
      /Its records are at TAO’s price on each record’s own day \(“no price” where that day has none\)/,
    );
    expect(note).toMatch(/cost basis and realized from what those shares cost in USD on the days they were acquired/);
    expect(note).toMatch(/a tax return’s\) are in the PnL CSV and JSON exports/);
    expect(screen.queryByText(/τ/)).toBeNull();
  });

  it('never converts a record at the as-of price: without its own figures it shows “—”, not a τ figure or 0', () => {
    const { cells } = show(400_00000000n, null);
    expect(cells(1).slice(2)).toEqual(['—', '1.0000', '—', '—', '—']);
    expect(screen.queryByText(/τ/)).toBeNull();
  });

  it('shows “no price” for the rows without the as-of day’s price; the records keep their own days’', () => {
    const { cells } = show(null);
    expect(within(screen.getByTestId('basket-row')).getByTestId('basket-value').textContent).toBe('no price');
    expect(cells(1).slice(2)).toEqual(['450.00 USD', '1.0000', '300.00 USD', 'no price', '+150.00 USD']);
  });

  it('gives the total row the totals-row style, on cells only (its label was a header cell)', () => {
    show(400_00000000n);
    const total = screen.getByTestId('basket-total');
    expect(total.className).toBe('totals-row');
    expect(within(total).queryAllByRole('rowheader')).toHaveLength(0);
    expect(total.querySelectorAll('th')).toHaveLength(0);
  });
});
