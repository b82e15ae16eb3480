// Keys of storage items a block's runtime did not have yet (main/sync/unborn-items.ts): the table
// against every vendored finney metadata, what the reads so far say of a block's runtime, and a
// reader that skips those keys and answers them as absent.
import { Metadata, TypeRegistry } from '@polkadot/types';
import { compactToU8a, u8aToHex } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import type { ChainClient } from '../chain/client';
import { findMetadata } from '../../devnet/scale/metadata-files';
import { keyList } from './block-values';
import { ChainReader } from './reader';
import { keys } from './storage-keys';
import { LAST_SPEC_WITHOUT, SpecCeiling, splitUnborn } from './unborn-items';

const HOT = encodeAddress(new Uint8Array(32).fill(1), 42);
const COLD = encodeAddress(new Uint8Array(32).fill(2), 42);

describe('the table of items and the runtimes that introduced them', () => {
  it('matches every vendored metadata: absent up to its spec, present in every later one', () => {
    const found = findMetadata();
    const specs = [...found.keys()].sort((a, b) => a - b);
    expect(specs.length).toBeGreaterThanOrEqual(6);
    const itemsOf = new Map<number, Set<string>>();
    for (const spec of specs) {
      const files = found.get(spec)!;
      const raw = files.byVersion.get(Math.min(...files.byVersion.keys()))!;
      const items = new Set<string>();
      for (const p of new Metadata(new TypeRegistry(), raw).asLatest.pallets)
        if (p.storage.isSome) for (const it of p.storage.unwrap().items) items.add(`${p.name}.${it.name}`);
      itemsOf.set(spec, items);
    }
    for (const [pallet, item, last] of LAST_SPEC_WITHOUT) {
      const seen = specs.map((s) => [s, itemsOf.get(s)!.has(`${pallet}.${item}`)] as const);
      // Both sides of the boundary are covered by some vendored runtime, else the row proves nothing.
      expect(
        seen.some(([s]) => s <= last),
        `${item}: a runtime ≤ ${last}`,
      ).toBe(true);
      expect(
        seen.some(([s]) => s > last),
        `${item}: a runtime > ${last}`,
      ).toBe(true);
      expect(seen, `${pallet}.${item}`).toEqual(seen.map(([s]) => [s, s > last]));
    }
  });
});

describe('SpecCeiling', () => {
  it('bounds a block by the lowest runtime read at or above it', () => {
    const c = new SpecCeiling();
    expect(c.at(100)).toBeNull();
    c.note(1_000, 393);
    expect([c.at(1_000), c.at(10), c.at(1_001)]).toEqual([393, 393, null]);
    c.note(400, 320); // an older runtime lower down: tighter there
    expect([c.at(400), c.at(401), c.at(999)]).toEqual([320, 393, 393]);
    c.note(2_000, 424);
    expect([c.at(1_500), c.at(2_000), c.at(2_001)]).toEqual([424, 424, null]);
    c.note(3_000, 475); // newer than every item: bounds nothing
    expect(c.at(2_500)).toBeNull();
    c.note(5, null); // unknown runtime: nothing learned
    expect(c.at(3)).toBe(320);
  });
});

describe('splitUnborn', () => {
  const list = keyList([
    keys.alpha(HOT, COLD, 3),
    keys.alphaV2(HOT, COLD, 3),
    keys.lock(COLD, 3, HOT),
    keys.rootClaimed(3, HOT, COLD),
    keys.subnetTao(3),
    keys.alphaShareEpoch(HOT, COLD, 3),
  ]);

  it('leaves out the items the runtime did not have yet, the same split for the same list and bound', () => {
    const at393 = splitUnborn(list, 393);
    expect(at393.read.keys).toEqual([keys.alpha(HOT, COLD, 3), keys.rootClaimed(3, HOT, COLD), keys.subnetTao(3)]);
    expect(at393.absent?.keys).toEqual([
      keys.alphaV2(HOT, COLD, 3),
      keys.lock(COLD, 3, HOT),
      keys.alphaShareEpoch(HOT, COLD, 3),
    ]);
    expect(splitUnborn(list, 393)).toBe(at393);
    expect(splitUnborn(list, 320).absent?.keys).toContain(keys.rootClaimed(3, HOT, COLD));
    expect(splitUnborn(list, 424).absent?.keys).toEqual([keys.alphaShareEpoch(HOT, COLD, 3)]);
    expect(splitUnborn(list, null)).toEqual({ read: list, absent: null });
  });
});

describe('ChainReader with items a runtime did not have', () => {
  /** A node whose blocks below 1,000 run spec 393 and from 1,000 spec 424; every key has a value. */
  function fakeNode() {
    const asked: string[][] = [];
    const upgrade = (spec: number) => u8aToHex(compactToU8a(spec));
    const client = {
      isConnected: true,
      rpc: async (method: string, params: unknown[]) => {
        if (method === 'chain_getBlockHash') return '0x' + String(params[0]).padStart(64, '0');
        const [all, hash] = params as [string[], string];
        asked.push(all);
        const number = Number.parseInt(hash.slice(2), 10);
        const spec = number < 1_000 ? 393 : 424;
        return [
          {
            block: hash,
            changes: all.map((k) => [k, k === keys.lastRuntimeUpgrade() ? upgrade(spec) : '0x0100000000000000']),
          },
        ];
      },
    } as unknown as ChainClient;
    return { reader: new ChainReader(client, 4), asked };
  }

  it('asks for them only where no read showed the runtime older, and answers them as absent', async () => {
    const { reader, asked } = fakeNode();
    const v2 = keys.alphaV2(HOT, COLD, 3);
    const v1 = keys.alpha(HOT, COLD, 3);
    const first = await reader.readBlock(900, [v1, v2], false);
    expect(asked[0]).toContain(v2); // nothing known of block 900's runtime before this read
    expect(first.values.get(v2)).toBe('0x0100000000000000');
    const below = await reader.readBlock(800, [v1, v2], false);
    expect(asked[1]).not.toContain(v2);
    expect(asked[1]).toContain(v1);
    expect([below.values.has(v2), below.values.get(v2), below.values.get(v1)]).toEqual([
      true,
      null,
      '0x0100000000000000',
    ]);
    // Above the highest block known to run 393 the runtime may be newer: asked again.
    await reader.readBlock(950, [v1, v2], false);
    expect(asked[2]).toContain(v2);
    await reader.readBlock(1_200, [v1, v2], false);
    expect(asked[3]).toContain(v2);
  });
});
