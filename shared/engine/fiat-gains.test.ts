// Fiat realized gain of a disposal = fiat proceeds (TAO received × the sale day's TAO/fiat price) − fiat
// cost basis (each lot consumed: TAO paid × the TAO/fiat price of the day it was acquired). It differs from
// TAO gain × sale-day price whenever the TAO/fiat price moved between buying and selling.
// Days (fixtures: 7,200 blocks a day): day 0 = 2025-10-01 (TAO $400), day 1 = 2025-10-02 ($300),
// day 2 = 2025-10-03 ($500). Fiat amounts are 1e-8 units (FIAT_SCALE).
import { describe, expect, it } from 'vitest';
import { computePortfolio, FIAT_SCALE, type PortfolioInput } from './index';
import type { CostBasisMethod, RewardTreatment } from '../vocab';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

const D0 = 100;
const D1 = 7_300;
const D2 = 14_500;
const USD = (n: bigint) => n * FIAT_SCALE;
const PRICES = [
  { date: '2025-10-01', price: USD(400n) },
  { date: '2025-10-02', price: USD(300n) },
  { date: '2025-10-03', price: USD(500n) },
];
const METHODS: CostBasisMethod[] = ['acb', 'fifo', 'lifo', 'hifo'];

function figures(
  input: Omit<PortfolioInput, 'checkpoints' | 'fiatPrices'> & Partial<PortfolioInput>,
  method: CostBasisMethod,
  rewards: RewardTreatment = 'income',
) {
  const r = computePortfolio({ checkpoints: [], fiatPrices: PRICES, ...input }, { method, rewards });
  return { total: r.pnl.total.figures, pnl: r.pnl };
}

const buy = (block: number, tao: bigint, alpha: bigint, cold = 'C1') =>
  ev('StakeAdded', { block, cold, tao: tao * TAO, alpha: alpha * A });
const sell = (block: number, tao: bigint, alpha: bigint, cold = 'C1') =>
  ev('StakeRemoved', { block, cold, tao: tao * TAO, alpha: alpha * A });

