// One sync run of one wallet: bring it from its cursor to the current finalized head, with the
// recovery for a pruned node (tracking continues from the head, the gap is named).
import { ChainError, isPrunedError, type ChainClient } from '../chain/client';
import type { ChainFactsRepo, SyncStateRow } from '../db/repos/chain-facts';
import type { IdentitiesRepo } from '../db/repos/identities';
import { ChangeFinder } from './change-finder';
import { POSITION_KINDS } from './change-block';
import { chainEventKinds } from '../../shared/vocab';
import { refreshIdentities } from './identities';
import type { ChainReader } from './reader';
import { recordRange, SyncAborted, type RangeHooks, type RangePhase } from './record-range';
import { reportProgress, type WalletRun } from './wallet-run';
import { connectRetrying } from './retry';

/**
 * Live following records head facts (positions, prices, locks, exit values) once this many blocks
 * have passed since the last ones, or once the shortest tempo of the held subnets has, if shorter:
 * so every epoch's emission reaches the head α within one tempo (docs/chain/epochs.md).
 */
export const HEAD_EVERY_LIVE = 300;

export interface RunContext {
  client: ChainClient;
  reader: ChainReader;
  repo: ChainFactsRepo;
  /** Where validator names are cached; without it names are not read. */
  identities?: IdentitiesRepo;
  now: () => number;
  /** Following live: refresh the head facts at most every HEAD_EVERY_LIVE blocks. */
  following: boolean;
  /**
   * The finalized number the node's head subscription announced, while following: its hash is one
   * request (shared by every wallet) instead of asking for the finalized head and its header.
   */
  announced?: number | null;
  paused: () => boolean;
  log?: (line: string) => void;
  beforeCommit?: (blocks: number) => void;
  /** Progress changed (push to the UI; throttled unless forced). */
  onProgress: (force?: boolean) => void;
  /** Facts were committed (announced to the backend's caches). */
  onRecorded: (force?: boolean) => void;
}

const NAMED_VALIDATOR_KINDS = chainEventKinds.filter((k) => k !== 'RootClaimed');

/** A finder that already watches every position and hotkey recorded for the coldkey. */
export function seededFinder(reader: ChainReader, repo: ChainFactsRepo, coldkey: string): ChangeFinder {
  const finder = new ChangeFinder(reader, coldkey);
  // What an uninterrupted run learns from events (POSITION_KINDS), so a resumed run watches the same.
  const known = repo.knownPositions(coldkey, POSITION_KINDS);
  finder.seed(known, [...new Set(known.map((p) => p.hotkey))]);
  return finder;
}

/**
 * Why blocks were skipped. `recordedTo` is the last head recorded before: a cursor behind it (a range
 * recorded again, e.g. after migration 12) skips blocks whose facts are kept, which is no gap.
 */
function prunedMessage(head: number, current: SyncStateRow, recordedTo: number | null): string {
  if (current.cursor === null)
    return `This node has discarded old state, so history before block ${head} cannot be read: full history needs an archive node. Tracking continues from block ${head}.`;
  const from = current.cursor + 1;
  const kept = recordedTo !== null && recordedTo >= from ? Math.min(recordedTo, head - 1) : null;
  if (kept === null)
    return `This node has discarded the state of blocks ${from}–${head - 1}, so they cannot be read: an archive node is needed to fill that gap. Tracking continues from block ${head}.`;
  const gap =
    kept < head - 1
      ? ` Blocks ${kept + 1}–${head - 1} cannot be read at all: an archive node is needed to fill that gap.`
      : '';
  return `This node has discarded the state of blocks ${from}–${kept}, so they could not be recorded again: what was recorded for them before is kept as it was.${gap} Tracking continues from block ${head}.`;
}

/** Bring one wallet up to the current finalized head. Throws ChainError on failure (recorded in `run`). */
export async function syncWallet(ctx: RunContext, run: WalletRun, signal: AbortSignal): Promise<void> {
  const { client, reader, repo } = ctx;
  await connectRetrying(client, reader.retries);
  const coldkey = run.wallet.address;
  run.finder ??= seededFinder(reader, repo, coldkey);
  const initial: SyncStateRow = repo.getState(coldkey) ?? {
    coldkey,
    phase: 'idle',
    cursor: null,
    firstBlock: null,
    historyFrom: null,
    lastFinalized: null,
    error: null,
  };
  const hooks: RangeHooks = {
    signal,
    now: ctx.now,
    beforeCommit: ctx.beforeCommit,
    headEvery: ctx.following ? Math.min(HEAD_EVERY_LIVE, run.headTempo ?? HEAD_EVERY_LIVE) : undefined,
    onHeadTempo: (tempo) => {
      run.headTempo = tempo;
    },
    onProgress: (phase: RangePhase, done: number, total: number) => {
      reportProgress(run, phase, done, total, ctx.now());
      ctx.onProgress();
      if (phase === 'recording' && done > 0) ctx.onRecorded();
    },
  };
  run.error = null;
  try {
    const head =
      ctx.announced !== null && ctx.announced !== undefined
        ? { number: ctx.announced, hash: await reader.hashOf(ctx.announced) }
        : await reader.finalizedHead();
    client.setBestFinalized(head.number);
    try {
      await recordRange(reader, run.finder, repo, initial, head.number, hooks);
    } catch (error) {
      if (!isPrunedError(error)) throw error;
      // Pruned node: the missing state is out of reach, but tracking from now on works.
      const current = repo.getState(coldkey) ?? initial;
      const message = prunedMessage(head.number, current, repo.lastHeadBlock(coldkey));
      const resumed: SyncStateRow = {
        ...current,
        cursor: head.number - 1,
        firstBlock: current.firstBlock ?? head.number,
        historyFrom: current.cursor === null ? head.number : current.historyFrom,
        error: message,
      };
      repo.saveState(resumed, ctx.now());
      run.finder = seededFinder(reader, repo, coldkey);
      await recordRange(reader, run.finder, repo, resumed, head.number, hooks);
      ctx.log?.(message);
    }
    if (ctx.identities && !signal.aborted) {
      // Every validator an event names (funds bought into included), not the coldkey a RootClaimed row carries.
      const hotkeys = repo.knownPositions(coldkey, NAMED_VALIDATOR_KINDS).map((p) => p.hotkey);
      // Names only label validators: a failed read leaves the cached ones and is tried next run.
      await refreshIdentities(reader, ctx.identities, hotkeys, head.number).catch((error: unknown) =>
        ctx.log?.(`Validator names not read: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    run.phase = 'live';
    ctx.onRecorded(true);
  } catch (error) {
    if (error instanceof SyncAborted) {
      run.phase = ctx.paused() ? 'paused' : 'idle';
      return;
    }
    // A dropped connection is the chain's state, not this wallet's: it waits for the reconnect
    // (the chain status says why) instead of showing an error that the next run would clear.
    const connectionLost = error instanceof ChainError && (error.code === 'unreachable' || error.code === 'closed');
    run.phase = connectionLost ? 'waiting' : 'error';
    if (!connectionLost) run.error = error instanceof Error ? error.message : String(error);
    throw error instanceof Error ? error : new ChainError('malformed', String(error));
  } finally {
    ctx.onProgress(true);
  }
}
