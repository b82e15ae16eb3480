// The WebSocket to the web host, for web-bridge.ts: in a worker (./socket-worker.ts), so that receiving
// and decoding the host's messages never runs on the page's main thread, or on this thread where
// workers are unavailable. Either way messages arrive decoded, in the order the host sent them.
import { fromWire } from '../../../shared/wire';
import { joinLongArrays, type SplitArray } from './wire-parts';

/** What the page asks of the socket worker. */
export type ToSocketWorker = { connect: string } | { send: string };

/** What the socket worker tells the page: the socket's state, and each message from the host. */
export type FromSocketWorker =
  | { open: true }
  | { closed: true }
  /** A slice of a long array of the next `value` (./wire-parts). */
  | { slice: unknown[] }
  | { value: unknown; arrays?: SplitArray[] }
  /** A message that does not decode, as received: decoded again here, so its error is reported here. */
  | { failed: string | ArrayBuffer };

export interface SocketEvents {
  onOpen(): void;
  onClose(): void;
  /** A decoded message, or a function that throws why it could not be decoded. */
  onMessage(message: () => unknown): void;
}

export interface SocketLink {
  /** Opens a socket to `url` (after a close: the link reports each open and close). */
  connect(url: string): void;
  /** Sends on the open socket (the caller sends only after `onOpen`). */
  send(message: string): void;
}

const textOf = (wire: string | ArrayBuffer) => (typeof wire === 'string' ? wire : new TextDecoder().decode(wire));

/** The socket on this thread: messages decoded here. */
export function socketHere(events: SocketEvents): SocketLink {
  let socket: WebSocket | null = null;
  return {
    connect(url) {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      socket = ws;
      ws.onopen = () => events.onOpen();
      ws.onclose = () => {
        if (socket === ws) socket = null;
        events.onClose();
      };
      ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) =>
        events.onMessage(() => fromWire(textOf(event.data)));
    },
    send(message) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
    },
  };
}

/**
 * The socket in a worker, or null where workers are unavailable. A worker that fails (its script not
 * loading) hands over to a socket on this thread.
 */
export function socketInWorker(events: SocketEvents): SocketLink | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./socket-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  let here: SocketLink | null = null;
  let slices: unknown[][] = [];
  let url = '';
  // The worker's socket: asked for and not yet open or closed, or open.
  let state: 'idle' | 'connecting' | 'open' = 'idle';
  worker.onerror = () => {
    if (here) return;
    worker.terminate();
    here = socketHere(events);
    // An open socket is lost like any other (pending calls fail, the link reconnects); a connect the
    // worker did not finish is made here at once.
    if (state === 'open') events.onClose();
    else if (state === 'connecting') here.connect(url);
  };
  worker.onmessage = ({ data }: MessageEvent<FromSocketWorker>) => {
    if ('open' in data) {
      state = 'open';
      events.onOpen();
    } else if ('closed' in data) {
      state = 'idle';
      events.onClose();
    } else if ('slice' in data) slices.push(data.slice);
    else if ('failed' in data) events.onMessage(() => fromWire(textOf(data.failed)));
    else {
      const value = joinLongArrays(data.value, data.arrays ?? [], slices);
      slices = [];
      events.onMessage(() => value);
    }
  };
  const post = (message: ToSocketWorker) => worker.postMessage(message);
  return {
    connect: (to) => {
      url = to;
      if (here) return here.connect(to);
      state = 'connecting';
      post({ connect: to });
    },
    send: (message) => (here ? here.send(message) : post({ send: message })),
  };
}
