/**
 * Regenerates devnet/metadata/ (the vendored metadata) from a folder holding the original files:
 *   npx tsx devnet/vendor-metadata.ts --from <folder of original metadata files>
 * Each original (hex text, at_version Option wrapper or raw bytes) is reduced to the raw metadata
 * bytes ("meta" magic first) and gzip-compressed; provenance.json records where every original came
 * from, its sha256, and the sha256 of the raw bytes and of the compressed copy.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { hexToU8a } from '@polkadot/util';
import { VENDORED_DIR, unwrapOpaque } from './scale/metadata-files.js';

interface Source {
  spec: number;
  version: 14 | 15 | 16;
  original: string;
  repo: string;
  path: string;
  commit: string;
  note?: string;
}

const BT = 'opentensor/bittensor';
const ASI = 'opentensor/async-substrate-interface';
const META_TXT = 'tests/helpers/integration_websocket_metadata.txt';
const AT_TXT = 'tests/helpers/integration_websocket_at_version.txt';

/** The runtimes the devnet simulates; each with where it came from (provenance.json). */
const SOURCES: Source[] = [
  {
    spec: 233,
    version: 15,
    original: 'finney_spec233_metadata_at_version15.hex',
    repo: BT,
    path: AT_TXT,
    commit: '2e04ddff2d6f0c4e0e4df1cc5c6e1bfa2609ee51',
  },
  ...[315, 320, 343].flatMap((spec): Source[] => {
    const commit = {
      315: '4299420b9d48029fc6571f6490238c7492ed7df3',
      320: '0b46a06b7c81e70d9a84b9d2470e497f9b1a58e2',
      343: '563a8e16854eb8d27530689a942215f4cac46d80',
    }[spec] as string;
    return [
      { spec, version: 14, original: `finney_spec${spec}_metadata_v14.hex`, repo: BT, path: META_TXT, commit },
      { spec, version: 15, original: `finney_spec${spec}_metadata_at_version15.hex`, repo: BT, path: AT_TXT, commit },
    ];
  }),
  {
    spec: 393,
    version: 14,
    original: 'finney_spec393_metadata_v14.hex',
    repo: ASI,
    path: 'benchmarks/decode_fixtures.json',
    commit: '943aa2fb30c6f32f3cd4693e9ed3102dc69590ad',
    note: 'JSON key metadata_hex',
  },
  {
    spec: 393,
    version: 15,
    original: 'finney_spec393_metadata_at_version15.hex',
    repo: ASI,
    path: AT_TXT,
    commit: '8c2231c4b80147c7b0bc813c5ea5355f96d576b3',
  },
  {
    spec: 393,
    version: 16,
    original: 'finney_spec393_metadata_v16.scale',
    repo: 'CortexLM/bittensor-rs',
    path: 'metadata/finney.scale',
    commit: '46857473f04fa218c293e8d8664dab64da7f73b2',
  },
  {
    spec: 424,
    version: 16,
    original: 'finney_spec424_metadata_v16.scale',
    repo: '0xKheops/taohop',
    path: '.papi/metadata/bittensor.scale',
    commit: '028da9b185519a3945be8a5008f8908bacc4fb57',
  },
  {
    spec: 455,
    version: 16,
    original: 'finney_spec455_metadata_v16.scale',
    repo: 'Subnet46/sn46-validator',
    path: 'tests/golden/finney_46_9036625.json',
    commit: '965e4b05c2de845a40a7920d49d103e083e74e9e',
    note: 'recorded Metadata_metadata_at_version(16) result at finney block 9,036,625',
  },
  {
    spec: 475,
    version: 14,
    original: 'finney_spec475_metadata_v14.scale',
    repo: 'urfoundation/sn',
    path: 'v2026/crv4/testdata/runtime475-metadata.scale.gz.base64',
    commit: 'ceb7f53902cef658633f0a060e36be2240e09c17',
    note: 'state_getMetadata of finney block 9,234,811',
  },
];

const RPC_METHODS_SOURCE = {
  original: 'bittensor_sdk_integration_websocket_data.json',
  repo: BT,
  path: 'tests/helpers/integration_websocket_data.py',
  commit: 'bb526e6d61210ef2ee0e229f63ca5518381ff5a7',
  note: 'seed get_balance, rpc_methods result (recorded finney lite node)',
};

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Raw metadata bytes of an original file. */
function rawOf(file: string, bytes: Buffer): Uint8Array {
  if (file.endsWith('.scale')) return new Uint8Array(bytes);
  const u8a = hexToU8a(bytes.toString('utf8').trim());
  return file.includes('at_version') ? unwrapOpaque(u8a).slice() : u8a;
}

export function vendoredName(spec: number, version: number): string {
  return `finney_spec${spec}_metadata_v${version}.scale.gz`;
}

function main(): void {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  if (!values.from) {
    console.error('usage: npx tsx devnet/vendor-metadata.ts --from DIR');
    process.exit(2);
  }
  const files = SOURCES.map((s) => {
    const original = readFileSync(join(values.from as string, s.original));
    const raw = rawOf(s.original, original);
    // level 9, no file name and mtime 0 in the header: the same input always gives the same bytes
    const gz = gzipSync(raw, { level: 9 });
    const file = vendoredName(s.spec, s.version);
    writeFileSync(join(VENDORED_DIR, file), gz);
    console.log(`${file}: ${raw.length} B raw, ${gz.length} B gzip`);
    return {
      file,
      spec: s.spec,
      metadataVersion: s.version,
      source: { repo: s.repo, path: s.path, commit: s.commit, ...(s.note ? { note: s.note } : {}) },
      original: { file: s.original, sha256: sha256(original) },
      rawSha256: sha256(raw),
      rawBytes: raw.length,
      sha256: sha256(gz),
    };
  });
  const recorded = JSON.parse(readFileSync(join(values.from, RPC_METHODS_SOURCE.original), 'utf8')) as Record<
    string,
    Record<string, Record<string, { result?: { methods?: string[] } }>>
  >;
  const methods = recorded['get_balance']?.['rpc_methods']?.['[]']?.result?.methods;
  if (!methods) throw new Error('no rpc_methods in the recorded traffic');
  const methodsJson = JSON.stringify(methods, null, 1) + '\n';
  writeFileSync(join(VENDORED_DIR, 'rpc_methods.json'), methodsJson);
  const rpcMethods = {
    file: 'rpc_methods.json',
    source: { repo: RPC_METHODS_SOURCE.repo, path: RPC_METHODS_SOURCE.path, commit: RPC_METHODS_SOURCE.commit },
    note: RPC_METHODS_SOURCE.note,
    original: {
      file: RPC_METHODS_SOURCE.original,
      sha256: sha256(readFileSync(join(values.from, RPC_METHODS_SOURCE.original))),
    },
    sha256: sha256(methodsJson),
  };
  writeFileSync(join(VENDORED_DIR, 'provenance.json'), JSON.stringify({ files, rpcMethods }, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('vendor-metadata.ts')) main();
