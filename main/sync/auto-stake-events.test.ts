// Miner incentive auto-staked (runtimes 315+) decoded from real runtimes' event bytes: the owner's
// AutoStakeAdded is recorded as α on its destination hotkey, in the Initialization phase, and another
// owner's is not (docs/chain/emissions.md#miner-incentive-auto-staked).
import { describe, expect, it } from 'vitest';
import { subtensorEvent, systemEventsHex } from '../test/events';
import { registryOf } from '../test/registries';
import { decodeEvents, stakeEventsOf } from './stake-events';

const C = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const OTHER = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const MINER_HOT = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const VALIDATOR_HOT = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

const ev = subtensorEvent('initialization');

describe.each([315, 393, 424, 475])('AutoStakeAdded at spec %i', (spec) => {
  it('records the owner’s incentive on its destination hotkey, and no other owner’s', () => {
    const events = [
      // {netuid, destination, hotkey, owner, incentive}, as run_coinbase emits it
      ev('AutoStakeAdded', 7, VALIDATOR_HOT, MINER_HOT, OTHER, 1_000),
      ev('AutoStakeAdded', 7, VALIDATOR_HOT, MINER_HOT, C, 2_500_000_000),
    ];
    const decoded = decodeEvents(registryOf(spec), systemEventsHex(spec, events), 1_000, spec);
    const { rows } = stakeEventsOf(decoded, { coldkey: C, hotkeys: new Set(), netuids: new Set() }, spec);
    expect(rows.map((r) => [r.kind, r.eventIndex, r.extrinsicIndex])).toEqual([['AutoStakeAdded', 1, null]]);
    expect(rows[0]).toMatchObject({
      coldkey: C,
      hotkey: VALIDATOR_HOT,
      netuid: 7,
      tao: 0n,
      alpha: 2_500_000_000n,
      fee: 0n,
    });
  });
});
