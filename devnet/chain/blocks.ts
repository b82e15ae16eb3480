/**
 * Block building: the block record (Initialization events, signed extrinsics with their events),
 * the transaction fee of each extrinsic, System.Events order, ground-truth capture for the tracked
 * coldkeys, and reorg rollback of non-finalized blocks. Blocks where nothing happened are not stored.
 */
import type { Chain } from './chain.js';
import { silentTruth, truthFor } from './truth-capture.js';
import type { Action, BlockRec, EventRec, ExtrinsicRec, SilentEffect, TruthEvent } from './types.js';
import { TX_FEE, isOtherCall } from './types.js';
import { BLOCK_AUTHOR } from './accounts.js';
import type { Acc } from './accounts.js';
import { BALANCER_SPEC } from './balancer-book.js';

export class BlockBuilder {
  readonly blocks = new Map<number, BlockRec>();
  truthEvents: TruthEvent[] = [];
  private curRec: BlockRec | null = null;
  private curXt: ExtrinsicRec | null = null;
  /** events of an α-paid transaction fee (pre-dispatch), while it is being charged */
  private feeSink: EventRec[] | null = null;

  constructor(private readonly c: Chain) {}

  emit(e: EventRec): void {
    if (this.feeSink) this.feeSink.push(e);
    else if (this.curXt) this.curXt.events.push(e);
    else if (this.curRec) this.curRec.init.push(e);
  }

  /** Starts building block b (state writes land at b). */
  beginBlock(b: number): void {
    if (b <= this.c.head && b !== 0) throw new Error(`block ${b} already exists (head ${this.c.head})`);
    this.c.cur = b;
    this.curRec = { init: [], xts: [] };
    this.curXt = null;
    if (this.c.specs.some((s) => s.from === b && b > 0)) {
      this.c.setLog('SystemLastRuntimeUpgrade', { specVersion: this.c.specAt(b), specName: 'node-subtensor' });
    }
  }

  /** Applies a signed extrinsic in the block being built. Invalid actions are included as failed. */
  submitExtrinsic(a: Action, submitted = false): ExtrinsicRec {
    if (!this.curRec) throw new Error('no block being built');
    const acc = this.c.account(a.coldkey);
    const alphaFee = acc.free < TX_FEE ? this.chargeInAlpha(a) : undefined;
    // The transaction fee is withdrawn up front whatever the outcome (Balances.Withdraw … TransactionFeePaid),
    // in α from 423 when the coldkey lacks the TAO and the call unstakes from one position.
    const fee = alphaFee ? 0n : acc.free < TX_FEE ? acc.free : TX_FEE;
    const xt: ExtrinsicRec = { signer: a.coldkey, nonce: acc.nonce, action: a, events: [], ok: true, submitted, fee };
    if (alphaFee) xt.alphaFee = alphaFee;
    const after = this.c.account(a.coldkey);
    this.c.setAccount(a.coldkey, { nonce: acc.nonce + 1, free: after.free - fee });
    this.curXt = xt;
    const err = this.c.extrinsics.check(a);
    if (err) xt.ok = false;
    else this.c.extrinsics.apply(a);
    this.curXt = null;
    this.curRec.xts.push(xt);
    return xt;
  }

  /** Emits an Initialization-phase event (inside initStep). */
  emitInit(e: EventRec): void {
    this.curRec?.init.push(e);
  }

  /** Runs a block-initialisation step (e.g. root claims) with Initialization-phase events. */
  initStep(fn: () => void): void {
    this.curXt = null;
    fn();
  }

  /** Finishes block b: stores it if anything happened and records ground truth. */
  endBlock(): void {
    const rec = this.curRec;
    if (!rec) throw new Error('no block being built');
    if (rec.init.length || rec.xts.length) {
      this.blocks.set(this.c.cur, rec);
      this.recordTruth(this.c.cur);
    }
    if (this.c.cur > this.c.head) this.c.head = this.c.cur;
    this.curRec = null;
  }

  /** Events of block b in System.Events order with their phase (null = Initialization). */
  /** Ground truth for effects with no event at all (a migration): eventIndex −1 at the current block. */
  recordSilent(effects: SilentEffect[]): void {
    const base = { block: this.c.cur, eventIndex: -1, extrinsicIndex: null };
    for (const t of silentTruth(this.c.tracked, base, effects)) this.truthEvents.push(t);
  }

