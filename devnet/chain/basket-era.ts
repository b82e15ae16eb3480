/**
 * What the world does from the basket era on (docs/chain/baskets.md): the 441 migration at the first
 * basket-era block (legacy claimable root α → fund shares), the pending-deposit drain (one validator
 * per visited block, round robin), the 473/464 migrations at the first 475 block (V1 shares retired,
 * share-pool denominators reconciled), the later phases of a dissolution at ≥ 475, and the basket
 * calls of users and market actors.
 */
import type { Acc } from './accounts.js';
import { ESCROW } from './basket.js';
import { storageKey } from '../scale/keys.js';
import type { Rng } from './rng.js';
import { BASKET_SPEC } from './state.js';
import type { Action, SilentEffect } from './types.js';
import type { World } from './world.js';

const TAO = 1_000_000_000n;
/** Retired V1 positions worth less than this (fee-free) are deleted (473 dust sweep). */
const V1_DUST = 1_000n;
/** Phased dissolution (≥ 475): the settle phase and the end of cleanup, in blocks after NetworkRemoved. */
export const SETTLE_AFTER = 1;
export const CLEANUP_AFTER = 2;
export const PHASED_DISSOLUTION_SPEC = 475;
const RETIRE_V1_SPEC = 473;

export class BasketEra {
  private cursor = 0;
  /** ≥ 475 dissolutions in progress: the settle phase and the end of the cleanup, by block */
  private readonly phases: { netuid: number; settleAt: number; doneAt: number }[] = [];

  constructor(private readonly w: World) {}

  private startsAt(b: number, spec: number): boolean {
    const c = this.w.chain;
    return b > 0 && c.specAt(b) >= spec && c.specAt(b - 1) < spec;
  }

  /** Blocks the generator must visit: scripted basket calls and dissolution phases. */
  blocks(): number[] {
    const s = this.w.cfg.basket;
    return [
      ...(s?.claims ?? []).map((x) => x.at),
      ...(s?.stakeIn ?? []).map((x) => x.at),
      ...this.phases.flatMap((p) => [p.settleAt, p.doneAt]),
    ];
  }

  /** on_runtime_upgrade and on_initialize work of block b in the basket era (before extrinsics). */
  atBlock(b: number): void {
    const c = this.w.chain;
    if (this.startsAt(b, BASKET_SPEC)) c.initStep(() => this.migrate441());
    if (this.startsAt(b, RETIRE_V1_SPEC)) c.initStep(() => this.migrate475());
    for (const p of this.phases) {
      if (p.settleAt === b) c.initStep(() => c.swaps.settle(p.netuid));
      if (p.doneAt === b) c.initStep(() => c.swaps.cleanupCompleted(p.netuid));
    }
    this.drain();
  }

  /** A dissolution went through at block b: from 475 its payouts and cleanup follow in later blocks. */
  dissolved(netuid: number, b: number): void {
    if (this.w.chain.specAt(b) < PHASED_DISSOLUTION_SPEC) return;
    this.phases.push({ netuid, settleAt: b + SETTLE_AFTER, doneAt: b + CLEANUP_AFTER });
  }

  /** The scenario's scripted basket calls of block b (after on_initialize). */
  scripted(b: number): void {
    const s = this.w.cfg.basket;
    const c = this.w.chain;
    for (const x of s?.claims ?? []) {
      const u = this.w.users[x.user];
      if (x.at !== b || !u) continue;
      const hot = x.withHotkey ? c.basketXt.claimable(u.coldkey)[0] : undefined;
      c.submitExtrinsic({ kind: 'claim_root', coldkey: u.coldkey, ...(hot ? { hotkey: hot } : {}) });
    }
    for (const x of s?.stakeIn ?? []) {
      const u = this.w.users[x.user];
      if (x.at !== b || !u) continue;
      const own = u.targets.find((t) => t.netuid === 0)?.hotkey;
      const hot = own && !x.otherFund ? own : this.rootValidators().find((h) => h !== own);
      if (hot) c.submitExtrinsic({ kind: 'stake_into_basket', coldkey: u.coldkey, hotkey: hot, tao: x.tao });
    }
  }

  private rootValidators(): Acc[] {
    return this.w.validators.filter((v) => v.subnets.includes(0)).map((v) => v.hotkey);
  }

  /** The drain: one root validator's queued dividends per visited block, round robin. */
  private drain(): void {
    const c = this.w.chain;
    const roots = this.rootValidators();
    const hot = roots[this.cursor++ % Math.max(1, roots.length)];
    if (hot !== undefined) c.initStep(() => c.basket.flush(hot, c.dividendSubnetsOf(hot)));
  }

