/**
 * WebSocket JSON-RPC 2.0 transport on 127.0.0.1: requests (single or batch), subscriptions
 * (new/finalized heads, runtime version, storage) and per-request fault injection.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { blockHash, header } from '../chain/headers.js';
import { runtimeFor } from '../scale/runtime.js';
import { INJECTED_ERROR } from '../faults.js';
import type { Faults } from '../faults.js';
import type { Handlers, NodeView } from './handlers.js';
import { METHOD_NOT_FOUND, RpcError } from './handlers.js';
import { RawJson } from './multi-read.js';
import { RequestParser } from './request-parse.js';
import type { Rng } from '../chain/rng.js';

interface Sub {
  kind: 'newHead' | 'finalizedHead' | 'runtimeVersion' | 'storage';
  keys?: string[];
  last?: Map<string, string | null>;
  lastSpec?: number;
  lastHash?: string;
}

interface Conn {
  ws: WebSocket;
  subs: Map<string, Sub>;
}

const SUBSCRIBE: Record<string, { kind: Sub['kind']; notify: string }> = {
  chain_subscribeNewHead: { kind: 'newHead', notify: 'chain_newHead' },
  chain_subscribeNewHeads: { kind: 'newHead', notify: 'chain_newHead' },
  chain_subscribeAllHeads: { kind: 'newHead', notify: 'chain_allHead' },
  chain_subscribeFinalizedHeads: { kind: 'finalizedHead', notify: 'chain_finalizedHead' },
  chain_subscribeFinalisedHeads: { kind: 'finalizedHead', notify: 'chain_finalizedHead' },
  state_subscribeRuntimeVersion: { kind: 'runtimeVersion', notify: 'state_runtimeVersion' },
  chain_subscribeRuntimeVersion: { kind: 'runtimeVersion', notify: 'state_runtimeVersion' },
  state_subscribeStorage: { kind: 'storage', notify: 'state_storage' },
};
const NOTIFY: Record<Sub['kind'], string> = {
  newHead: 'chain_newHead',
  finalizedHead: 'chain_finalizedHead',
  runtimeVersion: 'state_runtimeVersion',
  storage: 'state_storage',
};
const UNSUBSCRIBE = new Set([
  'chain_unsubscribeNewHead',
  'chain_unsubscribeNewHeads',
  'chain_unsubscribeAllHeads',
  'chain_unsubscribeFinalizedHeads',
  'chain_unsubscribeFinalisedHeads',
  'state_unsubscribeRuntimeVersion',
  'chain_unsubscribeRuntimeVersion',
  'state_unsubscribeStorage',
]);

/** JSON.stringify, with a RawJson result spliced in as its text (rpc/multi-read.ts). */
function serialise(payload: unknown): string {
  if (Array.isArray(payload)) return `[${payload.map(serialise).join(',')}]`;
  const raw = rawResult(payload);
  if (raw) return `${raw.head}${raw.result.json}}`;
  return JSON.stringify(payload);
}

/** A single response whose result is a RawJson: its text before the result, and the result. */
function rawResult(payload: unknown): { head: string; result: RawJson } | null {
  const r = payload as { jsonrpc?: unknown; id?: unknown; result?: unknown };
  if (!(r.result instanceof RawJson) || Object.keys(r).join() !== 'jsonrpc,id,result') return null;
  return { head: `{"jsonrpc":${JSON.stringify(r.jsonrpc)},"id":${JSON.stringify(r.id)},"result":`, result: r.result };
}

/**
 * The frame to send: a response with a RawJson result goes as its bytes (a text frame of the same
 * UTF-8 JSON), sparing the socket a string it would measure and encode again.
 */
function wire(payload: unknown): string | Buffer {
  const raw = Array.isArray(payload) ? null : rawResult(payload);
  if (!raw) return serialise(payload);
  const { frame, room } = raw.result;
  // The head and the closing brace go into the room the answer left around it (no copy of it).
  const headLength = Buffer.byteLength(raw.head);
  if (room >= headLength) {
    frame.write(raw.head, room - headLength, 'utf8');
    frame[frame.length - 1] = CLOSE_BRACE[0]!;
    return frame.subarray(room - headLength);
  }
  return Buffer.concat([Buffer.from(raw.head, 'utf8'), raw.result.bytes, CLOSE_BRACE]);
}
const CLOSE_BRACE = Buffer.from('}');

export class RpcServer {
  private wss?: WebSocketServer;
  private readonly conns = new Set<Conn>();
  private nextSub = 1;
  readonly requestCounts = new Map<string, number>();

  constructor(
    private readonly node: NodeView,
    private readonly handlers: Handlers,
    private readonly faultRng: Rng,
  ) {}

