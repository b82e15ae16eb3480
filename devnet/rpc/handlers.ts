/**
 * JSON-RPC method implementations (request/response; subscriptions live in server.ts). Every state
 * read resolves its `at` hash to a block number and answers from the change logs at that block,
 * encoded with the runtime that block used.
 */
import { hexToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { Chain } from '../chain/chain.js';
import { blockHash, blockNumberOf, header } from '../chain/headers.js';
import { RuntimeApiError, callRuntimeApi } from '../chain/runtime-api.js';
import { runtimeFor } from '../scale/runtime.js';
import { PRUNING_DEPTH, stateDiscarded } from '../faults.js';
import type { Faults } from '../faults.js';
import { rpcMethods } from './methods-list.js';
import { KeyPlans, queryStorageJson } from './multi-read.js';
import { encodeCellAt, encodedOf } from './cell-encoding.js';
import { buildExtrinsics } from './extrinsics.js';
import { queryStorageChanges } from './query-storage.js';

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export const METHOD_NOT_FOUND = { code: -32601, message: 'Method not found' };

/**
 * Substrate's `--rpc-methods`: `safe` refuses the unsafe methods (here `state_queryStorage`), as a
 * public endpoint does; `unsafe` serves them, as a node does to clients on localhost by default
 * (`auto`). The devnet defaults to `safe` (docs/chain/rpc.md).
 */
export type RpcMethodsPolicy = 'safe' | 'unsafe';

/** Substrate's refusal of an unsafe method on a safe-only RPC server (sc-rpc-api UnsafeRpcError). */
export const UNSAFE_RPC = { code: -32601, message: 'RPC call is unsafe to be called externally' };

export interface NodeView {
  chain: Chain;
  finalized(): number;
  faults(): Faults;
  /** default 'safe' */
  rpcMethods?(): RpcMethodsPolicy;
}

function parseBlockNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.startsWith('0x') ? parseInt(v, 16) : Number(v);
  throw new RpcError(-32602, 'Invalid params: block number');
}

export class Handlers {
  private readonly plans = new KeyPlans();

  constructor(private readonly node: NodeView) {}

  private get chain(): Chain {
    return this.node.chain;
  }

  /** Block number of an optional `at` hash (default: best block). */
  private resolve(at: unknown): number {
    if (at === undefined || at === null) return this.chain.head;
    if (typeof at !== 'string') throw new RpcError(-32602, 'Invalid params: block hash');
    const n = blockNumberOf(this.chain, at);
    if (n === null) throw new RpcError(4003, `Client error: UnknownBlock: Header was not found in the database: ${at}`);
    return n;
  }

  /** Like resolve, but a pruned node refuses state older than PRUNING_DEPTH below head. */
  private resolveState(at: unknown): number {
    const b = this.resolve(at);
    if (this.node.faults().pruned && b < this.chain.head - PRUNING_DEPTH) {
      const e = stateDiscarded(blockHash(this.chain, b));
      throw new RpcError(e.code, e.message);
    }
    return b;
  }

