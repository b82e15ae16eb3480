/**
 * The vendored metadata (devnet/metadata/) is what its provenance says, decodes as the runtime it
 * claims, covers every runtime a named scenario uses, and $SUBTENSOR_METADATA_DIR overrides it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { expandMetadata } from '@polkadot/types/metadata/decorate';
import { u8aToHex } from '@polkadot/util';
import { VENDORED_DIR, findMetadata, specFiles, unwrapOpaque } from '../scale/metadata-files.js';
import { SCENARIOS } from '../scenarios/index.js';

interface Entry {
  file: string;
  spec: number;
  metadataVersion: number;
  source: { repo: string; path: string; commit: string };
  original: { file: string; sha256: string };
  rawSha256: string;
  rawBytes: number;
  sha256: string;
}
const provenance = JSON.parse(readFileSync(join(VENDORED_DIR, 'provenance.json'), 'utf8')) as {
  files: Entry[];
  rpcMethods: { file: string; sha256: string; original: { file: string; sha256: string } };
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const savedEnv = process.env['SUBTENSOR_METADATA_DIR'];
afterEach(() => {
  if (savedEnv === undefined) delete process.env['SUBTENSOR_METADATA_DIR'];
  else process.env['SUBTENSOR_METADATA_DIR'] = savedEnv;
});

describe('vendored metadata', () => {
  it('lists every vendored file, and nothing else is vendored', () => {
    const onDisk = readdirSync(VENDORED_DIR).filter((f) => f.endsWith('.gz'));
    expect(onDisk.sort()).toEqual(provenance.files.map((f) => f.file).sort());
  });

  it.each(provenance.files.map((f) => [f.file, f] as const))('%s: sha256, size and decoded runtime', (_, f) => {
    const gz = readFileSync(join(VENDORED_DIR, f.file));
    expect(sha256(gz)).toBe(f.sha256);
    expect(gz.length).toBeLessThan(300_000);
    const raw = gunzipSync(gz);
    expect(raw.length).toBe(f.rawBytes);
    expect(sha256(raw)).toBe(f.rawSha256);
    const registry = new TypeRegistry();
    const metadata = new Metadata(registry, raw);
    expect(metadata.version).toBe(f.metadataVersion);
    registry.setMetadata(metadata, undefined, undefined, true);
    const version = expandMetadata(registry, metadata).consts['system']?.['version'] as unknown as {
      specVersion: { toNumber(): number };
    };
    expect(version.specVersion.toNumber()).toBe(f.spec);
  });

  it('rpc_methods.json is the recorded list', () => {
    const bytes = readFileSync(join(VENDORED_DIR, provenance.rpcMethods.file));
    expect(sha256(bytes)).toBe(provenance.rpcMethods.sha256);
    const methods = JSON.parse(bytes.toString('utf8')) as string[];
    expect(methods).toContain('state_getKeysPaged');
    expect(methods).toHaveLength(176);
  });

  it('covers every runtime of every named scenario without any environment variable', () => {
    delete process.env['SUBTENSOR_METADATA_DIR'];
    const found = findMetadata();
    for (const s of Object.values(SCENARIOS)) {
      for (const { spec } of s.specs)
        expect(found.get(spec)?.byVersion.size, `${s.name} spec ${spec}`).toBeGreaterThan(0);
    }
  });

  it('SUBTENSOR_METADATA_DIR overrides the vendored copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meta-override-'));
    delete process.env['SUBTENSOR_METADATA_DIR'];
    const v320 = findMetadata().get(320)?.byVersion.get(14);
    const v343 = findMetadata().get(343)?.byVersion.get(14);
    expect(v320).toBeDefined();
    // a 343 V14 file whose bytes are really 320's: the override must win
    writeFileSync(join(dir, 'finney_spec343_metadata_v14.hex'), u8aToHex(v320));
    process.env['SUBTENSOR_METADATA_DIR'] = dir;
    const overridden = findMetadata().get(343);
    expect(u8aToHex(overridden?.byVersion.get(14))).toBe(u8aToHex(v320));
    expect(u8aToHex(overridden?.byVersion.get(14))).not.toBe(u8aToHex(v343));
    // versions the override lacks still come from the vendored copy
    expect(overridden?.byVersion.get(15)?.length).toBeGreaterThan(0);
  });

  it('an unknown runtime fails with the instruction text', () => {
    expect(() => specFiles(9_999)).toThrow(/SUBTENSOR_METADATA_DIR.*metadata:pull/);
  });

  // Only where the originals are at hand (CI sets SUBTENSOR_METADATA_DIR to them).
  const originals = savedEnv && existsSync(join(savedEnv, provenance.files[0]?.original.file ?? '')) ? savedEnv : null;
  it.skipIf(originals === null)('each original has the recorded sha256 and reduces to the vendored bytes', () => {
    for (const f of provenance.files) {
      const bytes = readFileSync(join(originals as string, f.original.file));
      expect(sha256(bytes), f.original.file).toBe(f.original.sha256);
      let raw: Uint8Array = bytes;
      if (f.original.file.endsWith('.hex')) {
        raw = Buffer.from(bytes.toString('utf8').trim().slice(2), 'hex');
        if (f.original.file.includes('at_version')) raw = unwrapOpaque(raw);
      }
      expect(sha256(raw), f.original.file).toBe(f.rawSha256);
    }
  });
});
