// The events of real finney blocks split by event-scan.ts, their fields decoded one event at a time,
// equal @polkadot/types' decoding of the whole System.Events; bytes that do not fit are refused.
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types-codec/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEvents } from './stake-events';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'main/sync/fixtures/finney_spec393_system_events.json');
const METADATA = join(ROOT, 'devnet/metadata/finney_spec393_metadata_v16.scale.gz');

const registry = new TypeRegistry();
registry.setMetadata(new Metadata(registry, new Uint8Array(gunzipSync(readFileSync(METADATA)))));
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
  blocks: Record<string, { block: number; systemEvents: string }>;
};
const blocks = Object.values(fixture.blocks);

interface PjsRecord {
  phase: { isApplyExtrinsic: boolean; isInitialization: boolean; asApplyExtrinsic: { toNumber(): number } };
  event: { section: string; method: string; data: Codec[] & { toJSON(): unknown } };
}

describe('event records split by the runtime types', () => {
  it('every event of two finney blocks: the same phase, names and fields as decoding all of them', () => {
    expect(blocks.length).toBe(2);
    for (const { block, systemEvents } of blocks) {
      const pjs = [...(registry.createType('Vec<FrameSystemEventRecord>', systemEvents) as unknown as PjsRecord[])];
      const ours = decodeEvents(registry, systemEvents, block, 393);
      expect(ours.length).toBe(pjs.length);
      expect(pjs.length).toBeGreaterThan(10);
      ours.forEach((e, i) => {
        const r = pjs[i]!;
        expect(e.index).toBe(i);
        expect(e.extrinsicIndex).toBe(r.phase.isApplyExtrinsic ? r.phase.asApplyExtrinsic.toNumber() : null);
        expect(e.phase).toBe(
          r.phase.isApplyExtrinsic
            ? r.phase.asApplyExtrinsic.toNumber()
            : r.phase.isInitialization
              ? 'initialization'
              : 'finalization',
        );
        expect([e.section, e.method]).toEqual([r.event.section, r.event.method]);
        expect(e.json).toEqual(r.event.data.toJSON());
        expect(e.data.map((d) => d.toHex())).toEqual([...r.event.data].map((d) => d.toHex()));
      });
    }
  });

  it('bytes missing or left over are refused, not read as fewer events', () => {
    const { block, systemEvents } = blocks[0]!;
    const bytes = hexToU8a(systemEvents);
    expect(() => decodeEvents(registry, u8aToHex(bytes.subarray(0, bytes.length - 1)), block, 393)).toThrow(
      /Cannot decode the events of block/,
    );
    expect(() => decodeEvents(registry, u8aToHex(new Uint8Array([...bytes, 0])), block, 393)).toThrow(
      /Cannot decode the events of block .*left after the last record/,
    );
  });
});
