// Miner incentive auto-staked (runtimes 315+, docs/chain/emissions.md#miner-incentive-auto-staked): an
// epoch stakes a miner's incentive to its owner's auto-stake destination, a hotkey the owner need not
// own, with AutoStakeAdded and no stake event. The α is income on (owner, destination, subnet), valued
// at the pool price before the block; the destination's nominator pool growth stays emission.
import { describe, expect, it } from 'vitest';
import { POOL_VALUE_SCALE, computePortfolio, type PortfolioInput } from './index';
import { normalizeEvents } from './normalize';
import { PriceBook } from './prices';
import { taxRowOf } from './tax-rows';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

const pv = (hundredths: bigint) => (POOL_VALUE_SCALE * hundredths) / 100n;
/** 4 α of incentive on subnet 1 staked to validator hotkey HV at block 250 (block initialisation). */
const incentive = (cold = 'C1') =>
  ev('AutoStakeAdded', { block: 250, ext: null, idx: 2, cold, hot: 'HV', netuid: 1, alpha: 4n * A });
// Subnet 1 at 0.5 τ per α before block 250.
const prices = [snap(99, 1, 500_000_000n), snap(249, 1, 500_000_000n)];

describe('AutoStakeAdded', () => {
  it('is one income entry of the tracked owner, valued at the price before its block; exported as a reward', () => {
    const es = normalizeEvents([incentive(), incentive('Other')], {
      trackedColdkeys: new Set(['C1']),
      prices: new PriceBook(prices),
    });
    expect(es.map((e) => [e.kind, e.sources.map((s) => s.kind)])).toEqual([['miner-incentive', ['AutoStakeAdded']]]);
    expect(es[0]?.legs).toEqual([
      expect.objectContaining({
        coldkey: 'C1',
        hotkey: 'HV',
        netuid: 1,
        alpha: 4n * A,
        tao: 2n * TAO,
        basis: 'income',
        category: 'minerIncentive',
        spotBlock: 249,
      }),
    ]);
    expect(taxRowOf(es[0]!)).toMatchObject({
      receivedAmount: 4n * A,
      receivedCurrency: 'SN1',
      worthTao: 2n * TAO,
      label: 'reward',
    });
  });

  it('without a price at its block it is exported with no worth, not a worth of 0', () => {
    const [e] = normalizeEvents([incentive()], { trackedColdkeys: new Set(['C1']), prices: new PriceBook([]) });
    expect(e?.flags).toContain('missing-price');
    expect(taxRowOf(e!)).toMatchObject({ receivedAmount: 4n * A, worthTao: null, label: 'reward' });
  });

  // The owner also nominates 10 α to HV (bought at 100). HV's pool goes 1.00 → 1.03 per share between the
  // checkpoints at 200 and 300; the chain's α at 300 is 10 × 1.03 + the 4 α incentive = 14.3 α.
  const input = (withEvent: boolean): PortfolioInput => ({
    trackedColdkeys: ['C1'],
    events: [
      ev('StakeAdded', { block: 100, hot: 'HV', tao: 5n * TAO, alpha: 10n * A }),
      ...(withEvent ? [incentive()] : []),
    ],
    checkpoints: [
      cp(200, 10n * A, { hot: 'HV', poolValue: pv(100n) }),
      cp(300, 14_300_000_000n, { hot: 'HV', poolValue: pv(103n) }),
    ],
    snapshots: prices,
  });

  it('explains the α: incentive is income, the pool’s growth is emission, nothing is unexplained', () => {
    const r = computePortfolio(input(true), { method: 'acb', rewards: 'income' });
    const f = r.pnl.total.figures;
    expect([f.alphaIncentive, f.incentiveTao, f.alphaEmitted, f.alphaUnexplainedIn]).toEqual([
      4n * A,
      2n * TAO,
      300_000_000n,
      0n,
    ]);
    // Income at accrual: 2 τ incentive + 0.15 τ emission (0.3 α at 0.5); a cost basis for the incentive too.
    expect(f.incomeTao).toBe(2n * TAO + 150_000_000n);
    expect(f.costBasis).toBe(5n * TAO + 2n * TAO + 150_000_000n);
    expect(f.alpha).toBe(14_300_000_000n);
  });

  it('without the event (not recorded) the same α is unexplained, never income: what it corrects', () => {
    const f = computePortfolio(input(false), { method: 'acb', rewards: 'income' }).pnl.total.figures;
    expect([f.alphaIncentive, f.alphaEmitted, f.alphaUnexplainedIn]).toEqual([0n, 300_000_000n, 4n * A]);
  });
});
