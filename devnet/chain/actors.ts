/**
 * The seeded participants that act on the chain: market actors (random stake, unstake, moves,
 * transfers, swaps, recycles) and the scenario's scripted users. Each draws from its own Rng, so the
 * history is a pure function of the seed.
 */
import type { Acc } from './accounts.js';
import type { Action } from './types.js';
import { TX_FEE } from './types.js';
import { BALANCER_SPEC } from './balancer-book.js';
import type { Rng } from './rng.js';
import type { User } from './scenario.js';
import type { World } from './world.js';

const TAO = 1_000_000_000n;
/** what an all-in user leaves free: less than one transaction fee */
const ALL_IN_REST = 60_000n;

export class Actors {
  constructor(private readonly w: World) {}

  marketBlock(): void {
    const n = 1 + Math.floor(this.w.marketRng.next() * 3);
    for (let i = 0; i < n; i++) {
      const a = this.marketAction();
      if (a) this.w.chain.submitExtrinsic(a);
    }
    const collateral = this.w.basketEra.collateralAction(this.w.marketRng);
    if (collateral) this.w.chain.submitExtrinsic(collateral);
  }

  /** One random open position with its alpha (cheap: actors can hold dozens of positions). */
  private pickHeld(r: Rng, cold: Acc): { hotkey: Acc; netuid: number; alpha: bigint } | null {
    const c = this.w.chain;
    const open = c.openOf(cold);
    for (let tries = 0; tries < 3 && open.length; tries++) {
      const p = r.pick(open);
      const alpha = c.stake(p.hotkey, cold, p.netuid);
      if (alpha > 0n) return { ...p, alpha };
    }
    return null;
  }

  private marketAction(): Action | null {
    const r = this.w.marketRng;
    const cold = r.pick(this.w.market);
    // Buy more while the actor still holds much of its endowment, sell more once invested: keeps
    // prices mean-reverting instead of drifting up all year.
    const initial = this.w.endowment.get(cold) ?? 1n;
    const freeShare = Number((this.w.chain.account(cold).free * 1000n) / initial) / 1000;
    const addShare = Math.min(0.6, Math.max(0.2, freeShare * 0.9));
    return this.randomAction(r, cold, this.w.pairs, this.w.market, addShare);
  }

  userAction(u: User): Action | null {
    const others = this.w.users.filter((x) => x !== u).map((x) => x.coldkey);
    const a = this.randomAction(
      this.w.userRng,
      u.coldkey,
      u.targets,
      others.length ? others : this.w.market.slice(0, 5),
      0.45,
    );
    // An all-in user stakes everything but dust: its next unstake pays the transaction fee in α.
    const c = this.w.chain;
    if (a?.kind === 'add_stake' && u.cfg.allIn && c.specAt(c.cur) >= BALANCER_SPEC) {
      const rest = c.account(u.coldkey).free - TX_FEE - ALL_IN_REST;
      if (rest > a.tao) return { ...a, tao: rest };
    }
    return a;
  }

  private randomAction(
    r: Rng,
    cold: Acc,
    targets: { hotkey: Acc; netuid: number }[],
    counterparties: Acc[],
    addShare: number,
  ): Action | null {
    const c = this.w.chain;
    // ~1 % of signed calls fail (below the minimum stake): a nonce bump with ExtrinsicFailed and no stake event.
    if (r.chance(0.01)) {
      const t = r.pick(targets);
      return { kind: 'add_stake', coldkey: cold, hotkey: t.hotkey, netuid: t.netuid, tao: 1_000n };
    }
    const p = this.pickHeld(r, cold);
    const modern = c.specAt(c.cur) >= BALANCER_SPEC;
    if (modern) {
      const live = targets.filter((t) => c.subnetExists(t.netuid, c.cur));
      if (live.length) targets = live;
      const b = this.w.basketEra.pick(r, cold, targets);
      if (b) return b;
      const m = this.w.modernActors.pick(r, cold, targets, p);
      if (m) return m;
    }
    const free = c.account(cold).free;
    const x = r.next();
    if (p === null || x < addShare) {
      if (free < 2n * TAO) return p ? this.removeAction(r, cold, p) : null;
      const t = r.pick(targets);
      const tao = r.big(TAO / 2n, free / 6n > TAO ? free / 6n : TAO);
      return { kind: 'add_stake', coldkey: cold, hotkey: t.hotkey, netuid: t.netuid, tao };
    }
    const part = (p.alpha * BigInt(r.int(10, 101))) / 100n;
    if (x < addShare + 0.25) return this.removeAction(r, cold, p);
    if (x < addShare + 0.33) {
      const d = r.pick(targets);
      return {
        kind: 'move_stake',
        coldkey: cold,
        originHotkey: p.hotkey,
        destHotkey: d.hotkey,
        originNetuid: p.netuid,
        destNetuid: d.netuid,
        alpha: part,
      };
    }
    if (x < addShare + 0.41) {
      const d =
        targets.find((t) => t.hotkey === p.hotkey && t.netuid !== p.netuid) ??
        this.w.pairsByHot.get(p.hotkey)?.find((t) => t.netuid !== p.netuid);
      if (!d) return this.removeAction(r, cold, p);
      return {
        kind: 'swap_stake',
        coldkey: cold,
        hotkey: p.hotkey,
        originNetuid: p.netuid,
        destNetuid: d.netuid,
        alpha: part,
      };
    }
    if (x < addShare + 0.46 && counterparties.length) {
      const dest = r.pick(counterparties);
      const dn = r.chance(0.7) ? p.netuid : r.pick(this.w.pairsByHot.get(p.hotkey) ?? [p]).netuid;
      return {
        kind: 'transfer_stake',
        coldkey: cold,
        destColdkey: dest,
        hotkey: p.hotkey,
        originNetuid: p.netuid,
        destNetuid: dn,
        alpha: part,
      };
    }
    if (x < addShare + 0.48) return { kind: 'unstake_all', coldkey: cold, hotkey: p.hotkey };
    if (x < addShare + 0.5 && p.netuid !== 0 && c.specAt(c.cur) >= 315) {
      return {
        kind: r.chance(0.5) ? 'recycle_alpha' : 'burn_alpha',
        coldkey: cold,
        hotkey: p.hotkey,
        netuid: p.netuid,
        alpha: part,
      };
    }
    return this.removeAction(r, cold, p);
  }

  private removeAction(r: Rng, cold: Acc, p: { hotkey: Acc; netuid: number; alpha: bigint }): Action {
    // Sometimes leave a dust remainder to exercise clear_small_nomination.
    let alpha = r.chance(0.05) ? p.alpha - p.alpha / 100_000n : (p.alpha * BigInt(r.int(10, 101))) / 100n;
    const c = this.w.chain;
    if (c.specAt(c.cur) >= BALANCER_SPEC && p.netuid !== 0) {
      // A lock caps what can leave the subnet; now and then an actor tries anyway (StakeUnavailable).
      const available = c.locks.available(cold, p.netuid);
      if (alpha > available && !r.chance(0.1)) alpha = available;
    }
    return { kind: 'remove_stake', coldkey: cold, hotkey: p.hotkey, netuid: p.netuid, alpha };
  }
}
