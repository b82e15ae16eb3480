// WebSocket implementation of the bridge, used when the renderer is served by the web host.
import { dbTables } from '../../../shared/vocab';
import { channels, type ApiResponse, type PushEventName, type PushEvents } from '../../../shared/api';
import type { ChannelMethods, TaofolioBridge } from '../../../shared/bridge';
import { toWire } from '../../../shared/wire';
import { socketHere, socketInWorker, type SocketEvents } from './socket-link';

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
  let open = false;
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

  const deliver = (message: Record<string, unknown>) => {
    if (typeof message.id === 'number') {
      pending.get(message.id)?.resolve(message.response as ApiResponse<unknown>);
      pending.delete(message.id);
    } else if (typeof message.push === 'string') {
      for (const l of listeners.get(message.push as PushEventName) ?? [])
        l(message.payload as PushEvents[PushEventName]);
    }
  };
  // Messages arrive decoded and in the order the host sent them (a db:changed push never overtakes
  // the answer it makes stale), from the socket's worker where there is one (./socket-link).
  const events: SocketEvents = {
    onOpen: () => {
      open = true;
      retryMs = 250;
      setLink({ state: 'open' });
      for (const message of queue.splice(0)) socket.send(message);
      // Anything that changed while we were away is stale now.
      for (const l of listeners.get('db:changed') ?? []) l({ tables: [...dbTables] });
    },
    onMessage: (message) => {
      try {
        deliver(message() as Record<string, unknown>);
      } catch (error: unknown) {
        // A failing message is reported as before (uncaught) and does not stop the ones after it.
        setTimeout(() => {
          throw error;
        });
      }
    },
    onClose: () => {
      open = false;
      setLink({ state: 'lost', failedAttempts: link.state === 'lost' ? link.failedAttempts + 1 : 0 });
      failAll('Lost the connection to the Taofolio host; retrying.');
      setTimeout(() => socket.connect(url), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    },
  };
  const socket = socketInWorker(events) ?? socketHere(events);
  socket.connect(url);

  const call = (channel: string, args: unknown): Promise<ApiResponse<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve });
      const message = toWire({ id, channel, args });
      if (open) socket.send(message);
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
