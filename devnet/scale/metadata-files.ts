/**
 * Finds real finney runtime metadata on disk, in this order (first hit per spec and metadata
 * version wins):
 *   1. $SUBTENSOR_METADATA_DIR (an override; CI points it at the original files),
 *   2. devnet/metadata/ — gzip copies of the runtimes the devnet simulates, committed with their
 *      provenance (provenance.json), so a fresh clone needs nothing,
 *   3. the gitignored `.metadata-cache/` that `npm run metadata:pull` fills from a live node.
 * File names:
 *   finney_spec{N}_metadata_v14.hex                state_getMetadata result (V14), 0x-hex
 *   finney_spec{N}_metadata_at_version{15,16}.hex  Metadata_metadata_at_version result (Option<OpaqueMetadata>)
 *   finney_spec{N}_metadata_v{14,16}.scale         raw bytes
 *   finney_spec{N}_metadata_v{14,15,16}.scale.gz   raw bytes, gzip (the vendored form)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { compactAddLength, compactFromU8a, hexToU8a, u8aConcat } from '@polkadot/util';

export const METADATA_HELP =
  'No subtensor runtime metadata found for it. The repository vendors the runtimes its scenarios use in ' +
  'devnet/metadata/; for others set SUBTENSOR_METADATA_DIR to a folder with finney metadata ' +
  'or run `npm run metadata:pull -- --endpoint wss://<finney node>` to fill .metadata-cache/.';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.metadata-cache');
export const VENDORED_DIR = join(REPO_ROOT, 'devnet', 'metadata');

/** Raw metadata bytes of one runtime, by metadata version (14/15/16), without Option/length wrappers. */
export interface SpecMetadataFiles {
  spec: number;
  byVersion: Map<number, Uint8Array>;
}

export function metadataDirs(): string[] {
  const dirs: string[] = [];
  const env = process.env['SUBTENSOR_METADATA_DIR'];
  if (env) dirs.push(resolve(env));
  dirs.push(VENDORED_DIR, CACHE_DIR);
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

const FILE_RE = /^finney_spec(\d+)_metadata_(?:v(\d+)\.hex|v(\d+)\.scale(\.gz)?|at_version(\d+)\.hex)$/;

/** Metadata version and a reader of the raw bytes, for a file name we understand (else null). */
function parseName(path: string, name: string): { spec: number; version: number; raw: () => Uint8Array } | null {
  const m = FILE_RE.exec(name);
  if (!m) return null;
  const spec = Number(m[1]);
  if (m[2] !== undefined) return { spec, version: Number(m[2]), raw: () => readHex(path) };
  if (m[3] !== undefined) {
    const gz = m[4] !== undefined;
    return {
      spec,
      version: Number(m[3]),
      raw: () => {
        const bytes = readFileSync(path);
        return new Uint8Array(gz ? gunzipSync(bytes) : bytes);
      },
    };
  }
  return { spec, version: Number(m[5]), raw: () => unwrapOpaque(readHex(path)) };
}

/** Every runtime spec found, first directory wins per (spec, version). */
export function findMetadata(): Map<number, SpecMetadataFiles> {
  const out = new Map<number, SpecMetadataFiles>();
  for (const dir of metadataDirs()) {
    for (const name of readdirSync(dir).sort()) {
      const f = parseName(join(dir, name), name);
      if (!f) continue;
      let entry = out.get(f.spec);
      if (!entry) out.set(f.spec, (entry = { spec: f.spec, byVersion: new Map() }));
      if (!entry.byVersion.has(f.version)) entry.byVersion.set(f.version, f.raw());
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
