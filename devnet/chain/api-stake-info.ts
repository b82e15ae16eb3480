/**
 * StakeInfoRuntimeApi answers computed from chain state at a block. Up to 393 the devnet lists a
 * coldkey's positions sorted by (hotkey, netuid) and omits an empty single-position answer; from 423
 * it follows the runtime (rpc_info/stake_info.rs): subnets in netuid order, then the coldkey's
 * StakingHotkeys in their stored order, and the single-position call always answers. `locked` stays 0
 * (the runtime hard-codes it); locks are read through get_stake_availability_for_coldkeys and
 * get_coldkey_lock. See docs/chain/runtime-apis.md.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';

export function stakeInfo(chain: Chain, hot: Acc, cold: Acc, netuid: number, stake: bigint, b: number) {
  return {
    hotkey: hot,
    coldkey: cold,
    netuid,
    stake,
    locked: 0,
    emission: chain.dividends(hot, netuid, b),
    taoEmission: 0,
    drain: 0,
    isRegistered: true,
  };
}

/** Subnets that exist at block b, in netuid order. */
export function subnetsAt(chain: Chain, b: number): number[] {
  return [...chain.subnets.values()]
    .filter((s) => s.registeredAt <= b && (s.dissolvedAt === undefined || s.dissolvedAt > b))
    .map((s) => s.netuid)
    .sort((x, y) => x - y);
}

/**
 * Subnets whose α rows exist at block b: those that exist, plus a subnet dissolved at ≥ 475 whose
 * settle phase has not run yet (its positions are paid out and deleted only then). That StakeInfo
 * keeps listing such positions until they are settled is an assumption (inferred: the rows still
 * exist; docs/chain/swaps-and-dissolution.md#475-phased-dissolution).
 */
export function heldSubnetsAt(chain: Chain, b: number): number[] {
  return [...chain.subnets.values()]
    .filter((s) => s.registeredAt <= b && (s.settledAt === undefined || s.settledAt > b))
    .map((s) => s.netuid)
    .sort((x, y) => x - y);
}

export function stakeInfos(chain: Chain, cold: Acc, b: number, modern: boolean) {
  const out = [];
  if (modern) {
    // subnets in netuid order, then StakingHotkeys order; only positions the coldkey ever held can be non-zero
    const rank = new Map(chain.stakingHotkeys(cold, b).map((h, i) => [h, i]));
    const live = new Set(heldSubnetsAt(chain, b));
    const held = chain
      .positionsOf(cold)
      .filter((p) => live.has(p.netuid) && rank.has(p.hotkey))
      .sort((x, y) => x.netuid - y.netuid || (rank.get(x.hotkey) ?? 0) - (rank.get(y.hotkey) ?? 0));
    for (const p of held) {
      const stake = chain.stake(p.hotkey, cold, p.netuid, b);
      if (stake > 0n) out.push(stakeInfo(chain, p.hotkey, cold, p.netuid, stake, b));
    }
    return out;
  }
  for (const p of chain
    .positionsOf(cold)
    .sort((x, y) => (x.hotkey < y.hotkey ? -1 : x.hotkey > y.hotkey ? 1 : x.netuid - y.netuid))) {
    const stake = chain.stake(p.hotkey, cold, p.netuid, b);
    if (stake === 0n) continue;
    out.push(stakeInfo(chain, p.hotkey, cold, p.netuid, stake, b));
  }
  return out;
}

/** get_stake_availability_for_coldkeys: per coldkey, per subnet with stake or a lock, {total, locked, available}. */
export function stakeAvailability(chain: Chain, colds: Acc[], netuids: number[] | null, b: number) {
  const existing = subnetsAt(chain, b);
  let wanted = existing;
  if (netuids !== null) {
    const req = [...new Set(netuids)].sort((x, y) => x - y);
    if (req.length === 0 || req.length > existing.length) return new Map(colds.map((c) => [c, new Map()]));
    wanted = req.filter((n) => existing.includes(n));
  }
  const out = new Map<Acc, Map<number, { total: bigint; locked: bigint; available: bigint }>>();
  for (const cold of colds) {
    const per = new Map<number, { total: bigint; locked: bigint; available: bigint }>();
    for (const n of wanted) {
      const total = chain.locks.totalOnSubnet(cold, n, b);
      const locked = chain.locks.lockedAt(cold, n, b);
      if (total === 0n && locked === 0n) continue;
      per.set(n, { total, locked, available: total > locked ? total - locked : 0n });
    }
    out.set(cold, per);
  }
  return out;
}
