/**
 * Signed calls of the balancer era (spec ≥ 423) and the extra checks the older calls get there:
 * locks cap what leaves a subnet (StakeUnavailable), a dissolved subnet is gone, a same-subnet
 * transfer must be worth the minimum stake. See docs/chain/locks.md, staking-424.md,
 * limit-orders.md and swaps-and-dissolution.md.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { BALANCER_SPEC } from './balancer-book.js';
import { minStake } from './pools.js';
import type { Action } from './types.js';
import { isOtherCall, MODERN_CALLS } from './types.js';

/** The calls of the ≥423 runtimes this module checks and applies (MODERN_CALLS, types.ts). */
export type ModernAction = Extract<Action, { kind: (typeof MODERN_CALLS)[number] }>;

export function isModernAction(a: Action): a is ModernAction {
  return (MODERN_CALLS as readonly string[]).includes(a.kind);
}

/** Cost of a hotkey swap, recycled from the owner (KeySwapCost, 0.1 TAO). */
export const KEY_SWAP_COST = 100_000_000n;

export class ModernExtrinsics {
  constructor(private readonly c: Chain) {}

  private exists(netuid: number): boolean {
    return this.c.subnetExists(netuid, this.c.cur);
  }

  /** Why an older call fails at ≥ 423 where it would have passed before, or null. */
  guard(a: Action): string | null {
    const c = this.c;
    if (c.specAt(c.cur) < BALANCER_SPEC) return null;
    const out = (cold: Acc, netuid: number, alpha: bigint, hot?: Acc) =>
      (netuid !== 0 && c.locks.available(cold, netuid) < alpha) ||
      (hot !== undefined && c.stake(hot, cold, netuid) - c.basketXt.collateral(netuid, hot, cold) < alpha)
        ? 'StakeUnavailable'
        : null;
    if (isOtherCall(a)) return null;
    switch (a.kind) {
      case 'add_stake':
        return this.exists(a.netuid) ? null : 'SubnetNotExists';
      case 'remove_stake':
      case 'recycle_alpha':
      case 'burn_alpha':
        return this.exists(a.netuid) ? out(a.coldkey, a.netuid, a.alpha, a.hotkey) : 'SubnetNotExists';
      case 'unstake_all':
        return c
          .openOf(a.coldkey)
          .some((p) => p.hotkey === a.hotkey && c.locks.lockedAt(a.coldkey, p.netuid, c.cur) > 0n)
          ? 'StakeUnavailable'
          : null;
      case 'move_stake':
      case 'swap_stake':
      case 'transfer_stake': {
        const [oNet, dNet] = [a.originNetuid, a.destNetuid];
        if (!this.exists(oNet) || !this.exists(dNet)) return 'SubnetNotExists';
        const hot = a.kind === 'move_stake' ? a.originHotkey : a.hotkey;
        const have = c.stake(hot, a.coldkey, oNet);
        const alpha = a.alpha > have ? have : a.alpha;
        const leavesColdkey = oNet !== dNet || (a.kind === 'transfer_stake' && a.destColdkey !== a.coldkey);
        if (leavesColdkey) {
          // locked α never leaves the subnet, nor goes to a coldkey that rejects locked α (all do by default)
          const err = out(a.coldkey, oNet, alpha);
          if (err) return a.kind === 'transfer_stake' && oNet === dNet ? 'AccountRejectsLockedAlpha' : err;
        }
        if (oNet === dNet && c.staking.modern.spotValue(oNet, alpha) < minStake(c.specAt(c.cur))) return 'AmountTooLow';
        return null;
      }
      case 'transfer_stake_and_hotkey':
        return null;
    }
  }

  check(a: ModernAction): string | null {
    const c = this.c;
    if (c.specAt(c.cur) < BALANCER_SPEC) return 'CallUnavailable';
    switch (a.kind) {
      case 'lock_stake':
        if (!this.exists(a.netuid) || a.netuid === 0) return 'SubnetNotExists';
        return c.locks.checkLock(a.coldkey, a.hotkey, a.netuid, a.alpha);
      case 'move_lock':
        if (!c.owners.has(a.destHotkey)) return 'HotKeyAccountNotExists';
        return c.locks.hotkeyOf(a.coldkey, a.netuid, c.cur) === undefined ? 'NoExistingLock' : null;
      case 'add_stake_burn':
        if (!this.exists(a.netuid) || a.netuid === 0) return 'SubnetNotExists';
        if (a.tao < minStake(c.specAt(c.cur))) return 'AmountTooLow';
        return c.account(a.coldkey).free > a.tao ? null : 'NotEnoughBalanceToStake';
      case 'swap_hotkey':
        if (c.owners.get(a.hotkey) !== a.coldkey) return 'NonAssociatedColdKey';
        if (c.owners.has(a.newHotkey)) return 'HotKeyAlreadyRegisteredInSubNet';
        return c.account(a.coldkey).free >= KEY_SWAP_COST ? null : 'NotEnoughBalanceToPaySwapHotKey';
      case 'swap_coldkey':
        return c.stakingHotkeys(a.newColdkey).length === 0 ? null : 'ColdKeyAlreadyAssociated';
      case 'dissolve_network':
        return this.exists(a.netuid) && a.netuid !== 0 ? null : 'SubnetNotExists';
      case 'limit_orders':
        return this.exists(a.netuid) && a.netuid !== 0 ? c.orders.check(a) : 'SubnetNotExists';
    }
  }

  apply(a: ModernAction): void {
    const c = this.c;
    switch (a.kind) {
      case 'lock_stake':
        c.locks.lock(a.coldkey, a.hotkey, a.netuid, a.alpha);
        c.emit({ pallet: 'SubtensorModule', name: 'StakeLocked', args: [a.coldkey, a.hotkey, a.netuid, a.alpha] });
        return;
      case 'move_lock': {
        const origin = c.locks.moveLock(a.coldkey, a.destHotkey, a.netuid) as Acc;
        c.emit({ pallet: 'SubtensorModule', name: 'LockMoved', args: [a.coldkey, origin, a.destHotkey, a.netuid] });
        return;
      }
      case 'add_stake_burn': {
        const alpha = c.staking.modern.stakeInto(a.coldkey, a.hotkey, a.netuid, a.tao, false);
        // do_burn_alpha burns "up to" the α staked: at most the position's floored value, which on a
        // position empty before is one α-rao under it when the share pool rounds down (recycle_alpha.rs,
        // docs/chain/mechanics.md#add_stake_burn). AddStakeBurn still names the α staked.
        const held = c.stake(a.hotkey, a.coldkey, a.netuid);
        const burned = alpha < held ? alpha : held;
        c.decreasePosition(a.hotkey, a.coldkey, a.netuid, burned);
        c.emit({ pallet: 'SubtensorModule', name: 'AlphaBurned', args: [a.coldkey, a.hotkey, burned, a.netuid] });
        c.emit({
          pallet: 'SubtensorModule',
          name: 'AddStakeBurn',
          args: [a.netuid, a.hotkey, a.tao, alpha],
          meta: { coldkey: a.coldkey },
        });
        return;
      }
      case 'swap_hotkey':
        c.swaps.swapHotkey(a.coldkey, a.hotkey, a.newHotkey);
        return;
      case 'swap_coldkey':
        c.swaps.swapColdkey(a.oldColdkey, a.newColdkey);
        return;
      case 'dissolve_network':
        c.swaps.dissolve(a.netuid);
        return;
      case 'limit_orders':
        c.orders.execute(a);
        return;
    }
  }
}
