import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnalyticsView, PortfolioView } from '../../../shared/views';
import { TAO_UNIT } from '../app/Money';
import { ByWallet } from './PortfolioSections';

const A = 1_000_000_000n;
const figures = (spotValue: bigint | null) => ({
  spotValue,
  exitValue: spotValue,
  costBasis: spotValue,
  realized: 0n,
  unrealized: 0n,
  incomeTao: 0n,
  totalReturn: 0n,
  taoIn: 0n,
  taoOut: 0n,
  friction: 0n,
});
const view = {
  wallets: [
    { address: 'A'.repeat(48), label: 'Main', figures: { ...figures(2n * A) } },
    { address: 'B'.repeat(48), label: null, figures: { ...figures(3n * A) } },
  ],
} as unknown as Pick<PortfolioView, 'wallets'>;

const cellsOf = (label: string) =>
  within(screen.getByText(label).closest('tr')!)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('<ByWallet>', () => {
  it('shows each wallet in the display currency: τ, or the fiat the analytics view converted ("no price" where none)', () => {
    const tau = { wallets: view.wallets.map((w) => ({ address: w.address, figures: w.figures })) };
    const { unmount } = render(
      <ByWallet view={view} analytics={tau as Pick<AnalyticsView, 'wallets'>} unit={TAO_UNIT} />,
    );
    expect(cellsOf('Main')[1]).toBe('τ2.0000');
    unmount();
    // In USD: 2 τ at 400 USD is 800 USD (1e-8 units); the second wallet's day had no price.
    const usd = {
      wallets: [
        { address: 'A'.repeat(48), figures: figures(800_00000000n) },
        { address: 'B'.repeat(48), figures: figures(null) },
      ],
    } as Pick<AnalyticsView, 'wallets'>;
    render(<ByWallet view={view} analytics={usd} unit={{ currency: 'fiat', code: 'USD' }} />);
    expect(cellsOf('Main').slice(1, 3)).toEqual(['800.00 USD', '800.00 USD']);
    expect(cellsOf('B'.repeat(48))[1]).toBe('no price');
    expect(screen.queryByText(/τ/)).toBeNull();
  });
});
