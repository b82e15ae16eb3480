// The devnet history the valuation tests (service and e2e) share: runtime 424 (upgrade424) with an
// α change injected at block 11,000 that no rule explains, and a live lock of half of the first
// user's largest subnet position, so part of the α cannot be sold at the head.
import type { Devnet } from '../../devnet/index';
import { ensureDevnetMetadata } from './devnet';

export const INJECTED_ALPHA = -2_000_000_000n;
export const INJECTED_AT = 11_000;

export interface ValuationDevnet {
  dn: Devnet;
  lockedColdkey: string;
  lockedNetuid: number;
}

export async function startValuationDevnet(seed = 1): Promise<ValuationDevnet> {
  ensureDevnetMetadata();
  const { startDevnet, SCENARIOS } = await import('../../devnet/index');
  const { fromSs58 } = await import('../../devnet/chain/accounts');
  const base = SCENARIOS['upgrade424'];
  if (!base) throw new Error('the devnet has no upgrade424 scenario');
  const dn = await startDevnet({
    scenario: { ...base, script: { ...base.script, inject: [{ at: INJECTED_AT, user: 0, alpha: INJECTED_ALPHA }] } },
    seed,
    port: 0,
  });
  const lockedColdkey = dn.coldkeys[0] as string;
  const cold = fromSs58(lockedColdkey);
  const largest = dn.chain
    .positionsOf(cold)
    .filter((p) => p.netuid !== 0)
    .map((p) => ({ ...p, alpha: dn.chain.stake(p.hotkey, cold, p.netuid) }))
    .sort((a, b) => (a.alpha > b.alpha ? -1 : a.alpha < b.alpha ? 1 : 0))[0];
  if (!largest) throw new Error('the first user holds no subnet position');
  const lock = dn.submit({
    kind: 'lock_stake',
    coldkey: cold,
    hotkey: largest.hotkey,
    netuid: largest.netuid,
    alpha: largest.alpha / 2n,
  });
  dn.produceBlocks(4); // included, then finalized (finality lags 2)
  if (!lock.included()?.ok) throw new Error('the lock_stake of the valuation devnet failed');
  return { dn, lockedColdkey, lockedNetuid: largest.netuid };
}