describe('fiat realized gain: fiat proceeds − fiat cost of the lots consumed', () => {
  it('buy for 10 τ at $400, sell for 12 τ at $300: +2 τ but −$400 (12 × 300 − 10 × 400), not +$600', () => {
    const input = {
      trackedColdkeys: ['C1'],
      events: [buy(D0, 10n, 10n), sell(D1, 12n, 10n)],
      snapshots: [snap(50, 1, TAO)],
    };
    for (const method of METHODS) {
      const { total } = figures(input, method);
      expect([method, total.realized, total.realizedFiat]).toEqual([method, 2n * TAO, USD(-400n)]);
      expect(total.flags.fiatIncomplete).toBe(false);
    }
  });

  it('partial disposals take each lot’s own fiat cost: FIFO, LIFO, HIFO and ACB differ in fiat, not in τ', () => {
    // Lot 1: 10 α for 10 τ on day 0 ($4,000); lot 2: 10 α for 10 τ on day 1 ($3,000). Both cost 1 τ/α, so
    // every method has the same τ figures (HIFO: equal unit costs, the later lot first, as LIFO).
    // Day 2: sell 5 α for 7.5 τ ($3,750), then 10 α for 15 τ ($7,500). τ realized 2.5 + 5 = 7.5 in all.
    // FIFO: 3,750 − 2,000 (half of lot 1) + 7,500 − (2,000 + 1,500) = 1,750 + 4,000 = 5,750
    // LIFO/HIFO: 3,750 − 1,500 (half of lot 2) + 7,500 − (1,500 + 2,000) = 2,250 + 4,000 = 6,250
    // ACB: pool $7,000 for 20 α: 3,750 − 1,750 + 7,500 − floor(5,250 × 10/15 = 3,500) = 2,000 + 4,000 = 6,000
    const input = {
      trackedColdkeys: ['C1'],
      events: [
        buy(D0, 10n, 10n),
        buy(D1, 10n, 10n),
        ev('StakeRemoved', { block: D2, tao: 7_500_000_000n, alpha: 5n * A }),
        sell(D2 + 1, 15n, 10n),
      ],
      snapshots: [snap(50, 1, TAO)],
    };
    const want: Record<CostBasisMethod, bigint> = { fifo: 5_750n, lifo: 6_250n, hifo: 6_250n, acb: 6_000n };
    for (const method of METHODS) {
      const { total } = figures(input, method);
      expect([method, total.realized, total.realizedFiat]).toEqual([method, 7_500_000_000n, USD(want[method])]);
      expect(total.alpha).toBe(5n * A);
    }
  });

  it('emission lots: fiat basis = fiat value when received (income), zero (zero basis)', () => {
    // Buy 10 α for 10 τ on day 0 ($4,000); 2 α emitted by the day-1 checkpoint at 1 τ/α = 2 τ ($600);
    // sell all 12 α for 12 τ on day 2 ($6,000).
    // income: τ realized 12 − (10 + 2) = 0; fiat 6,000 − (4,000 + 600) = 1,400 (was 0 × 500 = 0)
    // zero basis: τ realized 12 − 10 = 2; fiat 6,000 − 4,000 = 2,000 (was 2 × 500 = 1,000)
    // Income in fiat is $600 either way (at the day received).
    const input = {
      trackedColdkeys: ['C1'],
      events: [buy(D0, 10n, 10n), sell(D2, 12n, 12n)],
      checkpoints: [cp(150, 10n * A), cp(D1, 12n * A)],
      snapshots: [snap(50, 1, TAO)],
    };
    const income = figures(input, 'fifo', 'income').total;
    expect([income.incomeTao, income.incomeFiat, income.realized, income.realizedFiat]).toEqual([
      2n * TAO,
      USD(600n),
      0n,
      USD(1_400n),
    ]);
    for (const method of METHODS) {
      const zero = figures(input, method, 'zero').total;
      expect([method, zero.incomeFiat, zero.realized, zero.realizedFiat]).toEqual([
        method,
        USD(600n),
        2n * TAO,
        USD(2_000n),
      ]);
    }
  });

  it('a transfer between watched wallets carries the fiat basis with the τ basis', () => {
    // C1 buys 10 α for 10 τ on day 0 ($4,000), transfers them to C2 on day 1 (basis carried, no PnL);
    // C2 sells them for 12 τ on day 2 ($6,000): τ 2, fiat 6,000 − 4,000 = 2,000 (was 2 × 500 = 1,000).
    const input = {
      trackedColdkeys: ['C1', 'C2'],
      events: [
        buy(D0, 10n, 10n),
        ev('StakeRemoved', { block: D1, idx: 1, tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeAdded', { block: D1, idx: 2, cold: 'C2', tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeTransferred', { block: D1, idx: 3, counter: 'C2', destNet: 1, tao: 10n * TAO }),
        sell(D2, 12n, 10n, 'C2'),
      ],
      snapshots: [snap(50, 1, TAO)],
    };
    for (const method of METHODS) {
      const { pnl } = figures(input, method);
      const c1 = pnl.wallets.find((w) => w.key === 'C1')?.figures;
      const c2 = pnl.wallets.find((w) => w.key === 'C2')?.figures;
      expect([method, c1?.realized, c1?.realizedFiat]).toEqual([method, 0n, 0n]);
      expect([method, c2?.realized, c2?.realizedFiat]).toEqual([method, 2n * TAO, USD(2_000n)]);
    }
  });

  it('a lot bought on a day without a price: its sale has no fiat gain (flagged, day listed), never a guess', () => {
    // Only the sale day (day 1) has a price: the fiat cost is unknown, so the fiat gain is left out.
    // (Was: 2 τ × 300 = $600, unflagged.)
    const input = {
      trackedColdkeys: ['C1'],
      events: [buy(D0, 10n, 10n), sell(D1, 12n, 10n)],
      snapshots: [snap(50, 1, TAO)],
      fiatPrices: [{ date: '2025-10-02', price: USD(300n) }],
    };
    for (const method of METHODS) {
      const { total, pnl } = figures(input, method);
      expect([method, total.realized, total.realizedFiat, total.flags.fiatIncomplete]).toEqual([
        method,
        2n * TAO,
        0n,
        true,
      ]);
      expect(pnl.fiatMissingDays).toEqual(['2025-10-01']);
    }
  });
});

describe('fiat unrealized: value at the as-of day − fiat cost of the lots held', () => {
  it('buy for 10 τ at $400, worth 12 τ on a $300 day: +2 τ but −$400 (3,600 − 4,000), not +$600', () => {
    const input = {
      trackedColdkeys: ['C1'],
      events: [buy(D0, 10n, 10n)],
      snapshots: [snap(50, 1, TAO), snap(D1, 1, 1_200_000_000n)],
    };
    for (const method of METHODS) {
      const { total } = figures(input, method);
      expect([method, total.unrealized, total.costBasisFiat, total.spotValueFiat, total.unrealizedFiat]).toEqual([
        method,
        2n * TAO,
        USD(4_000n),
        USD(3_600n),
        USD(-400n),
      ]);
    }
  });

  it('the lots left after a partial sale carry their own fiat cost; each hotkey gets its share by α', () => {
    // Lot 1 via H1: 10 α for 10 τ on day 0 ($4,000); lot 2 via H2: 10 α for 10 τ on day 1 ($3,000); 10 α sold
    // from H1 for 10 τ on day 1. As of day 2 at 1 τ/α: 10 α (all on H2) worth 10 τ × $500 = $5,000, τ unrealized 0.
    // FIFO keeps lot 2 ($3,000) → +$2,000; LIFO/HIFO keep lot 1 ($4,000) → +$1,000; ACB keeps $3,500 → +$1,500.
    const input = {
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: D0, hot: 'H1', tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeAdded', { block: D1, hot: 'H2', tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeRemoved', { block: D1 + 1, hot: 'H1', tao: 10n * TAO, alpha: 10n * A }),
      ],
      snapshots: [snap(50, 1, TAO), snap(D2, 1, TAO)],
    };
    const kept: Record<CostBasisMethod, bigint> = { fifo: 3_000n, lifo: 4_000n, hifo: 4_000n, acb: 3_500n };
    for (const method of METHODS) {
      const { total, pnl } = figures(input, method);
      expect([method, total.unrealized, total.costBasisFiat, total.unrealizedFiat]).toEqual([
        method,
        0n,
        USD(kept[method]),
        USD(5_000n - kept[method]),
      ]);
      const h2 = pnl.positions.find((p) => p.hotkey === 'H2')?.figures;
      expect([method, h2?.costBasisFiat, h2?.unrealizedFiat]).toEqual([
        method,
        USD(kept[method]),
        USD(5_000n - kept[method]),
      ]);
    }
  });

  it('α bought on a day without a price: unrealized in fiat is unknown (null, flagged), never a guess', () => {
    const input = {
      trackedColdkeys: ['C1'],
      events: [buy(D0, 10n, 10n)],
      snapshots: [snap(50, 1, TAO), snap(D1, 1, TAO)],
      fiatPrices: [{ date: '2025-10-02', price: USD(300n) }],
    };
    const { total } = figures(input, 'acb');
    expect([
      total.spotValueFiat,
      total.unrealizedFiat,
      total.flags.fiatBasisUnknown,
      total.flags.fiatIncomplete,
    ]).toEqual([USD(3_000n), null, true, true]);
  });
});
