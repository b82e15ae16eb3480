/**
 * Normalisation: stored chain events → ledger entries with per-position legs (./ledger).
 *
 * Grouping: events of one extrinsic (same block + extrinsicIndex) are processed together so the
 * StakeRemoved + StakeAdded pair can be labelled by its summary event (StakeMoved / StakeSwapped /
 * StakeTransferred), and the StakeRemoved that paid an alpha transaction fee (≥397) can be tied to
 * its TransactionFeePaidWithAlpha. A lease's payout in block initialisation pairs the recipient's
 * StakeAdded with its SubnetLeaseDividendsDistributed (≥361, docs/chain/events.md#lease-dividends).
 *
 * What events cannot say (left to the checkpoint reconciliation, ./emissions): the limit-price
 * refund inside StakeRemoved.alpha at 283–394; "α requested" vs the actual decrease at 233–243; the
 * silent alpha transaction fee at 301–349; dust removed silently when the dust-clear unstake fails.
 */
import type { PriceBook } from './prices';
import type { LedgerEntry, PositionEffect, RootClaimPayout, StakeEvent } from './ledger';
import { effectEntries } from './effects';
import { isPlainTrade, normalizeGroup, singleEntry } from './extrinsic-entries';
import { rootClaimEntry } from './root-claim-entry';

export interface NormalizeOptions {
  /** Coldkeys of the user's wallets: legs of other coldkeys are dropped; both-tracked transfers carry basis. */
  trackedColdkeys: ReadonlySet<string>;
  /** Root-claim payouts to merge in (amounts from checkpoints). */
  rootClaims?: readonly RootClaimPayout[];
  /** Snapshot prices for the spot-implied amounts (friction). */
  prices?: PriceBook;
  /** Silent position changes (swaps, dissolution, batched orders) to merge in at their blocks. */
  effects?: readonly PositionEffect[];
  /** Set when the caller has checked (`scanEvents`) that the raw events are in (block, event index) order. */
  sorted?: boolean;
}

export function normalizeEvents(rawEvents: readonly StakeEvent[], opts: NormalizeOptions): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  streamLedger(rawEvents, opts, (e) => {
    out.push(e);
  });
  return out;
}

/**
 * Streaming form of `normalizeEvents`: entries are handed to `emit` one block at a time, in ledger
 * order, with `seq` set, so a caller can apply them without keeping the whole ledger alive
 * (a 1M-entry ledger that is retained costs the garbage collector more than computing it).
 * Root-claim payouts (ordered by their RootClaimed event, else last) and silent effects (./effects,
 * by the event that caused them) are merged at their block.
 * `firstSeq` continues a ledger (the incremental path). Returns the number of entries emitted.
 * With `trade`, a lone buy or sell (`isPlainTrade`) in a block without payouts or effects is handed
 * over as its event instead (in its place in the order, counted as an entry; no entry or leg is built).
 */
