// Runtime-API definitions for runtimes whose metadata does not describe their runtime APIs (a node
// serving only metadata V14; finney 475 here). They are taken from the newest real metadata that has
// them, finney 455 (V16), vendored as main/chain/metadata/finney_spec455_metadata_v16.scale.gz, and
// used for an API only where the runtime declares the same version of it as 455 did: the shapes of
// one API version do not change. Assumption (inferred): a runtime declaring the same version keeps
// the 455 method shapes (docs/chain/rpc.md#v14-only-runtimes).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Registry } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';

export const BUNDLED_SPEC = 455;
const FILE = 'finney_spec455_metadata_v16.scale.gz';

/** One runtime API as the bundle describes it: its version and each method's output type. */
export interface BundledApi {
  version: number;
  registry: Registry;
  outputs: Map<string, string>;
}

interface ApiMeta {
  name: { toString(): string };
  version?: { toNumber(): number };
  methods: { name: { toString(): string }; output: { toNumber(): number } }[];
}

let bundle: Map<string, BundledApi> | null = null;

/**
 * The file sits next to this module in the source tree and in dist/main/metadata once bundled
 * (scripts/build-main.mjs copies it).
 */
function readBundle(): Uint8Array {
  const tried: string[] = [];
  // __dirname in the CommonJS bundles (Electron backend); the module's URL in the ESM hosts (web host, CLI).
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'metadata'), join(here, '..', 'chain', 'metadata')]) {
    const path = join(dir, FILE);
    tried.push(path);
    try {
      return new Uint8Array(gunzipSync(readFileSync(path)));
    } catch {
      // next place
    }
  }
  throw new Error(`The bundled runtime-API definitions are missing (looked in ${tried.join(', ')}).`);
}

/** Every runtime API metadata 455 describes, by name (loaded once). */
export function bundledApis(): Map<string, BundledApi> {
  if (bundle) return bundle;
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, readBundle());
  // Only its runtime-API types are used: no warning about signed extensions PJS does not know.
  registry.setMetadata(metadata, undefined, undefined, true);
  const apis = (registry.metadata as unknown as { apis?: ApiMeta[] }).apis ?? [];
  bundle = new Map(
    apis.map((a) => [
      a.name.toString(),
      {
        version: a.version?.toNumber() ?? 0,
        registry,
        outputs: new Map(a.methods.map((m) => [m.name.toString(), registry.createLookupType(m.output.toNumber())])),
      },
    ]),
  );
  return bundle;
}

/** The 8-byte id a runtime version lists an API under: blake2-64 of its name. */
export const apiId = (name: string): string => blake2AsHex(name, 64);

/** Bundled APIs attached to a V14 registry, keyed by the runtime's declared versions. */
const attached = new WeakMap<Registry, Map<string, BundledApi>>();

/**
 * For a registry whose metadata lists no runtime APIs, attaches the bundled definition of every API
 * the runtime declares at the bundled version (`declared`: api id hex → version).
 */
export function attachBundledApis(registry: Registry, declared: ReadonlyMap<string, number>): void {
  const md = registry.metadata as unknown as { apis?: unknown[] };
  if ((md.apis?.length ?? 0) > 0 || attached.has(registry)) return;
  const usable = new Map<string, BundledApi>();
  for (const [name, api] of bundledApis()) if (declared.get(apiId(name)) === api.version) usable.set(name, api);
  attached.set(registry, usable);
}

/** The bundled definition of `apiName` usable with this registry's runtime, if any. */
export function bundledApiFor(registry: Registry, apiName: string): BundledApi | undefined {
  return attached.get(registry)?.get(apiName);
}
