// Raw chain facts written by sync and read by the UI/CLI. Every write of one block's facts plus
// the cursor is a single synchronous transaction; unique keys + INSERT OR IGNORE make re-syncing
// a range a no-op.
import type { SyncPhase } from '../../../shared/api';
import type { BasketRow, PositionRow, StakeEventFact, StoredStakeEvent, SubnetRow } from '../../../shared/facts';

export type { BasketRow, PositionRow, PriceSource, SubnetRow } from '../../../shared/facts';
import type { DB } from '../open';
import { multiRowInsert } from './multi-row';
import { STAKE_EVENT_COLUMNS, stakeEventFromRow, type StakeEventDbRow } from './stake-events';

export interface BlockRecord {
  number: number;
  hash: string;
  parentHash: string | null;
  timestamp: number;
  specVersion: number;
}

export interface PayoutRow {
  eventIndex: number;
  hotkey: string;
  netuid: number;
  mode: 'keep' | 'swap';
  alpha: bigint;
  tao: bigint;
}

/** α a chain event moved without a stake event of this coldkey (docs/chain/mechanics.md). */
export interface SilentEffectRow {
  eventIndex: number;
  coldkey: string;
  hotkey: string;
  netuid: number;
  kind: string;
  /** Signed: added to (+) or taken from (−) the position. */
  alpha: bigint;
  /** Signed: TAO paid to (+) or taken from (−) the coldkey's free balance for it. */
  tao: bigint;
}

/** Exit value of what one position can sell now (docs/chain/locks.md). */
export interface PositionExitRow {
  hotkey: string;
  netuid: number;
  alpha: bigint;
  locked: bigint;
  available: bigint;
  /** sim_swap_alpha_for_tao of `available`; null where the runtime cannot simulate. */
  exit: ExitQuote | null;
}

export interface ExitQuote {
  tao: bigint;
  alphaFee: bigint;
  /** tao_slippage; null where the runtime's result has no slippage field. */
  slippage: bigint | null;
}

/** The coldkey's stake on one subnet at a head checkpoint: lock and the exit of all available α. */
export interface SubnetStakeRow {
  netuid: number;
  total: bigint;
  locked: bigint;
  available: bigint;
  lockHotkey: string | null;
  /** False where the runtime has no locks (nothing can be locked). */
  locksRead: boolean;
  exit: ExitQuote | null;
}

/** BasketTwr of one validator's fund at a checkpoint (raw U64F64 bits; docs/chain/baskets.md#baskettwr). */
export interface TwrRow {
  hotkey: string;
  twr: bigint;
}

export interface CheckpointFacts {
  block: BlockRecord;
  positions: PositionRow[];
  subnets: SubnetRow[];
  /** Fund shares per validator, where read (runtimes 441+, coldkeys with root stake or basket activity). */
  baskets?: BasketRow[];
  /** BasketTwr of the validators the coldkey root-stakes with (runtimes that have it). */
  twr?: TwrRow[];
}

/** Everything recorded for one planned block of one coldkey (committed atomically with the cursor). */
export interface BlockFacts {
  block: BlockRecord;
  events: StakeEventFact[];
  payouts: PayoutRow[];
  /** Checkpoints at this block and, for change blocks, at the block before. */
  checkpoints: CheckpointFacts[];
  effects: SilentEffectRow[];
  /** At head checkpoints: what each position and subnet can be sold for now. */
  exits?: { positions: PositionExitRow[]; subnets: SubnetStakeRow[] };
  /** True when this block is a head checkpoint of the coldkey. */
  head?: boolean;
}

export interface SyncStateRow {
  coldkey: string;
  phase: SyncPhase;
  cursor: number | null;
  firstBlock: number | null;
  historyFrom: number | null;
  lastFinalized: number | null;
  error: string | null;
}

interface SyncStateDbRow {
  coldkey: string;
  phase: string;
  cursor: bigint | null;
  first_block: bigint | null;
  history_from: bigint | null;
  last_finalized: bigint | null;
  error: string | null;
}

