/**
 * Calls of the basket era (the devnet's 455 and 475; docs/chain/baskets.md): claim_root and
 * claim_root_with_hotkey, stake_into_basket, transfer_stake_and_hotkey, add_collateral.
 */
import type { Acc } from './accounts.js';
import { CLAIM_THRESHOLD } from './basket.js';
import type { Chain } from './chain.js';
import { minStake } from './pools.js';
import { BASKET_SPEC } from './state.js';
import type { Action } from './types.js';
import { stakeAndHotkeyArgs } from './types.js';

export type BasketAction = Extract<
  Action,
  { kind: 'claim_root' | 'stake_into_basket' | 'transfer_stake_and_hotkey' | 'add_collateral' }
>;

const BASKET_KINDS = new Set<Action['kind']>([
  'claim_root',
  'stake_into_basket',
  'transfer_stake_and_hotkey',
  'add_collateral',
]);

export function isBasketAction(a: Action): a is BasketAction {
  return BASKET_KINDS.has(a.kind);
}

/** Dust rules of a root claim (BasketClaimDustSkipped) exist from 468; the devnet's 475 has them. */
const DUST_RULES_SPEC = 468;

export class BasketExtrinsics {
  constructor(private readonly c: Chain) {}

  /** Validators whose fund the coldkey may claim from: root stake, or a non-zero watermark. */
  claimable(cold: Acc): Acc[] {
    const c = this.c;
    const out = new Set<Acc>();
    for (const p of c.positionsOf(cold)) if (p.netuid === 0 && c.stake(p.hotkey, cold, 0) > 0n) out.add(p.hotkey);
    for (const hot of c.stakingHotkeys(cold)) if (c.basket.claimed(hot, cold) !== 0n) out.add(hot);
    return [...out].sort();
  }

  /** Miner collateral of (netuid, hotkey, coldkey): α that cannot be unstaked. */
  collateral(netuid: number, hot: Acc, cold: Acc, b = this.c.cur): bigint {
    return this.c.getLog<{ locked: bigint }>('MinerCollateral', b, netuid, hot, cold)?.locked ?? 0n;
  }

  check(a: BasketAction): string | null {
    const c = this.c;
    if (c.specAt(c.cur) < BASKET_SPEC) return 'CallUnavailable';
    switch (a.kind) {
      case 'claim_root':
        return a.hotkey === undefined || this.claimable(a.coldkey).includes(a.hotkey) ? null : 'NoRootStake';
      case 'stake_into_basket':
        if (!c.owners.has(a.hotkey)) return 'HotKeyAccountNotExists';
        if (a.tao < minStake(c.specAt(c.cur))) return 'AmountTooLow';
        return c.account(a.coldkey).free > a.tao ? null : 'NotEnoughBalanceToStake';
      case 'transfer_stake_and_hotkey': {
        if (!c.subnetExists(a.originNetuid, c.cur) || !c.subnetExists(a.destNetuid, c.cur)) return 'SubnetNotExists';
        if (!c.owners.has(a.destHotkey)) return 'HotKeyAccountNotExists';
        const have = c.stake(a.originHotkey, a.coldkey, a.originNetuid);
        if (a.alpha <= 0n || have === 0n) return 'NotEnoughStakeToWithdraw';
        const free = have - this.collateral(a.originNetuid, a.originHotkey, a.coldkey);
        if (a.alpha > free || (a.originNetuid !== 0 && c.locks.available(a.coldkey, a.originNetuid) < a.alpha)) {
          return 'StakeUnavailable';
        }
        return a.originNetuid === a.destNetuid &&
          c.staking.modern.spotValue(a.originNetuid, a.alpha) < minStake(c.specAt(c.cur))
          ? 'AmountTooLow'
          : null;
      }
      case 'add_collateral': {
        if (c.owners.get(a.hotkey) !== a.coldkey) return 'NonAssociatedColdKey';
        const free = c.stake(a.hotkey, a.coldkey, a.netuid) - this.collateral(a.netuid, a.hotkey, a.coldkey);
        return a.alpha > 0n && a.alpha <= free ? null : 'NotEnoughStakeToWithdraw';
      }
    }
  }

  apply(a: BasketAction): void {
    const c = this.c;
    switch (a.kind) {
      case 'claim_root': {
        // claim_root covers every validator; claim_root_with_hotkey one
        let total = 0n;
        for (const hot of a.hotkey === undefined ? this.claimable(a.coldkey) : [a.hotkey]) {
          c.basket.flush(hot, c.dividendSubnetsOf(hot));
          if (c.basket.payout(hot, a.coldkey) < CLAIM_THRESHOLD) continue;
          total += c.basket.claim(hot, a.coldkey, c.specAt(c.cur) >= DUST_RULES_SPEC);
        }
        c.emit({ pallet: 'SubtensorModule', name: 'RootClaimed', args: [a.coldkey, total] });
        return;
      }
      case 'stake_into_basket':
        c.basket.flush(a.hotkey, c.dividendSubnetsOf(a.hotkey));
        c.basket.stakeIn(a.hotkey, a.coldkey, a.tao);
        return;
      case 'transfer_stake_and_hotkey': {
        const args = stakeAndHotkeyArgs(a);
        const tao = c.staking.modern.moveAcross(a.coldkey, ...args);
        c.emit({
          pallet: 'SubtensorModule',
          name: 'StakeAndHotkeyTransferred',
          args: [a.coldkey, ...args.slice(0, 5), tao],
        });
        return;
      }
      case 'add_collateral': {
        const total = this.collateral(a.netuid, a.hotkey, a.coldkey) + a.alpha;
        c.setLog('MinerCollateral', { locked: total }, a.netuid, a.hotkey, a.coldkey);
        c.emit({
          pallet: 'SubtensorModule',
          name: 'CollateralLocked',
          args: [a.netuid, a.hotkey, a.alpha, total],
          meta: { coldkey: a.coldkey },
        });
        return;
      }
    }
  }
}
