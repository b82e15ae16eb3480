import type { Migration } from './types';

// Reconciliation (docs/chain/reconciliation.md): each position checkpoint keeps its hotkey pool's value
// per share (decimal text: TotalHotkeyAlpha / share denominator × 10^30, too wide for an INTEGER) and
// whether the coldkey owns the hotkey. Rows recorded before this step have neither (NULL); the engine
// then books held α's growth as emission, as it did when they were recorded.
export const poolValues: Migration = {
  version: 9,
  name: 'pool values at checkpoints',
  up(db) {
    db.exec(`
      ALTER TABLE position_checkpoints ADD COLUMN pool_value TEXT;
      ALTER TABLE position_checkpoints ADD COLUMN owns_hotkey INTEGER;
    `);
  },
};
