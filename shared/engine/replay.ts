/**
 * Merge ledger entries and checkpoints in block order and feed them to a PortfolioState.
 * Within a block, ledger entries come first: checkpoints are post-block state.
 */
import type { LedgerEntry, StakeEvent } from './ledger';
import { applyTradeEvent } from './legs';
import { streamLedger, type NormalizeOptions } from './normalize';
import type { PositionCheckpoint } from './emissions';
import type { PortfolioState } from './state';

export type ReplayItem = { kind: 'entry'; entry: LedgerEntry } | { kind: 'checkpoint'; checkpoint: PositionCheckpoint };

export function sortCheckpoints(cps: readonly PositionCheckpoint[]): PositionCheckpoint[] {
  for (let i = 1; i < cps.length; i++) {
    if ((cps[i - 1] as PositionCheckpoint).blockNumber > (cps[i] as PositionCheckpoint).blockNumber) {
      return [...cps].sort((a, b) => a.blockNumber - b.blockNumber);
    }
  }
  return cps as PositionCheckpoint[];
}

/**
 * Replay everything up to `asOfBlock` (inclusive). `before(ts, block)` is called before each item so a
 * caller can sample the state at day boundaries; `after(item)` after each item.
 */
export function replay(
  state: PortfolioState,
  ledger: readonly LedgerEntry[],
  checkpoints: readonly PositionCheckpoint[],
  asOfBlock = Number.MAX_SAFE_INTEGER,
  before?: (ts: number, block: number) => void,
  after?: (item: ReplayItem) => void,
): void {
  const cps = sortCheckpoints(checkpoints);
  let li = 0;
  let ci = 0;
  for (;;) {
    const e = ledger[li];
    const c = cps[ci];
    const eOk = e !== undefined && e.blockNumber <= asOfBlock;
    const cOk = c !== undefined && c.blockNumber <= asOfBlock;
    if (!eOk && !cOk) break;
    if (eOk && (!cOk || e.blockNumber <= c.blockNumber)) {
      before?.(e.timestamp, e.blockNumber);
      state.applyEntry(e);
      li++;
      after?.({ kind: 'entry', entry: e });
    } else if (cOk) {
      before?.(c.timestamp, c.blockNumber);
      state.applyCheckpoint(c);
      ci++;
      after?.({ kind: 'checkpoint', checkpoint: c });
    }
  }
}

/**
 * Normalise and replay in one pass (entries are not retained): the main computation's path.
 * `rawEvents` must already be limited to the as-of block. `firstSeq` continues a ledger (the
 * incremental path). Returns the number of ledger entries.
 * Lone buys and sells are applied straight from their event (no entry built) unless `after` observes
 * entries; with `onTrade`, they are, and `onTrade` gets each such event (an observer that only needs to
 * know what changed, e.g. the incremental path's changed books).
 */
export function replayRaw(
  state: PortfolioState,
  rawEvents: readonly StakeEvent[],
  normalize: NormalizeOptions,
  checkpoints: readonly PositionCheckpoint[],
  asOfBlock = Number.MAX_SAFE_INTEGER,
  before?: (ts: number, block: number) => void,
  after?: (item: ReplayItem) => void,
  firstSeq = 0,
  onTrade?: (src: StakeEvent) => void,
): number {
  const cps = sortCheckpoints(checkpoints);
  let ci = 0;
  const checkpointsBefore = (block: number): void => {
    while (ci < cps.length) {
      const c = cps[ci] as PositionCheckpoint;
      if (c.blockNumber >= block || c.blockNumber > asOfBlock) break;
      before?.(c.timestamp, c.blockNumber);
      state.applyCheckpoint(c);
      ci++;
      after?.({ kind: 'checkpoint', checkpoint: c });
    }
  };
  const prices = normalize.prices;
  const trade =
    after && !onTrade
      ? undefined
      : (src: StakeEvent): void => {
          if (src.blockNumber > asOfBlock) return;
          // Most trades have no checkpoint before them to apply: only those call out.
          if (ci < cps.length && (cps[ci] as PositionCheckpoint).blockNumber < src.blockNumber)
            checkpointsBefore(src.blockNumber);
          before?.(src.timestamp, src.blockNumber);
          applyTradeEvent(state, src, prices);
          onTrade?.(src);
        };
  const count = streamLedger(
    rawEvents,
    normalize,
    (e) => {
      if (e.blockNumber > asOfBlock) return;
      checkpointsBefore(e.blockNumber);
      before?.(e.timestamp, e.blockNumber);
      state.applyEntry(e);
      after?.({ kind: 'entry', entry: e });
    },
    firstSeq,
    trade,
  );
  checkpointsBefore(asOfBlock + 1);
  return count;
}
