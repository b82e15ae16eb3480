/**
 * Staking primitives of the balancer era (spec ≥ 423; see docs/chain/staking-424.md):
 *  - TAO really moves: Balances.Transfer coldkey → subnet account on a stake, subnet account →
 *    coldkey on an unstake, subnet account → block author for the swap fee;
 *  - StakeAdded(coldkey, hotkey, tao_staked (gross), α bought, netuid, fee TAO);
 *  - StakeRemoved(coldkey, hotkey, TAO out (net), α swapped (net of the fee), netuid, fee α); the
 *    position falls by α + fee; the α fee is then sold fee-less for the author;
 *  - same-subnet moves are transfers without a swap (fee 0, tao = α · spot price).
 */
import type { Acc } from './accounts.js';
import { BLOCK_AUTHOR, subnetAccount } from './accounts.js';
import { alphaOut, balancerFee, taoOut } from './balancer.js';
import type { Chain } from './chain.js';
import { feeRate, minStake } from './pools.js';
import { BASKET_SPEC } from './state.js';

/** Existential deposit: a stake leaves at least this much free (transfer_tao_to_subnet preserves it). */
export const EXISTENTIAL_DEPOSIT = 500n;
const U64F64_ONE = 1n << 64n;

export class ModernStaking {
  constructor(private readonly c: Chain) {}

  /** Balances.Transfer with the free balances it moves (subnet accounts' own balances are not modelled). */
  transfer(from: Acc, to: Acc, amount: bigint): void {
    if (amount <= 0n) return;
    const c = this.c;
    if (!isSubnetAccount(from)) c.credit(from, -amount);
    if (!isSubnetAccount(to)) c.credit(to, amount);
    c.emit({ pallet: 'Balances', name: 'Transfer', args: [from, to, amount] });
  }

  /** TAO → α through the pool (1:1 and fee-free on root). Updates reserves, SubnetAlphaOut and volume. */
  private buy(netuid: number, tao: bigint, dropFees: boolean): { alpha: bigint; fee: bigint } {
    const c = this.c;
    const y = c.subnetTao(netuid);
    const x = c.subnetAlphaIn(netuid);
    const out = c.subnetAlphaOut(netuid);
    if (netuid === 0) {
      c.setPool(0, y + tao, x, out + tao);
      return { alpha: tao, fee: 0n };
    }
    const fee = dropFees ? 0n : balancerFee(tao, feeRate(c.specAt(c.cur)));
    const alpha = alphaOut(c.balancer.quote(netuid, c.cur), { tao: y, alpha: x }, tao - fee);
    c.setPool(netuid, y + tao - fee, x - alpha, out + alpha);
    c.addVolume(netuid, tao);
    return { alpha, fee };
  }

  /** α → TAO through the pool. Returns TAO out, the α fee and the α that entered the reserve. */
  private sell(netuid: number, alpha: bigint, dropFees: boolean): { tao: bigint; fee: bigint; net: bigint } {
    const c = this.c;
    const y = c.subnetTao(netuid);
    const x = c.subnetAlphaIn(netuid);
    const out = c.subnetAlphaOut(netuid);
    if (netuid === 0) {
      c.setPool(0, y - alpha, x, out - alpha);
      return { tao: alpha, fee: 0n, net: alpha };
    }
    const fee = dropFees ? 0n : balancerFee(alpha, feeRate(c.specAt(c.cur)));
    const net = alpha - fee;
    const tao = taoOut(c.balancer.quote(netuid, c.cur), { tao: y, alpha: x }, net);
    c.setPool(netuid, y - tao, x + net, out - net);
    c.addVolume(netuid, tao);
    return { tao, fee, net };
  }

