import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PositionDrilldown as Drill } from '../../../shared/views';
import { portfolioQueries } from '../portfolio/queries';
import { PositionDrilldown } from './PositionDrilldown';

const A = 1_000_000_000n;
const [coldkey, hotkey] = ['c'.repeat(48), 'h'.repeat(48)];
type Lifetime = Pick<Drill['position'], 'price' | 'priceBlock' | 'successor' | 'dissolved'>;
const TRADED: Lifetime = { price: A / 4n, priceBlock: 100, successor: null, dissolved: null };
const drill = (netuid: number, lifetime: Lifetime) =>
  ({
    position: { key: 'k', coldkey, hotkey, netuid, ...lifetime },
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

function show(netuid: number, symbol: string | null, lifetime = TRADED) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(portfolioQueries.position('k', {}).queryKey, drill(netuid, lifetime));
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

  it('a dissolved subnet’s position uses no price: it says when it was dissolved, not its last price before', () => {
    const dissolved = { blockNumber: 136_801, timestamp: Date.UTC(2026, 11, 5, 16, 2) };
    show(9, 'κ', { price: null, priceBlock: null, successor: null, dissolved });
    const said = screen.getByTestId('drilldown-price-dissolved');
    expect(said.textContent).toBe('none: dissolved at block 136,801 (2026-12-05 16:02 UTC), its κ paid out in TAO');
    expect(said.getAttribute('title')).toBe('Dissolved at block 136,801 (2026-12-05 16:02 UTC)');
    expect(screen.getByText(/Price used:/).textContent).not.toMatch(/τ|pool at block/);
  });

  it('at a netuid registered again it names no price: the newcomer’s is not this position’s', () => {
    show(7, 'ο', {
      price: null,
      priceBlock: null,
      successor: { name: 'New', symbol: 'ν', registeredAt: 280 },
      dissolved: null,
    });
    expect(screen.getByTestId('drilldown-price-dissolved').textContent).toMatch(
      /^none: this subnet was dissolved; from block 280 netuid 7 is another subnet’s/,
    );
    expect(screen.getByText(/Price used:/).textContent).not.toMatch(/τ/);
  });
});
