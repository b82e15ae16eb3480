import type { Migration } from './types';

// Basket positions (runtimes 441+; docs/chain/baskets.md#what-sync-records-runtimes-441): at a
// checkpoint, a coldkey's owed shares in each validator's fund and what a claim would pay for them.
// `basket_checkpoints` says the read happened (a fund absent from `basket_positions` there is owed 0).
export const basketPositions: Migration = {
  version: 7,
  name: 'basket positions at checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE basket_checkpoints (
        coldkey       TEXT    NOT NULL,
        block_number  INTEGER NOT NULL,
        PRIMARY KEY (coldkey, block_number)
      ) STRICT;

      CREATE TABLE basket_positions (
        block_number  INTEGER NOT NULL,
        coldkey       TEXT    NOT NULL,
        hotkey        TEXT    NOT NULL, -- the validator whose fund it is
        shares        INTEGER NOT NULL, -- owed fund shares: BasketRate × root stake − BasketClaimed, > 0
        value_tao     INTEGER NOT NULL, -- TAO a claim would pay now (get_basket_payout)
        PRIMARY KEY (coldkey, hotkey, block_number)
      ) STRICT;
    `);
  },
};
