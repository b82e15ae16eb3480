/**
 * One decoded finney runtime per spec version: its TypeRegistry + Metadata (highest version we have,
 * so runtime APIs are known), the bytes we serve for the metadata RPCs, the runtime-version object,
 * and cached SCALE encoders for storage values, events and runtime-API results.
 */
import { Metadata, TypeRegistry } from '@polkadot/types';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { specFiles, wrapOpaque } from './metadata-files.js';
import { compile } from './fast-encode.js';

/** Runtime API list of the real spec-343 `state_getRuntimeVersion` (recorded finney traffic). */
const RECORDED_APIS: [string, number][] = [
  ['0xdf6acb689907609b', 5],
  ['0x37e397fc7c91f5e4', 2],
  ['0x40fe3ad401f8959a', 6],
  ['0xfbc577b9d747efd6', 1],
  ['0xd2bc9897eed08f15', 3],
  ['0xf78b278be53f454c', 2],
  ['0xdd718d5cc53262d4', 1],
  ['0xab3c0572291feb8b', 1],
  ['0xed99c5acb25eedf5', 3],
  ['0xbc9d89904f5b923f', 1],
  ['0x37c8bb1350a9a2a8', 4],
  ['0xf3ff14d5ab527059', 3],
  ['0x582211f65bb14b89', 6],
  ['0xe65b00e46cedd0aa', 2],
  ['0x68b66ba122c93fa7', 2],
  ['0x42e62be4a39e5b60', 1],
  ['0x806df4ccaa9ed485', 1],
  ['0x8375104b299b74c5', 1],
  ['0x5d1fbfbe852f2807', 1],
  ['0xc6886e2f8e598b0a', 1],
  ['0xcbca25e39f142387', 2],
  ['0xa8b093e6508d9e9c', 1],
];

export interface RuntimeVersionJson {
  specName: string;
  implName: string;
  authoringVersion: number;
  specVersion: number;
  implVersion: number;
  apis: [string, number][];
  transactionVersion: number;
  systemVersion: number;
  stateVersion: number;
}

export interface EventDef {
  palletIndex: number;
  variantIndex: number;
  fieldTypes: string[];
}

export interface ApiMethodDef {
  inputs: string[];
  output: string;
}

export class Runtime {
  readonly registry = new TypeRegistry();
  readonly metadata: Metadata;
  /** Metadata versions we can serve via Metadata_metadata_at_version. */
  readonly versions: number[];
  readonly version: RuntimeVersionJson;
  private readonly raw: Map<number, Uint8Array>;
  private readonly storageTypes = new Map<string, { value: string; optional: boolean } | null>();
  private readonly eventDefs = new Map<string, EventDef | null>();
  private readonly apiDefs = new Map<string, ApiMethodDef | null>();
  private encodedStateMetadata?: string;

