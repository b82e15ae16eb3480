/**
 * Beta baskets (spec ≥ 441; see docs/chain/baskets.md). One fund per root validator hotkey H: its
 * holdings are stake positions (H, ESCROW, netuid) in the ordinary share pools plus a root cash slot
 * (H, ESCROW, 0). Stakers hold fund shares:
 *   owed(H, c) = floor(BasketRate[H] · root_stake(H, c)) − BasketClaimed[(H, c)]   (≥ 0)
 * Root dividends queue per (H, netuid) and are deposited in place (the α credited to the escrow row),
 * minting value·P/N shares and raising BasketRate by minted / total root stake; BasketTwr multiplies by
 * 1 + value / total root stake. A claim sells owed/P of every row and stakes the TAO on root.
 */
import type { Acc } from './accounts.js';
import { BLOCK_AUTHOR, palletSubAccount, subnetAccount } from './accounts.js';
import { DividendQueue } from './basket-queue.js';
import { alphaOut, balancerFee, taoOut } from './balancer.js';
import type { Chain } from './chain.js';
import { feeRate } from './pools.js';
import type { SilentEffect } from './types.js';

/** The one escrow coldkey of every fund: PalletId("subtensr") sub-account b"beta/esc" (the standard derivation, inferred). */
export const ESCROW: Acc = palletSubAccount('subtensr', new TextEncoder().encode('beta/esc'));
/** RootClaimableThreshold[ROOT]: a claim or a queued deposit worth less is skipped (rao). */
export const CLAIM_THRESHOLD = 500_000n;
/** BasketClaimSliceDustTao default (468+): a claimant's slice of a row worth less is skipped (forfeited). */
export const SLICE_DUST = 100_000n;
/** Root dividend α per unit of root stake per block on each of a validator's dividend subnets, ppb. */
export const ROOT_DIVIDEND_PPB = 250n;
/** BasketRate is a FixedI128 whose fractional bits the metadata does not name: 32 assumed (docs/chain/baskets.md#devnet). */
const ONE32 = 1n << 32n;
const ONE64 = 1n << 64n;

export interface Row {
  netuid: number;
  alpha: bigint;
  /** fee-free full-liquidation TAO value */
  tao: bigint;
}

export class BasketBook {
  /** Root dividends queued per (H, netuid): PendingBasketDeposits. */
  readonly queue: DividendQueue;
  /** the era's first block (the 441 migration) */
  from = Number.POSITIVE_INFINITY;
  /**
   * Every hotkey that ever held a fund. Historical answers (the runtime APIs at a past block) list
   * funds from this, not from today's hotkey owners: a hotkey swapped away later still had its fund then.
   */
  readonly funds = new Set<Acc>();

  constructor(
    private readonly c: Chain,
    /** root dividend α per unit of root stake per block on each dividend subnet, ppb */
    readonly ratePpb: bigint,
  ) {
    this.queue = new DividendQueue(c, this);
  }

  // ---------------------------------------------------------------- reads

  shares(hot: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketShares', b, hot) ?? 0n;
  }
  rate(hot: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketRate', b, hot) ?? 0n;
  }
  twr(hot: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketTwr', b, hot) ?? ONE64;
  }
  claimed(hot: Acc, cold: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketClaimed', b, hot, cold) ?? 0n;
  }
  deposited(hot: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketDepositedTao', b, hot) ?? 0n;
  }
  redeemed(hot: Acc, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('BasketRedeemedTao', b, hot) ?? 0n;
  }

  /** Σ root stake on H (every coldkey but the escrow). */
  rootStake(hot: Acc, b = this.c.cur): bigint {
    let t = 0n;
    for (const [cold, set] of this.c.coldPositions) {
      if (cold !== ESCROW && set.has(`${hot}|0`)) t += this.c.stake(hot, cold, 0, b);
    }
    return t;
  }

  /** Fund shares the coldkey is owed by H's fund. */
  owed(hot: Acc, cold: Acc, b = this.c.cur): bigint {
    if (cold === ESCROW) return 0n; // the fund's own root slot is a holding, not a staker
    const gross = (this.rate(hot, b) * this.c.stake(hot, cold, 0, b)) / ONE32;
    const o = gross - this.claimed(hot, cold, b);
    return o > 0n ? o : 0n;
  }

