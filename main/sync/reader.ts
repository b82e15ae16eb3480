// Historical reads for sync, all through raw JSON-RPC so every request is deliberate and counted:
// cached block hashes, multi-key reads at one block (state_queryStorageAt), paged keys, runtime
// API calls decoded with the registry of the block's own runtime (cached per spec version).
import type { ApiPromise } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Registry } from '@polkadot/types/types';
import type { Codec } from '@polkadot/types-codec/types';
import type { RuntimeVersion } from '@polkadot/types/interfaces';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { attachBundledApis, bundledApiFor } from '../chain/bundled-apis';
import { ChainError, toChainError, type ChainClient } from '../chain/client';
import { encodeOnce } from '../chain/request-json';
import { StorageAnswer } from '../chain/storage-frames';
import { isTransient, withRetries, type RetryStats } from './retry';
import { keys, lastUpgradeSpec, leUint, trailingU16 } from './storage-keys';
import { byAnswerKey, inRequestOrder, type StorageSets } from './storage-answer';
import { BlockValues, KeyList, keyList } from './block-values';
import { SpecCeiling, splitUnborn } from './unborn-items';
import { Limiter } from './limiter';

export interface BlockState {
  number: number;
  hash: string;
  /** Unix ms (Timestamp.Now); genesis has none and takes block 1's, the chain's start (not 1970). */
  timestamp: number;
  /** Spec version that executed this block (System.LastRuntimeUpgrade; null before the first upgrade). */
  upgradeSpec: number | null;
  /** Raw values of the requested keys (null = no entry); BlockValues for reads (main/sync/block-values.ts). */
  values: ReadonlyMap<string, string | null>;
  /** Raw System.Events, when requested. */
  events: string | null;
}

export interface BlockRuntime {
  registry: Registry;
  specVersion: number;
}

const FIXED = (): string[] => [keys.timestampNow(), keys.lastRuntimeUpgrade()];
const FIXED_WITH_EVENTS = (): string[] => [...FIXED(), keys.systemEvents()];
/** Key lists this long keep their request text (shorter ones cost little to serialise again). */
const ENCODE_ONCE_MIN = 64;
let fixedLists: { plain: KeyList; events: KeyList } | null = null;
/** The keys every read carries, first in its request (one shared KeyList each). */
export const fixedKeys = (withEvents: boolean): KeyList => {
  fixedLists ??= { plain: new KeyList(FIXED()), events: new KeyList(FIXED_WITH_EVENTS()) };
  return withEvents ? fixedLists.events : fixedLists.plain;
};

export class ChainReader {
  readonly #hashes = new Map<number, Promise<string>>();
  readonly limiter: Limiter;

