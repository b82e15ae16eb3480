/**
 * Staking primitives (stake_into_subnet, unstake_from_subnet, transfer_stake_within_subnet and
 * cross-position moves) with the swap math, fee rules and event sequences of each runtime era.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { BALANCER_SPEC } from './balancer-book.js';
import { FLAT_FEE, buyAlpha, feeEra, minStake, sellAlpha, swapFee } from './pools.js';
import { ModernStaking } from './staking-modern.js';

export type FeeMode = 'full' | 'half' | 'none';

export class Staking {
  /** the balancer era's primitives (spec ≥ 423) */
  readonly modern: ModernStaking;

  constructor(private readonly c: Chain) {
    this.modern = new ModernStaking(c);
  }

  private get isModern(): boolean {
    return this.c.specAt(this.c.cur) >= BALANCER_SPEC;
  }

  /** add_stake's effect: the coldkey pays `tao`, the position gets the α it buys. */
  addStake(cold: Acc, hot: Acc, netuid: number, tao: bigint): void {
    if (this.isModern) {
      this.modern.stakeInto(cold, hot, netuid, tao, false);
      return;
    }
    this.c.credit(cold, -tao);
    this.stakeInto(cold, hot, netuid, tao, 'full');
  }

  /** remove_stake's effect: sells `alpha` (≤ position) and credits the TAO to the coldkey. */
  removeStake(cold: Acc, hot: Acc, netuid: number, alpha: bigint): void {
    if (this.isModern) this.modern.unstakeFrom(cold, hot, netuid, alpha, false);
    else this.c.credit(cold, this.unstakeFrom(cold, hot, netuid, alpha, 'full'));
  }

  /** stake_into_subnet. feeMode: 'full' add fee, 'half' move side (flat era 25k), 'none'. Returns alpha bought. */
  stakeInto(cold: Acc, hot: Acc, netuid: number, tao: bigint, feeMode: FeeMode): bigint {
    const spec = this.c.specAt(this.c.cur);
    const era = feeEra(spec);
    let fee = 0n;
    let alpha: bigint;
    let evTao: bigint;
    const y = this.c.subnetTao(netuid);
    const x = this.c.subnetAlphaIn(netuid);
    const out = this.c.subnetAlphaOut(netuid);
    if (era === 'flat') {
      fee = feeMode === 'none' ? 0n : feeMode === 'half' ? FLAT_FEE / 2n : FLAT_FEE;
      if (fee > tao) fee = tao;
      const net = tao - fee;
      alpha = netuid === 0 ? net : buyAlpha(y, x, net);
      // The flat fee stays in the pool (added to SubnetTAO).
      this.c.setPool(netuid, y + tao, netuid === 0 ? x : x - alpha, out + alpha);
      evTao = net;
    } else {
      if (netuid !== 0 && feeMode !== 'none') fee = swapFee(spec, tao);
      const dy = tao - fee;
      alpha = netuid === 0 ? dy : buyAlpha(y, x, dy);
      // v3: the fee leaves the reserves (LP accumulators < 385, block author ≥ 385).
      this.c.setPool(netuid, y + dy, netuid === 0 ? x : x - alpha, out + alpha);
      evTao = tao;
    }
    this.c.increasePosition(hot, cold, netuid, alpha);
    this.c.touchStakeBlock(cold, hot);
    this.c.addStakingHotkey(cold, hot);
    this.c.addVolume(netuid, tao);
    this.c.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [cold, hot, evTao, alpha, netuid, fee] });
    return alpha;
  }

  /** unstake_from_subnet: sells `alpha` (≤ position). Returns TAO credited (net). */
  unstakeFrom(cold: Acc, hot: Acc, netuid: number, alpha: bigint, feeMode: FeeMode): bigint {
    const spec = this.c.specAt(this.c.cur);
    const era = feeEra(spec);
    this.c.decreasePosition(hot, cold, netuid, alpha);
    const y = this.c.subnetTao(netuid);
    const x = this.c.subnetAlphaIn(netuid);
    const out = this.c.subnetAlphaOut(netuid);
    let fee = 0n;
    let tao: bigint;
    if (era === 'flat') {
      const gross = netuid === 0 ? alpha : sellAlpha(y, x, alpha);
      fee = feeMode === 'none' ? 0n : feeMode === 'half' ? FLAT_FEE / 2n : FLAT_FEE;
      if (fee > gross) fee = gross;
      tao = gross - fee;
      this.c.setPool(netuid, y - tao, netuid === 0 ? x : x + alpha, out - alpha);
    } else {
      if (netuid !== 0 && feeMode !== 'none') fee = swapFee(spec, alpha);
      const dx = alpha - fee;
      tao = netuid === 0 ? dx : sellAlpha(y, x, dx);
      let newX = netuid === 0 ? x : x + dx;
      let newY = y - tao;
      if (spec >= 385 && fee > 0n) {
        // The alpha fee is sold fee-less and its TAO goes to the block author.
        const feeTao = sellAlpha(newY, newX, fee);
        newX += fee;
        newY -= feeTao;
      }
      this.c.setPool(netuid, newY, newX, out - alpha);
    }
    this.c.touchStakeBlock(cold, hot);
    this.c.addVolume(netuid, tao);
    this.c.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [cold, hot, tao, alpha, netuid, fee] });
    return tao;
  }

  /** TAO worth of α at the spot price, as transfer_stake_within_subnet values it in this runtime. */
  spotValue(netuid: number, alpha: bigint): bigint {
    if (this.isModern) return this.modern.spotValue(netuid, alpha);
    return netuid === 0 ? alpha : (alpha * this.c.priceRao(netuid)) / 1_000_000_000n;
  }

  /** transfer_stake_within_subnet of this runtime (≥ 297): StakeRemoved + StakeAdded, fee 0. Returns the TAO worth. */
  transferWithinSubnet(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, netuid: number, alpha: bigint): bigint {
    if (this.isModern) return this.modern.transferWithin(oCold, dCold, oHot, dHot, netuid, alpha);
    return this.transferWithin(oCold, dCold, oHot, dHot, netuid, alpha);
  }

  /** transfer_stake_within_subnet (≥ 297): no swap, fee 0, tao = alpha × price. */
  private transferWithin(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, netuid: number, alpha: bigint): bigint {
    const tao = this.spotValue(netuid, alpha);
    this.c.decreasePosition(oHot, oCold, netuid, alpha);
    this.c.increasePosition(dHot, dCold, netuid, alpha);
    this.c.touchStakeBlock(dCold, dHot);
    this.c.addStakingHotkey(dCold, dHot);
    this.c.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [oCold, oHot, tao, alpha, netuid, 0n] });
    this.c.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [dCold, dHot, tao, alpha, netuid, 0n] });
    return tao;
  }

  /** Cross-position move: unstake + stake with the fee sides of the runtime in force (docs/chain/fees.md). */
  moveAcross(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, oNet: number, dNet: number, alpha: bigint): bigint {
    if (this.isModern) return this.modern.moveAcross(oCold, dCold, oHot, dHot, oNet, dNet, alpha);
    const spec = this.c.specAt(this.c.cur);
    if (oNet === dNet && spec >= 297) return this.transferWithin(oCold, dCold, oHot, dHot, oNet, alpha);
    let feeO: FeeMode;
    let feeD: FeeMode;
    if (spec < 283) [feeO, feeD] = ['half', 'half'];
    else if (spec < 297) [feeO, feeD] = ['full', 'full'];
    else if (spec < 315) [feeO, feeD] = ['none', 'full'];
    else [feeO, feeD] = oNet === 0 ? ['none', 'full'] : ['full', 'none'];
    const tao = this.unstakeFrom(oCold, oHot, oNet, alpha, feeO);
    if (tao >= minStake(spec)) this.stakeInto(dCold, dHot, dNet, tao, feeD);
    return tao;
  }

  /** clear_small_nomination_if_required: a non-owner remainder below the minimum is unstaked too. */
  clearDust(cold: Acc, hot: Acc, netuid: number): void {
    if (this.isModern) {
      this.modern.clearDust(cold, hot, netuid);
      return;
    }
    if (this.c.owners.get(hot) === cold) return;
    const rest = this.c.stake(hot, cold, netuid);
    if (rest === 0n) return;
    const restTao = netuid === 0 ? rest : (rest * this.c.priceRao(netuid)) / 1_000_000_000n;
    if (restTao >= minStake(this.c.specAt(this.c.cur))) return;
    const tao = this.unstakeFrom(
      cold,
      hot,
      netuid,
      rest,
      feeEra(this.c.specAt(this.c.cur)) === 'flat' ? 'none' : 'full',
    );
    this.c.credit(cold, tao);
  }
}
