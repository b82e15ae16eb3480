/** The ledger entry of a root-claim payout (./normalize merges them at their block; docs/chain/root-claims.md). */
import type { PriceBook } from './prices';
import { LedgerEntry, NO_FLAGS, type LedgerLeg, type RootClaimPayout, type StakeEvent } from './ledger';
import { alphaToTao } from './units';

export function rootClaimEntry(p: RootClaimPayout, src: StakeEvent[], prices?: PriceBook): LedgerEntry {
  const first = src[0] ?? null;
  const more = src.length > 1 ? src.slice(1) : null;
  if (p.mode === 'keep') {
    // Income α on the subnet, valued at the pool price of the claim block (post-state snapshot).
    const price = prices?.priceAt(p.netuid, p.blockNumber);
    const value = price ? alphaToTao(p.alpha, price.price) : null;
    const leg: LedgerLeg = {
      coldkey: p.coldkey,
      hotkey: p.hotkey,
      netuid: p.netuid,
      alpha: p.alpha,
      category: 'rootClaim',
      basis: 'income',
      tao: value ?? 0n,
      fee: 0n,
      feeUnit: 'alpha',
      spotTao: value,
      spotBlock: price ? price.blockNumber : null,
    };
    return new LedgerEntry('root-claim-keep', first, leg, more, value === null ? ['missing-price'] : NO_FLAGS, p);
  }
  // Swap: the α dividend is sold fee-less and the TAO added to root stake (α == TAO on root).
  const leg: LedgerLeg = {
    coldkey: p.coldkey,
    hotkey: p.hotkey,
    netuid: 0,
    alpha: p.tao,
    category: 'rootClaim',
    basis: 'income',
    tao: p.tao,
    fee: 0n,
    feeUnit: 'tao',
    spotTao: p.tao,
    spotBlock: null,
  };
  return new LedgerEntry('root-claim-swap', first, leg, more, NO_FLAGS, p);
}
