// Records one coldkey's facts for the blocks (cursor, hi]: change blocks (events, checkpoints at
// the block and the block before, root-claim payouts) and one checkpoint per day. Facts are
// fetched pipelined but committed strictly in ascending block order, each block with the cursor
// in one transaction, so a crash at any moment resumes exactly where it stopped.
import type { BlockFacts, BlockRecord, ChainFactsRepo, CheckpointFacts, SyncStateRow } from '../db/repos/chain-facts';
import { recordsSomething, type ChangeBlock, type ChangeFinder } from './change-finder';
import { poolsFromState, readPositions, readSubnets } from './checkpoints';
import { silentEffects } from './effects';
import { rootClaimPayouts } from './root-claims';
import { ChainError } from '../chain/client';
import type { BlockRuntime, BlockState, ChainReader } from './reader';

/** One checkpoint per this many blocks (a day of 12 s blocks), on a fixed grid so reruns agree. */
export const BLOCKS_PER_DAY = 7_200;
/** How many blocks' facts may be fetched ahead of the commit pointer. */
const LOOKAHEAD = 48;
/** At most this many consecutive blocks per transaction. */
const MAX_BATCH = 16;

export type RangePhase = 'discovering' | 'scanning' | 'recording';

export interface RangeHooks {
  signal?: AbortSignal;
  now: () => number;
  onProgress?: (phase: RangePhase, done: number, total: number) => void;
}

/**
 * Test hook for the crash tests: SIGKILL this process right before committing the transaction
 * that holds its Nth planned block (counted over all wallets, 0 = the first), i.e. an abrupt
 * death at a precise point whatever the batching. Unset in normal use.
 */
const KILL_BEFORE_BLOCK =
  process.env.TAOFOLIO_TEST_KILL_BEFORE_COMMIT === undefined
    ? null
    : Number(process.env.TAOFOLIO_TEST_KILL_BEFORE_COMMIT);
let blocksCommitted = 0;

export class SyncAborted extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'SyncAborted';
  }
}

interface PlanEntry {
  block: number;
  change: ChangeBlock | null;
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
  await finder.discover(hi);
  check();
  hooks.onProgress?.('scanning', 0, 0);
  const changes = (await finder.run(lo, hi, (found) => hooks.onProgress?.('scanning', found, 0))).filter(
    recordsSomething,
  );
  check();

  const firstBlock = state.firstBlock ?? changes[0]?.state.number ?? null;
  const plan = new Map<number, PlanEntry>();
  for (const c of changes) plan.set(c.state.number, { block: c.state.number, change: c });
  if (firstBlock !== null) {
    // One checkpoint in every day-long window ending on the grid: a grid block gets its own only
    // when no change block (this run's, or already committed) checkpointed that window. Both
    // sources are the same for an interrupted and an uninterrupted run, so reruns agree.
    const changeBlocks = changes.map((c) => c.state.number);
    const changedIn = (from: number, to: number) =>
      changeBlocks.some((b) => b > from && b <= to) ||
      (from < lo && repo.hasChangeBetween(coldkey, from, Math.min(to, lo - 1)));
    const start = Math.max(lo, firstBlock);
    for (let d = Math.ceil(start / BLOCKS_PER_DAY) * BLOCKS_PER_DAY; d <= hi; d += BLOCKS_PER_DAY) {
      if (!plan.has(d) && !changedIn(d - BLOCKS_PER_DAY, d)) plan.set(d, { block: d, change: null });
    }
  }
  const entries = [...plan.values()].sort((a, b) => a.block - b.block);
  await reader.prefetchHashes(entries.filter((e) => !e.change).map((e) => e.block));

