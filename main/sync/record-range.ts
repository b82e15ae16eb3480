// Records one coldkey's facts for the blocks (cursor, hi]: change blocks (events, checkpoints at
// the block and the block before, root-claim payouts, silent effects), one checkpoint per day and
// the head (with locks and exit values). Facts are fetched pipelined but committed strictly in
// ascending block order, each block with the cursor in one transaction, so a crash at any moment
// resumes exactly where it stopped.
import type { BlockFacts, ChainFactsRepo, SyncStateRow } from '../db/repos/chain-facts';
import { factsFor, type PlanEntry } from './block-facts';
import { recordsSomething, type ChangeFinder } from './change-finder';
import type { ChainReader } from './reader';
import type { ChainEventKind } from '../../shared/vocab';

/** Events that make a coldkey's basket positions worth reading even without root stake. */
const BASKET_KINDS = new Set(['BasketStakedIn', 'BasketClaimed']);
/** Events that change a coldkey's lock on a subnet and none of its α (docs/chain/locks.md). */
const LOCK_KINDS: ReadonlySet<string> = new Set(['StakeLocked', 'LockMoved'] satisfies ChainEventKind[]);

/** One checkpoint per this many blocks (a day of 12 s blocks), on a fixed grid so reruns agree. */
export const BLOCKS_PER_DAY = 7_200;
/**
 * At most this many consecutive blocks per transaction: 16 for the first 128 blocks a run commits, then
 * an eighth of those committed, up to 128. Each commit writes again every page its blocks touched, and a
 * block's ~130 subnet rows touch a page of the `(netuid, block_number)` key per subnet (128 from the
 * first block took recording's CPU on `npm run bench:sync` from 4.34 to 3.69 s, but main/sync/crash.test.ts
 * then died inside the first batch of every restart). A short run, and each restart there, keeps 16.
 */
const batchLimit = (committed: number): number => Math.min(128, Math.max(16, Math.floor(committed / 8)));
/** How many blocks' facts may be fetched ahead of the commit pointer (room for two batches). */
const lookahead = (committed: number): number => Math.max(48, 2 * batchLimit(committed));

export type RangePhase = 'discovering' | 'scanning' | 'recording';

export interface RangeHooks {
  signal?: AbortSignal;
  now: () => number;
  /** Record head facts only when the last ones are at least this many blocks old (default: always). */
  headEvery?: number;
  /**
   * Called with the number of blocks about to be committed, right before their transaction (a test
   * seam: the crash tests end the process here).
   */
  beforeCommit?: (blocks: number) => void;
  onProgress?: (phase: RangePhase, done: number, total: number) => void;
  /** The shortest tempo of the subnets held at a recorded head (live refreshes follow it). */
  onHeadTempo?: (tempo: number) => void;
}

export class SyncAborted extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'SyncAborted';
  }
}