export function streamLedger(
  rawEvents: readonly StakeEvent[],
  opts: NormalizeOptions,
  emit: (e: LedgerEntry) => void,
  firstSeq = 0,
  trade?: (source: StakeEvent) => void,
): number {
  const sorted = (opts.sorted ?? isSorted(rawEvents)) ? rawEvents : [...rawEvents].sort(compareRaw);
  const claims = (opts.rootClaims ?? []).filter((p) => opts.trackedColdkeys.has(p.coldkey));
  claims.sort((x, y) => x.blockNumber - y.blockNumber);
  const effects = (opts.effects ?? []).filter((f) => opts.trackedColdkeys.has(f.coldkey));
  effects.sort((x, y) => x.blockNumber - y.blockNumber || x.eventIndex - y.eventIndex);
  const rootClaimed = new Map<number, StakeEvent[]>();
  const buf: LedgerEntry[] = [];
  let ci = 0;
  let fi = 0;
  let seq = firstSeq;
  const flush = (): void => {
    // Most blocks of a long history give no entry here (lone trades go to `trade`): setting an
    // array's length is a runtime call, so only a block that had entries pays for it.
    if (buf.length === 0) return;
    for (const e of buf) {
      e.seq = seq++;
      emit(e);
    }
    buf.length = 0;
  };
  const nextExtraBlock = (): number =>
    Math.min(
      (claims[ci] as RootClaimPayout | undefined)?.blockNumber ?? Number.POSITIVE_INFINITY,
      (effects[fi] as PositionEffect | undefined)?.blockNumber ?? Number.POSITIVE_INFINITY,
    );
  /** Root-claim payouts and silent effects of `block`, after its events, in event order. */
  const extrasAt = (block: number, blockEvents: readonly StakeEvent[]): void => {
    if (nextExtraBlock() !== block) return;
    const src = rootClaimed.get(block) ?? [];
    while (ci < claims.length && (claims[ci] as RootClaimPayout).blockNumber === block) {
      const p = claims[ci++] as RootClaimPayout;
      buf.push(
        rootClaimEntry(
          p,
          src.filter((e) => e.coldkey === p.coldkey),
          opts.prices,
        ),
      );
    }
    const start = fi;
    while (fi < effects.length && (effects[fi] as PositionEffect).blockNumber === block) fi++;
    if (fi > start) buf.push(...effectEntries(effects.slice(start, fi), blockEvents, opts.prices));
    buf.sort((x, y) => x.eventIndex - y.eventIndex);
  };
  const extrasBefore = (block: number): void => {
    for (let b = nextExtraBlock(); b < block; b = nextExtraBlock()) {
      extrasAt(b, []);
      flush();
    }
  };
  // The blocks are walked by a function that returns right after its loop. V8 optimises a long replay
  // while inside that loop (on-stack replacement) and keeps the code for later calls; code after the
  // loop in the same function has no type feedback in it, so every later call (each incremental append)
  // deoptimised there (1,750 times over bench:engine's 1,906 appends).
  const walk = (): void => {
    let i = 0;
    while (i < sorted.length) {
      const block = (sorted[i] as StakeEvent).blockNumber;
      const blockStart = i;
      extrasBefore(block);
      const fast = trade !== undefined && nextExtraBlock() !== block;
      while (i < sorted.length && (sorted[i] as StakeEvent).blockNumber === block) {
        const first = sorted[i] as StakeEvent;
        let j = i + 1;
        let dup = false;
        while (j < sorted.length) {
          const e = sorted[j] as StakeEvent;
          if (e.blockNumber !== block || e.extrinsicIndex !== first.extrinsicIndex) break;
          if (e.eventIndex === (sorted[j - 1] as StakeEvent).eventIndex) dup = true;
          j++;
        }
        if (j === i + 1 && fast && isPlainTrade(first, opts)) {
          flush();
          seq++;
          trade(first);
        } else if (j === i + 1) {
          const one = singleEntry(first, opts, rootClaimed);
          if (one) buf.push(one);
        } else {
          // The same chain event stored twice (e.g. a StakeTransferred kept for both tracked coldkeys) counts once.
          const group = sorted.slice(i, j);
          normalizeGroup(
            dup ? group.filter((e, k) => k === 0 || e.eventIndex !== (group[k - 1] as StakeEvent).eventIndex) : group,
            opts,
            buf,
            rootClaimed,
          );
        }
        i = j;
      }
      extrasAt(block, nextExtraBlock() === block ? sorted.slice(blockStart, i) : []);
      if (rootClaimed.size > 0) rootClaimed.clear();
      flush();
    }
  };
  walk();
  extrasBefore(Number.POSITIVE_INFINITY);
  return seq - firstSeq;
}

function compareRaw(a: StakeEvent, b: StakeEvent): number {
  return a.blockNumber - b.blockNumber || a.eventIndex - b.eventIndex;
}

/** What one pass over raw events tells: their order, and the latest block with its runtime (last of that block). */
export interface EventsScan {
  sorted: boolean;
  /** −1 when there are no events. */
  lastBlock: number;
  lastSpec: number | null;
  /** The events whose kind is in `pick`, in their order. */
  picked: StakeEvent[];
}

/**
 * One pass for everything the engine reads off the whole event list (1M events: each pass costs):
 * their order, the latest block and runtime, and the events of the kinds in `pick` (e.g. the basket
 * events ./baskets reads, so it need not pass over every event again).
 */
export function scanEvents(arr: readonly StakeEvent[], pick?: ReadonlySet<string>): EventsScan {
  let sorted = true;
  let lastBlock = -1;
  let lastSpec: number | null = null;
  let prev: StakeEvent | null = null;
  const picked: StakeEvent[] = [];
  // An indexed loop: this runs once per computation, mostly before V8 optimises it, and `for…of`
  // there allocates an iterator result per element (40 MB over 1M events).
  for (let i = 0; i < arr.length; i++) {
    const e = arr[i] as StakeEvent;
    if (pick?.has(e.kind)) picked.push(e);
    if (sorted && prev !== null && compareRaw(prev, e) > 0) sorted = false;
    if (e.blockNumber >= lastBlock) {
      lastBlock = e.blockNumber;
      lastSpec = e.specVersion;
    }
    prev = e;
  }
  return { sorted, lastBlock, lastSpec, picked };
}

function isSorted(arr: readonly StakeEvent[]): boolean {
  for (let k = 1; k < arr.length; k++) if (compareRaw(arr[k - 1] as StakeEvent, arr[k] as StakeEvent) > 0) return false;
  return true;
}
