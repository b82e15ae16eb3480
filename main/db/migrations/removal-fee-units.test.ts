// Migration 14: a removal recorded at 257–282 with its fee in `alpha` says TAO; nothing else changes.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe("migration 14 (a removal's fee unit before swap v3)", () => {
  it('rewrites only the removals of runtimes before 283', () => {
    const db = new Database(':memory:');
    db.defaultSafeIntegers(true);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 13),
    );
    const event = db.prepare(
      `INSERT INTO stake_events (block_number, block_hash, extrinsic_index, event_index, spec_version, timestamp, kind, coldkey, hotkey, netuid, tao, alpha, fee, fee_unit, raw)
       VALUES (?, ?, 1, 1, ?, 0, ?, 'C', 'H', 1, 10, 10, ?, ?, '{}')`,
    );
    event.run(1, '0x1', 270, 'StakeRemoved', 5, 'alpha');
    event.run(2, '0x2', 282, 'StakeAdded', 5, 'tao');
    event.run(3, '0x3', 283, 'StakeRemoved', 5, 'alpha');
    event.run(4, '0x4', 250, 'StakeRemoved', 0, null);
    migrate(db, MIGRATIONS);
    const units = db.prepare('SELECT block_number, fee_unit FROM stake_events ORDER BY block_number').all();
    expect(units).toEqual([
      { block_number: 1n, fee_unit: 'tao' },
      { block_number: 2n, fee_unit: 'tao' },
      { block_number: 3n, fee_unit: 'alpha' },
      { block_number: 4n, fee_unit: null },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(14n);
  });
});
