/**
 * Signed extrinsics: validation (the error a call fails with) and dispatch, in terms of the
 * staking primitives, with their summary events.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { minStake } from './pools.js';
import { AUTO_STAKE_NETUID_SPEC } from './miners.js';
import type { Action } from './types.js';
import { isModernAction, type ModernAction } from './extrinsics-424.js';
import { isBasketAction, type BasketAction } from './extrinsics-455.js';

export class Extrinsics {
  constructor(private readonly c: Chain) {}

  // ---------------------------------------------------------------- extrinsics

  /** Validates an action against the current state; returns a reason when it cannot succeed. */
  check(a: Action): string | null {
    if (isModernAction(a)) return this.c.modernXt.check(a);
    if (isBasketAction(a)) return this.c.basketXt.check(a);
    return this.checkLegacy(a) ?? this.c.modernXt.guard(a);
  }

  private checkLegacy(a: Exclude<Action, ModernAction | BasketAction>): string | null {
    const spec = this.c.specAt(this.c.cur);
    const min = minStake(spec);
    const bal = this.c.account(a.coldkey).free;
    switch (a.kind) {
      case 'add_stake':
        if (!this.c.subnets.has(a.netuid)) return 'SubnetNotExists';
        if (a.tao < min) return 'AmountTooLow';
        if (bal < a.tao) return 'NotEnoughBalanceToStake';
        return null;
      case 'remove_stake':
        if (a.alpha <= 0n || this.c.stake(a.hotkey, a.coldkey, a.netuid) === 0n) return 'NotEnoughStakeToWithdraw';
        return null;
      case 'unstake_all':
        return this.c
          .openOf(a.coldkey)
          .some((p) => p.hotkey === a.hotkey && this.c.stake(p.hotkey, a.coldkey, p.netuid) > 0n)
          ? null
          : 'NotEnoughStakeToWithdraw';
      case 'move_stake':
        if (!this.c.subnets.has(a.destNetuid)) return 'SubnetNotExists';
        return this.c.stake(a.originHotkey, a.coldkey, a.originNetuid) > 0n && a.alpha > 0n
          ? null
          : 'NotEnoughStakeToWithdraw';
      case 'transfer_stake':
      case 'swap_stake':
        if (!this.c.subnets.has(a.destNetuid)) return 'SubnetNotExists';
        if (a.kind === 'swap_stake' && a.originNetuid === a.destNetuid) return 'SameNetuid';
        return this.c.stake(a.hotkey, a.coldkey, a.originNetuid) > 0n && a.alpha > 0n
          ? null
          : 'NotEnoughStakeToWithdraw';
      case 'set_root_claim_type':
        return spec >= 334 ? null : 'CallUnavailable';
      case 'set_coldkey_auto_stake_hotkey':
        if (spec < AUTO_STAKE_NETUID_SPEC) return 'CallUnavailable';
        if (!this.c.subnetExists(a.netuid, this.c.cur)) return 'SubnetNotExists';
        if (!this.c.owners.has(a.hotkey)) return 'HotKeyNotRegisteredInSubNet';
        return this.c.getLog<Acc>('AutoStakeDestination', this.c.cur, a.coldkey, a.netuid) === a.hotkey
          ? 'SameAutoStakeHotkeyAlreadySet'
          : null;
      case 'transfer':
        return bal >= a.tao ? null : 'InsufficientBalance';
      case 'set_code':
        return null;
      case 'recycle_alpha':
      case 'burn_alpha':
        if (spec < 315) return 'CallUnavailable';
        if (a.netuid === 0) return 'CannotBurnOrRecycleOnRootSubnet';
        return a.alpha > 0n && this.c.stake(a.hotkey, a.coldkey, a.netuid) >= a.alpha
          ? null
          : 'NotEnoughStakeToWithdraw';
    }
  }

  apply(a: Action): void {
    if (isModernAction(a)) {
      this.c.modernXt.apply(a);
      return;
    }
    if (isBasketAction(a)) {
      this.c.basketXt.apply(a);
      return;
    }
    const spec = this.c.specAt(this.c.cur);
    switch (a.kind) {
      case 'add_stake':
        this.c.staking.addStake(a.coldkey, a.hotkey, a.netuid, a.tao);
        return;
      case 'remove_stake': {
        const have = this.c.stake(a.hotkey, a.coldkey, a.netuid);
        const alpha = a.alpha > have ? have : a.alpha;
        this.c.staking.removeStake(a.coldkey, a.hotkey, a.netuid, alpha);
        this.c.staking.clearDust(a.coldkey, a.hotkey, a.netuid);
        return;
      }
      case 'unstake_all': {
        for (const p of this.c.openOf(a.coldkey).sort((x, y) => x.netuid - y.netuid)) {
          if (p.hotkey !== a.hotkey) continue;
          const have = this.c.stake(p.hotkey, a.coldkey, p.netuid);
          if (have > 0n) this.c.staking.removeStake(a.coldkey, p.hotkey, p.netuid, have);
        }
        return;
      }
      case 'move_stake':
        this.moveStake(a, a.coldkey, a.originHotkey, a.destHotkey, 'StakeMoved', [
          a.coldkey,
          a.originHotkey,
          a.originNetuid,
          a.destHotkey,
          a.destNetuid,
        ]);
        return;
      case 'transfer_stake':
        this.moveStake(a, a.destColdkey, a.hotkey, a.hotkey, 'StakeTransferred', [
          a.coldkey,
          a.destColdkey,
          a.hotkey,
          a.originNetuid,
          a.destNetuid,
        ]);
        return;
      case 'swap_stake':
        this.moveStake(a, a.coldkey, a.hotkey, a.hotkey, 'StakeSwapped', [
          a.coldkey,
          a.hotkey,
          a.originNetuid,
          a.destNetuid,
        ]);
        return;
      case 'set_root_claim_type':
        this.c.setLog('RootClaimType', a.claimType, a.coldkey);
        if (spec >= 334) {
          this.c.emit({ pallet: 'SubtensorModule', name: 'RootClaimTypeSet', args: [a.coldkey, a.claimType] });
        }
        return;
      case 'set_coldkey_auto_stake_hotkey': {
        // dispatches.rs set_coldkey_auto_stake_hotkey: the reverse index follows the destination
        const c = this.c;
        const cur = c.getLog<Acc>('AutoStakeDestination', c.cur, a.coldkey, a.netuid);
        if (cur !== undefined) {
          const old = c.getLog<Acc[]>('AutoStakeDestinationColdkeys', c.cur, cur, a.netuid) ?? [];
          c.setLog(
            'AutoStakeDestinationColdkeys',
            old.filter((x) => x !== a.coldkey),
            cur,
            a.netuid,
          );
        }
        c.setLog('AutoStakeDestination', a.hotkey, a.coldkey, a.netuid);
        const list = c.getLog<Acc[]>('AutoStakeDestinationColdkeys', c.cur, a.hotkey, a.netuid) ?? [];
        if (!list.includes(a.coldkey))
          c.setLog('AutoStakeDestinationColdkeys', [...list, a.coldkey], a.hotkey, a.netuid);
        c.emit({ pallet: 'SubtensorModule', name: 'AutoStakeDestinationSet', args: [a.coldkey, a.netuid, a.hotkey] });
        return;
      }
      case 'transfer': {
        const from = this.c.account(a.coldkey);
        this.c.setAccount(a.coldkey, { nonce: from.nonce, free: from.free - a.tao });
        this.c.credit(a.dest, a.tao);
        this.c.emit({ pallet: 'Balances', name: 'Transfer', args: [a.coldkey, a.dest, a.tao] });
        return;
      }
      case 'set_code':
        this.c.emit({ pallet: 'System', name: 'CodeUpdated', args: [] });
        return;
      case 'recycle_alpha':
      case 'burn_alpha': {
        this.c.decreasePosition(a.hotkey, a.coldkey, a.netuid, a.alpha);
        if (a.kind === 'recycle_alpha')
          this.c.setIndexed('SubnetAlphaOut', a.netuid, this.c.subnetAlphaOut(a.netuid) - a.alpha, a.netuid);
        const name = a.kind === 'recycle_alpha' ? 'AlphaRecycled' : 'AlphaBurned';
        this.c.emit({ pallet: 'SubtensorModule', name, args: [a.coldkey, a.hotkey, a.alpha, a.netuid] });
        return;
      }
    }
  }

  /**
   * A stake move (move, transfer, swap): the α asked for, at most the origin's stake, leaves
   * (coldkey, hotkey, originNetuid) for (destColdkey, destHotkey, destNetuid); the call's summary event
   * carries `args` and then the TAO moved.
   */
  private moveStake(
    a: { coldkey: Acc; originNetuid: number; destNetuid: number; alpha: bigint },
    destColdkey: Acc,
    hotkey: Acc,
    destHotkey: Acc,
    name: string,
    args: unknown[],
  ): void {
    const alpha = this.clampAlpha(hotkey, a.coldkey, a.originNetuid, a.alpha);
    const tao = this.c.staking.moveAcross(
      a.coldkey,
      destColdkey,
      hotkey,
      destHotkey,
      a.originNetuid,
      a.destNetuid,
      alpha,
    );
    this.c.emit({ pallet: 'SubtensorModule', name, args: [...args, tao] });
  }

  private clampAlpha(hot: Acc, cold: Acc, netuid: number, alpha: bigint): bigint {
    const have = this.c.stake(hot, cold, netuid);
    return alpha > have ? have : alpha;
  }
}
