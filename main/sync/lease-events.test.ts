// Lease dividends (runtimes 361+) decoded from real runtimes' event bytes: the contributor's StakeAdded
// and the SubnetLeaseDividendsDistributed naming it are recorded, in the Initialization phase, and
// nobody else's (docs/chain/events.md#lease-dividends).
import { describe, expect, it } from 'vitest';
import { subtensorEvent, systemEventsHex } from '../test/events';
import { registryOf } from '../test/registries';
import { decodeEvents, stakeEventsOf } from './stake-events';

const C = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const OTHER = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const LEASE_COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const LEASE_HOT = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

const ev = subtensorEvent('initialization');

/** One distribution of lease 7 on subnet 5: OTHER then C, as leasing.rs emits it. */
const distribution = [
  ev('StakeRemoved', LEASE_COLD, LEASE_HOT, 1_500, 1_000, 5, 0),
  ev('StakeAdded', OTHER, LEASE_HOT, 1_500, 1_000, 5, 0),
  ev('SubnetLeaseDividendsDistributed', 7, OTHER, 1_000),
  ev('StakeRemoved', LEASE_COLD, LEASE_HOT, 3_000, 2_000, 5, 0),
  ev('StakeAdded', C, LEASE_HOT, 3_000, 2_000, 5, 0),
  ev('SubnetLeaseDividendsDistributed', 7, C, 2_000),
];

describe.each([424, 455, 475])('lease dividends at spec %i', (spec) => {
  it('records the contributor’s StakeAdded and the distribution that names it', () => {
    const decoded = decodeEvents(registryOf(spec), systemEventsHex(spec, distribution), 1_000, spec);
    const { rows } = stakeEventsOf(decoded, { coldkey: C, hotkeys: new Set(), netuids: new Set() }, spec);
    expect(rows.map((r) => [r.kind, r.eventIndex, r.extrinsicIndex])).toEqual([
      ['StakeAdded', 4, null],
      ['SubnetLeaseDividendsDistributed', 5, null],
    ]);
    expect(rows[0]).toMatchObject({ coldkey: C, hotkey: LEASE_HOT, netuid: 5, tao: 3_000n, alpha: 2_000n, fee: 0n });
    expect(rows[1]).toMatchObject({ coldkey: C, hotkey: null, netuid: null, tao: 0n, alpha: 2_000n });
  });
});
