/** Shared test helpers: metadata location, a raw JSON-RPC client, PJS connect. */
import WebSocket from 'ws';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { METADATA_HELP, findMetadata } from '../scale/metadata-files.js';

/** Metadata is vendored (devnet/metadata/); SUBTENSOR_METADATA_DIR may override it. Fails loudly if neither exists. */
export function ensureMetadata(): void {
  if (findMetadata().size === 0) throw new Error(METADATA_HELP);
}

export async function apiFor(url: string): Promise<ApiPromise> {
  const provider = new WsProvider(url);
  return ApiPromise.create({ provider, noInitWarn: true });
}

export interface RawReply {
  result?: unknown;
  error?: { code: number; message: string };
}

/** Minimal JSON-RPC client: one socket, request/response by id, notifications collected. */
export class RawClient {
  private id = 1;
  private readonly pending = new Map<number, (r: RawReply) => void>();
  readonly notifications: { method: string; params: { subscription: string; result: unknown } }[] = [];
  closed = false;
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as RawReply & {
        id?: number;
        method?: string;
        params?: { subscription: string; result: unknown };
      };
      if (m.id !== undefined && m.id !== null) this.pending.get(m.id)?.(m);
      else if (m.method && m.params) this.notifications.push({ method: m.method, params: m.params });
    });
    ws.on('close', () => {
      this.closed = true;
      for (const p of this.pending.values()) p({ error: { code: -1, message: 'closed' } });
      this.pending.clear();
    });
  }
  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((res, rej) => {
      ws.once('open', () => res());
      ws.once('error', rej);
    });
    return new RawClient(ws);
  }
  call(method: string, params: unknown[] = []): Promise<RawReply> {
    const id = this.id++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }
  async result<T>(method: string, params: unknown[] = []): Promise<T> {
    const r = await this.call(method, params);
    if (r.error) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result as T;
  }
  close(): void {
    this.ws.close();
  }
}

/** Waits until `pred` holds, polling (no timing assertions: only a generous upper bound). */
export async function until(pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}
