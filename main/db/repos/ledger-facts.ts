// Read side of the stored chain facts, shaped as the accounting engine's inputs.
import type {
  BasketTwrPoint,
  BasketRow,
  BasketSnapshot,
  PositionCheckpoint,
  PositionEffect,
  RootClaimPayout,
  SubnetSnapshot,
} from '../../../shared/engine';
import { SILENT_EFFECT_KINDS, isIdOf } from '../../../shared/vocab';
import type { DB } from '../open';
import { STAKE_EVENT_COLUMNS, stakeEventFromRow, type StakeEventDbRow } from './stake-events';
import type { StoredStakeEvent } from '../../../shared/facts';
import type { SubnetDissolution, SubnetLabel } from '../../../shared/subnet-labels';

/** Highest rowid per fact table the engine reads (see `marks()`). */
export interface FactMarks {
  stake_events: number;
  position_checkpoints: number;
  subnet_snapshots: number;
  root_claim_payouts: number;
  silent_effects: number;
  basket_twr: number;
  basket_checkpoints: number;
}

type Rows = { keys: string; after: number };

/** The columns a position fact row starts with: its block, the block's time (LEFT JOIN blocks) and the position. */
interface PositionFactRow {
  block_number: bigint;
  timestamp: bigint | null;
  coldkey: string;
  hotkey: string;
  netuid: bigint;
}

/** A `silent_effects` row as the engine reads it (also main/test/truth-lines.ts). */
export interface SilentEffectRow {
  block_number: bigint;
  event_index: bigint;
  coldkey: string;
  hotkey: string;
  netuid: bigint;
  kind: string;
  alpha: bigint;
  tao: bigint;
}

/** The block, time and position of a fact row (a block not stored gives time 0). */
function datedPosition(r: PositionFactRow): {
  blockNumber: number;
  timestamp: number;
  coldkey: string;
  hotkey: string;
  netuid: number;
} {
  return {
    blockNumber: Number(r.block_number),
    timestamp: Number(r.timestamp ?? 0n),
    coldkey: r.coldkey,
    hotkey: r.hotkey,
    netuid: Number(r.netuid),
  };
}