export async function recordRange(
  reader: ChainReader,
  finder: ChangeFinder,
  repo: ChainFactsRepo,
  state: SyncStateRow,
  hi: number,
  hooks: RangeHooks,
): Promise<SyncStateRow> {
  const coldkey = state.coldkey;
  const lo = (state.cursor ?? 0) + 1;
  if (lo > hi) return state;
  const check = () => {
    if (hooks.signal?.aborted) throw new SyncAborted();
  };

  hooks.onProgress?.('discovering', 0, 0);
  await finder.discover(hi, lo);
  check();
  hooks.onProgress?.('scanning', 0, 0);
  const found = await finder.run(lo, hi, (n) => hooks.onProgress?.('scanning', n, 0));
  check();

  const eventful = found.filter(recordsSomething);
  // The history begins at the coldkey's first change, a silent one too: an owner's take or a miner's
  // incentive adds shares with no event of the coldkey. That block is checkpointed like a change block
  // (it and the one before), so α that arrived there is not taken for stake older than the history
  // (docs/chain/reconciliation.md#the-sign-rule). A rerun after an interruption plans it again while
  // it is still ahead of the cursor.
  const firstBlock =
    state.firstBlock ?? found.find((c) => recordsSomething(c) || c.upgrade !== true)?.state.number ?? null;
  // Runtime-upgrade blocks from the first recorded block on are checkpointed (the block and the one
  // before) even without events: a migration's revaluation lands in its own interval
  // (docs/chain/reconciliation.md#runtime-upgrade-checkpoints).
  const changes = found.filter(
    (c) =>
      recordsSomething(c) ||
      c.state.number === firstBlock ||
      (c.upgrade === true && firstBlock !== null && c.state.number >= firstBlock),
  );
  // Basket positions are read only for coldkeys with root stake or basket activity (one call per
  // checkpoint, on runtimes that offer it; docs/chain/baskets.md#what-sync-records-runtimes-441).
  const basketEvents = changes.flatMap((c) => c.rows.filter((r) => BASKET_KINDS.has(r.kind) && r.hotkey !== null));
  // Funds bought into or claimed from (this range's events and recorded ones), and those with recorded shares.
  const twrFunds = [...new Set([...basketEvents.map((r) => r.hotkey as string), ...repo.basketEventHotkeys(coldkey)])];
  const fundHotkeys = [...new Set([...twrFunds, ...repo.basketShareHotkeys(coldkey)])];
  // A coldkey swap onto this coldkey moves the old one's fund watermarks with it (docs/chain/baskets.md#swaps):
  // the shares it brings are read from then on, though no root stake or basket event of this coldkey names
  // them (basket475 seed 4316: bought at 13,800, swapped at 14,000, valued at 13,999's read ever after).
  const swappedIn = found.some((c) => c.silent.some((r) => r.kind === 'ColdkeySwapped' && r.newColdkey === coldkey));
  const baskets =
    [...finder.positions.values()].some((p) => p.netuid === 0) || fundHotkeys.length > 0 || swappedIn
      ? fundHotkeys.sort()
      : null;
  const funds = { baskets, twrFunds: twrFunds.sort() };
  const plan = new Map<number, PlanEntry>();
  for (const c of changes) plan.set(c.state.number, { block: c.state.number, change: c, head: false, ...funds });
  if (firstBlock !== null) {
    // One checkpoint in every day-long window ending on the grid: a grid block gets its own only
    // when no change block (this run's, or already committed) checkpointed that window. Both
    // sources are the same for an interrupted and an uninterrupted run, so reruns agree.
    // Only eventful blocks count here: an upgrade block without events leaves no row the committed
    // side (hasChangeBetween) would see.
    const changeBlocks = eventful.map((c) => c.state.number);
    const changedIn = (from: number, to: number) =>
      changeBlocks.some((b) => b > from && b <= to) ||
      (from < lo && repo.hasChangeBetween(coldkey, from, Math.min(to, lo - 1)));
    const start = Math.max(lo, firstBlock);
    for (let d = Math.ceil(start / BLOCKS_PER_DAY) * BLOCKS_PER_DAY; d <= hi; d += BLOCKS_PER_DAY) {
      if (!plan.has(d) && !changedIn(d - BLOCKS_PER_DAY, d))
        plan.set(d, { block: d, change: null, head: false, ...funds });
    }
  }
  // The head itself: positions, prices, locks and exit values at `hi` (live following: at most once
  // per `headEvery` blocks). Also for a coldkey that changed nothing yet but holds stake older than
  // the history read (basket475's root-only staker before her first claim): else it shows nothing.
  // A lock event moves no α, so the last head's row would still pass for current (same α) with the
  // old lock until the next refresh: a range that recorded one reads the head again.
  if (firstBlock !== null || finder.positions.size > 0) {
    const lastHead = repo.lastHeadBlock(coldkey);
    const lockChanged = eventful.some((c) => c.rows.some((r) => LOCK_KINDS.has(r.kind)));
    if (hooks.headEvery === undefined || lastHead === null || hi - lastHead >= hooks.headEvery || lockChanged) {
      const entry = plan.get(hi);
      plan.set(hi, entry ? { ...entry, head: true } : { block: hi, change: null, head: true, ...funds });
    }
  }
  const entries = [...plan.values()].sort((a, b) => a.block - b.block);
  await reader.prefetchHashes(entries.filter((e) => !e.change).map((e) => e.block));

  let current: SyncStateRow = { ...state, firstBlock, lastFinalized: hi, phase: 'recording' };
  const inflight = new Map<number, Promise<BlockFacts & { headTempo?: number }>>();
  const settled = new Set<number>();
  let failed = false;
  let failure: unknown = null;
  const startFetch = (i: number) => {
    const entry = entries[i];
    if (!entry || inflight.has(i) || failed) return;
    const p = factsFor(reader, finder, coldkey, entry);
    p.then(
      () => settled.add(i),
      (error: unknown) => {
        failed = true; // stop fetching ahead: the range will be retried from the cursor
        failure ??= error;
        settled.add(i);
      },
    );
    inflight.set(i, p);
  };
  hooks.onProgress?.('recording', 0, entries.length);
  const ready = new Map<number, BlockFacts & { headTempo?: number }>();
  for (let i = 0; i < entries.length;) {
    for (let j = i; j < Math.min(entries.length, i + lookahead(i)); j++) startFetch(j);
    const pending = inflight.get(i);
    if (!pending) throw failure ?? new Error(`block ${entries[i]?.block} was not fetched`);
    ready.set(i, await pending);
    // Blocks whose facts already arrived commit together (fewer fsyncs); each block still goes in
    // with the cursor at that block, in order, in one transaction.
    let end = i + 1;
    await Promise.resolve();
    while (end < entries.length && end < i + batchLimit(i) && settled.has(end)) {
      ready.set(end, await inflight.get(end)!);
      end += 1;
    }
    check();
    const batch: { facts: BlockFacts; state: SyncStateRow }[] = [];
    for (let k = i; k < end; k++) {
      const { headTempo, ...facts } = ready.get(k)!;
      if (headTempo !== undefined) hooks.onHeadTempo?.(headTempo);
      current = { ...current, cursor: facts.block.number };
      batch.push({ facts, state: current });
      ready.delete(k);
      inflight.delete(k);
      settled.delete(k);
    }
    hooks.beforeCommit?.(batch.length);
    repo.commitBlocks(coldkey, batch, hooks.now());
    i = end;
    hooks.onProgress?.('recording', i, entries.length);
  }
  current = { ...current, cursor: hi, lastFinalized: hi, phase: 'idle' };
  repo.saveState(current, hooks.now());
  finder.forgetBelow(hi);
  return current;
}
