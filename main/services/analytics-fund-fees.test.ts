// The friction split on the Portfolio page with a fund-share purchase (runtimes 441+): its fee (TAO paid
// over the shares' value) is in the total's friction (basket-totals), so it is in the split's fees too,
// and fees + slippage + burned stays equal to friction, as do the economic breakdown's terms.
import { describe, expect, it } from 'vitest';
import { COLD, HOT, TAO, oneWallet } from '../test/one-wallet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

describe('friction split with a fund-share purchase', () => {
  it('counts the purchase fee as a fee: the split and the breakdown add up to the total', async () => {
    const { backend, facts } = await oneWallet(tempDir());
    // A subnet buy with a 0.01 τ fee: 2 τ for 1 α at a spot price of 1.9 τ/α (slippage 0.09 τ).
    // (A leg's spot price is the pool's before its block.)
    facts.snapshot(99, 1, 190n * TAO, 100n * TAO, 10n * TAO, (19n * TAO) / 10n);
    facts.snapshot(100, 1, 192n * TAO, 99n * TAO, 11n * TAO, (19n * TAO) / 10n);
    facts.event({
      block: 100,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 1,
      tao: 2n * TAO,
      alpha: TAO,
      fee: TAO / 100n,
      feeUnit: 'tao',
    });
    facts.checkpoint(100, COLD, HOT, 1, TAO);
    // 10 τ of fund shares of validator HOT, 0.1 τ of it over their value (BasketStakedIn's fee).
    facts.event({
      block: 200,
      eventIndex: 1,
      kind: 'BasketStakedIn',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 0,
      tao: 10n * TAO,
      alpha: 9_900_000_000n,
      fee: TAO / 10n,
      feeUnit: 'tao',
    });
    backend.bus.emit('data:changed', { tables: ['stake_events'] });

    const view = await backend.call('portfolio:get', {});
    expect(view.baskets.total.fees).toBe(TAO / 10n);
    const f = view.total.figures;
    const v = await backend.call('portfolio:analytics', {});
    const { fees, slippage, burned } = v.friction;
    expect(fees! + slippage! + burned!).toBe(f.friction);
    // The subnet leg's fee (0.01 τ) plus the purchase's (0.1 τ).
    expect(fees).toBe(TAO / 100n + TAO / 10n);
    expect(v.addsUp.economic.terms.reduce((s, t) => s + (t.amount ?? 0n), 0n)).toBe(f.totalReturn);
    backend.close();
  });
});
