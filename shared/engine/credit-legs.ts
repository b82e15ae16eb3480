/**
 * Legs of α credited to a position without a trade of its own: a basket claim's root stake, a lease
 * dividend, a miner's auto-staked incentive (./extrinsic-entries builds their entries).
 */
import type { LedgerLeg, StakeEvent } from './ledger';
import { positionOf, withSpot } from './legs';
import type { NormalizeOptions } from './normalize';

/** Root stake acquired by a basket claim: α = TAO (root is 1:1), at that cost, transferred in from the fund. */
export function basketClaimLeg(e: StakeEvent): LedgerLeg {
  return {
    coldkey: e.coldkey,
    hotkey: e.hotkey as string,
    netuid: 0,
    alpha: e.tao,
    category: 'transferIn',
    basis: 'trade',
    tao: e.tao,
    fee: 0n,
    feeUnit: 'tao',
    spotTao: e.tao,
    spotBlock: null,
  };
}

/** α paid out of a lease: income on the contributor's position under the lease hotkey, at the TAO the event values it at. */
export function leaseDividendLeg(a: StakeEvent): LedgerLeg {
  return {
    coldkey: a.coldkey,
    hotkey: a.hotkey as string,
    netuid: a.netuid as number,
    alpha: a.alpha,
    category: 'leaseDividend',
    basis: 'income',
    tao: a.tao,
    fee: 0n,
    feeUnit: 'alpha',
    spotTao: a.tao,
    // Valued by the chain in the event, not from a snapshot.
    spotBlock: null,
  };
}

/**
 * A miner's incentive auto-staked to the owner's destination: income on (owner, destination, subnet),
 * valued at the pool price before the block (the epoch pays it in block initialisation); no value
 * without a price there.
 */
export function incentiveLeg(e: StakeEvent, prices: NormalizeOptions['prices']): LedgerLeg {
  const leg = withSpot(
    {
      ...positionOf(e),
      alpha: e.alpha,
      category: 'minerIncentive',
      basis: 'income',
      tao: 0n,
      fee: 0n,
      feeUnit: 'alpha',
      spotTao: null,
      spotBlock: null,
    },
    prices,
    e.blockNumber,
  );
  leg.tao = leg.spotTao ?? 0n;
  return leg;
}
