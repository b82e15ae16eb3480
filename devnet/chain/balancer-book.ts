/**
 * Each subnet's balancer weight over time (spec ≥ 423). Swaps leave the weight alone; emission
 * injection moves it so the price stays. The devnet stores an anchor (weight and reserves) at every
 * reserve write and derives the weight at any later block from the reserves the injection has grown
 * to since (balancer.ts weightAfterInjection), so nothing is stored per block. The first anchor is
 * the swap-v3 → balancer migration at the upgrade (or the subnet's registration): weight ½.
 */
import { HALF, type Reserves, priceBits, priceRao, weightAfterInjection } from './balancer.js';
import type { ChainState } from './state.js';
import { ChangeLog } from './state-log.js';

export const BALANCER_SPEC = 423;

interface Anchor extends Reserves {
  q: bigint;
}

export class BalancerBook {
  private readonly anchors = new Map<number, ChangeLog<Anchor>>();

  constructor(private readonly s: ChainState) {}

  /** Whether block b prices `netuid` with the balancer. */
  active(netuid: number, b: number): boolean {
    return netuid !== 0 && this.s.specAt(b) >= BALANCER_SPEC && this.s.subnets.has(netuid);
  }

  reserves(netuid: number, b: number): Reserves {
    return { tao: this.s.subnetTao(netuid, b), alpha: this.s.subnetAlphaIn(netuid, b) };
  }

  /** Quote weight q (Perquintill parts) in the state of block b. */
  quote(netuid: number, b: number): bigint {
    const a = this.anchors.get(netuid)?.at(b) ?? this.initial(netuid);
    return weightAfterInjection(a.q, a, this.reserves(netuid, b));
  }

  private initial(netuid: number): Anchor {
    const from = Math.max(this.s.specs.find((x) => x.spec >= BALANCER_SPEC)?.from ?? 0, this.registeredAt(netuid));
    return { q: HALF, ...this.reserves(netuid, from) };
  }

  private registeredAt(netuid: number): number {
    return this.s.subnets.get(netuid)?.registeredAt ?? 0;
  }

  /** Records the weight `q` (taken before a reserve write) against the reserves after it. */
  anchor(netuid: number, q: bigint): void {
    let log = this.anchors.get(netuid);
    if (!log) this.anchors.set(netuid, (log = new ChangeLog()));
    log.set(this.s.cur, { q, ...this.reserves(netuid, this.s.cur) });
  }

  priceBits(netuid: number, b: number): bigint {
    return priceBits(this.quote(netuid, b), this.reserves(netuid, b));
  }

  priceRao(netuid: number, b: number): bigint {
    return priceRao(this.quote(netuid, b), this.reserves(netuid, b));
  }

  /** Reorg rollback: drop anchors above `keep`. */
  truncateAfter(keep: number): void {
    for (const log of this.anchors.values()) log.truncateAfter(keep);
  }
}
