// The facts of one planned block of a coldkey: a change block (its events, silent effects,
// root-claim payouts and checkpoints at the block and the block before), a daily checkpoint, or
// the head checkpoint with locks and exit values. Everything is read before anything is written.
import { ChainError } from '../chain/client';
import type { BlockFacts, BlockRecord, CheckpointFacts } from '../db/repos/chain-facts';
import type { ChangeBlock, ChangeFinder } from './change-finder';
import { hasBaskets, readBasketsByApi, readBasketsFromStorage, readsBaskets } from './baskets';
import { poolsFromState, readPositions, readPricedPools, readSubnets } from './checkpoints';
import { silentEffects } from './effects';
import { headExits } from './head';
import type { BlockRuntime, BlockState, ChainReader } from './reader';
import { poolValueKeys, withEmptied, withPoolValues } from './pool-values';
import type { PoolRows } from './pool-rows';
import { rootClaimPayouts, type ValuesAt } from './root-claims';
import { DEFAULT_TEMPO, keys, leUint, poolKeysOf } from './storage-keys';
import { checkpointTwr, twrKeysOf } from './basket-twr';
import { shareKeysOf, stakeFromStorage } from './stake-from-storage';

type Position = { hotkey: string; netuid: number };

/** The shortest tempo of the subnets held at a head block, from the Tempo keys read with it. */
function shortestTempo(s: BlockState, positions: readonly { netuid: number }[]): number {
  const tempos = [...new Set(positions.map((p) => p.netuid))]
    .filter((n) => n !== 0) // root has no epoch of its own
    .map((n) => {
      const v = s.values.get(keys.tempo(n)) ?? null;
      return v === null ? DEFAULT_TEMPO : Number(leUint(v, 2));
    })
    .filter((t) => t > 0);
  return Math.min(DEFAULT_TEMPO, ...tempos);
}

export interface PlanEntry {
  block: number;
  change: ChangeBlock | null;
  /** Also record locks and exit values here: the head the range syncs to. */
  head: boolean;
  /**
   * Read basket positions here (runtimes 441+) when the coldkey has root stake or basket activity: the
   * funds it bought into or claimed from (its root hotkeys at the checkpoint are added); null: do not.
   */
  baskets: readonly string[] | null;
  /**
   * Funds whose BasketTwr every checkpoint of the range reads (with its root validators and the funds
   * it finds shares in): those the coldkey bought into or claimed from, by its events. Not funds known
   * only from recorded shares: a rerun would then read them at blocks the first run did not.
   */
  twrFunds: readonly string[];
}

function blockRecord(s: BlockState, specVersion: number, parentHash: string | null): BlockRecord {
  return { number: s.number, hash: s.hash, parentHash, timestamp: s.timestamp, specVersion };
}

/** Where a checkpoint's pools come from (see checkpointAt). */
type PoolSource =
  | { from: 'runtime'; held: readonly number[] }
  | { from: 'state'; netuids: readonly number[]; made?: PoolRows }
  | { from: 'state-priced'; netuids: readonly number[] };

/**
 * Positions from the share keys read with the block among `known` where that equals the runtime
 * call (main/sync/stake-from-storage.ts), else via get_stake_info_for_coldkey; pools via get_all_dynamic_info (the head), from the
 * pool keys already read with the block's state (change blocks and the blocks before), or from
 * those keys priced by the runtime's price list (daily checkpoints).
 */