  /** The fund's holdings with their realizable (fee-free full sale) TAO value. */
  rows(hot: Acc, b = this.c.cur): Row[] {
    const c = this.c;
    const out: Row[] = [];
    for (const n of c.netuidsWith(ESCROW, hot)) {
      // a dissolved subnet's row stays a holding until the settle phase converts it (≥ 475)
      const s = c.subnets.get(n);
      if (!s || s.registeredAt > b || (s.settledAt !== undefined && s.settledAt <= b)) continue;
      const alpha = c.stake(hot, ESCROW, n, b);
      if (alpha === 0n) continue;
      const tao = n === 0 ? alpha : taoOut(c.balancer.quote(n, b), c.balancer.reserves(n, b), alpha);
      out.push({ netuid: n, alpha, tao });
    }
    return out.sort((x, y) => x.netuid - y.netuid);
  }

  nav(hot: Acc, b = this.c.cur): bigint {
    return this.rows(hot, b).reduce((s, r) => s + r.tao, 0n);
  }

  /** get_basket_payout: what a claim would pay now, owed/P of every row's realizable value. */
  payout(hot: Acc, cold: Acc, b = this.c.cur): bigint {
    const p = this.shares(hot, b);
    if (p === 0n) return 0n;
    const owed = this.owed(hot, cold, b);
    return this.rows(hot, b).reduce((s, r) => s + (r.tao * owed) / p, 0n);
  }

  /** Root dividend α queued for (H, netuid) at block b. */
  pending(hot: Acc, netuid: number, b = this.c.cur): bigint {
    return this.queue.pending(hot, netuid, b);
  }

  // ---------------------------------------------------------------- writes

  /** Adds α to the fund's escrow row on `netuid` (the escrow lists the validator in its StakingHotkeys). */
  private hold(hot: Acc, netuid: number, alpha: bigint): void {
    this.c.increasePosition(hot, ESCROW, netuid, alpha);
    this.c.addStakingHotkey(ESCROW, hot);
  }

  private set(
    item: 'BasketShares' | 'BasketRate' | 'BasketTwr' | 'BasketDepositedTao' | 'BasketRedeemedTao',
    hot: Acc,
    v: bigint,
  ) {
    if (item === 'BasketShares') this.funds.add(hot);
    this.c.setLog(item, v, hot);
  }

  private setClaimed(hot: Acc, cold: Acc, v: bigint): void {
    this.c.setLog('BasketClaimed', v === 0n ? undefined : v, hot, cold);
  }

  /** Root stake of (H, c) changes by `delta`: the watermark moves by rate·delta (no retroactive entitlement). */
  rebase(hot: Acc, cold: Acc, delta: bigint): void {
    if (this.c.specAt(this.c.cur) < 441 || delta === 0n) return;
    // floored in both directions, so a rebase never raises what is owed
    const moved = this.rate(hot) * delta;
    const floor = moved >= 0n ? moved / ONE32 : -((-moved + ONE32 - 1n) / ONE32);
    this.setClaimed(hot, cold, this.claimed(hot, cold) + floor);
  }

  /** Mints shares for `value` added to the fund (value·P/N, or 1:1 into an empty fund). */
  private mint(hot: Acc, value: bigint, navBefore: bigint): bigint {
    const p = this.shares(hot);
    const minted = p === 0n || navBefore === 0n ? value : (value * p) / navBefore;
    this.set('BasketShares', hot, p + minted);
    this.set('BasketDepositedTao', hot, this.deposited(hot) + value);
    return minted;
  }

