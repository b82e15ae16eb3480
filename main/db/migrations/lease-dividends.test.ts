// Migration 12: coldkeys whose recorded history has a fee-0 StakeAdded in block initialisation (a lease
// payout recorded before sync stored SubnetLeaseDividendsDistributed) record that range again.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

const LEASED = 'C-leased';
const PLAIN = 'C-plain';
const EARLY = 'C-pre361';

function version11(): Database.Database {
  const db = new Database(':memory:');
  db.defaultSafeIntegers(true);
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 11),
  );
  const event = db.prepare(
    `INSERT INTO stake_events (block_number, block_hash, extrinsic_index, event_index, spec_version, timestamp, kind, coldkey, hotkey, netuid, tao, alpha, fee, raw)
     VALUES (?, ?, ?, ?, ?, 0, 'StakeAdded', ?, 'H', 1, 10, 10, ?, '{}')`,
  );
  // A lease payout (initialisation, fee 0) at 5,000 and 7,000; a signed stake at 4,000.
  event.run(4_000, '0x4000', 1, 3, 424, LEASED, 100);
  event.run(5_000, '0x5000', null, 2, 424, LEASED, 0);
  event.run(7_000, '0x7000', null, 2, 424, LEASED, 0);
  // Signed stakes only, fee 0 among them.
  event.run(4_500, '0x4500', 2, 1, 424, PLAIN, 0);
  // Initialisation-phase StakeAdded before leases paid in stake (spec 361).
  event.run(3_000, '0x3000', null, 1, 343, EARLY, 0);
  const state = db.prepare(
    "INSERT INTO sync_state (coldkey, phase, cursor, first_block, last_finalized, updated_at) VALUES (?, 'idle', ?, 1, 9000, 0)",
  );
  for (const c of [LEASED, PLAIN, EARLY]) state.run(c, 9_000);
  return db;
}

describe('migration 12 (lease dividends)', () => {
  it('moves back only the cursor of a coldkey with a lease-like StakeAdded, to just before the first', () => {
    const db = version11();
    migrate(db, MIGRATIONS);
    const cursors = db.prepare('SELECT coldkey, cursor FROM sync_state ORDER BY coldkey').all();
    expect(cursors).toEqual([
      { coldkey: LEASED, cursor: 4_999n },
      { coldkey: PLAIN, cursor: 9_000n },
      { coldkey: EARLY, cursor: 9_000n },
    ]);
    expect(db.prepare('SELECT count(*) n FROM stake_events').get()).toEqual({ n: 5n });
    db.close();
  });
});
