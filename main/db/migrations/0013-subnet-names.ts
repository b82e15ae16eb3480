import type { Migration } from './types';

// A subnet's name is read where the chain gives it: DynamicInfo at the head has it, the pool snapshots
// sync reads from storage at change blocks often do not (their name is null). The label a screen shows
// is the latest name recorded (main/db/repos/ledger-facts.ts `subnetLabels`), found through this index of
// the named snapshots only, not by walking a subnet's unnamed ones back one by one.
export const subnetNames: Migration = {
  version: 13,
  name: 'index the subnet snapshots that carry a name',
  up(db) {
    db.exec('CREATE INDEX subnet_snapshots_named ON subnet_snapshots (netuid, block_number) WHERE name IS NOT NULL;');
  },
};
