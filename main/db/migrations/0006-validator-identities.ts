import type { Migration } from './types';

// Validator names: the on-chain identity of the coldkey that owns each hotkey a watched wallet has
// staked with (SubtensorModule.Owner, then IdentitiesV2), cached so the screens show names offline.
// `block_number` is where it was read; sync reads it again once it is a day old
// (docs/chain/identities.md).
export const validatorIdentities: Migration = {
  version: 6,
  name: 'validator identities',
  up(db) {
    db.exec(`
      CREATE TABLE validator_identities (
        hotkey        TEXT    PRIMARY KEY,
        owner         TEXT,
        name          TEXT,
        block_number  INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
