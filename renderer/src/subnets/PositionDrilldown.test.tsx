import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PositionDrilldown as Drill } from '../../../shared/views';
import { portfolioQueries } from '../portfolio/queries';
import { PositionDrilldown } from './PositionDrilldown';

const A = 1_000_000_000n;
const [coldkey, hotkey] = ['c'.repeat(48), 'h'.repeat(48)];
const drill = (netuid: number) =>
  ({
    position: { key: 'k', coldkey, hotkey, netuid, price: A / 4n, priceBlock: 100 },
    entries: [
      {
        seq: 1,
        timestamp: 0,
        blockNumber: 90,
        kind: 'buy',
        flags: [],
        sources: ['90-1'],
        legs: [{ coldkey, hotkey, netuid, alpha: 4n * A, tao: A, spotTao: A }],
      },
    ],
  }) as unknown as Drill;

function show(netuid: number, symbol: string | null) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(portfolioQueries.position('k', {}).queryKey, drill(netuid));
  render(
    <QueryClientProvider client={client}>
      <PositionDrilldown positionKey="k" args={{}} symbol={symbol} />
    </QueryClientProvider>,
  );
}

describe('<PositionDrilldown>', () => {
  it('names the α by the subnet’s token symbol, in the legs and in the price used', () => {
    show(1, 'β');
    expect(screen.getByTestId('drilldown-leg').textContent).toContain('4.0000 β');
    expect(screen.getByText(/Price used:/).textContent).toMatch(/^Price used: τ0\.2500 per β \(pool at block 100\)/);
    expect(screen.queryByText(/ α\b/)).toBeNull();
  });

  it('falls back to α without a symbol', () => {
    show(7, null);
    expect(screen.getByTestId('drilldown-leg').textContent).toContain('4.0000 α');
    expect(screen.getByText(/Price used:/).textContent).toMatch(/per α/);
  });
});