  readonly table: Record<string, (p: unknown[]) => unknown> = {
    system_chain: () => 'Bittensor',
    system_name: () => 'Subtensor Node',
    system_version: () => '4.0.0-dev-taofolio-devnet',
    system_chainType: () => 'Live',
    system_properties: () => ({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' }),
    system_health: () => ({ peers: 12, isSyncing: false, shouldHavePeers: true }),
    rpc_methods: () => ({ methods: rpcMethods() }),

    chain_getBlockHash: (p) => {
      if (p[0] === undefined || p[0] === null) return blockHash(this.chain, this.chain.head);
      if (Array.isArray(p[0])) return p[0].map((x) => this.hashOrNull(parseBlockNumber(x)));
      return this.hashOrNull(parseBlockNumber(p[0]));
    },
    chain_getHead: () => blockHash(this.chain, this.chain.head),
    chain_getFinalizedHead: () => blockHash(this.chain, this.node.finalized()),
    chain_getFinalisedHead: () => blockHash(this.chain, this.node.finalized()),
    chain_getHeader: (p) => {
      const b = p[0] === undefined || p[0] === null ? this.chain.head : blockNumberOf(this.chain, String(p[0]));
      return b === null ? null : header(this.chain, b);
    },
    chain_getBlock: (p) => {
      const b = p[0] === undefined || p[0] === null ? this.chain.head : blockNumberOf(this.chain, String(p[0]));
      if (b === null) return null;
      return {
        block: { header: header(this.chain, b), extrinsics: buildExtrinsics(this.chain, b) },
        justifications: null,
      };
    },

    // Reading the runtime needs the block's state too, so a pruned node refuses old blocks here as well.
    state_getRuntimeVersion: (p) => runtimeFor(this.chain.codeSpecAt(this.resolveState(p[0]))).version,
    chain_getRuntimeVersion: (p) => runtimeFor(this.chain.codeSpecAt(this.resolveState(p[0]))).version,
    state_getMetadata: (p) => runtimeFor(this.chain.codeSpecAt(this.resolveState(p[0]))).stateMetadataHex(),
    state_call: (p) => this.stateCall(p),
    state_callAt: (p) => this.stateCall(p),

    state_getStorage: (p) => this.storageAt(String(p[0]), this.resolveState(p[1])),
    state_getStorageAt: (p) => this.storageAt(String(p[0]), this.resolveState(p[1])),
    state_queryStorageAt: (p) => {
      const b = this.resolveState(p[1]);
      const keys = (p[0] as unknown) ?? [];
      if (Array.isArray(keys)) {
        const plan = this.plans.plan(this.chain, keys as string[]);
        const rt = runtimeFor(this.chain.specAt(b));
        return queryStorageJson(plan, blockHash(this.chain, b), b, rt, (c, last) =>
          encodeCellAt(this.chain, c, b, rt, last),
        );
      }
      // not a list: fails as it always did (a JSON-RPC internal error naming `keys.map`)
      return [{ block: blockHash(this.chain, b), changes: (keys as string[]).map((k) => [k, this.storageAt(k, b)]) }];
    },
    state_queryStorage: (p) => {
      if ((this.node.rpcMethods?.() ?? 'safe') === 'safe') throw new RpcError(UNSAFE_RPC.code, UNSAFE_RPC.message);
      if (!Array.isArray(p[0])) throw new RpcError(-32602, 'Invalid params: keys');
      const from = this.resolveState(p[1]);
      const to = this.resolveState(p[2]);
      if (from > to)
        throw new RpcError(
          4001,
          `Cannot resolve a block range ['${String(p[1])}' ... '${String(p[2])}]. from number > to number`,
        );
      return queryStorageChanges(this.chain, (p[0] as unknown[]).map(String), from, to);
    },
    state_getStorageHash: (p) => {
      const v = this.storageAt(String(p[0]), this.resolveState(p[1]));
      return v === null ? null : blake2AsHex(hexToU8a(v), 256);
    },
    state_getStorageSize: (p) => {
      const v = this.storageAt(String(p[0]), this.resolveState(p[1]));
      return v === null ? null : (v.length - 2) / 2;
    },
    system_syncState: () => ({ startingBlock: 0, currentBlock: this.chain.head, highestBlock: this.chain.head }),
    system_peers: () => [],
    system_nodeRoles: () => ['Full'],
    state_getKeysPaged: (p) => this.keysPaged(p),
    state_getKeysPagedAt: (p) => this.keysPaged(p),
  };

  private hashOrNull(n: number): string | null {
    return n >= 0 && n <= this.chain.head ? blockHash(this.chain, n) : null;
  }

  /** SCALE hex of `key` at block b, or null. */
  storageAt(key: string, b: number): string | null {
    const cell = this.chain.cells.get(key.toLowerCase());
    return cell ? encodeCellAt(this.chain, cell, b, runtimeFor(this.chain.specAt(b)), encodedOf(cell)) : null;
  }

  private keysPaged(p: unknown[]): string[] {
    const prefix = String(p[0] ?? '0x').toLowerCase();
    const count = Math.min(Number(p[1] ?? 1000), 1000);
    const start = p[2] ? String(p[2]).toLowerCase() : null;
    const b = this.resolveState(p[3]);
    const keys = this.chain.keysUnder(prefix);
    let lo = 0;
    let hi = keys.length;
    const from = start && start > prefix ? start : prefix;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) < from) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < keys.length && out.length < count; i++) {
      const k = keys[i] as string;
      if (!k.startsWith(prefix)) break;
      if (start && k <= start) continue;
      if (this.chain.read(k, b)) out.push(k);
    }
    return out;
  }

  private stateCall(p: unknown[]): string {
    const method = String(p[0]);
    const data = String(p[1] ?? '0x');
    const b = this.resolveState(p[2]);
    const rt = runtimeFor(this.chain.codeSpecAt(b));
    if (method === 'Metadata_metadata_versions') return rt.metadataVersionsHex();
    if (method === 'Metadata_metadata_at_version') {
      const v = data.length >= 10 ? parseInt(data.slice(2, 4), 16) + 256 * parseInt(data.slice(4, 6), 16) : 14;
      return rt.metadataAtVersionHex(v);
    }
    if (method === 'Metadata_metadata') return rt.metadataAtVersionHex(14).replace(/^0x01/, '0x');
    try {
      return callRuntimeApi(this.chain, rt.apiRuntime(), method, data, b);
    } catch (e) {
      if (e instanceof RuntimeApiError) throw new RpcError(4003, `Client error: ${e.message}`);
      throw e;
    }
  }
}
