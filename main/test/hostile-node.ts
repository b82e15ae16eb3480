// A malicious (or merely broken) node for tests: a JSON-RPC WebSocket proxy in front of the devnet
// that can, per request, drop the connection, stall, answer with garbage, an error or a rewritten
// result, and can push unsolicited frames. Tests script it with `plan`.
import WebSocket, { WebSocketServer } from 'ws';

export type Fault =
  | { kind: 'drop' }
  | { kind: 'stall' }
  | { kind: 'raw'; frame: string | Buffer }
  | { kind: 'error'; code?: number; message?: string }
  | { kind: 'result'; result: unknown };

export interface Request {
  id: unknown;
  method: string;
  params: unknown[];
  /** Requests with this method seen so far, this one included (1-based). */
  nth: number;
}

/** Decide a request's fate: a fault, or undefined to pass it to the devnet unchanged. */
export type Plan = (request: Request) => Fault | undefined;
/** Rewrite the devnet's answer (result or error) before the client sees it. */
export type Rewrite = (request: Request, reply: { result?: unknown; error?: unknown }) => string | undefined;

export interface HostileNode {
  url: string;
  plan: Plan;
  rewrite: Rewrite;
  /** Requests seen, by method. */
  seen: Map<string, number>;
  /** Faults applied, by kind. */
  applied: Map<Fault['kind'] | 'rewrite', number>;
  /** Send a frame to every connected client, as if unsolicited. */
  broadcast(frame: string | Buffer): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startHostileNode(upstream: string): Promise<HostileNode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const clients = new Set<WebSocket>();
  const node: HostileNode = {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    plan: () => undefined,
    rewrite: () => undefined,
    seen: new Map(),
    applied: new Map(),
    broadcast: (frame) => {
      for (const c of clients) if (c.readyState === WebSocket.OPEN) c.send(frame);
    },
    connections: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.terminate();
        server.close(() => resolve());
      }),
  };
  const count = (kind: Fault['kind'] | 'rewrite') => node.applied.set(kind, (node.applied.get(kind) ?? 0) + 1);

  server.on('connection', (client) => {
    clients.add(client);
    const up = new WebSocket(upstream);
    const pending = new Map<unknown, Request>();
    const queue: string[] = [];
    up.on('error', () => client.terminate());
    client.on('error', () => up.terminate());
    up.on('open', () => queue.splice(0).forEach((m) => up.send(m)));
    client.on('message', (data) => {
      const text = String(data);
      const m = JSON.parse(text) as { id: unknown; method: string; params?: unknown[] };
      const nth = (node.seen.get(m.method) ?? 0) + 1;
      node.seen.set(m.method, nth);
      const request: Request = { id: m.id, method: m.method, params: m.params ?? [], nth };
      const fault = node.plan(request);
      if (fault) count(fault.kind);
      switch (fault?.kind) {
        case 'drop':
          client.terminate();
          return;
        case 'stall':
          return;
        case 'raw':
          client.send(fault.frame);
          return;
        case 'error':
          client.send(
            JSON.stringify({
              jsonrpc: '2.0',
              id: m.id,
              error: { code: fault.code ?? -32603, message: fault.message ?? 'hostile node error' },
            }),
          );
          return;
        case 'result':
          client.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: fault.result }));
          return;
        case undefined:
          break;
      }
      pending.set(m.id, request);
      if (up.readyState === WebSocket.OPEN) up.send(text);
      else queue.push(text);
    });
    up.on('message', (data) => {
      const text = String(data);
      const m = JSON.parse(text) as { id?: unknown; result?: unknown; error?: unknown };
      const request = m.id !== undefined ? pending.get(m.id) : undefined;
      if (request) pending.delete(m.id);
      const rewritten = request ? node.rewrite(request, m) : undefined;
      if (rewritten !== undefined) count('rewrite');
      if (client.readyState === WebSocket.OPEN) client.send(rewritten ?? text);
    });
    client.on('close', () => {
      clients.delete(client);
      up.terminate();
    });
    up.on('close', () => client.terminate());
  });
  return node;
}