  /**
   * Flushes H's queued dividends: each (H, n) worth at least the threshold is credited in place to the
   * escrow row and priced at the pre-deposit NAV. Emits BasketDeposited with the stakers' gains (silent).
   */
  flush(hot: Acc, dividendSubnets: number[]): void {
    const c = this.c;
    for (const n of dividendSubnets) this.queue.serve(hot, n);
    const total = this.rootStake(hot);
    const before = this.nav(hot);
    let added = false;
    for (const n of dividendSubnets) {
      const alpha = this.pending(hot, n);
      if (alpha === 0n) continue;
      const value = taoOut(c.balancer.quote(n, c.cur), c.balancer.reserves(n, c.cur), alpha);
      // Below the threshold it stays queued at the stake it accrued with (the caller may change the stake next).
      if (value < CLAIM_THRESHOLD) {
        this.queue.restart(hot, n, false);
        continue;
      }
      this.hold(hot, n, alpha);
      c.setIndexed('SubnetAlphaOut', n, c.subnetAlphaOut(n) + alpha, n);
      this.queue.restart(hot, n, true);
      added = true;
    }
    if (!added || total === 0n) return;
    const value = this.nav(hot) - before;
    const minted = this.mint(hot, value, before);
    this.set('BasketRate', hot, this.rate(hot) + (minted * ONE32) / total);
    this.set('BasketTwr', hot, this.twr(hot) + (this.twr(hot) * value) / total);
    const silent: SilentEffect[] = [];
    for (const cold of this.c.tracked) {
      const stake = c.stake(hot, cold, 0);
      if (stake === 0n) continue;
      silent.push({
        kind: 'BasketDividend',
        coldkey: cold,
        hotkey: hot,
        netuid: 0,
        alpha: (minted * stake) / total,
        tao: (value * stake) / total,
      });
    }
    c.emit({ pallet: 'SubtensorModule', name: 'BasketDeposited', args: [hot, value, minted], silent });
  }

  /**
   * A claim on H: sells owed/P of every row fee-free (a row whose slice is dust is skipped and the
   * slice forfeited), stakes the TAO on root under H, burns the whole entitlement. Returns the TAO.
   */
  claim(hot: Acc, cold: Acc, dustRules: boolean): bigint {
    const c = this.c;
    const owed = this.owed(hot, cold);
    const p = this.shares(hot);
    if (owed === 0n || p === 0n) return 0n;
    let tao = 0n;
    let skipped = 0;
    let forfeited = 0n;
    for (const r of this.rows(hot)) {
      const slice = (r.alpha * owed) / p;
      const quote = (r.tao * owed) / p;
      if (slice === 0n) continue;
      if (dustRules && quote < SLICE_DUST) {
        skipped++;
        forfeited += quote;
        continue;
      }
      c.decreasePosition(hot, ESCROW, r.netuid, slice);
      if (r.netuid === 0) {
        tao += slice;
        continue;
      }
      const q = c.balancer.quote(r.netuid, c.cur);
      const res = c.balancer.reserves(r.netuid, c.cur);
      const out = taoOut(q, res, slice);
      c.setPool(r.netuid, res.tao - out, res.alpha + slice, c.subnetAlphaOut(r.netuid) - slice);
      c.staking.modern.transfer(subnetAccount(r.netuid), subnetAccount(0), out);
      c.setPool(0, c.subnetTao(0) + out, c.subnetAlphaIn(0), c.subnetAlphaOut(0) + out);
      // the claimant gets at most its slice of the full-liquidation quote; a better fill stays in the fund
      const paid = out < quote ? out : quote;
      if (out > paid) this.hold(hot, 0, out - paid);
      tao += paid;
    }
    this.set('BasketShares', hot, p - owed);
    this.setClaimed(hot, cold, this.claimed(hot, cold) + owed);
    this.set('BasketRedeemedTao', hot, this.redeemed(hot) + tao);
    if (tao > 0n) {
      c.increasePosition(hot, cold, 0, tao);
      c.addStakingHotkey(cold, hot);
      this.rebase(hot, cold, tao);
      c.touchStakeBlock(cold, hot, 0);
    }
    if (skipped > 0) {
      c.emit({
        pallet: 'SubtensorModule',
        name: 'BasketClaimDustSkipped',
        args: [hot, cold, skipped, forfeited],
      });
    }
    c.emit({ pallet: 'SubtensorModule', name: 'BasketClaimed', args: [hot, cold, tao], meta: { fee: owed } });
    return tao;
  }

