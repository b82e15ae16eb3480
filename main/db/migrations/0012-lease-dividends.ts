import type { Migration } from './types';

// Lease dividends (docs/chain/events.md#lease-dividends): from this step sync stores
// SubnetLeaseDividendsDistributed, which tells the engine that a recipient's fee-0 StakeAdded in block
// initialisation (runtimes 361+) is income, not a purchase. A coldkey with such a StakeAdded recorded
// before has its cursor moved back to just before the first one: the next sync records that range
// again, adding the missing events (INSERT OR IGNORE keeps every row already there; re-recording a
// range is a no-op otherwise, main/sync/rerecord.test.ts). Coldkeys without one are not touched. A
// pruned node cannot read the range again: its rows stay, and sync says so (main/sync/run-once.ts).
const CANDIDATES = `FROM stake_events e
  WHERE e.coldkey = sync_state.coldkey AND e.kind = 'StakeAdded' AND e.extrinsic_index IS NULL
    AND e.fee = 0 AND e.spec_version >= 361`;

export const leaseDividends: Migration = {
  version: 12,
  name: 'record lease dividend events again',
  up(db) {
    db.exec(`
      UPDATE sync_state SET cursor = MIN(cursor, (SELECT MIN(e.block_number) - 1 ${CANDIDATES}))
      WHERE cursor IS NOT NULL AND EXISTS (SELECT 1 ${CANDIDATES});
    `);
  },
};
