import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TimeChart } from '../charts/TimeChart';
import { priceLines } from './price-lines';

const history = [10, 20, 30, 40].map((blockNumber, i) => ({ t: i, blockNumber, price: BigInt(blockNumber) }));
const TAO = 1_000_000_000n;
const DISSOLVED = { reason: 'dissolved', blockNumber: 45, t: Date.UTC(2026, 11, 5, 16, 2) } as const;

describe('price lines of a subnet page', () => {
  it('one line through every snapshot when the netuid had one subnet', () => {
    const lines = priceLines({ priceHistory: history, registeredAgain: null, noPool: null });
    expect(lines.map((l) => [l.id, l.values])).toEqual([['price', [10n, 20n, 30n, 40n]]]);
    expect(lines[0]!.ended).toBeUndefined();
  });

  it('a netuid registered again: the earlier subnet’s prices on their own line, never joined to the newcomer’s', () => {
    const lines = priceLines({ priceHistory: history, registeredAgain: { t: 2, blockNumber: 30 }, noPool: null });
    expect(lines.map((l) => [l.id, l.values])).toEqual([
      ['price', [null, null, 30n, 40n]],
      ['price-earlier', [10n, 20n, null, null]],
    ]);
    expect(lines[0]!.ended).toBeUndefined();
    expect(lines[1]!.ended?.text).toBe('dissolved');
    expect(lines[1]!.ended?.title).toMatch(
      /^Dissolved: the subnet now at this netuid has prices from block 30 \(.+ UTC\)\. The line ends at its last snapshot, block 20\.$/,
    );
  });

  it('a dissolved subnet: the line keeps its history and says it ended, when, and at which snapshot', () => {
    const [line] = priceLines({ priceHistory: history, registeredAgain: null, noPool: DISSOLVED });
    expect(line!.values).toEqual([10n, 20n, 30n, 40n]);
    expect(line!.ended).toEqual({
      text: 'dissolved',
      title:
        'Dissolved at block 45 (2026-12-05 16:02 UTC): no price or pool since. The line ends at its last snapshot, block 40.',
    });
    expect(priceLines({ priceHistory: history, registeredAgain: null, noPool: { reason: 'root' } })[0]!.ended).toBe(
      undefined,
    );
  });
});

describe('the price chart’s legend', () => {
  const priced = history.map((p, i) => ({ ...p, t: Date.UTC(2026, 10, 20 + i), price: (BigInt(i) + 1n) * TAO }));
  const legend = (noPool: typeof DISSOLVED | null) => {
    const d = { priceHistory: priced, registeredAgain: null, noPool };
    const { unmount } = render(
      <TimeChart id="t" title="Price history" points={priced} stamps="moments" lines={priceLines(d)} />,
    );
    const item = screen.getByTestId('legend-value-price');
    const out = { text: item.textContent, title: item.querySelector('[title]')?.getAttribute('title') ?? null };
    unmount();
    return out;
  };

  it('shows a trading subnet’s last price: its price now', () => {
    expect(legend(null).text).toBe('τ4.0000');
  });

  it('shows “dissolved” for a dissolved subnet, not its last price before, as the Subnets table does', () => {
    const { text, title } = legend(DISSOLVED);
    expect(text).toBe('dissolved');
    expect(title).toMatch(/^Dissolved at block 45 \(.+ UTC\): no price or pool since\./);
  });

  it('shows “dissolved” for the earlier subnet of a netuid registered again, and the newcomer’s price now', () => {
    const d = { priceHistory: priced, registeredAgain: { t: priced[2]!.t, blockNumber: 30 }, noPool: null };
    const { unmount } = render(
      <TimeChart id="t" title="Price history" points={priced} stamps="moments" lines={priceLines(d)} />,
    );
    expect(screen.getByTestId('legend-value-price').textContent).toBe('τ4.0000');
    // Its last price before (τ2.0000) read as a price now.
    expect(screen.getByTestId('legend-value-price-earlier').textContent).toBe('dissolved');
    unmount();
  });
});
