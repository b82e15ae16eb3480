// WebSocket implementation of the bridge, used when the renderer is served by the web host.
import { dbTables } from '../../../shared/vocab';
import { channels, type ApiResponse, type PushEventName, type PushEvents } from '../../../shared/api';
import type { ChannelMethods, TaofolioBridge } from '../../../shared/bridge';
import { fromWire, toWire } from '../../../shared/wire';

type Pending = { resolve: (r: ApiResponse<unknown>) => void };
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

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setLink({ state: 'open' });
      for (const message of queue.splice(0)) ws.send(message);
      // Anything that changed while we were away is stale now.
      for (const l of listeners.get('db:changed') ?? []) l({ tables: [...dbTables] });
    };
    ws.onmessage = (event) => {
      const message = fromWire<Record<string, unknown>>(String(event.data));
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
