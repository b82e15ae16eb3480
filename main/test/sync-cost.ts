// What a backfill recorded for one coldkey, in the units the request budget is stated in
// (docs/chain/change-discovery.md#what-each-change-costs-in-requests): ledger events (stake events
// other than RootClaimed, plus root-claim payouts), position-checkpoint blocks, and the blocks at
// which sync recorded a change. Shared by the sync benchmark and the discovery tests.
import type { DB } from '../db/open';

export interface RecordedCost {
  events: number;
  checkpointBlocks: number;
  /** Blocks with a stored stake event, silent effect or root-claim payout of the coldkey. */
  changeBlocks: Set<number>;
}

export function recordedCost(db: DB, coldkey: string): RecordedCost {
  const one = (sql: string, ...args: unknown[]) => Number((db.prepare(sql).get(...args) as { n: bigint }).n);
  const events =
    one(
      "SELECT count(*) AS n FROM stake_events WHERE (coldkey = ? OR counterparty_coldkey = ?) AND kind != 'RootClaimed'",
      coldkey,
      coldkey,
    ) + one('SELECT count(*) AS n FROM root_claim_payouts WHERE coldkey = ?', coldkey);
  const checkpointBlocks = one(
    'SELECT count(DISTINCT block_number) AS n FROM position_checkpoints WHERE coldkey = ?',
    coldkey,
  );
  const blocks = db
    .prepare(
      `SELECT block_number AS b FROM stake_events WHERE coldkey = ? OR counterparty_coldkey = ?
       UNION SELECT block_number FROM silent_effects WHERE coldkey = ?
       UNION SELECT block_number FROM root_claim_payouts WHERE coldkey = ?`,
    )
    .all(coldkey, coldkey, coldkey, coldkey) as { b: bigint }[];
  return { events, checkpointBlocks, changeBlocks: new Set(blocks.map((r) => Number(r.b))) };
}