export function ledgerFactsRepo(db: DB) {
  // Events of the given coldkeys in either role (a transfer between two of them is one row).
  // Each read comes in two forms: all rows, and the rows recorded after a rowid (`after`; the unary +
  // keeps the coldkey index out so the rowid range drives that query). Facts are only ever inserted,
  // so the rows past a table's highest rowid are exactly what was recorded since (marks()).
  const events = (since: boolean) =>
    db.prepare<Rows, StakeEventDbRow>(`
    SELECT ${STAKE_EVENT_COLUMNS}
    FROM stake_events
    WHERE ${since ? 'id > @after AND +' : ''}coldkey IN (SELECT value FROM json_each(@keys))
      OR ${since ? 'id > @after AND +' : ''}counterparty_coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY block_number, event_index`);
  const checkpoints = (since: boolean) =>
    db.prepare<
      Rows,
      PositionFactRow & {
        alpha: bigint;
        pool_value: string | null;
        owns_hotkey: bigint | null;
        epoch_index: bigint | null;
      }
    >(`
    SELECT c.block_number, b.timestamp, c.coldkey, c.hotkey, c.netuid, c.alpha, c.pool_value, c.owns_hotkey, c.epoch_index
    FROM position_checkpoints c LEFT JOIN blocks b ON b.number = c.block_number
    WHERE ${since ? 'c.rowid > @after AND +' : ''}c.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY c.block_number`);
  const snapshots = (since: boolean) =>
    db.prepare<
      { after: number },
      {
        block_number: bigint;
        timestamp: bigint | null;
        spec_version: bigint | null;
        netuid: bigint;
        tao_in: bigint;
        alpha_in: bigint;
        alpha_out: bigint;
        price: bigint;
        tao_in_emission: bigint | null;
        fee_rate: bigint | null;
        balancer_quote: bigint | null;
        registered_at: bigint | null;
      }
    >(`
    SELECT s.block_number, b.timestamp, b.spec_version, s.netuid, s.tao_in, s.alpha_in, s.alpha_out, s.price,
      s.tao_in_emission, s.fee_rate, s.balancer_quote, s.registered_at
    FROM subnet_snapshots s LEFT JOIN blocks b ON b.number = s.block_number
    ${since ? 'WHERE s.rowid > @after' : ''}
    ORDER BY s.block_number, s.netuid`);
  const payouts = (since: boolean) =>
    db.prepare<Rows, PositionFactRow & { mode: 'keep' | 'swap'; alpha: bigint; tao: bigint }>(`
    SELECT p.block_number, b.timestamp, p.coldkey, p.hotkey, p.netuid, p.mode, p.alpha, p.tao
    FROM root_claim_payouts p LEFT JOIN blocks b ON b.number = p.block_number
    WHERE ${since ? 'p.rowid > @after AND +' : ''}p.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY p.block_number`);
  const effects = (since: boolean) =>
    db.prepare<Rows, SilentEffectRow & { timestamp: bigint | null }>(`
    SELECT e.block_number, b.timestamp, e.event_index, e.coldkey, e.hotkey, e.netuid, e.kind, e.alpha, e.tao
    FROM silent_effects e LEFT JOIN blocks b ON b.number = e.block_number
    WHERE ${since ? 'e.rowid > @after AND +' : ''}e.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY e.block_number, e.event_index`);
  const removals = db.prepare<{ keys: string }, { netuid: bigint; block_number: bigint; timestamp: bigint | null }>(`
    SELECT DISTINCT e.netuid, e.block_number, b.timestamp
    FROM silent_effects e LEFT JOIN blocks b ON b.number = e.block_number
    WHERE e.kind = 'NetworkRemoved' AND e.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY e.block_number, e.netuid`);
  // BasketTwr readings taken for these coldkeys, one per (validator, block) whichever coldkey read it.
  const twr = (since: boolean) =>
    db.prepare<Rows, { block_number: bigint; hotkey: string; twr: string }>(`
    SELECT DISTINCT t.block_number, t.hotkey, t.twr FROM basket_twr t
    WHERE ${since ? 't.rowid > @after AND +' : ''}t.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY t.block_number, t.hotkey`);
  // Basket reads: one row per (coldkey, block) read, with the funds owed there (none: nothing owed).
  const baskets = (since: boolean) =>
    db.prepare<
      Rows,
      {
        block_number: bigint;
        timestamp: bigint | null;
        coldkey: string;
        hotkey: string | null;
        shares: bigint | null;
        value_tao: bigint | null;
      }
    >(`
    SELECT c.block_number, b.timestamp, c.coldkey, p.hotkey, p.shares, p.value_tao
    FROM basket_checkpoints c
      LEFT JOIN basket_positions p ON p.coldkey = c.coldkey AND p.block_number = c.block_number
      LEFT JOIN blocks b ON b.number = c.block_number
    WHERE ${since ? 'c.rowid > @after AND +' : ''}c.coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY c.block_number, c.coldkey, p.hotkey`);
  // Each lifetime's latest name and symbol recorded (a netuid registered again is another subnet:
  // shared/subnet-labels.ts): a later snapshot read without them (storage at a change block,
  // migrations/0013-subnet-names.ts) does not blank what the head's DynamicInfo gave.
  const labelled = db.prepare<[], { netuid: bigint }>('SELECT DISTINCT netuid FROM subnet_snapshots');
  type Span = { netuid: number; lower: number; upper: number };
  // The latest snapshot before `upper`: its registration block starts the lifetime it is in.
  const lastBefore = db.prepare<Omit<Span, 'lower'>, { block_number: bigint; registered_at: bigint | null }>(`
    SELECT block_number, registered_at FROM subnet_snapshots WHERE netuid = @netuid AND block_number < @upper
    ORDER BY block_number DESC LIMIT 1`);
  const latestIn = (column: 'name' | 'symbol') =>
    db.prepare<Span, { text: string }>(`
      SELECT ${column} AS text FROM subnet_snapshots
      WHERE netuid = @netuid AND ${column} IS NOT NULL AND block_number >= @lower AND block_number < @upper
      ORDER BY block_number DESC LIMIT 1`);
  const [nameIn, symbolIn] = [latestIn('name'), latestIn('symbol')];
  /** A netuid's lifetimes from the latest back: each begins at the registration block its last snapshot names. */
  const lifetimes = (netuid: number): SubnetLabel[] => {
    const out: SubnetLabel[] = [];
    for (let upper = Number.MAX_SAFE_INTEGER; ;) {
      const last = lastBefore.get({ netuid, upper });
      if (!last) return out;
      const from = last.registered_at === null ? null : Number(last.registered_at);
      const span = { netuid, lower: from ?? -1, upper };
      out.push({ netuid, name: nameIn.get(span)?.text ?? null, symbol: symbolIn.get(span)?.text ?? null, from });
      // Without a registration block (or at genesis) nothing earlier is told apart.
      if (from === null || from <= 0) return out;
      upper = from;
    }
  };
  const read = {
    events: [events(false), events(true)],
    checkpoints: [checkpoints(false), checkpoints(true)],
    snapshots: [snapshots(false), snapshots(true)],
    payouts: [payouts(false), payouts(true)],
    effects: [effects(false), effects(true)],
    twr: [twr(false), twr(true)],
    baskets: [baskets(false), baskets(true)],
  } as const;
  /** The statement and its parameters: all rows (after 0) or those recorded after `after`. */
  const args = (keys: readonly string[] | null, after: number) => ({
    ...(keys === null ? {} : { keys: JSON.stringify(keys) }),
    ...(after > 0 ? { after } : {}),
  });
  const markOf = Object.fromEntries(
    (
      [
        'stake_events',
        'position_checkpoints',
        'subnet_snapshots',
        'root_claim_payouts',
        'silent_effects',
        'basket_twr',
        'basket_checkpoints',
      ] as const
    ).map((t) => [t, db.prepare<[], { m: bigint | null }>(`SELECT MAX(rowid) AS m FROM ${t}`)]),
  ) as Record<keyof FactMarks, ReturnType<typeof db.prepare<[], { m: bigint | null }>>>;
  const head = db.prepare<[], { number: bigint | null; spec: bigint | null }>(
    'SELECT number, spec_version AS spec FROM blocks ORDER BY number DESC LIMIT 1',
  );
  const starts = db.prepare<
    { keys: string },
    { coldkey: string; first_block: bigint | null; history_from: bigint | null }
  >('SELECT coldkey, first_block, history_from FROM sync_state WHERE coldkey IN (SELECT value FROM json_each(@keys))');

  return {
    /** The highest rowid of each fact table now: pass it as `after` to read what is recorded later. */
    marks(): FactMarks {
      const mark = (t: keyof FactMarks) => Number(markOf[t].get()?.m ?? 0);
      return {
        stake_events: mark('stake_events'),
        position_checkpoints: mark('position_checkpoints'),
        subnet_snapshots: mark('subnet_snapshots'),
        root_claim_payouts: mark('root_claim_payouts'),
        silent_effects: mark('silent_effects'),
        basket_twr: mark('basket_twr'),
        basket_checkpoints: mark('basket_checkpoints'),
      };
    },
    events(coldkeys: readonly string[], after = 0): StoredStakeEvent[] {
      return read.events[after > 0 ? 1 : 0].all(args(coldkeys, after) as Rows).map(stakeEventFromRow);
    },
    checkpoints(coldkeys: readonly string[], after = 0): PositionCheckpoint[] {
      return read.checkpoints[after > 0 ? 1 : 0].all(args(coldkeys, after) as Rows).map((r) => ({
        ...datedPosition(r),
        alpha: r.alpha,
        ...(r.pool_value === null ? {} : { poolValue: BigInt(r.pool_value) }),
        ...(r.owns_hotkey === null ? {} : { ownsHotkey: r.owns_hotkey !== 0n }),
        ...(r.epoch_index === null ? {} : { epochIndex: r.epoch_index }),
      }));
    },
    snapshots(after = 0): SubnetSnapshot[] {
      return read.snapshots[after > 0 ? 1 : 0].all(args(null, after) as { after: number }).map((r) => ({
        blockNumber: Number(r.block_number),
        timestamp: Number(r.timestamp ?? 0n),
        netuid: Number(r.netuid),
        taoIn: r.tao_in,
        alphaIn: r.alpha_in,
        alphaOut: r.alpha_out,
        price: r.price,
        ...(r.spec_version === null ? {} : { specVersion: Number(r.spec_version) }),
        ...(r.tao_in_emission === null ? {} : { taoInEmission: r.tao_in_emission }),
        ...(r.fee_rate === null ? {} : { feeRate: r.fee_rate }),
        ...(r.balancer_quote === null ? {} : { balancerQuote: r.balancer_quote }),
        ...(r.registered_at === null ? {} : { registeredAt: Number(r.registered_at) }),
      }));
    },
    rootClaims(coldkeys: readonly string[], after = 0): RootClaimPayout[] {
      return read.payouts[after > 0 ? 1 : 0].all(args(coldkeys, after) as Rows).map((r) => ({
        ...datedPosition(r),
        mode: r.mode,
        alpha: r.alpha,
        tao: r.tao,
      }));
    },
    /** Silent position changes; a kind this version does not know is refused, never dropped. */
    effects(coldkeys: readonly string[], after = 0): PositionEffect[] {
      return read.effects[after > 0 ? 1 : 0].all(args(coldkeys, after) as Rows).map((r) => {
        if (!isIdOf(SILENT_EFFECT_KINDS, r.kind))
          throw new Error(
            `A recorded position change at block ${r.block_number} has kind "${r.kind}", which this version of Taofolio does not know.`,
          );
        return {
          ...datedPosition(r),
          eventIndex: Number(r.event_index),
          kind: r.kind,
          alpha: r.alpha,
          tao: r.tao,
        };
      });
    },
    /** BasketTwr readings of the validators these coldkeys root-stake with (the validator-fund benchmark). */
    basketTwr(coldkeys: readonly string[], after = 0): BasketTwrPoint[] {
      return read.twr[after > 0 ? 1 : 0]
        .all(args(coldkeys, after) as Rows)
        .map((r) => ({ blockNumber: Number(r.block_number), hotkey: r.hotkey, twr: BigInt(r.twr) }));
    },
    /** Basket positions per (coldkey, read block), in block order (docs/chain/baskets.md). */
    baskets(coldkeys: readonly string[], after = 0): BasketSnapshot[] {
      const out: BasketSnapshot[] = [];
      let last: (BasketSnapshot & { rows: BasketRow[] }) | null = null;
      for (const r of read.baskets[after > 0 ? 1 : 0].all(args(coldkeys, after) as Rows)) {
        const block = Number(r.block_number);
        if (!last || last.blockNumber !== block || last.coldkey !== r.coldkey) {
          last = { blockNumber: block, timestamp: Number(r.timestamp ?? 0n), coldkey: r.coldkey, rows: [] };
          out.push(last);
        }
        if (r.hotkey !== null && r.shares !== null && r.value_tao !== null)
          last.rows.push({ hotkey: r.hotkey, shares: r.shares, value: r.value_tao });
      }
      return out;
    },
    /** The dissolutions these coldkeys' positions were paid out at: one per (netuid, payout block). */
    dissolutions(coldkeys: readonly string[]): (SubnetDissolution & { netuid: number })[] {
      return removals.all({ keys: JSON.stringify(coldkeys) }).map((r) => ({
        netuid: Number(r.netuid),
        blockNumber: Number(r.block_number),
        timestamp: r.timestamp === null ? null : Number(r.timestamp),
      }));
    },
    /** Every recorded subnet's name and symbol per lifetime of its netuid (by netuid, the latest first). */
    subnetLabels(): SubnetLabel[] {
      return labelled
        .all()
        .map((r) => Number(r.netuid))
        .sort((a, b) => a - b)
        .flatMap(lifetimes);
    },
    /**
     * Where each coldkey's recorded history begins (the engine's `historyStarts`): the block before its
     * first change, which sync checkpoints, or the block a pruned node's history starts from
     * (main/sync/record-range.ts, run-once.ts). Coldkeys with neither are left out.
     */
    historyStarts(coldkeys: readonly string[]): Record<string, number> {
      const out: Record<string, number> = {};
      for (const r of starts.all({ keys: JSON.stringify(coldkeys) })) {
        if (r.history_from !== null) out[r.coldkey] = Number(r.history_from);
        else if (r.first_block !== null) out[r.coldkey] = Number(r.first_block) - 1;
      }
      return out;
    },
    head(): { block: number; specVersion: number } | null {
      const row = head.get();
      return row === undefined || row.number === null
        ? null
        : { block: Number(row.number), specVersion: Number(row.spec) };
    },
  };
}

export type LedgerFactsRepo = ReturnType<typeof ledgerFactsRepo>;
