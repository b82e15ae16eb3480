import type { Migration } from './types';

/** "No subnet" was written as 0 (RootClaimed) or −1 (a fee event from before its netuid field): make it NULL. */
export const nullSentinels: Migration = {
  version: 4,
  name: 'stake events without a subnet store NULL',
  up(db) {
    db.exec(`
      UPDATE stake_events SET netuid = NULL WHERE kind = 'RootClaimed';
      UPDATE stake_events SET netuid = NULL WHERE kind = 'TransactionFeePaidWithAlpha' AND netuid = -1;
    `);
  },
};