  /**
   * withdraw_in_alpha: sells the fee's worth of α (TX fee / price) from the call's one position,
   * fee-free, paying the TAO to the block author — a StakeRemoved(payer, fee 0) before the call's events.
   */
  private chargeInAlpha(a: Action): ExtrinsicRec['alphaFee'] {
    const c = this.c;
    if (c.specAt(c.cur) < BALANCER_SPEC) return undefined;
    const src = alphaFeeSource(c, a);
    if (!src) return undefined;
    const price = src.netuid === 0 ? 1n << 64n : c.balancer.priceBits(src.netuid, c.cur);
    const have = c.stake(src.hotkey, a.coldkey, src.netuid);
    let alpha = price === 0n ? 0n : (TX_FEE << 64n) / price;
    if (alpha === 0n) alpha = have;
    if (have < alpha || alpha === 0n) return undefined;
    const events: EventRec[] = [];
    this.feeSink = events;
    const tao = c.staking.modern.unstakeFrom(a.coldkey, src.hotkey, src.netuid, alpha, true, BLOCK_AUTHOR);
    this.feeSink = null;
    return { hotkey: src.hotkey, netuid: src.netuid, alpha, tao, events };
  }

  eventsOf(b: number): { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] {
    const out: { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] = [];
    const rec = this.blocks.get(b);
    for (const e of rec?.init ?? []) out.push({ phase: null, event: e });
    if (b > 0) out.push({ phase: 0, event: 'success' }); // timestamp.set inherent
    rec?.xts.forEach((xt, i) => {
      const phase = i + 1;
      const af = xt.alphaFee;
      if (af) for (const e of af.events) out.push({ phase, event: e, xt });
      else out.push({ phase, event: { pallet: 'Balances', name: 'Withdraw', args: [xt.signer, xt.fee] }, xt });
      if (xt.ok) for (const e of xt.events) out.push({ phase, event: e, xt });
      const paid: EventRec = af
        ? {
            pallet: 'SubtensorModule',
            name: 'TransactionFeePaidWithAlpha',
            args: [xt.signer, af.netuid, af.alpha, af.tao],
            // The truth names the position the fee was sold from.
            meta: { hotkey: af.hotkey },
          }
        : { pallet: 'TransactionPayment', name: 'TransactionFeePaid', args: [xt.signer, xt.fee, 0n] };
      out.push({ phase, event: paid, xt });
      out.push({ phase, event: xt.ok ? 'success' : 'failed', xt });
    });
    return out;
  }

  private recordTruth(b: number): void {
    if (this.c.tracked.size === 0) return;
    this.c.eventsOf(b).forEach(({ phase, event }, eventIndex) => {
      if (typeof event === 'string') return;
      for (const t of truthFor(this.c.tracked, b, eventIndex, phase, event)) this.truthEvents.push(t);
    });
  }

  // ---------------------------------------------------------------- finality / reorg

  /**
   * Drops every block above `keep` (a reorg of non-finalized blocks). Returns the user-submitted
   * actions that were in them, so the caller can re-include them on the new fork.
   */
  rollbackAfter(keep: number): Action[] {
    const requeue: Action[] = [];
    for (let b = this.c.head; b > keep; b--) {
      const rec = this.blocks.get(b);
      for (const xt of rec?.xts ?? []) if (xt.submitted) requeue.unshift(xt.action);
      this.blocks.delete(b);
      this.c.rollbackBlockCells(b, keep);
    }
    this.c.balancer.truncateAfter(keep);
    this.c.locks.truncateAfter(keep);
    this.c.basket.truncateAfter(keep);
    this.truthEvents = this.truthEvents.filter((t) => t.block <= keep);
    this.c.injections = this.c.injections.filter((i) => i.block <= keep);
    this.c.minerCredits = this.c.minerCredits.filter((i) => i.block <= keep);
    for (const [k, from] of this.c.trackedPositionsFrom) if (from > keep) this.c.trackedPositionsFrom.delete(k);
    this.c.head = keep;
    return requeue;
  }
}

/** The one (hotkey, netuid) an α-payable call would pay its fee from (fees_in_alpha), or null. */
function alphaFeeSource(c: Chain, a: Action): { hotkey: Acc; netuid: number } | null {
  if (isOtherCall(a)) return null;
  switch (a.kind) {
    case 'remove_stake':
    case 'recycle_alpha':
    case 'burn_alpha':
      return { hotkey: a.hotkey, netuid: a.netuid };
    case 'move_stake':
      return { hotkey: a.originHotkey, netuid: a.originNetuid };
    case 'transfer_stake':
    case 'swap_stake':
      return { hotkey: a.hotkey, netuid: a.originNetuid };
    case 'unstake_all': {
      const held = c
        .openOf(a.coldkey)
        .filter((p) => p.hotkey === a.hotkey && c.stake(p.hotkey, a.coldkey, p.netuid) > 0n);
      return held.length === 1 ? { hotkey: a.hotkey, netuid: (held[0] as { netuid: number }).netuid } : null;
    }
    case 'add_stake':
      return null;
    case 'transfer_stake_and_hotkey':
      return { hotkey: a.originHotkey, netuid: a.originNetuid };
  }
}