  /** 441: each root staker's unclaimed legacy root α becomes fund shares of its validator's fund. */
  private migrate441(): void {
    const c = this.w.chain;
    const owed: { hot: Acc; cold: Acc; netuid: number; alpha: bigint }[] = [];
    const claimStart = c.specs.find((s) => s.spec >= 334)?.from ?? c.cur;
    for (const [cold, set] of c.coldPositions) {
      for (const k of set) {
        const [hot, n] = k.split('|') as [Acc, string];
        if (n !== '0') continue;
        const stake = c.stake(hot, cold, 0);
        if (stake === 0n) continue;
        for (const netuid of c.dividendSubnetsOf(hot)) {
          const cell = c.cells.get(storageKey('RootClaimed', netuid, hot, cold));
          const blocks = cell && cell.kind === 'log' ? cell.log.blocks : [];
          const since = blocks.length ? (blocks[blocks.length - 1] as number) : claimStart;
          const alpha = (stake * BigInt(Math.max(0, c.cur - since)) * c.basket.ratePpb) / 1_000_000_000n;
          owed.push({ hot, cold, netuid, alpha });
        }
      }
    }
    c.builder.recordSilent(c.basket.migrate(owed));
  }

  /** 473 (V1 shares retired, dust swept) and 464 (denominators = Σ live shares), at the first 475 block. */
  private migrate475(): void {
    const c = this.w.chain;
    const silent: SilentEffect[] = [];
    const pools = new Map<string, { hot: Acc; netuid: number; colds: Acc[] }>();
    for (const [cold, set] of c.coldPositions) {
      for (const k of set) {
        const [hot, n] = k.split('|') as [Acc, string];
        const netuid = Number(n);
        if (!c.subnetExists(netuid, c.cur)) continue;
        const p = pools.get(k) ?? { hot, netuid, colds: [] };
        p.colds.push(cold);
        pools.set(k, p);
      }
    }
    for (const { hot, netuid, colds } of [...pools.values()].sort(
      (a, b) => a.netuid - b.netuid || (a.hot < b.hot ? -1 : 1),
    )) {
      const before = new Map(colds.map((cold) => [cold, c.stake(hot, cold, netuid)]));
      const swept = c.retireV1(hot, netuid, colds, V1_DUST);
      for (const s of swept) {
        silent.push({ kind: 'DustSwept', coldkey: s.cold, hotkey: hot, netuid, alpha: -s.alpha, tao: 0n });
      }
      if (!c.reconcileDenominator(hot, netuid, colds)) continue;
      const effects: SilentEffect[] = [];
      for (const cold of colds) {
        const delta = c.stake(hot, cold, netuid) - (before.get(cold) ?? 0n);
        if (delta !== 0n)
          effects.push({ kind: 'ShareReconcile', coldkey: cold, hotkey: hot, netuid, alpha: delta, tao: 0n });
      }
      c.emit({
        pallet: 'SubtensorModule',
        name: 'SharePoolDenominatorReconciled',
        args: [hot, netuid],
        silent: effects,
      });
    }
    c.builder.recordSilent(silent);
  }

  /** A basket-era call for `cold`, or null. */
  pick(r: Rng, cold: Acc, targets: { hotkey: Acc; netuid: number }[]): Action | null {
    const c = this.w.chain;
    if (c.specAt(c.cur) < BASKET_SPEC || cold === ESCROW) return null;
    const x = r.next();
    const root = c.positionsOf(cold).find((p) => p.netuid === 0 && c.stake(p.hotkey, cold, 0) > 0n);
    if (x < 0.06 && root) {
      return r.chance(0.5)
        ? { kind: 'claim_root', coldkey: cold }
        : { kind: 'claim_root', coldkey: cold, hotkey: root.hotkey };
    }
    const free = c.account(cold).free;
    if (x < 0.08 && free > 5n * TAO) {
      const roots = this.w.validators.filter((v) => v.subnets.includes(0));
      const v = r.pick(roots);
      return {
        kind: 'stake_into_basket',
        coldkey: cold,
        hotkey: v.hotkey,
        tao: r.big(TAO, free / 10n > TAO ? free / 10n : TAO),
      };
    }
    if (x < 0.1) {
      const held = c.openOf(cold).filter((p) => p.netuid !== 0);
      if (held.length === 0) return null;
      const p = r.pick(held);
      const dest = r.pick(targets);
      const alpha = (c.locks.available(cold, p.netuid) * BigInt(r.int(10, 50))) / 100n;
      if (alpha === 0n) return null;
      return {
        kind: 'transfer_stake_and_hotkey',
        coldkey: cold,
        destColdkey: cold,
        originHotkey: p.hotkey,
        destHotkey: dest.hotkey,
        originNetuid: p.netuid,
        destNetuid: r.chance(0.5) ? p.netuid : dest.netuid,
        alpha,
      };
    }
    return null;
  }

  /** A validator owner bonds part of its own stake as miner collateral. */
  collateralAction(r: Rng): Action | null {
    const c = this.w.chain;
    if (c.specAt(c.cur) < BASKET_SPEC || !r.chance(0.1)) return null;
    const v = r.pick(this.w.validators);
    const n = v.subnets.find((x) => x !== 0);
    if (n === undefined || !c.subnetExists(n, c.cur)) return null;
    const free = c.stake(v.hotkey, v.owner, n) - c.basketXt.collateral(n, v.hotkey, v.owner);
    const alpha = free / 20n;
    return alpha > 0n ? { kind: 'add_collateral', coldkey: v.owner, hotkey: v.hotkey, netuid: n, alpha } : null;
  }
}
