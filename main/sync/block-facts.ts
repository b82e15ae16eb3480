// The facts of one planned block of a coldkey: a change block (its events, silent effects,
// root-claim payouts and checkpoints at the block and the block before), a daily checkpoint, or
// the head checkpoint with locks and exit values. Everything is read before anything is written.
import { ChainError } from '../chain/client';
import type { BlockFacts, BlockRecord, CheckpointFacts } from '../db/repos/chain-facts';
import type { ChangeBlock, ChangeFinder } from './change-finder';
import { poolsFromState, readPositions, readSubnets } from './checkpoints';
import { silentEffects } from './effects';
import { headExits } from './head';
import type { BlockRuntime, BlockState, ChainReader } from './reader';
import { rootClaimPayouts } from './root-claims';

export interface PlanEntry {
  block: number;
  change: ChangeBlock | null;
  /** Also record locks and exit values here: the head the range syncs to. */
  head: boolean;
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
): Promise<CheckpointFacts & { callRuntime: BlockRuntime }> {
  const runtime = await reader.runtimeFor(s);
  const read = (codeRuntime: BlockRuntime) =>
    Promise.all([
      readPositions(reader, codeRuntime, s.hash, coldkey, s.number),
      netuids ? poolsFromState(s, netuids, runtime) : readSubnets(reader, codeRuntime, s.hash, s.number),
    ]);
  let result: Awaited<ReturnType<typeof read>>;
  let callRuntime = runtime;
  try {
    result = await read(runtime);
  } catch (error) {
    // A runtime call at block b runs the code in b's state: after a set_code in b that is the next
    // runtime, not the one that executed b. Only then does the block's own registry fail to decode.
    if (!(error instanceof ChainError) || error.code !== 'malformed') throw error;
    const next = await reader.readBlock(s.number + 1, [], false).catch(() => null);
    if (!next || next.upgradeSpec === s.upgradeSpec) throw error; // no upgrade here: really malformed
    callRuntime = await reader.runtimeFor(next);
    result = await read(callRuntime);
  }
  const [positions, subnets] = result;
  return { block: blockRecord(s, runtime.specVersion, parentHash), positions, subnets, callRuntime };
}

const facts = ({ callRuntime: _, ...cp }: CheckpointFacts & { callRuntime: BlockRuntime }): CheckpointFacts => cp;

/** Locks and exit values at a head checkpoint, read with the runtime that answered its calls. */
const exitsAt = (
  reader: ChainReader,
  cp: CheckpointFacts & { callRuntime: BlockRuntime },
  coldkey: string,
): ReturnType<typeof headExits> =>
  headExits(reader, cp.callRuntime, cp.block.hash, cp.block.number, coldkey, cp.positions);

export async function factsFor(
  reader: ChainReader,
  finder: ChangeFinder,
  coldkey: string,
  entry: PlanEntry,
): Promise<BlockFacts> {
  if (!entry.change) {
    const s = await reader.readBlock(entry.block, [], false);
    const cp = await checkpointAt(reader, s, coldkey, null);
    const exits = entry.head ? await exitsAt(reader, cp, coldkey) : undefined;
    return {
      block: cp.block,
      events: [],
      payouts: [],
      checkpoints: [facts(cp)],
      effects: [],
      ...(exits ? { exits, head: true } : {}),
    };
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
  const payouts = (
    await Promise.all(
      c.claims.map((claim) =>
        rootClaimPayouts(reader, coldkey, b, claim.eventIndex, claim.transfers, prior, after, events),
      ),
    )
  ).flat();
  const keeps = payouts.filter((p) => p.mode === 'keep');
  const effects = silentEffects(coldkey, c.silent, events, prior, after, keeps);
  const exits = entry.head ? await exitsAt(reader, after, coldkey) : undefined;
  return {
    block: after.block,
    events,
    payouts,
    checkpoints: [facts(prior), facts(after)],
    effects,
    ...(exits ? { exits, head: true } : {}),
  };
}