  /**
   * stake_into_basket: the TAO buys into the holdings by value (the root slot if the fund is empty),
   * with swap fees; shares priced at the pre-buy NAV are granted by lowering the watermark.
   */
  stakeIn(hot: Acc, cold: Acc, tao: bigint): void {
    const c = this.c;
    const rows = this.rows(hot);
    const before = rows.reduce((s, r) => s + r.tao, 0n);
    const targets = rows.length ? rows : [{ netuid: 0, alpha: 0n, tao: 1n }];
    const weight = targets.reduce((s, r) => s + r.tao, 0n);
    let left = tao;
    targets.forEach((r, i) => {
      // Holdings all worth 0 TAO (dust α, e.g. left by claims) have no value to split by: the last row takes
      // it all, as a lone row does (basket475 seed 14 divided by zero here).
      const part = i === targets.length - 1 ? left : weight === 0n ? 0n : (tao * r.tao) / weight;
      left -= part;
      if (part <= 0n) return;
      c.staking.modern.transfer(cold, subnetAccount(r.netuid), part);
      if (r.netuid === 0) {
        this.hold(hot, 0, part);
        c.setPool(0, c.subnetTao(0) + part, c.subnetAlphaIn(0), c.subnetAlphaOut(0) + part);
        return;
      }
      const fee = balancerFee(part, feeRate(c.specAt(c.cur)));
      const res = c.balancer.reserves(r.netuid, c.cur);
      const alpha = alphaOut(c.balancer.quote(r.netuid, c.cur), res, part - fee);
      c.setPool(r.netuid, res.tao + part - fee, res.alpha - alpha, c.subnetAlphaOut(r.netuid) + alpha);
      c.credit(BLOCK_AUTHOR, fee);
      this.hold(hot, r.netuid, alpha);
    });
    const value = this.nav(hot) - before;
    const minted = this.mint(hot, value, before);
    this.setClaimed(hot, cold, this.claimed(hot, cold) - minted);
    // the validator joins the buyer's StakingHotkeys, which claims and coldkey swaps walk
    c.addStakingHotkey(cold, hot);
    c.emit({ pallet: 'SubtensorModule', name: 'BasketStakedIn', args: [hot, cold, tao, value, minted] });
  }

  /**
   * The 441 migration: each root staker's unclaimed legacy root α (per dividend subnet) moves into
   * the escrow row of the validator's fund and becomes fund shares at the subnet's price, granted
   * through the watermark. No event: the truth records it as BasketMigration.
   */
  migrate(owedLegacy: { hot: Acc; cold: Acc; netuid: number; alpha: bigint }[]): SilentEffect[] {
    const c = this.c;
    this.from = c.cur;
    const out: SilentEffect[] = [];
    for (const o of owedLegacy) {
      if (o.alpha === 0n || !c.subnetExists(o.netuid, c.cur)) continue;
      const value = (o.alpha * c.priceRao(o.netuid)) / 1_000_000_000n;
      const before = this.nav(o.hot);
      this.hold(o.hot, o.netuid, o.alpha);
      c.setIndexed('SubnetAlphaOut', o.netuid, c.subnetAlphaOut(o.netuid) + o.alpha, o.netuid);
      const minted = this.mint(o.hot, value, before);
      this.setClaimed(o.hot, o.cold, this.claimed(o.hot, o.cold) - minted);
      if (c.tracked.has(o.cold)) {
        out.push({
          kind: 'BasketMigration',
          coldkey: o.cold,
          hotkey: o.hot,
          netuid: o.netuid,
          alpha: o.alpha,
          tao: value,
        });
      }
    }
    return out;
  }

  /**
   * A hotkey swap moves the whole fund: shares, rate, TWR, lifetime figures and every watermark; the new
   * hotkey's dividends queue from now (the old fund was flushed just before).
   */
  moveFund(old: Acc, next: Acc, colds: Iterable<Acc>): void {
    this.queue.moveTo(old, next);
    for (const item of [
      'BasketShares',
      'BasketRate',
      'BasketTwr',
      'BasketDepositedTao',
      'BasketRedeemedTao',
    ] as const) {
      const v = this.c.getLog<bigint>(item, this.c.cur, old);
      if (v === undefined) continue;
      if (item === 'BasketShares') this.funds.add(next);
      this.c.setLog(item, v, next);
      this.c.setLog(item, undefined, old);
    }
    for (const cold of colds) {
      const w = this.claimed(old, cold);
      if (w === 0n) continue;
      this.setClaimed(next, cold, this.claimed(next, cold) + w);
      this.setClaimed(old, cold, 0n);
    }
  }

  /** A coldkey swap moves the coldkey's watermarks on every fund. */
  moveWatermarks(old: Acc, next: Acc, hotkeys: Iterable<Acc>): void {
    for (const hot of hotkeys) {
      const w = this.claimed(hot, old);
      if (w === 0n) continue;
      this.setClaimed(hot, next, this.claimed(hot, next) + w);
      this.setClaimed(hot, old, 0n);
    }
  }

  truncateAfter(keep: number): void {
    this.queue.truncateAfter(keep);
  }
}
