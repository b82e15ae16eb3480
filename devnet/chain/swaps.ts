/**
 * Hotkey swaps, coldkey swaps and subnet dissolution at spec 424: each moves or closes positions
 * without any Stake event, so their per-position effects ride on the one event each emits as
 * ground-truth-only `silent` effects. See docs/chain/swaps-and-dissolution.md.
 */
import type { Acc } from './accounts.js';
import { subnetAccount } from './accounts.js';
import type { Chain } from './chain.js';
import type { SilentEffect } from './types.js';
import { KEY_SWAP_COST } from './extrinsics-424.js';

/** Per-subnet storage removed when a subnet is dissolved. */
const SUBNET_ITEMS = [
  'NetworksAdded',
  'SubnetMechanism',
  'Tempo',
  'NetworkRegisteredAt',
  'SubnetOwner',
  'SubnetOwnerHotkey',
  'TokenSymbol',
  'SubnetName',
  'SubnetVolume',
  'SubnetTAO',
  'SubnetAlphaIn',
  'SubnetAlphaOut',
] as const;

export class Swaps {
  constructor(private readonly c: Chain) {}

  /** Every (coldkey, netuid, α) position on `hot` at the current block, from the coldkey index (one scan). */
  private holders(hot: Acc): { cold: Acc; netuid: number; alpha: bigint }[] {
    const out: { cold: Acc; netuid: number; alpha: bigint }[] = [];
    const prefix = `${hot}|`;
    for (const [cold, set] of this.c.coldPositions) {
      for (const k of set) {
        if (!k.startsWith(prefix)) continue;
        const netuid = Number(k.slice(prefix.length));
        if (!this.c.subnetExists(netuid, this.c.cur)) continue;
        const alpha = this.c.stake(hot, cold, netuid);
        if (alpha > 0n) out.push({ cold, netuid, alpha });
      }
    }
    return out.sort((a, b) => a.netuid - b.netuid || (a.cold < b.cold ? -1 : a.cold > b.cold ? 1 : 0));
  }

  /** swap_hotkey(old, new, None): the owner pays the swap cost; every nominator's position moves by value. */
  swapHotkey(owner: Acc, old: Acc, next: Acc): void {
    const c = this.c;
    c.credit(owner, -KEY_SWAP_COST);
    c.emit({ pallet: 'Balances', name: 'Withdraw', args: [owner, KEY_SWAP_COST] });
    c.registerHotkey(next, owner);
    c.owners.delete(old);
    c.setLog('Owner', undefined, old);
    const silent: SilentEffect[] = [];
    for (const { cold, netuid: n, alpha } of this.holders(old)) {
      c.decreasePosition(old, cold, n, alpha);
      c.increasePosition(next, cold, n, alpha);
      if (c.stakingHotkeys(cold).includes(old)) c.addStakingHotkey(cold, next);
      silent.push({ kind: 'HotkeySwap', coldkey: cold, hotkey: old, destHotkey: next, netuid: n, alpha, tao: 0n });
    }
    for (const sub of c.subnets.values()) {
      if (sub.ownerHotkey === old && c.subnetExists(sub.netuid, c.cur)) c.setLog('SubnetOwnerHotkey', next, sub.netuid);
    }
    for (const l of c.locks.locksOnHotkey(old, c.cur)) c.locks.rebind(l.cold, l.netuid, next);
    c.emit({ pallet: 'SubtensorModule', name: 'HotkeySwapped', args: [owner, old, next], silent });
  }

