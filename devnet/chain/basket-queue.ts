/**
 * Root dividends queued per (validator hotkey H, subnet) in the basket era: `PendingBasketDeposits`
 * (docs/chain/baskets.md, Dividends). Each epoch queues α at the root stake it ran with, and a queued
 * amount stays what it was when its epochs ran: a root stake change fixes what accrued before it
 * (`fix`), and a deposit empties the queue.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { ChangeLog } from './state-log.js';
import { storageKey } from '../scale/keys.js';

/** A queue's state from block `since` on: `stakeEpochs` (Σ root stake × epochs, undivided) fixed before it. */
interface Accrual {
  since: number;
  stakeEpochs: bigint;
}

/** What the queue reads from its fund book. */
export interface QueueSource {
  /** the era's first block (the 441 migration) */
  readonly from: number;
  /** root dividend α per unit of root stake per block on each dividend subnet, ppb */
  readonly ratePpb: bigint;
  rootStake(hot: Acc, b: number): bigint;
}

export class DividendQueue {
  /** Per (hotkey|netuid), over time (truncated on a reorg like every log). */
  private readonly logs = new Map<string, ChangeLog<Accrual>>();

  constructor(
    private readonly c: Chain,
    private readonly book: QueueSource,
  ) {}

  /** Root dividend α queued for (H, netuid) at block b. */
  pending(hot: Acc, netuid: number, b = this.c.cur): bigint {
    if (b < this.book.from || !this.c.subnetExists(netuid, b)) return 0n;
    return (this.stakeEpochs(hot, netuid, b) * this.book.ratePpb * 360n) / 1_000_000_000n;
  }

  /** Σ root stake × epochs queued at block b: the part fixed at `since` and the stake held since. */
  private stakeEpochs(hot: Acc, netuid: number, b: number): bigint {
    const acc = this.logs.get(`${hot}|${netuid}`)?.at(b) ?? { since: this.book.from, stakeEpochs: 0n };
    const epochs = BigInt(this.c.epochs.epochsAt(netuid, b) - this.c.epochs.epochsAt(netuid, acc.since));
    return acc.stakeEpochs + this.book.rootStake(hot, b) * epochs;
  }

  /** Before H's root stake changes: what each of its queues accrued so far stays at the old stake. */
  fix(hot: Acc, dividendSubnets: number[]): void {
    if (this.c.cur < this.book.from) return;
    for (const n of dividendSubnets) if (this.c.subnetExists(n, this.c.cur)) this.restart(hot, n, false);
  }

  /** (H, n)'s queue from now: emptied by a deposit, or kept as accrued so far (left below the threshold). */
  restart(hot: Acc, netuid: number, deposited: boolean): void {
    const stakeEpochs = deposited ? 0n : this.stakeEpochs(hot, netuid, this.c.cur);
    this.logOf(`${hot}|${netuid}`).set(this.c.cur, { since: this.c.cur, stakeEpochs });
  }

  /** PendingBasketDeposits(H, n) as storage: what has queued (absent when 0). */
  serve(hot: Acc, netuid: number): void {
    const key = storageKey('PendingBasketDeposits', hot, netuid);
    if (this.c.cells.has(key)) return;
    const read = (b: number) => {
      const v = this.pending(hot, netuid, b);
      return v > 0n ? v : undefined;
    };
    this.c.putCell({ item: 'PendingBasketDeposits', kind: 'fn', read }, key);
  }

  /** A hotkey swap: the new hotkey's queues start empty now (the old fund was flushed just before). */
  moveTo(old: Acc, next: Acc): void {
    for (const k of [...this.logs.keys()].filter((x) => x.startsWith(`${old}|`))) {
      const log = new ChangeLog<Accrual>();
      log.set(this.c.cur, { since: this.c.cur, stakeEpochs: 0n });
      this.logs.set(`${next}${k.slice(old.length)}`, log);
    }
  }

  truncateAfter(keep: number): void {
    for (const log of this.logs.values()) log.truncateAfter(keep);
  }

  private logOf(k: string): ChangeLog<Accrual> {
    let log = this.logs.get(k);
    if (!log) this.logs.set(k, (log = new ChangeLog()));
    return log;
  }
}
