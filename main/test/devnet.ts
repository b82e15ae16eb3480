// Helpers for sync tests and the sync benchmark: metadata location for the devnet, and the
// comparison of stored facts with the devnet's ground truth.
import { METADATA_HELP, findMetadata } from '../../devnet/scale/metadata-files';
import type { DB } from '../db/open';
import type { TruthLike } from './truth-lines';
import type { ChainState } from '../../devnet/chain/state';
import { fromSs58, ss58 } from '../../devnet/chain/accounts';
import { namesPosition } from '../../devnet/truth-positions';

export { eventLines, type TruthLike } from './truth-lines';

/**
 * The devnet's metadata is vendored in devnet/metadata/ (SUBTENSOR_METADATA_DIR may override it), so
 * nothing needs setting up; this only fails early, with the instruction, if neither is there.
 */
export function ensureDevnetMetadata(): void {
  if (findMetadata().size === 0) throw new Error(METADATA_HELP);
}

const TEMPO_PLUS_ONE = 361;
/** Last epoch block ≤ x of a subnet on the devnet: epochs fire when (b + netuid + 1) % 361 == 360. */
export function lastEpochAtOrBefore(x: number, netuid: number): number {
  const r = (x + netuid + 1) % TEMPO_PLUS_ONE;
  return x - ((r + 1) % TEMPO_PLUS_ONE);
}

/**
 * Checks every stored position checkpoint against the truth: between epochs α only changes through
 * events, so at a checkpoint block X the stored α must equal the truth's α at the last epoch E ≤ X
 * for every position with no event (or root-claim payout) in (E, X] — up to 1 rao of share rounding
 * caused by other stakers of the same hotkey. Returns [checked, mismatches].
 */
export function checkpointMismatches(
  db: DB,
  truth: TruthLike,
  coldkey: string,
  /** The last epoch block ≤ x of a subnet; from spec 423 the scheduler is stateful: ask the devnet. */
  lastEpoch: (x: number, netuid: number) => number = lastEpochAtOrBefore,
): { checked: number; mismatches: string[] } {
  const blocks = (
    db
      .prepare('SELECT DISTINCT block_number FROM position_checkpoints WHERE coldkey = ? ORDER BY block_number')
      .all(coldkey) as { block_number: bigint }[]
  ).map((r) => Number(r.block_number));
  const stored = new Map<string, bigint>();
  for (const r of db
    .prepare('SELECT block_number, hotkey, netuid, alpha FROM position_checkpoints WHERE coldkey = ?')
    .all(coldkey) as { block_number: bigint; hotkey: string; netuid: bigint; alpha: bigint }[]) {
    stored.set(`${r.block_number}|${r.hotkey}|${r.netuid}`, r.alpha);
  }
  const truthAt = new Map<string, bigint>();
  const positions = new Set<string>();
  for (const p of truth.positions) {
    if (p.coldkey !== coldkey) continue;
    truthAt.set(`${p.block}|${p.hotkey}|${p.netuid}`, BigInt(p.alpha));
    positions.add(`${p.hotkey}|${p.netuid}`);
  }
  // Blocks where each position was touched by an event of this coldkey.
  const touched = new Map<string, number[]>();
  const touch = (hot: string, netuid: number, block: number) => {
    const k = `${hot}|${netuid}`;
    positions.add(k);
    const list = touched.get(k) ?? [];
    list.push(block);
    touched.set(k, list);
  };
  for (const e of truth.events.filter(namesPosition)) {
    if (e.coldkey !== coldkey && e.destColdkey !== coldkey) continue;
    touch(e.hotkey, e.netuid, e.block);
    if (e.destNetuid !== undefined || e.destHotkey !== undefined)
      touch(e.destHotkey ?? e.hotkey, e.destNetuid ?? e.netuid, e.block);
    if (e.kind === 'RootClaimSwap') touch(e.hotkey, 0, e.block);
  }
  let checked = 0;
  const mismatches: string[] = [];
  for (const x of blocks) {
    for (const pos of positions) {
      const n = pos.split('|')[1] ?? '0';
      const netuid = Number(n);
      const e = lastEpoch(x, netuid);
      if (e < 0) continue;
      // (The truth lists a position from the epoch after it first existed, so an event at E itself also skips.)
      if ((touched.get(pos) ?? []).some((b) => b >= e && b <= x)) continue;
      const expected = truthAt.get(`${e}|${pos}`) ?? 0n;
      const got = stored.get(`${x}|${pos}`) ?? 0n;
      checked += 1;
      // Other stakers' operations on the same hotkey can move a share's floor-rounded value by 1.
      const diff = expected > got ? expected - got : got - expected;
      if (diff > 1n) mismatches.push(`block ${x} ${pos}: stored ${got}, truth@${e} ${expected}`);
    }
  }
  return { checked, mismatches };
}

/**
 * Every row of the fact tables, for row-for-row comparison of two databases. `ids: false` drops
 * stake_events.id, which reflects the commit order across wallets synced concurrently.
 */
