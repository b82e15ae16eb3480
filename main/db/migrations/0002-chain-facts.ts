import type { Migration } from './types';

// Raw chain facts, append-mostly; unique keys make re-import idempotent (docs/README.md#architecture-in-brief).
// Amounts are INTEGER rao / alpha-rao (u64 values on chain stay far below 2^63 in practice).
export const chainFacts: Migration = {
  version: 2,
  name: 'blocks, stake events, checkpoints, snapshots, sync state, fiat prices',
  up(db) {
    db.exec(`
      CREATE TABLE blocks (
        number        INTEGER PRIMARY KEY,
        hash          TEXT    NOT NULL UNIQUE,
        parent_hash   TEXT,            -- null when only the block itself was read
        timestamp     INTEGER NOT NULL,
        spec_version  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE stake_events (
        id                    INTEGER PRIMARY KEY,
        block_number          INTEGER NOT NULL,
        block_hash            TEXT    NOT NULL,
        extrinsic_index       INTEGER,
        event_index           INTEGER NOT NULL,
        spec_version          INTEGER NOT NULL,
        timestamp             INTEGER NOT NULL,
        kind                  TEXT    NOT NULL,
        coldkey               TEXT    NOT NULL,
        counterparty_coldkey  TEXT,
        hotkey                TEXT,
        netuid                INTEGER,
        dest_hotkey           TEXT,
        dest_netuid           INTEGER,
        tao                   INTEGER NOT NULL DEFAULT 0,
        alpha                 INTEGER NOT NULL DEFAULT 0,
        fee                   INTEGER NOT NULL DEFAULT 0,
        fee_unit              TEXT CHECK (fee_unit IN ('tao', 'alpha')),
        raw                   TEXT    NOT NULL,
        UNIQUE (block_hash, event_index)
      ) STRICT;
      CREATE INDEX stake_events_by_coldkey ON stake_events (coldkey, block_number);
      CREATE INDEX stake_events_by_counterparty ON stake_events (counterparty_coldkey, block_number)
        WHERE counterparty_coldkey IS NOT NULL;

      CREATE TABLE position_checkpoints (
        block_number  INTEGER NOT NULL,
        coldkey       TEXT    NOT NULL,
        hotkey        TEXT    NOT NULL,
        netuid        INTEGER NOT NULL,
        alpha         INTEGER NOT NULL,
        PRIMARY KEY (coldkey, hotkey, netuid, block_number)
      ) STRICT;
      CREATE INDEX position_checkpoints_by_block ON position_checkpoints (block_number);

      CREATE TABLE subnet_snapshots (
        block_number  INTEGER NOT NULL,
        netuid        INTEGER NOT NULL,
        tao_in        INTEGER NOT NULL,
        alpha_in      INTEGER NOT NULL,
        alpha_out     INTEGER NOT NULL,
        price         INTEGER NOT NULL, -- rao per 1 alpha (current_alpha_price: price × 1e9, floored)
        name          TEXT,
        symbol        TEXT,
        tao_in_emission     INTEGER,
        alpha_in_emission   INTEGER,
        alpha_out_emission  INTEGER,
        PRIMARY KEY (netuid, block_number)
      ) STRICT;
      CREATE INDEX subnet_snapshots_by_block ON subnet_snapshots (block_number);

      -- Root-claim payouts (spec >= 334): RootClaimed{coldkey} carries no amounts, so sync derives them
      -- from the RootClaimed watermarks (owed alpha) and the pools before the block (Swap TAO).
      CREATE TABLE root_claim_payouts (
        block_number  INTEGER NOT NULL,
        block_hash    TEXT    NOT NULL,
        event_index   INTEGER NOT NULL, -- index of the RootClaimed event
        coldkey       TEXT    NOT NULL,
        hotkey        TEXT    NOT NULL, -- the root-stake hotkey
        netuid        INTEGER NOT NULL, -- subnet whose dividends were claimed
        mode          TEXT    NOT NULL CHECK (mode IN ('keep', 'swap')),
        alpha         INTEGER NOT NULL,
        tao           INTEGER NOT NULL,
        PRIMARY KEY (block_hash, coldkey, hotkey, netuid)
      ) STRICT;
      CREATE INDEX root_claim_payouts_by_coldkey ON root_claim_payouts (coldkey, block_number);

      CREATE TABLE sync_state (
        coldkey          TEXT PRIMARY KEY,
        phase            TEXT    NOT NULL,
        cursor           INTEGER, -- last block whose facts are fully recorded
        first_block      INTEGER, -- first block with a change of this coldkey (daily checkpoints start here)
        history_from     INTEGER, -- set when a pruned node cut history short: facts start here
        last_finalized   INTEGER,
        error            TEXT,
        updated_at       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE fiat_prices (
        currency  TEXT NOT NULL,
        date      TEXT NOT NULL, -- YYYY-MM-DD (UTC)
        price     INTEGER NOT NULL, -- 1e-8 fiat units per whole TAO (exact fixed point)
        PRIMARY KEY (currency, date)
      ) STRICT;
    `);
  },
};