  constructor(readonly spec: number) {
    const files = specFiles(spec);
    this.raw = files.byVersion;
    this.versions = [...files.byVersion.keys()].sort((a, b) => a - b);
    const best = this.versions[this.versions.length - 1];
    if (best === undefined) throw new Error(`spec ${spec}: no metadata`);
    this.metadata = new Metadata(this.registry, files.byVersion.get(best));
    // The signed extensions SubtensorTransactionExtension/DrandPriority are Null-typed; silence the warning.
    this.registry.setMetadata(this.metadata, undefined, undefined, true);
    this.registry.setChainProperties(
      this.registry.createType('ChainProperties', { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' }) as never,
    );
    // Runtimes from the balancer era on declare their API versions in their V16 metadata: serve those.
    // Older ones keep the recorded spec-343 list plus any API their metadata adds, at version 1.
    // A runtime after 455 whose metadata has no runtime-API section (475 is V14) lists the API versions
    // of its own System.Version constant, i.e. what its Core_version reports (docs/chain/baskets.md).
    const declared = spec >= 423 ? this.declaredApiVersions() : [];
    const constant = spec > API_SOURCE_SPEC && !declared.length ? this.versionConstantApis() : [];
    const apis: [string, number][] = declared.length
      ? declared
      : constant.length
        ? constant
        : RECORDED_APIS.map(([h, v]) => [h, v]);
    for (const api of this.metadataApis()) {
      const hash = blake2AsHex(api, 64);
      if (!apis.some(([h]) => h === hash)) apis.push([hash, 1]);
    }
    this.version = {
      specName: 'node-subtensor',
      implName: 'node-subtensor',
      authoringVersion: 1,
      specVersion: spec,
      implVersion: 1,
      apis,
      transactionVersion: 1,
      systemVersion: 1,
      stateVersion: 1,
    };
  }

  /** [blake2_64(name), version] of every runtime API the metadata declares with a version (V16). */
  private declaredApiVersions(): [string, number][] {
    const latest = this.metadata.asLatest as unknown as {
      apis?: { name: { toString(): string }; version?: { toNumber(): number } }[];
    };
    const out: [string, number][] = [];
    for (const api of latest.apis ?? []) {
      if (api.version) out.push([blake2AsHex(api.name.toString(), 64), api.version.toNumber()]);
    }
    return out;
  }

  /** [api id, version] of the `System.Version` constant (the runtime's own Core_version). */
  private versionConstantApis(): [string, number][] {
    const sys = this.pallet('System');
    const c = sys?.constants.find((x) => x.name.toString() === 'Version');
    if (!c) return [];
    const v = this.registry.createTypeUnsafe(this.registry.createLookupType(c.type), [c.value]) as unknown as {
      apis: { 0: { toHex(): string }; 1: { toNumber(): number } }[];
    };
    return v.apis.map((a) => [a[0].toHex(), a[1].toNumber()]);
  }

  private metadataApis(): string[] {
    const latest = this.metadata.asLatest as unknown as { apis?: { name: { toString(): string } }[] };
    return (latest.apis ?? []).map((a) => a.name.toString());
  }

  /** `state_getMetadata`: V14 like a real node when we have it, else whatever version we hold. */
  stateMetadataHex(): string {
    if (!this.encodedStateMetadata) {
      const v = this.raw.get(14) ?? this.raw.get(this.versions[this.versions.length - 1] ?? 14);
      if (!v) throw new Error(`spec ${this.spec}: no metadata bytes`);
      this.encodedStateMetadata = u8aToHex(v);
    }
    return this.encodedStateMetadata;
  }

  metadataVersionsHex(): string {
    const parts = [compactToU8a(this.versions.length)];
    for (const v of this.versions) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, v, true);
      parts.push(b);
    }
    return u8aToHex(u8aConcat(...parts));
  }

  /** Option<OpaqueMetadata>: None (0x00) for a version we do not have. */
  metadataAtVersionHex(version: number): string {
    const raw = this.raw.get(version);
    return raw ? u8aToHex(wrapOpaque(raw)) : '0x00';
  }

  private pallet(name: string) {
    return this.metadata.asLatest.pallets.find((p) => p.name.toString() === name);
  }

  /** Value type (registry type name) of a storage item, or null when this runtime lacks it. */
  storageType(pallet: string, item: string): { value: string; optional: boolean } | null {
    const key = `${pallet}.${item}`;
    let t = this.storageTypes.get(key);
    if (t === undefined) {
      t = null;
      const p = this.pallet(pallet);
      const entry = p?.storage.isSome ? p.storage.unwrap().items.find((i) => i.name.toString() === item) : undefined;
      if (entry) {
        const id = entry.type.isPlain ? entry.type.asPlain : entry.type.asMap.value;
        t = { value: this.registry.createLookupType(id), optional: entry.modifier.isOptional };
      }
      this.storageTypes.set(key, t);
    }
    return t;
  }