  /** stake_into_subnet: takes up to `tao` from the coldkey (keeping the existential deposit). */
  stakeInto(cold: Acc, hot: Acc, netuid: number, tao: bigint, dropFees: boolean): bigint {
    const c = this.c;
    const free = c.account(cold).free;
    const staked = tao < free - EXISTENTIAL_DEPOSIT ? tao : free - EXISTENTIAL_DEPOSIT;
    if (staked <= 0n) return 0n;
    this.rootChange(hot, netuid);
    this.transfer(cold, subnetAccount(netuid), staked);
    const { alpha, fee } = this.buy(netuid, staked, dropFees);
    c.increasePosition(hot, cold, netuid, alpha);
    if (netuid === 0) c.basket.rebase(hot, cold, alpha);
    c.addStakingHotkey(cold, hot);
    this.transfer(subnetAccount(netuid), BLOCK_AUTHOR, fee);
    c.locks.touch(cold, netuid);
    c.touchStakeBlock(cold, hot, netuid);
    c.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [cold, hot, staked, alpha, netuid, fee] });
    return alpha;
  }

  /** unstake_from_subnet: sells `alpha` (≤ position) and pays the TAO to `beneficiary`. */
  unstakeFrom(cold: Acc, hot: Acc, netuid: number, alpha: bigint, dropFees: boolean, beneficiary = cold): bigint {
    const c = this.c;
    this.rootChange(hot, netuid);
    c.decreasePosition(hot, cold, netuid, alpha);
    if (netuid === 0) c.basket.rebase(hot, cold, -alpha);
    const { tao, fee, net } = this.sell(netuid, alpha, dropFees);
    this.transfer(subnetAccount(netuid), beneficiary, tao);
    if (fee > 0n) {
      // The α fee is swapped fee-less and its TAO paid to the block author.
      const author = this.sell(netuid, fee, true);
      this.transfer(subnetAccount(netuid), BLOCK_AUTHOR, author.tao);
    }
    c.locks.touch(cold, netuid);
    c.touchStakeBlock(cold, hot, netuid);
    c.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [cold, hot, tao, net, netuid, fee] });
    return tao;
  }

  /** A root stake change touches the validator's fund (≥ 441): its queued dividends are deposited first. */
  private rootChange(hot: Acc, netuid: number): void {
    const c = this.c;
    if (netuid === 0 && c.specAt(c.cur) >= BASKET_SPEC) c.basket.flush(hot, c.dividendSubnetsOf(hot));
  }

  /** TAO value of α at the spot price (transfer_stake_within_subnet): floor(price · α) in U64F64. */
  spotValue(netuid: number, alpha: bigint): bigint {
    if (netuid === 0) return alpha;
    return (this.c.balancer.priceBits(netuid, this.c.cur) * alpha) / U64F64_ONE;
  }

  transferWithin(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, netuid: number, alpha: bigint): bigint {
    const c = this.c;
    this.rootChange(oHot, netuid);
    this.rootChange(dHot, netuid);
    c.decreasePosition(oHot, oCold, netuid, alpha);
    c.increasePosition(dHot, dCold, netuid, alpha);
    if (netuid === 0) {
      c.basket.rebase(oHot, oCold, -alpha);
      c.basket.rebase(dHot, dCold, alpha);
    }
    c.addStakingHotkey(dCold, dHot);
    const tao = this.spotValue(netuid, alpha);
    c.touchStakeBlock(dCold, dHot, netuid);
    c.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [oCold, oHot, tao, alpha, netuid, 0n] });
    c.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [dCold, dHot, tao, alpha, netuid, 0n] });
    return tao;
  }

  /** transition_stake_internal: the origin pays the fee unless it is root (then the destination pays). */
  moveAcross(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, oNet: number, dNet: number, alpha: bigint): bigint {
    if (oNet === dNet) return this.transferWithin(oCold, dCold, oHot, dHot, oNet, alpha);
    const dropOrigin = oNet === 0;
    const tao = this.unstakeFrom(oCold, oHot, oNet, alpha, dropOrigin);
    if (oCold !== dCold) this.transfer(oCold, dCold, tao);
    if (tao >= minStake(this.c.specAt(this.c.cur))) this.stakeInto(dCold, dHot, dNet, tao, !dropOrigin);
    return tao;
  }

  /** clear_small_nomination_if_required: a nominator's remainder worth less than the minimum stake is sold. */
  clearDust(cold: Acc, hot: Acc, netuid: number): void {
    const c = this.c;
    if (c.owners.get(hot) === cold) return;
    const rest = c.stake(hot, cold, netuid);
    if (rest === 0n) return;
    const price = netuid === 0 ? U64F64_ONE : c.balancer.priceBits(netuid, c.cur);
    const minAlpha = price === 0n ? 0n : (minStake(c.specAt(c.cur)) * U64F64_ONE) / price;
    if (rest >= minAlpha) return;
    this.unstakeFrom(cold, hot, netuid, rest, false);
    c.locks.forceReduce(cold, netuid, rest);
  }
}

const SUBNET_ACCOUNT_PREFIX = subnetAccount(0).slice(0, 26);

function isSubnetAccount(a: Acc): boolean {
  return a.startsWith(SUBNET_ACCOUNT_PREFIX);
}
