// Records every outbound TCP connection this process opens, at the socket level (net.Socket
// connect: plain, TLS and WebSocket connections all go through it), for privacy tests.
import net from 'node:net';

export interface EgressRecord {
  host: string;
  port: number;
}

export interface EgressRecorder {
  connections: EgressRecord[];
  /** Hosts other than loopback and the allowed endpoints. */
  foreign(allowed?: string[]): EgressRecord[];
  stop(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function target(args: unknown[]): EgressRecord | null {
  // connect(options[, cb]) | connect(port[, host][, cb]) | connect(path[, cb]) (IPC: not network)
  const [first, second] = args as [unknown, unknown];
  const options = Array.isArray(first) ? (first[0] as unknown) : first;
  if (options && typeof options === 'object') {
    const o = options as { host?: string; port?: number | string; path?: string };
    if (o.path !== undefined) return null;
    return { host: o.host ?? 'localhost', port: Number(o.port) };
  }
  if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options)))
    return { host: typeof second === 'string' ? second : 'localhost', port: Number(options) };
  return null;
}

/** `onConnect` hears of each connection as it is opened (e.g. to report it from a child process). */
export function recordEgress(onConnect?: (record: EgressRecord) => void): EgressRecorder {
  const original = net.Socket.prototype.connect;
  const connections: EgressRecord[] = [];
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const record = target(args);
    if (record) {
      connections.push(record);
      onConnect?.(record);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    connections,
    foreign: (allowed = []) =>
      connections.filter((c) => !LOOPBACK.has(c.host) && !allowed.some((a) => a === `${c.host}:${c.port}`)),
    stop: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
