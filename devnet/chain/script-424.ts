/**
 * A scenario's balancer-era script: what happens once at the upgrade (the limit-order pallet's
 * accounts, the order relayer) and the scripted events at fixed blocks — a hotkey swap of a validator
 * the first user stakes on, a root coldkey swap of the last user, the dissolution of one of the first
 * user's subnets, and injected α changes that no event explains. After a swap the world's own
 * bookkeeping (validators, pairs, users) follows the new key.
 */
import type { Acc } from './accounts.js';
import { SUDO, deriveAccount } from './accounts.js';
import { ORDERS_ACCOUNT, ORDERS_HOTKEY, orderId } from './limit-orders.js';
import type { LimitOrder } from './types.js';
import type { World } from './world.js';

const TAO = 1_000_000_000n;

export class Script424 {
  private dissolveNetuid: number | undefined;
  /** programmatic injections waiting for the next live block */
  private readonly pendingInjections: { coldkey: Acc; alpha: bigint }[] = [];

  constructor(private readonly w: World) {}

  /** Blocks the generator must visit. */
  blocks(): number[] {
    const s = this.w.cfg.script;
    if (!s) return [];
    return [s.hotkeySwapAt, s.coldkeySwapAt, s.dissolveAt, s.ordersAt, ...(s.inject ?? []).map((i) => i.at)].filter(
      (b): b is number => b !== undefined,
    );
  }

  /** After genesis: the dissolved subnet is known now, so the epoch schedule can retire it. */
  afterGenesis(): void {
    const at = this.w.cfg.script?.dissolveAt;
    if (at === undefined) return;
    const first = this.w.users[0]?.targets.find((t) => t.netuid !== 0);
    if (!first) return;
    this.dissolveNetuid = first.netuid;
    this.w.chain.epochs.retire(first.netuid, at);
  }

  /** on_runtime_upgrade into the balancer era: the pallet hotkey is registered, the relayer funded. */
  atUpgrade(): void {
    const c = this.w.chain;
    c.initStep(() => {
      c.registerHotkey(ORDERS_HOTKEY, ORDERS_ACCOUNT);
      c.endow(ORDERS_ACCOUNT, TAO);
      c.endow(this.w.modernActors.relayer, 1_000n * TAO);
    });
  }

  /** Scripted extrinsics and injections of block b (after on_initialize, before users and market). */
  atBlock(b: number, live: boolean): void {
    const s = this.w.cfg.script;
    const c = this.w.chain;
    if (s?.hotkeySwapAt === b) this.swapHotkey();
    if (s?.coldkeySwapAt === b) this.swapColdkey();
    if (s?.dissolveAt === b && this.dissolveNetuid !== undefined) {
      const xt = c.submitExtrinsic({ kind: 'dissolve_network', coldkey: SUDO, netuid: this.dissolveNetuid });
      if (xt.ok) this.w.basketEra.dissolved(this.dissolveNetuid, b);
    }
    if (s?.ordersAt === b) this.ordersOfOneSigner();
    for (const i of s?.inject ?? []) {
      const u = this.w.users[i.user];
      if (i.at === b && u) this.inject(u.coldkey, i.alpha, i.root === true);
    }
    if (live) for (const p of this.pendingInjections.splice(0)) this.inject(p.coldkey, p.alpha);
  }

  /** Queues a silent α change on the coldkey's first open subnet position for the next live block. */
  queueInjection(coldkey: Acc, alpha: bigint): void {
    this.pendingInjections.push({ coldkey, alpha });
  }

  private inject(coldkey: Acc, alpha: bigint, root = false): void {
    const c = this.w.chain;
    const p = c.openOf(coldkey).find((x) => (x.netuid === 0) === root && c.stake(x.hotkey, coldkey, x.netuid) > -alpha);
    if (!p) return;
    c.initStep(() => {
      if (alpha > 0n) c.increasePosition(p.hotkey, coldkey, p.netuid, alpha);
      else c.decreasePosition(p.hotkey, coldkey, p.netuid, -alpha);
      // Root α is TAO (no subnet α issuance to follow).
      if (!root) c.setIndexed('SubnetAlphaOut', p.netuid, c.subnetAlphaOut(p.netuid) + alpha, p.netuid);
    });
    c.injections.push({ block: c.cur, coldkey, hotkey: p.hotkey, netuid: p.netuid, alpha });
  }

  /** One batch with three orders of the first user on a subnet it can sell on (`ScenarioConfig.script.ordersAt`). */
  private ordersOfOneSigner(): void {
    const w = this.w;
    const c = w.chain;
    const u = w.users[0];
    if (!u) return;
    const fresh = w.cfg.script?.ordersOntoNewHotkey === true;
    const open = c
      .openOf(u.coldkey)
      .filter((p) => p.netuid !== 0 && c.subnetExists(p.netuid, c.cur) && c.locks.available(u.coldkey, p.netuid) > 0n);
    const held = (fresh ? open.find((p) => p.netuid === this.dissolveNetuid) : undefined) ?? open[0];
    if (!held) return;
    const netuid = held.netuid;
    const pairs = w.pairsByNet.get(netuid) ?? [];
    const ever = fresh ? new Set(c.positionsOf(u.coldkey).map((p) => p.hotkey)) : null;
    const never = ever ? pairs.find((p) => !ever.has(p.hotkey))?.hotkey : undefined;
    const other = never ?? pairs.find((p) => p.hotkey !== held.hotkey)?.hotkey ?? held.hotkey;
    const alpha = c.stake(held.hotkey, u.coldkey, netuid);
    const available = c.locks.available(u.coldkey, netuid);
    const order = (n: number, hotkey: Acc, side: 'buy' | 'sell', amount: bigint): LimitOrder => ({
      id: orderId(`${w.seed}:script:${c.cur}:${n}`),
      signer: u.coldkey,
      hotkey,
      feePpb: 2_000_000n,
      feeRecipient: w.modernActors.feeRecipient,
      side,
      amount,
    });
    const orders = [order(0, held.hotkey, 'buy', 2n * TAO), order(1, other, 'buy', (21n * TAO) / 10n)];
    const sale = ((alpha < available ? alpha : available) * 3n) / 10n;
    if (c.staking.modern.spotValue(netuid, sale) >= 10_000_000n) orders.push(order(2, held.hotkey, 'sell', sale));
    c.submitExtrinsic({ kind: 'limit_orders', coldkey: w.modernActors.relayer, netuid, batched: true, orders });
  }

  private swapHotkey(): void {
    const w = this.w;
    const u = w.users[0];
    const target = u?.targets.find((t) => t.netuid !== 0 && w.validators.some((v) => v.hotkey === t.hotkey));
    const v = w.validators.find((x) => x.hotkey === target?.hotkey);
    if (!v) return;
    const next = deriveAccount(`${w.seed}:val-hot-swapped:${v.hotkey}`);
    const xt = w.chain.submitExtrinsic({ kind: 'swap_hotkey', coldkey: v.owner, hotkey: v.hotkey, newHotkey: next });
    if (xt.ok) w.renameHotkey(v.hotkey, next);
  }

  private swapColdkey(): void {
    const w = this.w;
    const u = w.users[w.users.length - 1];
    if (!u) return;
    const next = deriveAccount(`${w.seed}:user:${u.cfg.label}:after-swap`);
    const xt = w.chain.submitExtrinsic({
      kind: 'swap_coldkey',
      coldkey: SUDO,
      oldColdkey: u.coldkey,
      newColdkey: next,
    });
    if (xt.ok) u.coldkey = next;
  }
}
