/**
 * What market actors and scripted users also do in the balancer era (spec ≥ 423): lock part of a
 * position or move a lock, add_stake_burn, and trade through the limit-order pallet (a relayer
 * executes their orders one by one or netted in a batch). Randomness is drawn only in that era, so
 * older histories are untouched.
 */
import type { Acc } from './accounts.js';
import { deriveAccount } from './accounts.js';
import { orderId } from './limit-orders.js';
import type { Rng } from './rng.js';
import type { Action, LimitOrder } from './types.js';
import type { World } from './world.js';

const TAO = 1_000_000_000n;

export interface Held {
  hotkey: Acc;
  netuid: number;
  alpha: bigint;
}

export class ModernActors {
  /** signs the limit-order batches (endowed at the upgrade) */
  readonly relayer: Acc;
  readonly feeRecipient: Acc;
  private nextOrder = 0;

  constructor(private readonly w: World) {
    this.relayer = deriveAccount(`${w.seed}:order-relayer`);
    this.feeRecipient = deriveAccount(`${w.seed}:order-fees`);
  }

  /** A balancer-era action for `cold`, or null to fall through to the ordinary ones. */
  pick(r: Rng, cold: Acc, targets: { hotkey: Acc; netuid: number }[], held: Held | null): Action | null {
    const c = this.w.chain;
    const x = r.next();
    if (x < 0.04 && held && held.netuid !== 0) return this.lockAction(r, cold, held, targets);
    if (x < 0.05) {
      const t = r.pick(targets);
      if (t.netuid === 0 || !c.subnetExists(t.netuid, c.cur) || c.account(cold).free < 3n * TAO) return null;
      return {
        kind: 'add_stake_burn',
        coldkey: cold,
        hotkey: t.hotkey,
        netuid: t.netuid,
        tao: r.big(TAO / 2n, 2n * TAO),
      };
    }
    if (x < 0.1) return this.orderAction(r, cold, targets, held);
    return null;
  }

  private lockAction(r: Rng, cold: Acc, held: Held, targets: { hotkey: Acc; netuid: number }[]): Action | null {
    const c = this.w.chain;
    const bound = c.locks.hotkeyOf(cold, held.netuid, c.cur);
    if (bound !== undefined && bound !== held.hotkey) {
      return { kind: 'move_lock', coldkey: cold, destHotkey: held.hotkey, netuid: held.netuid };
    }
    const other = targets.find((t) => t.netuid === held.netuid && t.hotkey !== held.hotkey);
    if (bound !== undefined && other && r.chance(0.3)) {
      return { kind: 'move_lock', coldkey: cold, destHotkey: other.hotkey, netuid: held.netuid };
    }
    const alpha = (c.locks.available(cold, held.netuid) * BigInt(r.int(10, 60))) / 100n;
    if (alpha === 0n) return null;
    return { kind: 'lock_stake', coldkey: cold, hotkey: held.hotkey, netuid: held.netuid, alpha };
  }

  private order(r: Rng, signer: Acc, hotkey: Acc, netuid: number): LimitOrder | null {
    const c = this.w.chain;
    const alpha = c.stake(hotkey, signer, netuid);
    const available = c.locks.available(signer, netuid);
    const id = orderId(`${this.w.seed}:${c.cur}:${this.nextOrder++}`);
    const base = { id, signer, hotkey, feePpb: 2_000_000n, feeRecipient: this.feeRecipient };
    if (alpha > 0n && available > 0n && r.chance(0.5)) {
      const amount = ((alpha < available ? alpha : available) * BigInt(r.int(10, 60))) / 100n;
      if (c.staking.modern.spotValue(netuid, amount) < 10_000_000n) return null;
      return { ...base, side: 'sell', amount };
    }
    const free = c.account(signer).free;
    if (free < 3n * TAO) return null;
    return { ...base, side: 'buy', amount: r.big(TAO, free / 8n > TAO ? free / 8n : TAO) };
  }

  /** The relayer executes `cold`'s order with up to three market actors' orders on the same subnet. */
  private orderAction(r: Rng, cold: Acc, targets: { hotkey: Acc; netuid: number }[], held: Held | null): Action | null {
    const c = this.w.chain;
    const t = held && held.netuid !== 0 ? held : r.pick(targets);
    if (t.netuid === 0 || !c.subnetExists(t.netuid, c.cur)) return null;
    const orders: LimitOrder[] = [];
    const first = this.order(r, cold, t.hotkey, t.netuid);
    if (first) orders.push(first);
    const pairs = this.w.pairsByNet.get(t.netuid) ?? [];
    for (let i = r.int(1, 4); i > 0 && pairs.length; i--) {
      const signer = r.pick(this.w.market);
      if (signer === cold || orders.some((o) => o.signer === signer)) continue;
      const held2 = c.openOf(signer).find((p) => p.netuid === t.netuid);
      const o = this.order(r, signer, held2?.hotkey ?? r.pick(pairs).hotkey, t.netuid);
      if (o) orders.push(o);
    }
    if (!first || orders.length === 0) return null;
    return { kind: 'limit_orders', coldkey: this.relayer, netuid: t.netuid, batched: r.chance(0.5), orders };
  }
}
