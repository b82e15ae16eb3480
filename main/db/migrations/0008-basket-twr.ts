import type { Migration } from './types';

// BasketTwr readings (runtimes 441+; docs/chain/baskets.md#baskettwr): at each checkpoint of a
// coldkey, the total-return index of the funds of the validators it root-stakes with. The value is a
// u128 (U64F64 bits, 1.0 = 2^64), beyond SQLite's INTEGER, so it is kept as decimal text.
export const basketTwr: Migration = {
  version: 8,
  name: 'validator fund total-return readings',
  up(db) {
    db.exec(`
      CREATE TABLE basket_twr (
        coldkey       TEXT    NOT NULL,
        hotkey        TEXT    NOT NULL, -- the validator whose fund it is
        block_number  INTEGER NOT NULL,
        twr           TEXT    NOT NULL, -- BasketTwr bits, decimal
        PRIMARY KEY (coldkey, hotkey, block_number)
      ) STRICT;
    `);
  },
};