  async listen(port: number): Promise<number> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 * 1024 });
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', () => resolve());
      wss.once('error', reject);
    });
    wss.on('connection', (ws) => {
      const conn: Conn = { ws, subs: new Map() };
      this.conns.add(conn);
      ws.on('close', () => this.conns.delete(conn));
      ws.on('error', () => this.conns.delete(conn));
      ws.on('message', (data) => void this.onMessage(conn, data));
    });
    return (wss.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const c of this.conns) c.ws.terminate();
    this.conns.clear();
    const wss = this.wss;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  /** Drops every open connection (used by tests and the drop fault). */
  dropAll(): void {
    for (const c of this.conns) c.ws.terminate();
  }

  private faults(): Faults {
    return this.node.faults();
  }

  private readonly requests = new RequestParser();

  private async onMessage(conn: Conn, data: RawData): Promise<void> {
    let msg: unknown;
    try {
      msg = Buffer.isBuffer(data) ? this.requests.parse(data) : JSON.parse(String(data));
    } catch {
      this.send(conn, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    const f = this.faults();
    if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (Array.isArray(msg)) {
      const out = [];
      for (const m of msg) {
        const r = this.handle(conn, m);
        if (r === 'dropped') return;
        if (r) out.push(r);
      }
      if (out.length) this.send(conn, out);
      return;
    }
    const r = this.handle(conn, msg);
    if (r === 'dropped') return;
    if (r) this.send(conn, r);
  }

  private handle(conn: Conn, m: unknown): Record<string, unknown> | 'dropped' | null {
    const req = m as { id?: unknown; method?: unknown; params?: unknown };
    const id = req.id ?? null;
    if (typeof req.method !== 'string')
      return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid request' } };
    const method = req.method;
    const params = Array.isArray(req.params) ? req.params : [];
    this.requestCounts.set(method, (this.requestCounts.get(method) ?? 0) + 1);
    const f = this.faults();
    if (f.dropRate && this.faultRng.chance(f.dropRate)) {
      conn.ws.terminate();
      return 'dropped';
    }
    const once = f.errorOnce?.indexOf(method) ?? -1;
    if (once >= 0) f.errorOnce?.splice(once, 1);
    if (once >= 0 || (f.errorRate && this.faultRng.chance(f.errorRate)))
      return { jsonrpc: '2.0', id, error: INJECTED_ERROR };
    try {
      const sub = SUBSCRIBE[method];
      if (sub) return { jsonrpc: '2.0', id, result: this.subscribe(conn, sub.kind, params) };
      if (UNSUBSCRIBE.has(method)) {
        const had = conn.subs.delete(String(params[0]));
        return { jsonrpc: '2.0', id, result: had };
      }
      const fn = this.handlers.table[method];
      if (!fn) return { jsonrpc: '2.0', id, error: METHOD_NOT_FOUND };
      return { jsonrpc: '2.0', id, result: fn(params) };
    } catch (e) {
      if (e instanceof RpcError) return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message } };
      return { jsonrpc: '2.0', id, error: { code: -32603, message: `Internal error: ${(e as Error).message}` } };
    }
  }

  private send(conn: Conn, payload: unknown): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(wire(payload), { binary: false });
  }

  private subscribe(conn: Conn, kind: Sub['kind'], params: unknown[]): string {
    const id = `devnet-sub-${this.nextSub++}`;
    const sub: Sub = { kind };
    if (kind === 'storage') {
      sub.keys = ((params[0] as string[] | undefined) ?? []).map((k) => k.toLowerCase());
      sub.last = new Map();
    }
    conn.subs.set(id, sub);
    // Like substrate, the current value is sent right after the subscription id.
    setImmediate(() => this.notifyOne(conn, id, sub, true));
    return id;
  }

  /** Called after the chain produced (or reorganised) blocks. */
  notifyAll(): void {
    for (const conn of this.conns) for (const [id, sub] of conn.subs) this.notifyOne(conn, id, sub, false);
  }

  private notifyOne(conn: Conn, id: string, sub: Sub, initial: boolean): void {
    if (!conn.subs.has(id)) return;
    const chain = this.node.chain;
    let result: unknown;
    switch (sub.kind) {
      case 'newHead':
      case 'finalizedHead': {
        // Like substrate, notify only when the head actually changed.
        const b = sub.kind === 'newHead' ? chain.head : this.node.finalized();
        const hash = blockHash(chain, b);
        if (!initial && sub.lastHash === hash) return;
        sub.lastHash = hash;
        result = header(chain, b);
        break;
      }
      case 'runtimeVersion': {
        const spec = chain.codeSpecAt(chain.head);
        if (!initial && sub.lastSpec === spec) return;
        sub.lastSpec = spec;
        result = runtimeFor(spec).version;
        break;
      }
      case 'storage': {
        const changes: [string, string | null][] = [];
        for (const k of sub.keys ?? []) {
          let v: string | null;
          try {
            v = this.handlers.storageAt(k, chain.head);
          } catch {
            v = null;
          }
          if (initial || sub.last?.get(k) !== v) changes.push([k, v]);
          sub.last?.set(k, v);
        }
        if (!initial && changes.length === 0) return;
        result = { block: blockHash(chain, chain.head), changes };
        break;
      }
    }
    this.send(conn, { jsonrpc: '2.0', method: NOTIFY[sub.kind], params: { subscription: id, result } });
  }
}