  encodeStorage(pallet: string, item: string, value: unknown): Uint8Array | null {
    const t = this.storageType(pallet, item);
    if (!t) return null;
    return this.registry.createTypeUnsafe(t.value, [value]).toU8a();
  }

  /**
   * encodeStorage as 0x-hex, straight from the value when its shape allows (scale/fast-encode.ts),
   * or null when this runtime lacks the item. Callers keep it per item: building it looks the type up.
   */
  storageHexEncoder(pallet: string, item: string): ((value: unknown) => string) | null {
    const t = this.storageType(pallet, item);
    if (!t) return null;
    const fast = compile(this.registry, t.value);
    return (value) => {
      const hex = fast?.(value);
      return hex === undefined ? u8aToHex(this.registry.createTypeUnsafe(t.value, [value]).toU8a()) : '0x' + hex;
    };
  }

  eventDef(pallet: string, name: string): EventDef | null {
    const key = `${pallet}.${name}`;
    let d = this.eventDefs.get(key);
    if (d === undefined) {
      d = null;
      const p = this.pallet(pallet);
      if (p && p.events.isSome) {
        const def = this.registry.lookup.getSiType(p.events.unwrap().type).def;
        const variant = def.isVariant ? def.asVariant.variants.find((v) => v.name.toString() === name) : undefined;
        if (variant) {
          d = {
            palletIndex: p.index.toNumber(),
            variantIndex: variant.index.toNumber(),
            fieldTypes: variant.fields.map((f) => this.registry.createLookupType(f.type)),
          };
        }
      }
      this.eventDefs.set(key, d);
    }
    return d;
  }

  /** SCALE of one event: [pallet, variant, ...fields]. Extra args beyond the runtime's fields are dropped (older shapes). */
  encodeEvent(pallet: string, name: string, args: unknown[]): Uint8Array | null {
    const d = this.eventDef(pallet, name);
    if (!d) return null;
    const parts: Uint8Array[] = [new Uint8Array([d.palletIndex, d.variantIndex])];
    d.fieldTypes.forEach((t, i) => parts.push(this.registry.createTypeUnsafe(t, [args[i]]).toU8a()));
    return u8aConcat(...parts);
  }

  /**
   * The runtime whose metadata types this runtime's API answers: itself when its metadata describes
   * runtime APIs, else (a V14-only runtime after 455) the 455 runtime — the answers then have the
   * 455 shapes, an assumption (docs/chain/baskets.md).
   */
  apiRuntime(): Runtime {
    return this.metadataApis().length || this.spec <= API_SOURCE_SPEC ? this : runtimeFor(API_SOURCE_SPEC);
  }

  apiMethod(name: string): ApiMethodDef | null {
    let d = this.apiDefs.get(name);
    if (d === undefined) {
      d = null;
      const sep = name.indexOf('_');
      const apiName = name.slice(0, sep);
      const method = name.slice(sep + 1);
      const latest = this.metadata.asLatest as unknown as {
        apis?: {
          name: { toString(): string };
          methods: { name: { toString(): string }; inputs: { type: never }[]; output: never }[];
        }[];
      };
      const api = (latest.apis ?? []).find((a) => a.name.toString() === apiName);
      const m = api?.methods.find((x) => x.name.toString() === method);
      if (m) {
        d = {
          inputs: m.inputs.map((i) => this.registry.createLookupType(i.type)),
          output: this.registry.createLookupType(m.output),
        };
      }
      this.apiDefs.set(name, d);
    }
    return d;
  }
}

/** The newest finney runtime whose metadata (V16) describes its runtime APIs. */
export const API_SOURCE_SPEC = 455;

const runtimes = new Map<number, Runtime>();

/** Runtimes are expensive to build (~100 ms) and immutable: share them process-wide. */
export function runtimeFor(spec: number): Runtime {
  let r = runtimes.get(spec);
  if (!r) runtimes.set(spec, (r = new Runtime(spec)));
  return r;
}
