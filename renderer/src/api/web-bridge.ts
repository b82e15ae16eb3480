// WebSocket implementation of the bridge, used when the renderer is served by the web host.
import { dbTables } from '../../../shared/vocab';
import { channels, type ApiResponse, type PushEventName, type PushEvents } from '../../../shared/api';
import type { ChannelMethods, TaofolioBridge } from '../../../shared/bridge';
import { fromWire, toWire } from '../../../shared/wire';
import { joinLongArrays, type SplitArray } from './wire-parts';

type Pending = { resolve: (r: ApiResponse<unknown>) => void };

/** Answers at least this long are decoded in a worker (wire-worker.ts); shorter ones inline. */
const OFF_THREAD_BYTES = 64 * 1024;

/** A wire message: text, or the UTF-8 bytes of a binary frame (large answers, main/host/connection.ts). */
type Wire = string | ArrayBuffer;
const textOf = (wire: Wire) => (typeof wire === 'string' ? wire : new TextDecoder().decode(wire));

/** A worker decoding wire text, or null where workers are unavailable (answers are then decoded inline). */
function wireDecoder(): ((wire: Wire) => Promise<unknown>) | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./wire-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  const waiting = new Map<number, { text: () => string; done: (value: unknown) => void; slices: unknown[][] }>();
  let seq = 0;
  let broken = false;
  const fallBack = () => {
    broken = true;
    for (const [n, w] of waiting) {
      waiting.delete(n);
      w.done(fromWire(w.text()));
    }
  };
  worker.onerror = fallBack;
  worker.onmessage = (
    event: MessageEvent<{ seq: number; slice?: unknown[]; value?: unknown; arrays?: SplitArray[]; failed?: boolean }>,
  ) => {
    const { seq, slice, value, arrays, failed } = event.data;
    const w = waiting.get(seq);
    if (!w) return;
    // A long array's slice (./wire-parts): kept until the rest of the value arrives.
    if (slice) return void w.slices.push(slice);
    waiting.delete(seq);
    w.done(failed ? fromWire(w.text()) : joinLongArrays(value, arrays ?? [], w.slices));
  };
  return (wire) => {
    if (broken) return Promise.resolve(fromWire(textOf(wire)));
    return new Promise((done) => {
      const n = ++seq;
      // Bytes are copied to the worker (a memcpy), so a fallback can still decode them here.
      waiting.set(n, { text: () => textOf(wire), done, slices: [] });
      worker.postMessage({ seq: n, text: wire });
    });
  };
}
type Listener = (payload: PushEvents[PushEventName]) => void;

/**
 * The link to the web host itself (not the chain): open; connecting for the first time; or lost and
 * retrying, with how many attempts have failed since (a host restarted with another data folder
 * has another token and never lets this tab back in).
 */
export type HostLink = { state: 'connecting' } | { state: 'open' } | { state: 'lost'; failedAttempts: number };

export interface WebBridge extends TaofolioBridge {
  onHostLink(listener: (link: HostLink) => void): () => void;
}

export function createWebBridge(token: string, location: Location = window.location): WebBridge {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<PushEventName, Set<Listener>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let link: HostLink = { state: 'connecting' };
  const linkListeners = new Set<(link: HostLink) => void>();
  const setLink = (next: HostLink) => {
    link = next;
    for (const l of linkListeners) l(link);
  };

  const failAll = (message: string) => {
    for (const [id, p] of pending) {
      p.resolve({ error: { code: 'internal', message } });
      pending.delete(id);
    }
  };

  let inOrder: Promise<void> = Promise.resolve();
  const decoder = wireDecoder();
  const decodeOffThread = (wire: Wire): Promise<unknown> => decoder?.(wire) ?? Promise.resolve(fromWire(textOf(wire)));

  const connect = () => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setLink({ state: 'open' });
      for (const message of queue.splice(0)) ws.send(message);
      // Anything that changed while we were away is stale now.
      for (const l of listeners.get('db:changed') ?? []) l({ tables: [...dbTables] });
    };
    ws.onmessage = (event) => {
      const wire = event.data as Wire;
      const size = typeof wire === 'string' ? wire.length : wire.byteLength;
      const decoding = size >= OFF_THREAD_BYTES ? decodeOffThread(wire) : null;
      // Messages are handled in arrival order, whichever way they were decoded (a db:changed push must
      // never overtake the answer it makes stale).
      inOrder = inOrder
        .then(async () => deliver((decoding ? await decoding : fromWire(textOf(wire))) as Record<string, unknown>))
        // A failing message is reported as before (uncaught) and does not stop the ones after it.
        .catch((error: unknown) => {
          setTimeout(() => {
            throw error;
          });
        });
    };
    const deliver = (message: Record<string, unknown>) => {
      if (typeof message.id === 'number') {
        pending.get(message.id)?.resolve(message.response as ApiResponse<unknown>);
        pending.delete(message.id);
      } else if (typeof message.push === 'string') {
        for (const l of listeners.get(message.push as PushEventName) ?? [])
          l(message.payload as PushEvents[PushEventName]);
      }
    };
    ws.onclose = () => {
      socket = null;
      setLink({ state: 'lost', failedAttempts: link.state === 'lost' ? link.failedAttempts + 1 : 0 });
      failAll('Lost the connection to the Taofolio host; retrying.');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  const call = (channel: string, args: unknown): Promise<ApiResponse<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve });
      const message = toWire({ id, channel, args });
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });

  const methods = Object.fromEntries(
    channels.map((c) => [c, (args?: unknown) => call(c, args)]),
  ) as unknown as ChannelMethods;
  return {
    ...methods,
    onHostLink(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}
