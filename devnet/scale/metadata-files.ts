/**
 * Finds real finney runtime metadata on disk. Metadata is public data we must not commit, so it is
 * looked up in $SUBTENSOR_METADATA_DIR first, then in the gitignored `.metadata-cache/` that
 * `npm run metadata:pull` fills. File names follow ../shared/chain-data:
 *   finney_spec{N}_metadata_v14.hex             state_getMetadata result (V14)
 *   finney_spec{N}_metadata_at_version{15,16}.hex  Metadata_metadata_at_version result (Option<OpaqueMetadata>)
 *   finney_spec{N}_metadata_v16.scale           raw V16 bytes
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactAddLength, compactFromU8a, hexToU8a, u8aConcat } from '@polkadot/util';

export const METADATA_HELP =
  'No subtensor runtime metadata found. Set SUBTENSOR_METADATA_DIR to a folder with finney metadata ' +
  '(CI: ../shared/chain-data) or run `npm run metadata:pull -- --endpoint wss://<finney node>` to fill .metadata-cache/.';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.metadata-cache');

/** Raw metadata bytes of one runtime, by metadata version (14/15/16), without Option/length wrappers. */
export interface SpecMetadataFiles {
  spec: number;
  byVersion: Map<number, Uint8Array>;
}

export function metadataDirs(): string[] {
  const dirs: string[] = [];
  const env = process.env['SUBTENSOR_METADATA_DIR'];
  if (env) dirs.push(resolve(env));
  dirs.push(CACHE_DIR);
  return dirs.filter((d) => existsSync(d));
}

/** Strips `0x01 ‖ compact(len)` of an Option<OpaqueMetadata> (the at_version wire form). */
export function unwrapOpaque(u8a: Uint8Array): Uint8Array {
  if (u8a[0] !== 1) throw new Error('metadata_at_version: not Some(..)');
  const [off, len] = compactFromU8a(u8a.subarray(1));
  return u8a.subarray(1 + off, 1 + off + len.toNumber());
}

/** Wraps raw metadata as the Metadata_metadata_at_version result. */
export function wrapOpaque(raw: Uint8Array): Uint8Array {
  return u8aConcat(new Uint8Array([1]), compactAddLength(raw));
}

function readHex(path: string): Uint8Array {
  return hexToU8a(readFileSync(path, 'utf8').trim());
}

const FILE_RE = /^finney_spec(\d+)_metadata_(v14\.hex|v16\.scale|at_version(\d+)\.hex)$/;

/** Every runtime spec found, first directory wins per (spec, version). */
export function findMetadata(): Map<number, SpecMetadataFiles> {
  const out = new Map<number, SpecMetadataFiles>();
  for (const dir of metadataDirs()) {
    for (const name of readdirSync(dir).sort()) {
      const m = FILE_RE.exec(name);
      if (!m) continue;
      const spec = Number(m[1]);
      let entry = out.get(spec);
      if (!entry) out.set(spec, (entry = { spec, byVersion: new Map() }));
      const path = join(dir, name);
      let version: number;
      let raw: () => Uint8Array;
      if (m[2] === 'v14.hex') {
        version = 14;
        raw = () => readHex(path);
      } else if (m[2] === 'v16.scale') {
        version = 16;
        raw = () => new Uint8Array(readFileSync(path));
      } else {
        version = Number(m[3]);
        raw = () => unwrapOpaque(readHex(path));
      }
      if (!entry.byVersion.has(version)) entry.byVersion.set(version, raw());
    }
  }
  return out;
}

let cached: Map<number, SpecMetadataFiles> | undefined;

/** Cached lookup; throws the instruction text when no metadata exists at all. */
export function availableMetadata(): Map<number, SpecMetadataFiles> {
  if (!cached) cached = findMetadata();
  if (cached.size === 0) throw new Error(METADATA_HELP);
  return cached;
}

export function specFiles(spec: number): SpecMetadataFiles {
  const f = availableMetadata().get(spec);
  if (!f) {
    throw new Error(
      `No metadata for runtime spec ${spec} in ${metadataDirs().join(', ') || '(no dirs)'}. ${METADATA_HELP}`,
    );
  }
  return f;
}
