// The node is untrusted input. PJS's WsProvider parses every frame inside the WebSocket message
// handler (JSON.parse, then reads fields of whatever came back), so one non-JSON frame, a `null`,
// or a subscription frame without params throws inside a socket event listener: an uncaught
// exception that kills the process. The provider's handler is private, so we guard it where it is
// installed: the `onmessage` setter of the WebSocket class PJS uses. A frame the handler cannot
// digest closes that connection (the client then reconnects with backoff) and is remembered so
// the status can say the node sent a malformed message.
import { WebSocket as PjsWebSocket } from '@polkadot/x-ws';
import WsWebSocket from 'ws';
import { receiveFrame } from './storage-frames';

/** Close code for "the node sent something we cannot parse" (application range 4000–4999). */
export const MALFORMED_CLOSE_CODE = 4002;

const malformedByUrl = new Map<string, string>();

/** The last malformed-frame problem seen on a socket to `url`, cleared by reading it. */
export function takeMalformed(url: string): string | null {
  const found = malformedByUrl.get(url) ?? malformedByUrl.get(url.replace(/\/$/, '')) ?? null;
  malformedByUrl.delete(url);
  malformedByUrl.delete(url.replace(/\/$/, ''));
  return found;
}

interface SocketLike {
  url: string;
  close(code?: number, reason?: string): void;
}

type Listener = (this: unknown, event: { data?: unknown }) => unknown;

function guard(socket: SocketLike, handler: Listener): Listener {
  return function guarded(this: unknown, event) {
    try {
      return handler.call(this, event);
    } catch (error) {
      const preview = typeof event?.data === 'string' ? event.data.slice(0, 40) : typeof event?.data;
      malformedByUrl.set(
        socket.url.replace(/\/$/, ''),
        `The node sent a malformed message (${(error as Error).message}; starts with ${JSON.stringify(preview)}).`,
      );
      try {
        socket.close(MALFORMED_CLOSE_CODE, 'malformed message');
      } catch {
        /* already closing */
      }
      return undefined;
    }
  };
}

let installed = false;

interface WsSocket extends SocketLike {
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
  removeListener(event: 'message', listener: (data: unknown, isBinary: boolean) => void): void;
}

/**
 * ws's `onmessage` made the frame's text with `data.toString()` (UTF-8) before the handler saw it;
 * here a text frame goes through receiveFrame instead (storage answers read from the bytes, ASCII
 * decoded as latin1: main/chain/storage-frames.ts). The handler still gets an event with `data`.
 */
function installWsMessages(proto: object): void {
  const attached = new WeakMap<object, { handler: unknown; listener: (data: unknown, isBinary: boolean) => void }>();
  Object.defineProperty(proto, 'onmessage', {
    configurable: true,
    enumerable: true,
    get(this: object) {
      return attached.get(this)?.handler ?? null;
    },
    set(this: WsSocket, handler: unknown) {
      const old = attached.get(this);
      if (old) this.removeListener('message', old.listener);
      attached.delete(this);
      if (typeof handler !== 'function') return;
      const guarded = guard(this, handler as Listener);
      const listener = (data: unknown, isBinary: boolean) => {
        if (isBinary || !Buffer.isBuffer(data)) guarded.call(this, { data: isBinary ? data : String(data) });
        else receiveFrame(data, (text) => guarded.call(this, { data: text }));
      };
      this.on('message', listener);
      attached.set(this, { handler, listener });
    },
  });
}

/** Idempotent; affects only `onmessage` assignments (PJS's), not `.on('message')` listeners. */
export function installSocketGuard(ctor: { prototype: object } = PjsWebSocket): void {
  if (installed) return;
  if ((ctor as unknown) === WsWebSocket) {
    installWsMessages(WsWebSocket.prototype);
    installed = true;
    return;
  }
  let proto: object | null = ctor.prototype;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !(descriptor = Object.getOwnPropertyDescriptor(proto, 'onmessage')))
    proto = Object.getPrototypeOf(proto) as object | null;
  const setter = descriptor?.set;
  if (!proto || !descriptor || !setter) throw new Error('Cannot guard the WebSocket message handler.');
  Object.defineProperty(proto, 'onmessage', {
    ...descriptor,
    set(this: SocketLike, handler: unknown) {
      setter.call(this, typeof handler === 'function' ? guard(this, handler as Listener) : handler);
    },
  });
  installed = true;
}
