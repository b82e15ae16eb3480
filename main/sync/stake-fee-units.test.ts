// The unit of a stake event's fee as sync records it: a purchase's is TAO; a removal's is TAO before
// swap v3 (257–282, the first runtimes with the field) and α from 283 (docs/chain/fees.md).
import { describe, expect, it } from 'vitest';
import { subtensorEvent, systemEventsHex } from '../test/events';
import { registryOf } from '../test/registries';
import { decodeEvents, stakeEventsOf } from './stake-events';

const C = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const HOT = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const ev = subtensorEvent(1);

// {coldkey, hotkey, tao, alpha, netuid, fee}: the same six fields from 257 to 475. No metadata of
// 257–282 is vendored: spec 315's event layout is theirs.
const trades = [
  ev('StakeAdded', C, HOT, 1_000_000, 900_000, 3, 50_000),
  ev('StakeRemoved', C, HOT, 800_000, 900_000, 3, 40_000),
];

describe('fee units of stake events', () => {
  it.each([
    [270, 'tao'],
    [282, 'tao'],
    [283, 'alpha'],
    [315, 'alpha'],
  ])('at spec %i a removal’s fee is in %s, a purchase’s in TAO', (spec, removal) => {
    const decoded = decodeEvents(registryOf(315), systemEventsHex(315, trades), 1_000, spec);
    const { rows } = stakeEventsOf(decoded, { coldkey: C, hotkeys: new Set(), netuids: new Set() }, spec);
    expect(rows.map((r) => [r.kind, r.fee, r.feeUnit])).toEqual([
      ['StakeAdded', 50_000n, 'tao'],
      ['StakeRemoved', 40_000n, removal],
    ]);
  });
});