async function checkpointAt(
  reader: ChainReader,
  s: BlockState,
  coldkey: string,
  parentHash: string | null,
  pools: PoolSource,
  baskets: readonly string[] | null,
  known: readonly Position[] | null,
  fundsHash = s.hash,
): Promise<CheckpointFacts & { callRuntime: BlockRuntime }> {
  const runtime = await reader.runtimeFor(s);
  // α from the share keys read with the block where that is the runtime call's answer.
  const fromStorage = known && stakeFromStorage(s, runtime.specVersion, reader.sameRuntimeAfter(s), coldkey, known);
  const poolsAt = (codeRuntime: BlockRuntime) => {
    switch (pools.from) {
      case 'runtime':
        return readSubnets(reader, codeRuntime, s.hash, s.number).then((rows) => {
          // From 475 a dissolved subnet leaves the runtime's pool list at NetworkRemoved but keeps its
          // pool storage until the settle phase pays its holders (docs/chain/swaps-and-dissolution.md):
          // a held one is priced from that storage, read with the block, as change blocks price it.
          const missing = pools.held.filter((n) => !rows.some((r) => r.netuid === n));
          return missing.length === 0
            ? rows
            : [...rows, ...poolsFromState(s, missing, runtime)].sort((a, b) => a.netuid - b.netuid);
        });
      case 'state':
        return pools.made?.of(s, pools.netuids, runtime) ?? poolsFromState(s, pools.netuids, runtime);
      case 'state-priced':
        return readPricedPools(reader, s, pools.netuids, runtime, codeRuntime);
    }
  };
  const read = (codeRuntime: BlockRuntime) =>
    Promise.all([
      fromStorage ?? readPositions(reader, codeRuntime, s.hash, coldkey, s.number),
      poolsAt(codeRuntime),
      baskets && readsBaskets(codeRuntime)
        ? readBasketsByApi(reader, codeRuntime, s.hash, coldkey, s.number)
        : undefined,
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
  const [rows, subnets, byApi] = result;
  const positions = await withPoolValues(reader, s, coldkey, rows);
  const basketRows =
    byApi ??
    (baskets && hasBaskets(callRuntime)
      ? await readBasketsFromStorage(reader, callRuntime, s, coldkey, positions, baskets, fundsHash)
      : undefined);
  return {
    block: blockRecord(s, runtime.specVersion, parentHash),
    positions,
    subnets,
    ...(basketRows ? { baskets: basketRows } : {}),
    callRuntime,
  };
}

const facts = ({ callRuntime: _, ...cp }: CheckpointFacts & { callRuntime: BlockRuntime }): CheckpointFacts => cp;

/**
 * Validators whose fund's BasketTwr a checkpoint reads: the coldkey's root validators and the funds it
 * bought into or claimed from. At change blocks only those the finder's read carried are read.
 */
const fundsOf = (finder: ChangeFinder, entry: PlanEntry): string[] =>
  [...new Set([...finder.fundHotkeys(), ...(entry.baskets ? entry.twrFunds : [])])].sort();

/** A checkpoint with the BasketTwr readings read with its block's state (its own runtime's storage). */
async function withTwr(
  reader: ChainReader,
  s: BlockState,
  cp: CheckpointFacts,
  funds: readonly string[],
): Promise<CheckpointFacts> {
  const held = [...funds, ...(cp.baskets ?? []).map((b) => b.hotkey)];
  const twr = await checkpointTwr(reader, s, cp.positions, held);
  return twr.length > 0 ? { ...cp, twr } : cp;
}

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
): Promise<BlockFacts & { headTempo?: number }> {
  if (!entry.change) {
    // The head takes the runtime's full pool info (and the tempos, for live refreshes); a daily
    // checkpoint reads the pools with the block. Both read the positions' pool values with it.
    // Subnets a checkpoint reads pools of: those at the head of the first run and every position's.
    const netuids = [...new Set([...finder.netuids, ...[...finder.positions.values()].map((p) => p.netuid)])].sort(
      (a, b) => a - b,
    );
    const held = [...new Set([...finder.positions.values()].map((p) => p.netuid))].sort((a, b) => a - b);
    const funds = fundsOf(finder, entry);
    const s = await reader.readBlock(
      entry.block,
      [
        ...new Set([
          ...(entry.head ? [...netuids.map(keys.tempo), ...held.flatMap(poolKeysOf)] : netuids.flatMap(poolKeysOf)),
          ...twrKeysOf(funds),
          ...poolValueKeys(finder.positions.values()),
          ...(entry.head
            ? []
            : [...shareKeysOf(coldkey, finder.positions.values()), ...finder.pairs.crossKeys(entry.block)]),
        ]),
      ],
      false,
      'checkpoint block',
    );
    const cp = await checkpointAt(
      reader,
      s,
      coldkey,
      null,
      entry.head ? { from: 'runtime', held } : { from: 'state-priced', netuids },
      entry.baskets,
      entry.head ? null : finder.pairs.at(entry.block),
    );
    const exits = entry.head ? await exitsAt(reader, cp, coldkey) : undefined;
    return {
      block: cp.block,
      events: [],
      payouts: [],
      checkpoints: [await withTwr(reader, s, facts(cp), funds)],
      effects: [],
      ...(exits ? { exits, head: true, headTempo: shortestTempo(s, cp.positions) } : {}),
    };
  }
  const c = entry.change;
  const b = c.state.number;
  // Both reads are normally cached from verification (fingerprint + pools in one request each).
  const [at, before] = await Promise.all([finder.read(b, false, true), finder.read(b - 1, false, true)]);
  const pools: PoolSource = { from: 'state', netuids: finder.netuids, made: finder.poolRows };
  // b − 1 has the funds of b unless something in b could have changed them (baskets.ts fundList).
  const fundsOfBefore = finder.fundsSteady(b) ? at.hash : before.hash;
  const [after, prior] = await Promise.all([
    checkpointAt(reader, at, coldkey, before.hash, pools, entry.baskets, entry.head ? null : finder.pairs.at(b)),
    checkpointAt(reader, before, coldkey, null, pools, entry.baskets, finder.pairs.at(b - 1), fundsOfBefore),
  ]);
  const events = c.rows.map((r) => ({ ...r }));
  // The finder's reads at b and b − 1 carry the root-claim keys of the root positions it knows.
  const valuesAt: ValuesAt = async (block, wanted) => {
    const cached = block === b ? at : block === b - 1 ? before : null;
    if (cached && wanted.every((k) => cached.values.has(k))) return cached.values;
    return (await reader.readBlock(block, wanted, false, 'root claim')).values;
  };
  const payouts = (
    await Promise.all(
      c.claims.map((claim) =>
        rootClaimPayouts(valuesAt, coldkey, b, claim.eventIndex, claim.transfers, prior, after, events),
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
    checkpoints: await Promise.all([
      withTwr(reader, before, facts(prior), fundsOf(finder, entry)),
      withTwr(reader, at, facts(after), fundsOf(finder, entry)).then(async (cp) => ({
        ...cp,
        positions: await withEmptied(reader, at, coldkey, prior.positions, cp.positions),
      })),
    ]),
    effects,
    ...(exits ? { exits, head: true } : {}),
  };
}
