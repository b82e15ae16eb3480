import type { Migration } from './types';

// A pruned netuid can be registered again by another subnet (docs/chain/swaps-and-dissolution.md):
// each pool snapshot keeps the subnet's NetworkRegisteredAt, so prices of two subnets that shared a
// netuid are never compared. Rows recorded before this step have NULL (one lifetime assumed).
export const subnetLifetimes: Migration = {
  version: 11,
  name: 'subnet registration blocks at pool snapshots',
  up(db) {
    db.exec('ALTER TABLE subnet_snapshots ADD COLUMN registered_at INTEGER;');
  },
};
