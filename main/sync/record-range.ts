// Records one coldkey's facts for the blocks (cursor, hi]: change blocks (events, checkpoints at
// the block and the block before, root-claim payouts) and one checkpoint per day. Facts are
// fetched pipelined but committed strictly in ascending block order, each block with the cursor
// in one transaction, so a crash at any moment resumes exactly where it stopped.
import type {
  BlockFacts,
  BlockRecord,
  ChainFactsRepo,
  CheckpointFacts,
  PayoutRow,
  SyncStateRow,
} from '../db/repos/chain-facts';
import type { ChangeBlock, ChangeFinder } from './change-finder';
import type { SubnetRow } from '../../shared/facts';
import { poolsFromState, readPositions, readSubnets } from './checkpoints';
import { ChainError } from '../chain/client';
import type { BlockRuntime, BlockState, ChainReader } from './reader';
import { keys, leUint } from './storage-keys';

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
    (c) => c.rows.length > 0,
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
    return { block: cp.block, events: [], payouts: [], checkpoints: [cp] };
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
  const claim = c.rows.find((r) => r.kind === 'RootClaimed');
  const payouts = claim ? await rootClaimPayouts(reader, coldkey, b, claim.eventIndex, prior, after) : [];
  return { block: after.block, events: c.rows, payouts, checkpoints: [prior, after] };
}

/**
 * RootClaimed{coldkey} has no amounts. The claimed α per (root hotkey, subnet) is the growth of the
 * RootClaimed watermark across the block; Keep stakes it on that subnet, Swap sells it fee-less
 * into the coldkey's root stake. Before spec 411 the chain shows no TAO amount for a Swap claim, so
 * it is the constant-product output reconstructed from the pool after the block (exact unless
 * other trades hit that subnet in the same block).
 */
async function rootClaimPayouts(
  reader: ChainReader,
  coldkey: string,
  b: number,
  eventIndex: number,
  prior: CheckpointFacts,
  after: CheckpointFacts,
): Promise<PayoutRow[]> {
  const rootHotkeys = [
    ...new Set([...prior.positions, ...after.positions].filter((p) => p.netuid === 0).map((p) => p.hotkey)),
  ].sort();
  const netuids = prior.subnets.map((s) => s.netuid).filter((n) => n !== 0);
  if (rootHotkeys.length === 0 || netuids.length === 0) return [];
  const watermarkKeys = rootHotkeys.flatMap((hot) => netuids.map((n) => keys.rootClaimed(n, hot, coldkey)));
  const [wBefore, wAfter] = await Promise.all([
    reader.readBlock(b - 1, [...watermarkKeys, keys.rootClaimType(coldkey)], false),
    reader.readBlock(b, watermarkKeys, false),
  ]);
  const claimType = decodeClaimType(wBefore.values.get(keys.rootClaimType(coldkey)) ?? null);
  // Claims run in on_initialize after the block's emission injection, so the pools they swap
  // against are those at the block with the claims undone, not those of the block before.
  const poolAfter = new Map<number, SubnetRow>(after.subnets.map((s) => [s.netuid, s]));
  const out: PayoutRow[] = [];
  for (const hot of rootHotkeys) {
    for (const n of netuids) {
      const k = keys.rootClaimed(n, hot, coldkey);
      const alpha = leUint(wAfter.values.get(k) ?? null, 16) - leUint(wBefore.values.get(k) ?? null, 16);
      if (alpha <= 0n) continue;
      const keep = claimType.keep(n);
      const p = poolAfter.get(n);
      const tao = keep || !p ? 0n : swapOutputBeforeClaim(p.taoIn, p.alphaIn, alpha);
      out.push({ eventIndex, hotkey: hot, netuid: n, mode: keep ? 'keep' : 'swap', alpha, tao });
    }
  }
  return out;
}

/**
 * TAO out of a fee-less constant-product sale of `alpha` that left the pool at (taoAfter, alphaAfter):
 * the t with t = floor((taoAfter + t)·alpha / alphaAfter), i.e. out = floor(y·Δ/(x+Δ)) with
 * y = taoAfter + t and x = alphaAfter − Δ. Found by fixed-point iteration (contracting: Δ < x).
 */
export function swapOutputBeforeClaim(taoAfter: bigint, alphaAfter: bigint, alpha: bigint): bigint {
  if (alphaAfter <= alpha) return 0n;
  let t = (taoAfter * alpha) / (alphaAfter - alpha);
  for (let i = 0; i < 64; i++) {
    const next = ((taoAfter + t) * alpha) / alphaAfter;
    if (next === t) return t;
    t = next;
  }
  return t;
}

/** RootClaimType: Swap (default, 0x00) | Keep (0x01) | KeepSubnets{subnets: BTreeSet<u16>} (0x02). */
function decodeClaimType(hex: string | null): { keep(netuid: number): boolean } {
  if (!hex || hex === '0x00') return { keep: () => false };
  if (hex === '0x01') return { keep: () => true };
  const bytes = Buffer.from(hex.slice(2), 'hex');
  if (bytes[0] !== 2) return { keep: () => false };
  const len = (bytes[1] ?? 0) >> 2;
  const subnets = new Set<number>();
  for (let i = 0; i < len; i++) subnets.add(bytes.readUInt16LE(2 + 2 * i));
  return { keep: (n) => subnets.has(n) };
}
