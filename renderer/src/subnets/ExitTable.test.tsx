import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HoldingView, SubnetDetailView } from '../../../shared/views';
import { TAO_UNIT, type Unit } from '../app/Money';
import { ExitNote, ExitTable } from './SubnetMarketPanels';

const USD: Unit = { currency: 'fiat', code: 'USD' };
const A = 1_000_000_000n;
/** A row as the service sends it: the cost is the exact difference of the two amounts. */
const row = (percent: number, spotValue: bigint, exitValue: bigint) => ({
  percent,
  alpha: A,
  spotValue,
  exitValue,
  cost: spotValue - exitValue,
  share: 0.01,
  approximate: false,
});

function cells(exit: SubnetDetailView['exit'], unit: Unit) {
  render(<ExitTable d={{ netuid: 6, exit } as SubnetDetailView} unit={unit} symbol="ζ" />);
  return (percent: number) =>
    within(screen.getByTestId(`exit-${percent}`))
      .getAllByRole('cell')
      .slice(1)
      .map((c) => c.textContent);
}

describe('<ExitTable>', () => {
  it('in fiat, each row’s difference is the difference of the amounts it shows (to the cent)', () => {
    // 74,818.894 − 73,612.636 = 1,206.258 (1,206.26 rounded); shown 74,818.89 − 73,612.64 = 1,206.25.
    // 299,275.565 − 281,308.204 = 17,967.361; shown 299,275.57 − 281,308.20 = 17,967.37.
    const shown = cells(
      [row(25, 7_481_889_400_000n, 7_361_263_600_000n), row(100, 29_927_556_500_000n, 28_130_820_400_000n)],
      USD,
    );
    expect(shown(25)).toEqual(['74,818.89 USD', '73,612.64 USD', '−1,206.25 USD −1.00%']);
    expect(shown(100)).toEqual(['299,275.57 USD', '281,308.20 USD', '−17,967.37 USD −1.00%']);
  });

  it('in τ, to the shown 4 decimals', () => {
    const shown = cells([row(50, 10n * A + 44_000n, 9n * A + 55_000n)], TAO_UNIT);
    // 10.00004 → τ10.0000, 9.000055 → τ9.0001: shown −τ0.9999, not −τ1.0000 (the exact −0.999989).
    expect(shown(50)).toEqual(['τ10.0000', 'τ9.0001', '−τ0.9999 −1.00%']);
  });

  it('no price for either amount: no difference', () => {
    const shown = cells([{ ...row(25, 0n, 0n), spotValue: null, cost: null }], USD);
    expect(shown(25)[2]).toMatch(/^no price/);
  });
});

describe('<ExitNote>', () => {
  const holding = (locked: bigint): HoldingView => ({
    block: 100,
    locked,
    available: 3n * A,
    lockedValue: locked,
    exitValue: 2n * A,
    exitSource: 'chain',
    locksRead: true,
  });
  const note = (each: SubnetDetailView['exitEachWallet'], locked: bigint) => {
    const d = { netuid: 6, exit: [row(100, 3n * A, 2n * A)], exitEachWallet: each } as SubnetDetailView;
    const { container, unmount } = render(<ExitNote d={d} unit={TAO_UNIT} symbol="ζ" holding={holding(locked)} />);
    const text = container.textContent;
    unmount();
    return text;
  };

  it('one wallet, nothing locked: no note (its 100 % row is the exit value itself)', () => {
    expect(note(null, 0n)).toBe('');
  });

  it('several wallets: each row is one sale, and the exit value is said to quote each wallet’s on its own', () => {
    expect(note({ wallets: 2, exitValue: 21n * (A / 10n) }, 0n)).toBe(
      'Each row is one sale of your wallets’ α together: selling from 2 wallets in turn returns about that, as every sale lowers the price for the next. Its exit value, τ2.1000, adds up each wallet’s sale quoted on its own.',
    );
  });

  it('several wallets with α locked: both sentences', () => {
    const text = note({ wallets: 3, exitValue: 2n * A }, A);
    expect(text).toMatch(/^The percentages are of the α you can sell now \(3\.00 ζ\); another 1\.00 ζ is locked/);
    expect(text).toContain('selling from 3 wallets in turn');
  });
});
