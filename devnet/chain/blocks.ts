/**
 * Block building: the block record (Initialization events, signed extrinsics with their events),
 * the transaction fee of each extrinsic, System.Events order, ground-truth capture for the tracked
 * coldkeys, and reorg rollback of non-finalized blocks. Blocks where nothing happened are not stored.
 */
import type { Chain } from './chain.js';
import { truthFor } from './truth-capture.js';
import type { Action, BlockRec, EventRec, ExtrinsicRec, TruthEvent } from './types.js';
import { TX_FEE } from './types.js';

export class BlockBuilder {
  readonly blocks = new Map<number, BlockRec>();
  truthEvents: TruthEvent[] = [];
  private curRec: BlockRec | null = null;
  private curXt: ExtrinsicRec | null = null;

  constructor(private readonly c: Chain) {}

  emit(e: EventRec): void {
    if (this.curXt) this.curXt.events.push(e);
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
    // The transaction fee is withdrawn up front whatever the outcome (Balances.Withdraw … TransactionFeePaid).
    const fee = acc.free < TX_FEE ? acc.free : TX_FEE;
    const xt: ExtrinsicRec = { signer: a.coldkey, nonce: acc.nonce, action: a, events: [], ok: true, submitted, fee };
    this.c.setAccount(a.coldkey, { nonce: acc.nonce + 1, free: acc.free - fee });
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
  eventsOf(b: number): { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] {
    const out: { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] = [];
    const rec = this.blocks.get(b);
    for (const e of rec?.init ?? []) out.push({ phase: null, event: e });
    if (b > 0) out.push({ phase: 0, event: 'success' }); // timestamp.set inherent
    rec?.xts.forEach((xt, i) => {
      const phase = i + 1;
      out.push({ phase, event: { pallet: 'Balances', name: 'Withdraw', args: [xt.signer, xt.fee] }, xt });
      if (xt.ok) for (const e of xt.events) out.push({ phase, event: e, xt });
      out.push({
        phase,
        event: { pallet: 'TransactionPayment', name: 'TransactionFeePaid', args: [xt.signer, xt.fee, 0n] },
        xt,
      });
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
    this.truthEvents = this.truthEvents.filter((t) => t.block <= keep);
    for (const [k, from] of this.c.trackedPositionsFrom) if (from > keep) this.c.trackedPositionsFrom.delete(k);
    this.c.head = keep;
    return requeue;
  }
}
