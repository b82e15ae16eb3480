// Per-hotkey figures are an attribution of one book per (wallet, subnet), not a book per hotkey: the α of
// one subnet in one wallet is one asset whichever validator holds it (./lots header). A position's
// realized is its own sales' proceeds − the cost the wallet's book removed by the method, and its cost
// basis is the book's remaining cost split by α held (./pnl allocateBookCost), so positions add up to the
// wallet. Pinned here so a reader of a per-validator row (PnL CSV position rows, the subnet page's
// "Positions by validator") gets what the note there says.
import { describe, expect, it } from 'vitest';
import { computePortfolio, type CostBasisMethod, type PortfolioInput } from './index';
import { A, TAO, ev, snap } from './testing/fixtures';

// One wallet on SN1: 10 α via H1 for 10 τ, 10 α via H2 for 30 τ, then 10 α sold from H1 for 15 τ.
// A book per hotkey would give H1 realized 15 − 10 = +5 in every method. The wallet's book gives:
//   ACB:  average 40 / 20 α = 2 τ/α → 20 removed → H1 −5;  H2 keeps 10 α at 40 − 20 = 20
//   FIFO: the oldest lot (bought via H1, 10 τ) → H1 +5;     H2 keeps 30
//   LIFO: the newest lot (bought via H2, 30 τ) → H1 −15;    H2 keeps 10
//   HIFO: the highest unit cost (H2's, 3 τ/α) → H1 −15;     H2 keeps 10
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 100, hot: 'H1', tao: 10n * TAO, alpha: 10n * A }),
    ev('StakeAdded', { block: 200, hot: 'H2', tao: 30n * TAO, alpha: 10n * A }),
    ev('StakeRemoved', { block: 300, hot: 'H1', tao: 15n * TAO, alpha: 10n * A }),
  ],
  checkpoints: [],
  snapshots: [snap(50, 1, TAO)],
};

describe('per-hotkey realized and cost basis come from the wallet’s book', () => {
  const want: Record<CostBasisMethod, [bigint, bigint]> = {
    acb: [-5n * TAO, 20n * TAO],
    fifo: [5n * TAO, 30n * TAO],
    lifo: [-15n * TAO, 10n * TAO],
    hifo: [-15n * TAO, 10n * TAO],
  };
  for (const method of ['acb', 'fifo', 'lifo', 'hifo'] as const) {
    it(`${method}: H1's realized uses the cost the wallet's book removed; positions add up to the wallet`, () => {
      const pnl = computePortfolio(input, { method, rewards: 'income' }).pnl;
      const h1 = pnl.positions.find((p) => p.hotkey === 'H1')?.figures;
      const h2 = pnl.positions.find((p) => p.hotkey === 'H2')?.figures;
      const wallet = pnl.wallets.find((w) => w.key === 'C1')?.figures;
      expect([h1?.realized, h2?.costBasis]).toEqual(want[method]);
      expect([h1?.costBasis, h2?.realized]).toEqual([0n, 0n]);
      expect(wallet?.realized).toBe((h1?.realized ?? 0n) + (h2?.realized ?? 0n));
      // cost removed = 15 − H1 realized, so the book keeps 40 − 15 + H1 realized
      expect(wallet?.costBasis).toBe(25n * TAO + (h1?.realized ?? 0n));
    });
  }
});

describe('a move between hotkeys of one wallet leaves its book as it was', () => {
  // 5 α-rao via H1 for 2 rao; 2 α-rao move H1 → H2; 3 α-rao sold from H1 for 10 rao. The book still holds
  // the one lot: the sale removes floor(2 × 3 / 5) = 1 → realized 9, and 2 α-rao at 1 rao stay, in every
  // method. (Was: the move took a part of the lot out, 2 α-rao at floor(2 × 2 / 5) = 0, and put it back as
  // a lot of its own beside the rest, 3 α-rao at 2: FIFO and HIFO then sold that rest, 2 removed, realized 8;
  // LIFO sold the part and 1 α-rao of the rest, 0 removed, realized 10. Found by lot-oracle.test.ts.)
  const moved: PortfolioInput = {
    trackedColdkeys: ['C1'],
    events: [
      ev('StakeAdded', { block: 100, tao: 2n, alpha: 5n }),
      ev('StakeRemoved', { block: 200, idx: 1, tao: 2n, alpha: 2n }),
      ev('StakeAdded', { block: 200, idx: 2, hot: 'H2', tao: 2n, alpha: 2n }),
      ev('StakeMoved', { block: 200, idx: 3, destHot: 'H2', destNet: 1, tao: 2n }),
      ev('StakeRemoved', { block: 300, tao: 10n, alpha: 3n }),
    ],
    checkpoints: [],
    snapshots: [snap(50, 1, TAO)],
  };
  for (const method of ['acb', 'fifo', 'lifo', 'hifo'] as const) {
    it(`${method}: realized 9, the book keeps 2 α-rao at 1 rao`, () => {
      const r = computePortfolio(moved, { method, rewards: 'income' });
      expect(r.pnl.total.figures.realized).toBe(9n);
      expect([r.pnl.total.figures.alpha, r.pnl.total.figures.costBasis]).toEqual([2n, 1n]);
      expect(r.pnl.positions.find((p) => p.hotkey === 'H1')?.figures.realized).toBe(9n);
    });
  }
});