  /** swap_coldkey(old, new): positions, locks, hotkey ownership and the whole free balance move. */
  swapColdkey(old: Acc, next: Acc): void {
    const c = this.c;
    const silent: SilentEffect[] = [];
    // a tracked coldkey's successor is tracked too (before its positions appear)
    if (c.tracked.has(old)) c.tracked.add(next);
    for (const n of [...c.subnets.keys()].sort((a, b) => a - b)) {
      if (!c.subnetExists(n, c.cur)) continue;
      for (const hot of c.stakingHotkeys(old)) {
        const alpha = c.stake(hot, old, n);
        if (alpha === 0n) continue;
        c.decreasePosition(hot, old, n, alpha);
        c.increasePosition(hot, next, n, alpha);
        silent.push({ kind: 'ColdkeySwap', coldkey: old, destColdkey: next, hotkey: hot, netuid: n, alpha, tao: 0n });
      }
      c.locks.moveToColdkey(old, next, n);
    }
    for (const hot of c.stakingHotkeys(old)) c.addStakingHotkey(next, hot);
    for (const [hot, owner] of c.owners) if (owner === old) c.registerHotkey(hot, next, true);
    const free = c.account(old).free;
    c.staking.modern.transfer(old, next, free);
    silent.push({
      kind: 'ColdkeySwapBalance',
      coldkey: old,
      destColdkey: next,
      hotkey: old,
      netuid: 0,
      alpha: 0n,
      tao: free,
    });
    c.emit({ pallet: 'SubtensorModule', name: 'ColdkeySwapped', args: [old, next], silent });
  }

  /**
   * root_dissolve_network: SubnetTAO is paid out pro rata to α value (protocol α, here SubnetAlphaIn,
   * counts too and its share stays unpaid), largest remainder first, one Balances.Transfer per
   * position to the coldkey's free balance; then every α row and the subnet's storage go.
   */
  dissolve(netuid: number): void {
    const c = this.c;
    const stakers: { hot: Acc; cold: Acc; alpha: bigint }[] = [];
    const hotkeys = new Set<Acc>();
    for (const [cold, set] of c.coldPositions) {
      for (const k of set) {
        const [hot, n] = k.split('|') as [Acc, string];
        if (Number(n) !== netuid) continue;
        hotkeys.add(hot);
        const alpha = c.stake(hot, cold, netuid);
        if (alpha > 0n) stakers.push({ hot, cold, alpha });
      }
    }
    stakers.sort((a, b) => (a.hot === b.hot ? (a.cold < b.cold ? -1 : 1) : a.hot < b.hot ? -1 : 1));
    const pot = c.subnetTao(netuid);
    const protocol = c.subnetAlphaIn(netuid);
    const total = stakers.reduce((s, x) => s + x.alpha, protocol);
    const portion = (alpha: bigint) => ({
      share: total ? (pot * alpha) / total : 0n,
      rem: total ? (pot * alpha) % total : 0n,
    });
    const portions = stakers.map((s) => ({ ...s, ...portion(s.alpha) }));
    const protocolPortion = { ...portion(protocol), protocol: true };
    const all = [...portions, protocolPortion];
    let leftover = pot - all.reduce((s, p) => s + p.share, 0n);
    for (const p of [...all].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : 0))) {
      if (leftover <= 0n) break;
      p.share += 1n;
      leftover -= 1n;
    }
    const silent: SilentEffect[] = [];
    for (const p of portions) {
      c.staking.modern.transfer(subnetAccount(netuid), p.cold, p.share);
      silent.push({ kind: 'DissolutionPayout', coldkey: p.cold, hotkey: p.hot, netuid, alpha: p.alpha, tao: p.share });
    }
    for (const s of stakers) c.clearPosition(s.hot, s.cold, netuid);
    for (const hot of hotkeys) c.clearPool(hot, netuid);
    for (const item of SUBNET_ITEMS) c.clearItem(item, netuid);
    for (const cold of c.coldPositions.keys()) if (c.locks.hotkeyOf(cold, netuid, c.cur)) c.locks.drop(cold, netuid);
    c.setLog('TotalNetworks', [...c.subnets.values()].filter((s) => c.subnetExists(s.netuid, c.cur)).length - 1);
    c.markDissolved(netuid);
    c.emit({ pallet: 'SubtensorModule', name: 'NetworkRemoved', args: [netuid], silent });
  }
}