  constructor(
    readonly client: ChainClient,
    concurrency = 16,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  get api(): ApiPromise {
    return this.client.api;
  }

  /** Transient failures retried so far (connection drops, server errors). */
  readonly retries: RetryStats = { retries: 0 };

  /** Requests by purpose (`what` without its numbers, or readBlock's purpose): what the benchmark profiles. */
  readonly purposes = new Map<string, number>();

  /** Storage keys asked for by purpose (readBlock): the size of what the node computes and sends. */
  readonly keysByPurpose = new Map<string, number>();

  /** One request, retried with backoff on drops and server errors, never on pruned or malformed answers. */
  call<T>(method: string, params: unknown[], what: string, purpose = what.replace(/\d+/g, '#')): Promise<T> {
    this.purposes.set(purpose, (this.purposes.get(purpose) ?? 0) + 1);
    return withRetries(
      this.client,
      what,
      () => this.limiter.run(() => this.client.rpc<T>(method, params, what)),
      this.retries,
    );
  }

  async finalizedHead(): Promise<{ number: number; hash: string }> {
    const hash = await this.call<string>('chain_getFinalizedHead', [], 'the finalized head');
    const header = await this.call<{ number: string } | null>('chain_getHeader', [hash], 'the finalized header');
    if (!header || typeof header.number !== 'string')
      throw new ChainError('malformed', 'The node returned a malformed header for the finalized head.');
    const number = Number.parseInt(header.number, 16);
    this.#hashes.set(number, Promise.resolve(hash));
    return { number, hash };
  }

  rememberHash(number: number, hash: string): void {
    this.#hashes.set(number, Promise.resolve(hash));
  }

  /**
   * Resolve many block hashes in one request: chain_getBlockHash takes a list of numbers
   * (ListOrValue in Substrate). Falls back to one request per block if a node answers otherwise.
   */
  prefetchHashes(numbers: Iterable<number>): Promise<void> {
    const missing = [...new Set(numbers)].filter((n) => n >= 0 && !this.#hashes.has(n)).sort((a, b) => a - b);
    const chunks: number[][] = [];
    for (let i = 0; i < missing.length; i += 1000) chunks.push(missing.slice(i, i + 1000));
    return Promise.all(
      chunks.map((chunk) => {
        const list = this.call<unknown>('chain_getBlockHash', [chunk], `the hashes of ${chunk.length} blocks`);
        chunk.forEach((n, i) => {
          const p = list.then((answer) => {
            const hash = Array.isArray(answer) ? answer[i] : undefined;
            if (typeof hash === 'string' && /^0x[0-9a-f]{64}$/i.test(hash)) return hash;
            if (!Array.isArray(answer)) {
              this.#hashes.delete(n);
              return this.hashOf(n); // the node does not take lists
            }
            throw new ChainError('malformed', `The node has no hash for block ${n}.`);
          });
          p.catch(() => {
            if (this.#hashes.get(n) === p) this.#hashes.delete(n);
          });
          this.#hashes.set(n, p);
        });
        return list.then(
          () => undefined,
          () => undefined,
        );
      }),
    ).then(() => undefined);
  }

  hashOf(number: number): Promise<string> {
    let p = this.#hashes.get(number);
    if (!p) {
      p = this.call<string | null>('chain_getBlockHash', [number], `the hash of block ${number}`).then((hash) => {
        if (typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash))
          throw new ChainError('malformed', `The node has no hash for block ${number}.`);
        return hash;
      });
      p.catch(() => this.#hashes.delete(number));
      this.#hashes.set(number, p);
    }
    return p;
  }

  /** Raw values of `storageKeys` at block `number` plus timestamp and runtime marker, in one request. */
  async readBlock(
    number: number,
    storageKeys: readonly string[],
    withEvents: boolean,
    purpose = 'storage',
  ): Promise<BlockState> {
    const hash = await this.hashOf(number);
    const fixed = fixedKeys(withEvents);
    // Keys of items the block's runtime did not have yet are answered here, as absent (unborn-items.ts).
    const { read: list, absent } = splitUnborn(keyList(storageKeys), this.#ceiling.at(number));
    const all = list.after(fixed);
    // The walk's, the events' and verification's reads send one list block after block.
    if (all.length >= ENCODE_ONCE_MIN) encodeOnce(all);
    this.keysByPurpose.set(purpose, (this.keysByPurpose.get(purpose) ?? 0) + all.length);
    const sets = await this.call<StorageSets | StorageAnswer>(
      'state_queryStorageAt',
      [all, hash],
      `storage at block ${number}`,
      purpose,
    );
    // Keyed by the caller's own key strings (built once, shared by every block), not the answer's:
    // a backfill keeps thousands of these reads until its blocks are recorded, and a copy of each key
    // per block made garbage collection the largest cost of the sync process. The values keep the
    // fixed keys too (callers may find more keys than they asked for). An answer read from the
    // frame's bytes is already in this order (main/chain/storage-frames.ts).
    let answer: (string | null)[];
    if (sets instanceof StorageAnswer && sameList(sets.keys, all)) answer = sets.values;
    else if (Array.isArray(sets)) answer = inRequestOrder(all, sets) ?? byAnswerKey(all, sets, number);
    else throw new ChainError('malformed', `Malformed storage answer at block ${number}.`);
    const n = fixed.keys.length;
    const state: BlockState = {
      number,
      hash,
      timestamp: number === 0 ? await this.#chainStart() : Number(leUint(answer[0] ?? null, 8)),
      upgradeSpec: lastUpgradeSpec(answer[1] ?? null),
      values: new BlockValues([
        { list, vals: answer.slice(n) },
        { list: fixed, vals: answer.slice(0, n) },
        ...(absent ? [{ list: absent, vals: [] }] : []),
      ]),
      events: withEvents ? (answer[2] ?? null) : null,
    };
    const spec = state.upgradeSpec ?? -1;
    if ((this.#lastBlockOfSpec.get(spec) ?? -1) < number) this.#lastBlockOfSpec.set(spec, number);
    this.#ceiling.note(number, state.upgradeSpec);
    return state;
  }

  /** Block 1's timestamp, read once (genesis's, see BlockState.timestamp); a failed read is tried again. */
  #chainStart(): Promise<number> {
    this.#start ??= this.readBlock(1, [], false, "the chain's start time").then((s) => s.timestamp);
    return this.#start.catch((e: unknown) => ((this.#start = null), Promise.reject(e)));
  }
  #start: Promise<number> | null = null;

  /** Which blocks are known to run a runtime older than an item sync reads (unborn-items.ts). */
  readonly #ceiling = new SpecCeiling();
  /** The highest block read so far per runtime that executed it (System.LastRuntimeUpgrade). */
  readonly #lastBlockOfSpec = new Map<number, number>();

  /**
   * A later block read so far ran the same runtime as `s`, so block s + 1 did too: no runtime
   * upgrade was enacted in s, and a runtime call at s runs the code that executed it.
   */
  sameRuntimeAfter(s: BlockState): boolean {
    return (this.#lastBlockOfSpec.get(s.upgradeSpec ?? -1) ?? -1) > s.number;
  }

  async keysPaged(prefix: string, at: string, what: string): Promise<string[]> {
    const out: string[] = [];
    let start: string | null = null;
    for (;;) {
      const page: string[] = await this.call<string[]>('state_getKeysPaged', [prefix, 1000, start ?? prefix, at], what);
      if (!Array.isArray(page)) throw new ChainError('malformed', `Malformed key page for ${what}.`);
      out.push(...page);
      if (page.length < 1000) return out;
      start = page[page.length - 1] ?? null;
    }
  }

  /** The netuids with a SubnetTAO entry at block `at` (the subnets that exist there). */
  async subnetsAt(at: string): Promise<number[]> {
    return (await this.keysPaged(keys.subnetTaoPrefix(), at, 'the subnets')).map(trailingU16);
  }

  /** The registry of the runtime that executed block `state.number` (fetches metadata once per spec). */
  async runtimeFor(state: BlockState): Promise<BlockRuntime> {
    const what = `the runtime of block ${state.number}`;
    return withRetries(
      this.client,
      what,
      () =>
        this.#runtimeFor(state).catch((error: unknown) => {
          // PJS (@polkadot/api 16.5) keeps a failed request of its block-registry path (the block's
          // header, version or metadata) and answers every later ask for that block with the same error,
          // never asking the node again: one error there failed each retry and the whole run. The retry
          // goes out on a new connection, whose ApiPromise starts clean.
          const failure = toChainError(error, what);
          if (failure.code === 'rpc-error' && isTransient(failure)) this.client.restart();
          throw error;
        }),
      this.retries,
    );
  }

  async #runtimeFor(state: BlockState): Promise<BlockRuntime> {
    const key = state.upgradeSpec === null ? 'genesis' : String(state.upgradeSpec);
    // One runtime per key, kept across connections: every block it executed decodes with the same
    // registry, and a reconnect (a new ApiPromise, which has none) does not fetch its metadata again.
    let runtime = this.#runtimes.get(key);
    if (!runtime) {
      runtime = this.#loadRuntime(state);
      runtime.catch(() => this.#runtimes.delete(key));
      this.#runtimes.set(key, runtime);
    }
    return runtime;
  }

  readonly #runtimes = new Map<string, Promise<BlockRuntime>>();

  /** The first block of a runtime: PJS reads its header, version and metadata. */
  async #loadRuntime(state: BlockState): Promise<BlockRuntime> {
    const api = this.api;
    const decorated = await this.limiter.run(() => api.getBlockRegistry(hexToU8a(state.hash)));
    const known = decorated.runtimeVersion as RuntimeVersion;
    const specVersion = decorated.runtimeVersion.specVersion.toNumber();
    if (hasApiMetadata(decorated.registry)) return { registry: decorated.registry, specVersion };
    if (!declaresMetadataApi(known)) return this.#withBundledApis(decorated.registry, known, specVersion);
    // @polkadot/api fell back to V14 metadata (no runtime-API types) because its metadata call
    // failed, and caches that registry per runtime: fetch V15 once ourselves (with retries).
    const v15Registry = await this.#fetchV15(state.hash, decorated.registry);
    return v15Registry
      ? { registry: v15Registry, specVersion }
      : this.#withBundledApis(decorated.registry, known, specVersion);
  }

  /**
   * A runtime with no V15+ metadata (finney 475): its runtime APIs are decoded with the bundled 455
   * definitions of the versions it declares (main/chain/bundled-apis.ts).
   */
  #withBundledApis(registry: Registry, version: RuntimeVersion, specVersion: number): BlockRuntime {
    attachBundledApis(registry, new Map(version.apis.map(([id, v]) => [id.toHex(), v.toNumber()])));
    return { registry, specVersion };
  }

  async #fetchV15(hash: string, fallback: Registry): Promise<Registry | null> {
    const bytes = await this.call<string>(
      'state_call',
      ['Metadata_metadata_at_version', '0x0f000000', hash],
      'the V15 metadata',
      'runtime metadata',
    );
    const opaque = fallback.createType('Option<OpaqueMetadata>', hexToU8a(bytes));
    if (opaque.isNone) return null;
    const registry = new TypeRegistry();
    // noInitWarn: PJS would warn about signed extensions it does not know (finney has several); this
    // registry decodes storage, events and runtime-API answers only, never an extrinsic.
    registry.setMetadata(new Metadata(registry, opaque.unwrap().toHex()), undefined, undefined, true);
    registry.setChainProperties(fallback.getChainProperties());
    return registry;
  }

  /** A runtime API call at a block, decoded with that block's metadata (V15+ lists the output types). */
  async runtimeCall(
    runtime: BlockRuntime,
    hash: string,
    apiName: string,
    method: string,
    argsHex: string,
    what: string,
  ): Promise<Codec> {
    const { registry, output } = outputType(runtime.registry, apiName, method);
    const result = await this.call<string>('state_call', [`${apiName}_${method}`, argsHex, hash], what);
    if (typeof result !== 'string' || !result.startsWith('0x'))
      throw new ChainError('malformed', `Malformed answer to ${what}.`);
    let bytes: Uint8Array;
    let decoded: Codec;
    try {
      bytes = hexToU8a(result);
      decoded = registry.createType(output, bytes);
    } catch (error) {
      throw new ChainError('malformed', `Cannot decode the answer to ${what}: ${(error as Error).message}`);
    }
    // PJS decodes short input leniently; a value that does not consume exactly the bytes is malformed.
    if (decoded.encodedLength !== bytes.length) {
      throw new ChainError(
        'malformed',
        `Cannot decode the answer to ${what}: ${bytes.length} bytes do not form a ${output} value.`,
      );
    }
    return decoded;
  }
}

/** The same keys in the same order (an answer read from the bytes names the list it was read against). */
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a === b || (a.length === b.length && a.every((k, i) => k === b[i]));

/** The registry's metadata lists runtime APIs (V15+). */
const hasApiMetadata = (registry: Registry): boolean =>
  ((registry.metadata as unknown as { apis?: unknown[] }).apis?.length ?? 0) > 0;

/** The runtime declares the Metadata API at version 2+ (metadata_at_version). */
function declaresMetadataApi(version: RuntimeVersion): boolean {
  // blake2_64("Metadata")
  return version.apis.some(([id, v]) => id.toHex() === '0x37e397fc7c91f5e4' && v.toNumber() >= 2);
}

const outputTypes = new WeakMap<Registry, Map<string, string>>();

/**
 * The registry and type to decode a runtime API's answer with: the runtime's own metadata (V15+),
 * or for a V14-only runtime the bundled definition of that API version (main/chain/bundled-apis.ts).
 */
function outputType(registry: Registry, apiName: string, method: string): { registry: Registry; output: string } {
  const k = `${apiName}_${method}`;
  const bundledApi = bundledApiFor(registry, apiName);
  const bundled = bundledApi?.outputs.get(method);
  if (bundledApi && bundled) return { registry: bundledApi.registry, output: bundled };
  let cache = outputTypes.get(registry);
  if (!cache) outputTypes.set(registry, (cache = new Map()));
  const hit = cache.get(k);
  if (hit) return { registry, output: hit };
  const metadata = registry.metadata as unknown as {
    apis?: {
      name: { toString(): string };
      methods: { name: { toString(): string }; output: { toNumber(): number } }[];
    }[];
  };
  const api = metadata.apis?.find((a) => a.name.toString() === apiName);
  const m = api?.methods.find((x) => x.name.toString() === method);
  if (!m)
    throw new ChainError(
      'malformed',
      `This runtime's metadata does not describe ${k}, and no bundled definition matches the version it declares.`,
    );
  const type = registry.createLookupType(m.output.toNumber());
  cache.set(k, type);
  return { registry, output: type };
}

/** The runtime refused a call (method missing, execution failed): not a transport failure or discarded state. */
export function isRuntimeRefusal(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return (
    error instanceof ChainError &&
    !/State already discarded/i.test(message) &&
    /Execution failed|is not found|does not implement/i.test(message)
  );
}

export const accountArg = (ss58: string): string => u8aToHex(decodeAddress(ss58));