/** Columns a second reading of a block's pool fills only where the first left them NULL (not every read has each). */
const MERGED_SUBNET_COLUMNS =
  'balancer_quote fee_rate name symbol tao_in_emission alpha_in_emission alpha_out_emission registered_at'.split(' ');

const SUBNET_MERGE = `ON CONFLICT (netuid, block_number) DO UPDATE SET
  price = CASE WHEN excluded.price_source = 'runtime' AND subnet_snapshots.price_source <> 'runtime'
    THEN excluded.price ELSE subnet_snapshots.price END,
  price_source = CASE WHEN excluded.price_source = 'runtime' THEN 'runtime' ELSE subnet_snapshots.price_source END,
  ${MERGED_SUBNET_COLUMNS.map((c) => `${c} = COALESCE(subnet_snapshots.${c}, excluded.${c})`).join(', ')}`;

const n = (v: bigint | null): number | null => (v === null ? null : Number(v));

export function chainFactsRepo(db: DB) {
  const insertBlock = db.prepare(
    `INSERT INTO blocks (number, hash, parent_hash, timestamp, spec_version) VALUES (@number, @hash, @parentHash, @timestamp, @specVersion)
     ON CONFLICT (number) DO UPDATE SET parent_hash = COALESCE(blocks.parent_hash, excluded.parent_hash)`,
  );
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO stake_events (block_number, block_hash, extrinsic_index, event_index, spec_version, timestamp, kind, coldkey,
       counterparty_coldkey, hotkey, netuid, dest_hotkey, dest_netuid, tao, alpha, fee, fee_unit, raw)
     VALUES (@blockNumber, @blockHash, @extrinsicIndex, @eventIndex, @specVersion, @timestamp, @kind, @coldkey,
       @counterpartyColdkey, @hotkey, @netuid, @destHotkey, @destNetuid, @tao, @alpha, @fee, @feeUnit, @raw)`,
  );
  const insertPayout = db.prepare(
    `INSERT OR IGNORE INTO root_claim_payouts (block_number, block_hash, event_index, coldkey, hotkey, netuid, mode, alpha, tao)
     VALUES (@blockNumber, @blockHash, @eventIndex, @coldkey, @hotkey, @netuid, @mode, @alpha, @tao)`,
  );
  const insertPositions = multiRowInsert(
    db,
    (
      values,
    ) => `INSERT OR IGNORE INTO position_checkpoints (block_number, coldkey, hotkey, netuid, alpha, pool_value, owns_hotkey, epoch_index)
     VALUES ${values}`,
    8,
  );
  // Wallets syncing side by side commit in any order, and one block's pools may come from storage (a
  // change block) and from the runtime (a daily or head checkpoint): the row merges them alike whatever
  // the order, the runtime's price first (docs/chain/prices.md; SUBNET_MERGE).
  // Every checkpoint writes one row per subnet (~130), the bulk of a backfill's rows: one multi-row
  // statement with positional parameters (bench:sync). Most blocks' pools are written once, so a plain
  // insert goes first (the conflict clause cost a third of its time) and only a chunk where a row was
  // not inserted goes through the merge, where the rows just inserted merge with themselves unchanged.
  const subnetInsert = (merge: boolean) => (values: string) =>
    `INSERT OR IGNORE INTO subnet_snapshots (block_number, netuid, tao_in, alpha_in, alpha_out, price, price_source, balancer_quote, fee_rate,
       name, symbol, tao_in_emission, alpha_in_emission, alpha_out_emission, registered_at)
     VALUES ${values} ${merge ? SUBNET_MERGE : ''}`;
  const insertSubnets = multiRowInsert(db, subnetInsert(false), 15);
  const mergeSubnets = multiRowInsert(db, subnetInsert(true), 15);
  const writeSubnets = (block: number, subnets: readonly SubnetRow[]) => {
    const params: unknown[] = [];
    for (const s of subnets)
      params.push(
        block,
        s.netuid,
        s.taoIn,
        s.alphaIn,
        s.alphaOut,
        s.price,
        s.priceSource,
        s.balancerQuote,
        s.feeRate,
        s.name,
        s.symbol,
        s.taoInEmission,
        s.alphaInEmission,
        s.alphaOutEmission,
        s.registeredAt,
      );
    insertSubnets(params, (chunk, changes) => {
      if (changes < chunk.length / 15) mergeSubnets(chunk);
    });
  };
  const insertEffect = db.prepare(
    `INSERT OR IGNORE INTO silent_effects (block_number, block_hash, event_index, coldkey, hotkey, netuid, kind, alpha, tao)
     VALUES (@blockNumber, @blockHash, @eventIndex, @coldkey, @hotkey, @netuid, @kind, @alpha, @tao)`,
  );
  const insertPositionExit = db.prepare(
    `INSERT OR IGNORE INTO position_exits (block_number, coldkey, hotkey, netuid, alpha, locked, available, exit_tao, exit_alpha_fee, exit_slippage)
     VALUES (@blockNumber, @coldkey, @hotkey, @netuid, @alpha, @locked, @available, @exitTao, @exitAlphaFee, @exitSlippage)`,
  );
  const insertSubnetStake = db.prepare(
    `INSERT OR IGNORE INTO subnet_stakes (block_number, coldkey, netuid, total, locked, available, lock_hotkey, locks_read, exit_tao, exit_alpha_fee, exit_slippage)
     VALUES (@blockNumber, @coldkey, @netuid, @total, @locked, @available, @lockHotkey, @locksRead, @exitTao, @exitAlphaFee, @exitSlippage)`,
  );
  const insertTwr = db.prepare(
    'INSERT OR IGNORE INTO basket_twr (coldkey, hotkey, block_number, twr) VALUES (@coldkey, @hotkey, @blockNumber, @twr)',
  );
  const insertBasketRead = db.prepare(
    'INSERT OR IGNORE INTO basket_checkpoints (coldkey, block_number) VALUES (@coldkey, @blockNumber)',
  );
  const insertBasket = db.prepare(
    `INSERT OR IGNORE INTO basket_positions (block_number, coldkey, hotkey, shares, value_tao)
     VALUES (@blockNumber, @coldkey, @hotkey, @shares, @value)`,
  );
  const basketEventHotkeys = db.prepare<[string], { hotkey: string }>(
    `SELECT DISTINCT hotkey FROM stake_events WHERE coldkey = ? AND kind IN ('BasketStakedIn', 'BasketClaimed')`,
  );
  const basketShareHotkeys = db.prepare<[string], { hotkey: string }>(
    'SELECT DISTINCT hotkey FROM basket_positions WHERE coldkey = ?',
  );
  const insertHead = db.prepare(
    'INSERT OR IGNORE INTO head_checkpoints (coldkey, block_number) VALUES (@coldkey, @blockNumber)',
  );
  const lastHead = db.prepare<[string], { b: bigint | null }>(
    'SELECT MAX(block_number) AS b FROM head_checkpoints WHERE coldkey = ?',
  );
  const exitColumns = (exit: ExitQuote | null) => ({
    exitTao: exit?.tao ?? null,
    exitAlphaFee: exit?.alphaFee ?? null,
    exitSlippage: exit?.slippage ?? null,
  });
  const upsertState = db.prepare(
    `INSERT INTO sync_state (coldkey, phase, cursor, first_block, history_from, last_finalized, error, updated_at)
     VALUES (@coldkey, @phase, @cursor, @firstBlock, @historyFrom, @lastFinalized, @error, @updatedAt)
     ON CONFLICT (coldkey) DO UPDATE SET phase = excluded.phase, cursor = excluded.cursor, first_block = excluded.first_block,
       history_from = excluded.history_from, last_finalized = excluded.last_finalized, error = excluded.error, updated_at = excluded.updated_at`,
  );
  const selectState = db.prepare<[string], SyncStateDbRow>(
    'SELECT coldkey, phase, cursor, first_block, history_from, last_finalized, error FROM sync_state WHERE coldkey = ?',
  );
  const deleteState = db.prepare<[string]>('DELETE FROM sync_state WHERE coldkey = ?');
  const changeBetween = db.prepare<{ coldkey: string; from: number; to: number }, { one: bigint }>(
    `SELECT 1 AS one FROM stake_events WHERE (coldkey = @coldkey OR counterparty_coldkey = @coldkey) AND block_number > @from AND block_number <= @to
     UNION ALL SELECT 1 FROM silent_effects WHERE coldkey = @coldkey AND block_number > @from AND block_number <= @to LIMIT 1`,
  );
  const knownPositions = db.prepare<{ coldkey: string; kinds: string }, { hotkey: string; netuid: bigint }>(
    `SELECT hotkey, netuid FROM position_checkpoints WHERE coldkey = @coldkey
     UNION SELECT hotkey, netuid FROM silent_effects WHERE coldkey = @coldkey
     UNION SELECT hotkey, netuid FROM root_claim_payouts WHERE coldkey = @coldkey AND mode = 'keep'
     UNION SELECT hotkey, netuid FROM stake_events WHERE coldkey = @coldkey AND hotkey IS NOT NULL AND netuid IS NOT NULL
       AND kind IN (SELECT value FROM json_each(@kinds))`,
  );
  const movedTo = db.prepare<[string], { counterparty_coldkey: string; block_number: bigint }>(
    `SELECT counterparty_coldkey, block_number FROM stake_events
     WHERE kind = 'ColdkeySwapped' AND coldkey = ? AND counterparty_coldkey IS NOT NULL
     ORDER BY block_number DESC LIMIT 1`,
  );
  const selectEvents = db.prepare<{ coldkey: string | null; limit: number }, StakeEventDbRow>(
    // The newest @limit events (as `git log -n`, `tail`), returned oldest first.
    `SELECT * FROM (SELECT ${STAKE_EVENT_COLUMNS}
     FROM stake_events WHERE @coldkey IS NULL OR coldkey = @coldkey OR counterparty_coldkey = @coldkey
     ORDER BY block_number DESC, event_index DESC LIMIT @limit) ORDER BY block_number, event_index`,
  );

  const writeState = (s: SyncStateRow, now: number) => upsertState.run({ ...s, updatedAt: now });

  const writeBlock = (coldkey: string, f: BlockFacts) => {
    const blocks = [f.block, ...f.checkpoints.map((c) => c.block)];
    for (const b of blocks) insertBlock.run(b);
    // The event's own fields (StakeEventFact, every one a named parameter) with its block's.
    const { number: blockNumber, hash: blockHash, specVersion, timestamp } = f.block;
    for (const e of f.events) insertEvent.run({ ...e, blockNumber, blockHash, specVersion, timestamp });
    for (const p of f.payouts) {
      insertPayout.run({ blockNumber: f.block.number, blockHash: f.block.hash, coldkey, ...p });
    }
    if (f.head) insertHead.run({ coldkey, blockNumber: f.block.number });
    for (const e of f.effects) insertEffect.run({ blockNumber: f.block.number, blockHash: f.block.hash, ...e });
    for (const p of f.exits?.positions ?? [])
      insertPositionExit.run({
        blockNumber: f.block.number,
        coldkey,
        hotkey: p.hotkey,
        netuid: p.netuid,
        alpha: p.alpha,
        locked: p.locked,
        available: p.available,
        ...exitColumns(p.exit),
      });
    for (const s of f.exits?.subnets ?? [])
      insertSubnetStake.run({
        blockNumber: f.block.number,
        coldkey,
        netuid: s.netuid,
        total: s.total,
        locked: s.locked,
        available: s.available,
        lockHotkey: s.lockHotkey,
        locksRead: s.locksRead ? 1 : 0,
        ...exitColumns(s.exit),
      });
    for (const c of f.checkpoints) {
      const positions: unknown[] = [];
      for (const p of c.positions)
        positions.push(
          c.block.number,
          coldkey,
          p.hotkey,
          p.netuid,
          p.alpha,
          p.poolValue === undefined || p.poolValue === null ? null : p.poolValue.toString(),
          p.ownsHotkey === undefined || p.ownsHotkey === null ? null : p.ownsHotkey ? 1 : 0,
          p.epochIndex ?? null,
        );
      insertPositions(positions);
      writeSubnets(c.block.number, c.subnets);
      for (const t of c.twr ?? [])
        insertTwr.run({ coldkey, hotkey: t.hotkey, blockNumber: c.block.number, twr: t.twr.toString() });
      if (!c.baskets) continue;
      insertBasketRead.run({ coldkey, blockNumber: c.block.number });
      for (const r of c.baskets) insertBasket.run({ blockNumber: c.block.number, coldkey, ...r });
    }
  };

  /** One block's facts and the advanced cursor, atomically (no await can happen inside). */
  const commitBlock = db.transaction((coldkey: string, facts: BlockFacts, state: SyncStateRow, now: number) => {
    writeBlock(coldkey, facts);
    writeState(state, now);
  });

  /** Several consecutive blocks in one transaction; the cursor ends at the last one. */
  const commitBlocks = db.transaction(
    (coldkey: string, batch: { facts: BlockFacts; state: SyncStateRow }[], now: number) => {
      for (const { facts, state } of batch) {
        writeBlock(coldkey, facts);
        writeState(state, now);
      }
    },
  );

  return {
    commitBlock: (coldkey: string, facts: BlockFacts, state: SyncStateRow, now: number): void =>
      commitBlock(coldkey, facts, state, now),
    commitBlocks: (coldkey: string, batch: { facts: BlockFacts; state: SyncStateRow }[], now: number): void =>
      commitBlocks(coldkey, batch, now),
    saveState: (state: SyncStateRow, now: number): void => {
      writeState(state, now);
    },
    getState: (coldkey: string): SyncStateRow | null => {
      const row = selectState.get(coldkey);
      if (!row) return null;
      return {
        coldkey: row.coldkey,
        phase: row.phase as SyncPhase,
        cursor: n(row.cursor),
        firstBlock: n(row.first_block),
        historyFrom: n(row.history_from),
        lastFinalized: n(row.last_finalized),
        error: row.error,
      };
    },
    /** Whether a change block of this coldkey with recorded events lies in (from, to]. */
    hasChangeBetween: (coldkey: string, from: number, to: number): boolean =>
      to > from && changeBetween.get({ coldkey, from, to }) !== undefined,
    /** The validator funds this coldkey was recorded to hold shares in. */
    basketShareHotkeys: (coldkey: string): string[] => basketShareHotkeys.all(coldkey).map((r) => r.hotkey),
    /** The validator funds this coldkey bought into or claimed from (its events; not shares that only arrived). */
    basketEventHotkeys: (coldkey: string): string[] => basketEventHotkeys.all(coldkey).map((r) => r.hotkey),
    /** The last block whose head facts were recorded for this coldkey. */
    lastHeadBlock: (coldkey: string): number | null => {
      const b = lastHead.get(coldkey)?.b ?? null;
      return b === null ? null : Number(b);
    },
    /** The coldkey this one's stake was swapped to, if the chain did that. */
    movedTo: (coldkey: string): { coldkey: string; block: number } | null => {
      const row = movedTo.get(coldkey);
      return row ? { coldkey: row.counterparty_coldkey, block: Number(row.block_number) } : null;
    },
    /**
     * Every (hotkey, subnet) this coldkey is recorded to have held: checkpoints, silent effects, kept
     * root-claim payouts, and its stake events of `eventKinds` (the kinds whose hotkey and netuid name
     * a position; others carry a fund's validator, or the coldkey itself in a basket-era RootClaimed).
     */
    knownPositions: (coldkey: string, eventKinds: Iterable<string>): { hotkey: string; netuid: number }[] =>
      knownPositions
        .all({ coldkey, kinds: JSON.stringify([...eventKinds]) })
        .map((r) => ({ hotkey: r.hotkey, netuid: Number(r.netuid) })),
    deleteState: (coldkey: string): void => {
      deleteState.run(coldkey);
    },
    listEvents: (coldkey: string | null, limit = 100_000): StoredStakeEvent[] =>
      selectEvents.all({ coldkey, limit }).map(stakeEventFromRow),
  };
}

export type ChainFactsRepo = ReturnType<typeof chainFactsRepo>;
