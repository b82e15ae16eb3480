/**
 * Silent epoch payouts (owner cut, validator take) and root claims (spec ≥ 334).
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { sellAlpha } from './pools.js';
import { taoOut } from './balancer.js';
import { subnetAccount } from './accounts.js';
import { storageKey } from '../scale/keys.js';
import type { EventRec } from './types.js';

export class Payouts {
  constructor(private readonly c: Chain) {}

  // ---------------------------------------------------------------- epoch payouts

  /**
   * Owner cut and validator take at an epoch (run_coinbase distribute_dividends_and_incentives):
   * silent share increases for the subnet owner and for each validator hotkey's owner coldkey
   * (update_value_for_one), no events. Nominators' alpha is unchanged by them: new shares are issued
   * at the current value per share.
   */
  epochPayout(netuid: number, ownerCut: bigint, validators: Acc[], takePpm: bigint): void {
    const sub = this.c.subnets.get(netuid);
    if (!sub) return;
    const pay = (hot: Acc, cold: Acc, alpha: bigint) => {
      if (alpha <= 0n) return;
      this.c.increasePosition(hot, cold, netuid, alpha);
      // basket era: root stake that grows moves the fund watermark too (no retroactive entitlement)
      if (netuid === 0) this.c.basket.rebase(hot, cold, alpha);
      this.c.setIndexed('SubnetAlphaOut', netuid, this.c.subnetAlphaOut(netuid) + alpha, netuid);
    };
    pay(sub.ownerHotkey, sub.ownerColdkey, ownerCut);
    for (const hot of validators) {
      const owner = this.c.owners.get(hot);
      if (owner) pay(hot, owner, (this.c.dividends(hot, netuid, this.c.cur) * takePpm) / 1_000_000n);
    }
  }

  // ---------------------------------------------------------------- root claims

  /**
   * Auto root claim (spec ≥ 334, in on_initialize): pays each root-stake position of `cold` its
   * accrued alpha on the hotkey's dividend subnets; Keep stakes it on that subnet, Swap sells it
   * fee-less and adds the TAO to root stake. Only `RootClaimed{coldkey}` is emitted.
   */
  rootClaim(cold: Acc, dividendSubnets: (hot: Acc) => number[], ratePpbPerBlock: bigint): void {
    const claimType = this.c.rootClaimType(cold);
    const payouts: NonNullable<EventRec['payouts']> = [];
    for (const p of this.c.positionsOf(cold)) {
      if (p.netuid !== 0) continue;
      const rootStake = this.c.stake(p.hotkey, cold, 0);
      if (rootStake === 0n) continue;
      for (const n of dividendSubnets(p.hotkey)) {
        if (!this.c.subnetExists(n, this.c.cur) || n === 0) continue;
        const key = storageKey('RootClaimed', n, p.hotkey, cold);
        const cell = this.c.cells.get(key);
        const lastBlocks = cell && cell.kind === 'log' ? cell.log.blocks : [];
        const since = lastBlocks.length
          ? (lastBlocks[lastBlocks.length - 1] as number)
          : (this.c.specs.find((s) => s.spec >= 334)?.from ?? this.c.cur);
        const elapsed = BigInt(Math.max(0, this.c.cur - since));
        const owed = (rootStake * elapsed * ratePpbPerBlock) / 1_000_000_000n;
        if (owed < 500_000n) continue; // RootClaimableThreshold
        const prev = (cell && cell.kind === 'log' ? (cell.log.at(this.c.cur) as bigint | undefined) : undefined) ?? 0n;
        this.c.setLog('RootClaimed', prev + owed, n, p.hotkey, cold);
        if (claimType === 'Keep') {
          this.c.increasePosition(p.hotkey, cold, n, owed);
          this.c.setIndexed('SubnetAlphaOut', n, this.c.subnetAlphaOut(n) + owed, n);
          payouts.push({ kind: 'RootClaimKeep', hotkey: p.hotkey, netuid: n, alpha: owed, tao: 0n });
        } else {
          const y = this.c.subnetTao(n);
          const x = this.c.subnetAlphaIn(n);
          // Sold fee-less; from 411 the TAO moves between the subnet accounts with a Balances.Transfer.
          const modern = this.c.balancer.active(n, this.c.cur);
          const tao = modern
            ? taoOut(this.c.balancer.quote(n, this.c.cur), { tao: y, alpha: x }, owed)
            : sellAlpha(y, x, owed);
          this.c.setReserve('SubnetTAO', n, y - tao);
          this.c.setReserve('SubnetAlphaIn', n, x + owed);
          if (modern) this.c.staking.modern.transfer(subnetAccount(n), subnetAccount(0), tao);
          this.c.increasePosition(p.hotkey, cold, 0, tao);
          this.c.setReserve('SubnetTAO', 0, this.c.subnetTao(0) + tao);
          this.c.setIndexed('SubnetAlphaOut', 0, this.c.subnetAlphaOut(0) + tao, 0);
          payouts.push({ kind: 'RootClaimSwap', hotkey: p.hotkey, netuid: n, alpha: owed, tao });
        }
      }
    }
    this.c.emit({ pallet: 'SubtensorModule', name: 'RootClaimed', args: [cold], payouts });
  }
}
