import type { Migration } from './types';

// Facts for runtimes 397–424 (docs/chain/prices.md, docs/chain/locks.md, docs/chain/mechanics.md):
// where each snapshot's price came from, exit value and locks at head checkpoints, and the
// per-position effects of chain events that move α without a stake event.
export const runtime424Facts: Migration = {
  version: 3,
  name: 'price sources, exit values and locks at the head, silent position effects',
  up(db) {
    db.exec(`
      -- Rows written before this version were priced tao_in·1e9/alpha_in (constant-product runtimes).
      ALTER TABLE subnet_snapshots ADD COLUMN price_source TEXT NOT NULL DEFAULT 'reserves'
        CHECK (price_source IN ('runtime', 'balancer', 'reserves'));
      ALTER TABLE subnet_snapshots ADD COLUMN balancer_quote INTEGER; -- SwapBalancer quote weight q, 1e18 = 1
      ALTER TABLE subnet_snapshots ADD COLUMN fee_rate INTEGER;       -- Swap.FeeRate, parts of 65535

      -- One row per held position at a head checkpoint: what can be sold now and what it returns.
      CREATE TABLE position_exits (
        block_number    INTEGER NOT NULL,
        coldkey         TEXT    NOT NULL,
        hotkey          TEXT    NOT NULL,
        netuid          INTEGER NOT NULL,
        alpha           INTEGER NOT NULL, -- StakeInfo α at the block
        locked          INTEGER NOT NULL, -- part of the coldkey's lock on this subnet carried by this position
        available       INTEGER NOT NULL, -- alpha - locked
        exit_tao        INTEGER,          -- sim_swap_alpha_for_tao(available).tao_amount; NULL: runtime cannot simulate
        exit_alpha_fee  INTEGER,
        exit_slippage   INTEGER,          -- tao_slippage: floor(available × price) - exit_tao
        PRIMARY KEY (coldkey, hotkey, netuid, block_number)
      ) STRICT;

      -- One row per (coldkey, subnet) held at a head checkpoint: the subnet-wide lock and the exit of
      -- all the available α at once (a sale is not additive across positions).
      CREATE TABLE subnet_stakes (
        block_number    INTEGER NOT NULL,
        coldkey         TEXT    NOT NULL,
        netuid          INTEGER NOT NULL,
        total           INTEGER NOT NULL,
        locked          INTEGER NOT NULL,
        available       INTEGER NOT NULL,
        lock_hotkey     TEXT,             -- the hotkey the lock is held for (NULL: no lock)
        locks_read      INTEGER NOT NULL CHECK (locks_read IN (0, 1)), -- 0: runtime has no locks (spec < 411)
        exit_tao        INTEGER,
        exit_alpha_fee  INTEGER,
        exit_slippage   INTEGER,
        PRIMARY KEY (coldkey, netuid, block_number)
      ) STRICT;

      -- Position changes a chain event caused without a StakeAdded/StakeRemoved of this coldkey
      -- (hotkey and coldkey swaps, subnet dissolution, batched limit orders), signed.
      CREATE TABLE silent_effects (
        block_number  INTEGER NOT NULL,
        block_hash    TEXT    NOT NULL,
        event_index   INTEGER NOT NULL, -- the stake_events row that explains it
        coldkey       TEXT    NOT NULL,
        hotkey        TEXT    NOT NULL,
        netuid        INTEGER NOT NULL,
        kind          TEXT    NOT NULL, -- kind of that stake_events row
        alpha         INTEGER NOT NULL, -- α added to (+) or taken from (-) the position
        tao           INTEGER NOT NULL, -- TAO paid to (+) or taken from (-) the coldkey's free balance for it
        PRIMARY KEY (block_hash, event_index, coldkey, hotkey, netuid)
      ) STRICT;
      CREATE INDEX silent_effects_by_coldkey ON silent_effects (coldkey, block_number);
    `);
  },
};
