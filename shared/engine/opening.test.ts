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

// A checkpoint holds every position of its coldkey at its block, so a position first found at a later
// checkpoint than the coldkey's first was not there when the history began: its α arrived inside it.
describe('α on a position first found after the history began', () => {
  // C1 holds 20 α on SN1 from before the history (checkpoint 100). At 300 a position on SN2 (hotkey
  // H2) appears with 4 α and no event: price 0.5 there.
  const base = (ownsHotkey: boolean): PortfolioInput => ({
    trackedColdkeys: ['C1'],
    events: [],
    checkpoints: [
      cp(100, 20n * A),
      cp(200, 20n * A),
      cp(300, 20n * A),
      cp(300, 4n * A, { hot: 'H2', netuid: 2, ownsHotkey }),
    ],
    snapshots: [snap(99, 1, TAO), snap(99, 2, 500_000_000n)],
  });

  it('on a hotkey the coldkey owns, after an epoch, it is the owner’s emission (take, incentive, owner cut)', () => {
    const r = computePortfolio(base(true), { method: 'acb', rewards: 'income' });
    const sn2 = r.pnl.positions.find((p) => p.netuid === 2)!.figures;
    expect([sn2.alphaOpening, sn2.alphaEmitted, sn2.incomeTao, sn2.alphaUnexplainedIn]).toEqual([
      0n,
      4n * A,
      2n * TAO,
      0n,
    ]);
    // Income, not capital: nothing was put in for it.
    expect([sn2.taoIn, sn2.totalReturn]).toEqual([0n, 2n * TAO]);
    // The position that predates the history is still an opening balance.
    expect(r.pnl.positions.find((p) => p.netuid === 1)!.figures.alphaOpening).toBe(20n * A);
  });

  it('on a hotkey it does not own, it is unexplained: kept at no cost, never income, never an opening purchase', () => {
    const r = computePortfolio(base(false), { method: 'acb', rewards: 'income' });
    const sn2 = r.pnl.positions.find((p) => p.netuid === 2)!.figures;
    expect([sn2.alphaOpening, sn2.alphaEmitted, sn2.alphaUnexplainedIn, sn2.taoIn]).toEqual([0n, 0n, 4n * A, 0n]);
    expect(r.emissions.filter((e) => e.netuid === 2).map((e) => [e.kind, e.toBlock, e.alpha])).toEqual([
      ['unexplained', 300, 4n * A],
    ]);
  });

  it('a position found at the coldkey’s first checkpoint is an opening balance, owned hotkey or not', () => {
    const input = base(true);
    const atStart: PortfolioInput = {
      ...input,
      checkpoints: [cp(100, 20n * A), cp(100, 4n * A, { hot: 'H2', netuid: 2, ownsHotkey: true })],
    };
    const sn2 = computePortfolio(atStart, { method: 'acb', rewards: 'income' }).pnl.positions.find(
      (p) => p.netuid === 2,
    )!.figures;
    expect([sn2.alphaOpening, sn2.openingTao, sn2.alphaEmitted]).toEqual([4n * A, 2n * TAO, 0n]);
  });
});

// Sync says where a coldkey's history begins (PortfolioInput.historyStarts: the block before its first
// change, checkpointed). A miner whose first change is a silent incentive has no checkpoint until after it.
describe('a given history start', () => {
  const miner = (historyStarts?: Record<string, number>): PortfolioInput => ({
    trackedColdkeys: ['C1'],
    events: [],
    // Own miner hotkey H2 on SN2: first seen at 200 with 4 α, nothing held at the start (block 99).
    checkpoints: [cp(200, 4n * A, { hot: 'H2', netuid: 2, ownsHotkey: true })],
    snapshots: [snap(99, 2, 500_000_000n)],
    ...(historyStarts ? { historyStarts } : {}),
  });

  it('α first found after it is not an opening balance: on an owned hotkey, emission', () => {
    const f = computePortfolio(miner({ C1: 99 }), { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect([f.alphaOpening, f.alphaEmitted, f.incomeTao, f.taoIn]).toEqual([0n, 4n * A, 2n * TAO, 0n]);
  });

  it('without it, the coldkey’s first checkpoint is where the history begins: an opening balance', () => {
    const f = computePortfolio(miner(), { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect([f.alphaOpening, f.alphaEmitted, f.taoIn]).toEqual([4n * A, 0n, 2n * TAO]);
  });

  it('α held at the start is an opening balance', () => {
    const input = { ...miner({ C1: 99 }), checkpoints: [cp(99, 3n * A, { hot: 'H2', netuid: 2, ownsHotkey: true })] };
    const f = computePortfolio(input, { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect([f.alphaOpening, f.alphaEmitted]).toEqual([3n * A, 0n]);
  });
});
