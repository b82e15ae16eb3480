// Runtimes that change an event or value sync decodes by position are refused with a clear
// message: a 424 metadata modified here; every real runtime from 233 to 475 passes (RootClaimed's
// `tao` field from 441 is a known shape: docs/chain/baskets.md).
import { Metadata, TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { specFiles } from '../../devnet/scale/metadata-files';
import { ChainError } from '../chain/client';
import { systemEventsHex } from '../test/events';
import { registryOf } from '../test/registries';
import { unknownShapes } from './event-shapes';
import { decodeEvents } from './stake-events';

interface LookupJson {
  id: number;
  type: { def: { variant?: { variants: { name: string; fields: { type: number }[] }[] }; primitive?: string } };
}
interface MetadataJson {
  metadata: Record<string, { lookup: { types: LookupJson[] }; pallets: { name: string; events: { type: number } }[] }>;
}

/** The 424 metadata with the SubtensorModule events edited by `edit`. */
function modified424(edit: (variants: { name: string; fields: { type: number }[] }[], ids: LookupJson[]) => void) {
  const json = new Metadata(new TypeRegistry(), specFiles(424).byVersion.get(16)).toJSON() as unknown as MetadataJson;
  const latest = Object.values(json.metadata)[0]!;
  const pallet = latest.pallets.find((p) => p.name === 'SubtensorModule')!;
  const events = latest.lookup.types.find((t) => t.id === pallet.events.type)!;
  edit(events.type.def.variant!.variants, latest.lookup.types);
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, json as never));
  return registry;
}

describe('runtime shape check', () => {
  it('accepts every runtime from 233 to 475 (RootClaimed{coldkey, tao} from 441 is known)', () => {
    for (const spec of [233, 315, 320, 343, 393, 424, 455, 475])
      expect(unknownShapes(registryOf(spec)), `spec ${spec}`).toEqual([]);
  });

  it('refuses a 424 metadata whose StakeLocked amount became u128 and whose StakeAdded gained a field', () => {
    const registry = modified424((variants, types) => {
      const u128 = types.find((t) => t.type.def.primitive === 'U128')!.id;
      variants.find((v) => v.name === 'StakeLocked')!.fields[3]!.type = u128;
      const added = variants.find((v) => v.name === 'StakeAdded')!;
      added.fields.push({ ...added.fields[2]! });
    });
    expect(unknownShapes(registry)).toEqual([
      'SubtensorModule.StakeAdded(AccountId32,AccountId32,u64,u64,u16,u64,u64)',
      'SubtensorModule.StakeLocked(coldkey:AccountId32,hotkey:AccountId32,netuid:u16,amount:u128)',
    ]);
    const error = (() => {
      try {
        decodeEvents(registry, systemEventsHex(424, []), 5, 424);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ChainError);
    expect((error as ChainError).code).toBe('unsupported-runtime');
    expect((error as ChainError).message).toMatch(/^Runtime 424 changed 2 chain events or values Taofolio relies on: /);
  });

  it('leaves an unmodified 424 metadata, round-tripped the same way, accepted', () => {
    expect(unknownShapes(modified424(() => {}))).toEqual([]);
  });
});