  let current: SyncStateRow = { ...state, firstBlock, lastFinalized: hi, phase: 'recording' };
  const inflight = new Map<number, Promise<BlockFacts>>();
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
  const ready = new Map<number, BlockFacts>();
  for (let i = 0; i < entries.length;) {
    for (let j = i; j < Math.min(entries.length, i + LOOKAHEAD); j++) startFetch(j);
    const pending = inflight.get(i);
    if (!pending) throw failure ?? new Error(`block ${entries[i]?.block} was not fetched`);
    ready.set(i, await pending);
    // Blocks whose facts already arrived commit together (fewer fsyncs); each block still goes in
    // with the cursor at that block, in order, in one transaction.
    let end = i + 1;
    await Promise.resolve();
    while (end < entries.length && end < i + MAX_BATCH && settled.has(end)) {
      ready.set(end, await inflight.get(end)!);
      end += 1;
    }
    check();
    const batch: { facts: BlockFacts; state: SyncStateRow }[] = [];
    for (let k = i; k < end; k++) {
      const facts = ready.get(k)!;
      current = { ...current, cursor: facts.block.number };
      batch.push({ facts, state: current });
      ready.delete(k);
      inflight.delete(k);
      settled.delete(k);
    }
    if (
      KILL_BEFORE_BLOCK !== null &&
      blocksCommitted <= KILL_BEFORE_BLOCK &&
      KILL_BEFORE_BLOCK < blocksCommitted + batch.length
    )
      process.kill(process.pid, 'SIGKILL');
    repo.commitBlocks(coldkey, batch, hooks.now());
    blocksCommitted += batch.length;
    i = end;
    hooks.onProgress?.('recording', i, entries.length);
  }
  current = { ...current, cursor: hi, lastFinalized: hi, phase: 'idle' };
  repo.saveState(current, hooks.now());
  finder.forgetBelow(hi);
  return current;
}

function blockRecord(s: BlockState, specVersion: number, parentHash: string | null): BlockRecord {
  return { number: s.number, hash: s.hash, parentHash, timestamp: s.timestamp, specVersion };
}

/**
 * Positions via get_stake_info_for_coldkey; pools via get_all_dynamic_info, or, when `netuids` is
 * given, from the pool keys already read with the block's state (change blocks and the blocks before).
 */
async function checkpointAt(
  reader: ChainReader,
  s: BlockState,
  coldkey: string,
  parentHash: string | null,
  netuids?: readonly number[],
): Promise<CheckpointFacts> {
  const runtime = await reader.runtimeFor(s);
  const read = (codeRuntime: BlockRuntime) =>
    Promise.all([
      readPositions(reader, codeRuntime, s.hash, coldkey, s.number),
      netuids ? poolsFromState(s, netuids, runtime) : readSubnets(reader, codeRuntime, s.hash, s.number),
    ]);
  let result: Awaited<ReturnType<typeof read>>;
  try {
    result = await read(runtime);
  } catch (error) {
    // A runtime call at block b runs the code in b's state: after a set_code in b that is the next
    // runtime, not the one that executed b. Only then does the block's own registry fail to decode.
    if (!(error instanceof ChainError) || error.code !== 'malformed') throw error;
    const next = await reader.readBlock(s.number + 1, [], false).catch(() => null);
    if (!next || next.upgradeSpec === s.upgradeSpec) throw error; // no upgrade here: really malformed
    result = await read(await reader.runtimeFor(next));
  }
  const [positions, subnets] = result;
  return { block: blockRecord(s, runtime.specVersion, parentHash), positions, subnets };
}

async function factsFor(
  reader: ChainReader,
  finder: ChangeFinder,
  coldkey: string,
  entry: PlanEntry,
): Promise<BlockFacts> {
  if (!entry.change) {
    const s = await reader.readBlock(entry.block, [], false);
    const cp = await checkpointAt(reader, s, coldkey, null);
    return { block: cp.block, events: [], payouts: [], checkpoints: [cp], effects: [] };
  }
  const c = entry.change;
  const b = c.state.number;
  // Both reads are normally cached from verification (fingerprint + pools in one request each).
  const [at, before] = await Promise.all([finder.read(b, false, true), finder.read(b - 1, false, true)]);
  const netuids = finder.netuids;
  const [after, prior] = await Promise.all([
    checkpointAt(reader, at, coldkey, before.hash, netuids),
    checkpointAt(reader, before, coldkey, null, netuids),
  ]);
  const events = c.rows.map((r) => ({ ...r }));
  const effects = silentEffects(coldkey, c.silent, events, prior, after);
  const payouts = (
    await Promise.all(
      c.claims.map((claim) => rootClaimPayouts(reader, coldkey, b, claim.eventIndex, claim.transfers, prior, after)),
    )
  ).flat();
  return { block: after.block, events, payouts, checkpoints: [prior, after], effects };
}
