import type { Migration } from './types';

// Reconciliation on a coldkey's own hotkey (docs/chain/reconciliation.md): each position checkpoint
// keeps its subnet's epoch counter (SubnetEpochIndex from 423, the fixed rule's count before), so an
// interval without an epoch can be told apart. Rows recorded before this step have NULL.
export const epochIndexes: Migration = {
  version: 10,
  name: 'epoch counters at checkpoints',
  up(db) {
    db.exec('ALTER TABLE position_checkpoints ADD COLUMN epoch_index INTEGER;');
  },
};
