// Real finney bytes through the app's decoder: the System.Events of two spec-393 blocks give exactly
// their StakeAdded, StakeRemoved and RootClaimed events, every field. Expected rows are built here
// with @polkadot/types and @polkadot/util-crypto only, not with the app's decoding code.
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types-codec/types';
import { encodeAddress, sha256AsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEvents, stakeEventsOf, type StakeEventRow } from './stake-events';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'main/sync/fixtures/finney_spec393_system_events.json');
const METADATA = join(ROOT, 'devnet/metadata/finney_spec393_metadata_v16.scale.gz');

interface Fixture {
  blocks: Record<string, { block: number; blockHash: string; specVersion: number; systemEvents: string }>;
}

const registry = new TypeRegistry();
registry.setMetadata(new Metadata(registry, new Uint8Array(gunzipSync(readFileSync(METADATA)))));
const fixtureBytes = readFileSync(FIXTURE);
const fixture = JSON.parse(fixtureBytes.toString('utf8')) as Fixture;

interface PjsRecord {
  phase: { isApplyExtrinsic: boolean; asApplyExtrinsic: { toNumber(): number } };
  event: { section: string; method: string; data: Codec[] & { toJSON(): unknown } };
}

/** The expected rows of one block, straight from @polkadot/types' own event decoding. */
function expectedRows(hex: string): StakeEventRow[] {
  const records = registry.createType('Vec<FrameSystemEventRecord>', hex) as unknown as PjsRecord[];
  const rows: StakeEventRow[] = [];
  [...records].forEach((record, eventIndex) => {
    const { section, method, data } = record.event;
    if (section !== 'subtensorModule') return;
    if (!['StakeAdded', 'StakeRemoved', 'RootClaimed'].includes(method)) return;
    const account = (i: number) => encodeAddress(data[i]!.toU8a(), 42);
    const amount = (i: number) => BigInt(data[i]!.toString());
    const common = {
      extrinsicIndex: record.phase.isApplyExtrinsic ? record.phase.asApplyExtrinsic.toNumber() : null,
      eventIndex,
      kind: method as StakeEventRow['kind'],
      coldkey: account(0),
      counterpartyColdkey: null,
      destHotkey: null,
      destNetuid: null,
      raw: JSON.stringify({ section, method, data: data.toJSON() }),
    };
    if (method === 'RootClaimed') {
      rows.push({ ...common, hotkey: null, netuid: null, tao: 0n, alpha: 0n, fee: 0n, feeUnit: null });
      return;
    }
    rows.push({
      ...common,
      hotkey: account(1),
      tao: amount(2),
      alpha: amount(3),
      netuid: Number(data[4]!.toString()),
      fee: amount(5),
      feeUnit: method === 'StakeAdded' ? 'tao' : 'alpha',
    });
  });
  return rows;
}

describe('real finney System.Events (spec 393) through the app decoder', () => {
  it('is the vendored file, unchanged', () => {
    expect(u8aToHex(sha256AsU8a(fixtureBytes))).toBe(
      '0xf8df4ebdf18424dca4ea8bc29a9da4ae6ee7cb14a33b64a91a486c91fef5ae58',
    );
  });

  for (const block of Object.values(fixture.blocks)) {
    it(`block ${block.block}: every StakeAdded, StakeRemoved and RootClaimed, field for field`, () => {
      const expected = expectedRows(block.systemEvents);
      const events = decodeEvents(registry, block.systemEvents, block.block, block.specVersion);
      const coldkeys = [...new Set(expected.map((r) => r.coldkey))];
      const decoded = coldkeys
        .flatMap(
          (coldkey) =>
            stakeEventsOf(events, { coldkey, hotkeys: new Set(), netuids: new Set() }, block.specVersion).rows,
        )
        .sort((a, b) => a.eventIndex - b.eventIndex);
      expect(decoded).toEqual(expected);
      // Both blocks hold 1 StakeAdded, 3 StakeRemoved and 5 auto root claims.
      const count = (kind: string) => decoded.filter((r) => r.kind === kind).length;
      expect([count('StakeAdded'), count('StakeRemoved'), count('RootClaimed')]).toEqual([1, 3, 5]);
    });
  }

  it('spot-checks one event against the chain values by hand', () => {
    const block = fixture.blocks['7959608']!;
    const events = decodeEvents(registry, block.systemEvents, block.block, block.specVersion);
    const coldkey = '5FfAmTG5NJk1VVtDWHYjoNQwxfR6XBEibuwYT2hUHr9dypQx';
    const [row] = stakeEventsOf(events, { coldkey, hotkeys: new Set(), netuids: new Set() }, block.specVersion).rows;
    expect(row).toMatchObject({
      kind: 'StakeAdded',
      extrinsicIndex: 14,
      hotkey: '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN',
      tao: 10_000_000_000n,
      alpha: 412_833_565_821n,
      netuid: 75,
      fee: 5_035_477n,
      feeUnit: 'tao',
    });
  });
});
