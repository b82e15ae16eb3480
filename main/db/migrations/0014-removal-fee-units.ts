import type { Migration } from './types';

// A removal's fee is in TAO before swap v3 (spec 283; docs/chain/fees.md). Sync recorded `alpha` for
// every StakeRemoved with a fee field, 257–282 included; the engine never read the stored unit (it
// takes it from the spec), but the CLI's event list showed it. The rows of those runtimes say TAO now.
export const removalFeeUnits: Migration = {
  version: 14,
  name: "a removal's fee unit before swap v3 is TAO",
  up(db) {
    db.exec(
      "UPDATE stake_events SET fee_unit = 'tao' WHERE kind = 'StakeRemoved' AND fee_unit = 'alpha' AND spec_version < 283;",
    );
  },
};
