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
import { ESCROW } from './basket.js';
import { BASKET_SPEC } from './state.js';
import { PHASED_DISSOLUTION_SPEC } from './basket-era.js';

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
  'SubnetIdentitiesV3',
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
    // basket era: the fund's queued dividends are deposited before it moves with the hotkey
    if (c.specAt(c.cur) >= BASKET_SPEC) c.basket.flush(old, c.dividendSubnetsOf(old));
    const silent: SilentEffect[] = [];
    for (const { cold, netuid: n } of this.holders(old)) {
      // Read at the move: moving an earlier holder re-rounds this one's value (a rao less than listed
      // would be refused whole, and the α doubled under both hotkeys: upgrade424 seed 101).
      const alpha = c.decreasePosition(old, cold, n, c.stake(old, cold, n));
      c.increasePosition(next, cold, n, alpha);
      if (c.stakingHotkeys(cold).includes(old)) c.addStakingHotkey(cold, next);
      silent.push({ kind: 'HotkeySwap', coldkey: cold, hotkey: old, destHotkey: next, netuid: n, alpha, tao: 0n });
    }
    for (const sub of c.subnets.values()) {
      if (sub.ownerHotkey === old && c.subnetExists(sub.netuid, c.cur)) c.setLog('SubnetOwnerHotkey', next, sub.netuid);
    }
    for (const l of c.locks.locksOnHotkey(old, c.cur)) c.locks.rebind(l.cold, l.netuid, next);
    if (c.specAt(c.cur) >= BASKET_SPEC) c.basket.moveFund(old, next, c.coldPositions.keys());
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
    if (c.specAt(c.cur) >= BASKET_SPEC) c.basket.moveWatermarks(old, next, c.stakingHotkeys(old));
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
   * root_dissolve_network. At 424 everything happens in the call: SubnetTAO is paid out pro rata to α
   * value (protocol α, here SubnetAlphaIn, counts too and its share stays unpaid), largest remainder
   * first, one Balances.Transfer per position to the coldkey's free balance, then every α row and the
   * subnet's storage go, then NetworkRemoved. From 475 only NetworkRemoved happens now; the payouts
   * follow in a later block's settle phase (settle()), the cleanup's end after that.
   */
  dissolve(netuid: number): void {
    const c = this.c;
    c.markDissolved(netuid);
    if (c.specAt(c.cur) >= PHASED_DISSOLUTION_SPEC) {
      c.emit({ pallet: 'SubtensorModule', name: 'NetworkRemoved', args: [netuid] });
      return;
    }
    const silent: SilentEffect[] = [];
    for (const p of this.portions(netuid)) {
      c.staking.modern.transfer(subnetAccount(netuid), p.cold, p.share);
      silent.push({ kind: 'DissolutionPayout', coldkey: p.cold, hotkey: p.hot, netuid, alpha: p.alpha, tao: p.share });
    }
    this.clear(netuid);
    this.settled(netuid);
    c.emit({ pallet: 'SubtensorModule', name: 'NetworkRemoved', args: [netuid], silent });
  }

  /**
   * The settle phase of a ≥ 475 dissolution (block hook): funds' escrow rows are converted into their
   * root slots (BasketHoldingConverted); every other coldkey gets one aggregated transfer.
   */
  settle(netuid: number): void {
    const c = this.c;
    const perColdkey = new Map<Acc, { tao: bigint; effects: SilentEffect[] }>();
    for (const p of this.portions(netuid)) {
      if (p.cold === ESCROW) {
        c.increasePosition(p.hot, ESCROW, 0, p.share);
        c.addStakingHotkey(ESCROW, p.hot);
        c.setPool(0, c.subnetTao(0) + p.share, c.subnetAlphaIn(0), c.subnetAlphaOut(0) + p.share);
        c.emit({ pallet: 'SubtensorModule', name: 'BasketHoldingConverted', args: [p.hot, netuid, p.share] });
        continue;
      }
      const agg = perColdkey.get(p.cold) ?? { tao: 0n, effects: [] };
      agg.tao += p.share;
      agg.effects.push({
        kind: 'DissolutionPayout',
        coldkey: p.cold,
        hotkey: p.hot,
        netuid,
        alpha: p.alpha,
        tao: p.share,
      });
      perColdkey.set(p.cold, agg);
    }
    for (const [cold, agg] of perColdkey) {
      if (agg.tao <= 0n) continue;
      c.credit(cold, agg.tao);
      c.emit({
        pallet: 'Balances',
        name: 'Transfer',
        args: [subnetAccount(netuid), cold, agg.tao],
        silent: agg.effects,
      });
    }
    this.clear(netuid);
    this.settled(netuid);
  }

  /** The subnet's α rows were paid out and deleted at the current block (StakeInfo stops listing them). */
  private settled(netuid: number): void {
    const s = this.c.subnets.get(netuid);
    if (s) s.settledAt = this.c.cur;
  }

  /** The end of a ≥ 475 dissolution's cleanup. */
  cleanupCompleted(netuid: number): void {
    this.c.emit({ pallet: 'SubtensorModule', name: 'NetworkDissolveCleanupCompleted', args: [netuid] });
  }

  /** Each position's pro-rata share of SubnetTAO, largest remainders rounded up (destroy_alpha_in_out_stakes). */
  private portions(netuid: number): { hot: Acc; cold: Acc; alpha: bigint; share: bigint }[] {
    const c = this.c;
    const stakers: { hot: Acc; cold: Acc; alpha: bigint }[] = [];
    for (const [cold, set] of c.coldPositions) {
      for (const k of set) {
        const [hot, n] = k.split('|') as [Acc, string];
        if (Number(n) !== netuid) continue;
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
    const all = [...portions, { ...portion(protocol), protocol: true }];
    let leftover = pot - all.reduce((s, p) => s + p.share, 0n);
    for (const p of [...all].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : 0))) {
      if (leftover <= 0n) break;
      p.share += 1n;
      leftover -= 1n;
    }
    return portions;
  }

  /** Deletes every α row, pool, lock and per-subnet item of a dissolved subnet. */
  private clear(netuid: number): void {
    const c = this.c;
    const hotkeys = new Set<Acc>();
    for (const [cold, set] of c.coldPositions) {
      for (const k of set) {
        const [hot, n] = k.split('|') as [Acc, string];
        if (Number(n) !== netuid) continue;
        hotkeys.add(hot);
        c.clearPosition(hot, cold, netuid);
      }
      if (c.locks.hotkeyOf(cold, netuid, c.cur)) c.locks.drop(cold, netuid);
    }
    for (const hot of hotkeys) c.clearPool(hot, netuid);
    for (const item of SUBNET_ITEMS) c.clearItem(item, netuid);
    c.setLog('TotalNetworks', [...c.subnets.values()].filter((s) => c.subnetExists(s.netuid, c.cur)).length);
  }
}