export function dumpFacts(
  db: DB,
  { ids = true }: { ids?: boolean } = {},
): {
  blocks: unknown[];
  stake_events: unknown[];
  position_checkpoints: unknown[];
  subnet_snapshots: unknown[];
  root_claim_payouts: unknown[];
  silent_effects: unknown[];
  position_exits: unknown[];
  subnet_stakes: unknown[];
  head_checkpoints: unknown[];
  basket_checkpoints: unknown[];
  basket_positions: unknown[];
  basket_twr: unknown[];
  validator_identities: unknown[];
  sync_state: unknown[];
} {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    blocks: q('SELECT * FROM blocks ORDER BY number'),
    stake_events: ids
      ? q('SELECT * FROM stake_events ORDER BY id')
      : (q('SELECT * FROM stake_events ORDER BY block_number, event_index') as { id?: unknown }[]).map(
          ({ id: _id, ...row }) => row,
        ),
    position_checkpoints: q('SELECT * FROM position_checkpoints ORDER BY coldkey, hotkey, netuid, block_number'),
    subnet_snapshots: q('SELECT * FROM subnet_snapshots ORDER BY netuid, block_number'),
    root_claim_payouts: q('SELECT * FROM root_claim_payouts ORDER BY block_hash, coldkey, hotkey, netuid'),
    silent_effects: q('SELECT * FROM silent_effects ORDER BY block_hash, event_index, coldkey, hotkey, netuid'),
    position_exits: q('SELECT * FROM position_exits ORDER BY coldkey, hotkey, netuid, block_number'),
    subnet_stakes: q('SELECT * FROM subnet_stakes ORDER BY coldkey, netuid, block_number'),
    head_checkpoints: q('SELECT * FROM head_checkpoints ORDER BY coldkey, block_number'),
    // The basket era's facts (runtimes 441+) and the validator names read with them.
    basket_checkpoints: q('SELECT * FROM basket_checkpoints ORDER BY coldkey, block_number'),
    basket_positions: q('SELECT * FROM basket_positions ORDER BY coldkey, hotkey, block_number'),
    basket_twr: q('SELECT * FROM basket_twr ORDER BY coldkey, hotkey, block_number'),
    validator_identities: q('SELECT * FROM validator_identities ORDER BY hotkey'),
    sync_state: q(
      'SELECT coldkey, phase, cursor, first_block, history_from, last_finalized, error FROM sync_state ORDER BY coldkey',
    ),
  };
}

/** A `position_exits` row as better-sqlite3 returns it with safe integers (head.test.ts, head475.test.ts). */
export interface PositionExitRow {
  coldkey: string;
  hotkey: string;
  netuid: bigint;
  alpha: bigint;
  locked: bigint;
  available: bigint;
  exit_tao: bigint | null;
  exit_alpha_fee: bigint | null;
}

/**
 * The rows after syncing a synced backend again, then rewinding the cursors to half and recording
 * that range again (a test expects them equal to the rows before).
 */
export async function resyncedFacts(backend: {
  db: DB;
  sync: { syncOnce(): Promise<unknown> };
}): Promise<ReturnType<typeof dumpFacts>> {
  await backend.sync.syncOnce();
  backend.db.prepare('UPDATE sync_state SET cursor = cursor / 2').run();
  await backend.sync.syncOnce();
  return dumpFacts(backend.db);
}

/**
 * Exact check of every checkpoint block against the simulator's own position value at that block
 * (`stakeAt`), for every position the coldkey ever held: stored α must equal it (absent = 0).
 */
export function checkpointsVersusChain(
  db: DB,
  coldkey: string,
  positions: { hotkey: string; netuid: number }[],
  stakeAt: (hotkey: string, netuid: number, block: number) => bigint,
): { checked: number; mismatches: string[] } {
  const rows = db
    .prepare('SELECT block_number, hotkey, netuid, alpha FROM position_checkpoints WHERE coldkey = ?')
    .all(coldkey) as { block_number: bigint; hotkey: string; netuid: bigint; alpha: bigint }[];
  const stored = new Map(rows.map((r) => [`${r.block_number}|${r.hotkey}|${r.netuid}`, r.alpha]));
  const blocks = [...new Set(rows.map((r) => Number(r.block_number)))];
  let checked = 0;
  const mismatches: string[] = [];
  for (const x of blocks) {
    for (const p of positions) {
      const expected = stakeAt(p.hotkey, p.netuid, x);
      const got = stored.get(`${x}|${p.hotkey}|${p.netuid}`) ?? 0n;
      checked += 1;
      if (expected !== got) mismatches.push(`block ${x} ${p.hotkey}|${p.netuid}: stored ${got}, chain ${expected}`);
    }
  }
  const extra = rows.filter((r) => !positions.some((p) => p.hotkey === r.hotkey && p.netuid === Number(r.netuid)));
  for (const r of extra)
    mismatches.push(
      `block ${r.block_number} ${r.hotkey}|${r.netuid}: stored ${r.alpha} for a position the coldkey never held`,
    );
  return { checked, mismatches };
}

/** checkpointMismatches on the devnet's own epoch schedule (stateful from spec 423). */
export function epochCheckpointMismatches(db: DB, truth: TruthLike, chain: ChainState, coldkey: string) {
  return checkpointMismatches(db, truth, coldkey, (x, netuid) =>
    chain.epochs.epochBlock(netuid, chain.epochs.epochsAt(netuid, x)),
  );
}

/** checkpointsVersusChain against the devnet's own stake, for every position `coldkey` ever held there. */
export function checkpointsVersusDevnet(db: DB, chain: ChainState, coldkey: string) {
  const cold = fromSs58(coldkey);
  return checkpointsVersusChain(
    db,
    coldkey,
    chain.positionsOf(cold).map((p) => ({ hotkey: ss58(p.hotkey), netuid: p.netuid })),
    (hotkey, netuid, block) => chain.stake(fromSs58(hotkey), cold, netuid, block),
  );
}

/** The positions `coldkey` holds on the devnet at `block` (α > 0), ss58 hotkeys, by netuid then hotkey. */
export function heldAt(chain: ChainState, coldkey: string, block: number) {
  const cold = fromSs58(coldkey);
  return chain
    .positionsOf(cold)
    .map((p) => ({ hotkey: ss58(p.hotkey), netuid: p.netuid, alpha: chain.stake(p.hotkey, cold, p.netuid, block) }))
    .filter((p) => p.alpha > 0n)
    .sort((a, b) => a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : 1));
}
