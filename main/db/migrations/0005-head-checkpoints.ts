import type { Migration } from './types';

// The blocks where sync recorded a coldkey's head facts (positions, prices, locks and exit values
// at the finalized head it synced to). Live following refreshes them at most once per this many
// blocks, so it needs to know when it last did (docs/chain/locks.md).
export const headCheckpoints: Migration = {
  version: 5,
  name: 'head checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE head_checkpoints (
        coldkey       TEXT    NOT NULL,
        block_number  INTEGER NOT NULL,
        PRIMARY KEY (coldkey, block_number)
      ) STRICT;
    `);
  },
};
