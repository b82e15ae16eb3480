import { describe, expect, it } from 'vitest';
import { computePortfolio, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// Stake older than the recorded history (e.g. root stake from before dTAO, which has no dTAO-era
// StakeAdded) shows up as α at the position's first checkpoint. It is an opening balance, not income.
describe('opening balances', () => {
  // SN1: checkpoint 100 finds 20 α that no event explains; price 1.5 → opening lot 20 α at 30 TAO.
  // block 150 buy 10 α for 20 TAO (price 2); checkpoint 200 shows 30.5 α → 0.5 α emitted, price 2 → 1 TAO.
  const input: PortfolioInput = {
    trackedColdkeys: ['C1'],
    events: [ev('StakeAdded', { block: 150, tao: 20n * TAO, alpha: 10n * A })],
    checkpoints: [cp(100, 20n * A), cp(200, 30_500_000_000n)],
    snapshots: [snap(99, 1, 1_500_000_000n), snap(149, 1, 2n * TAO), snap(200, 1, 2n * TAO)],
  };

  it('enters at the first recorded price and is not counted as income', () => {
    const f = computePortfolio(input, { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect(f.alphaOpening).toBe(20n * A);
    expect(f.openingTao).toBe(30n * TAO); // 20 α × 1.5
    expect(f.alphaEmitted).toBe(500_000_000n); // only the later accrual
    expect(f.incomeTao).toBe(1n * TAO); // 0.5 α × 2
    expect(f.alpha).toBe(30_500_000_000n);
    // cost = opening 30 + buy 20 + income basis 1 = 51 TAO; value 30.5 × 2 = 61 → unrealized +10
    expect(f.costBasis).toBe(51n * TAO);
    expect(f.unrealized).toBe(10n * TAO);
    // flows in: 30 (opening, at market) + 20 = 50; total return = 61 − 50 = 11 = unrealized 10 + income 1
    expect(f.taoIn).toBe(50n * TAO);
    expect(f.totalReturn).toBe(11n * TAO);
  });

  it('after recorded events, unexplained α at the first checkpoint is accrual, not an opening balance', () => {
    const later: PortfolioInput = { ...input, checkpoints: [cp(200, 10_500_000_000n)] };
    const f = computePortfolio(later, { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect(f.alphaOpening).toBe(0n);
    expect(f.alphaEmitted).toBe(500_000_000n);
  });
});
