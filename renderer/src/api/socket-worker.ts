// The web host's WebSocket, owned by a worker: every message from the host is received and decoded
// here, off the page's main thread. A large answer arriving on the page's own socket was one task of
// 40–70 ms CPU on the main thread before any script ran (Blink assembling a multi-megabyte frame:
// bench:ui, a recompute's longest frame). The page gets each message as a structured clone (bigints
// included), in arrival order; a large one with its long arrays first, a slice per message
// (./wire-parts), so the page deserialises it in several short tasks.
import { fromWire } from '../../../shared/wire';
import { splitLongArrays } from './wire-parts';
import type { FromSocketWorker, ToSocketWorker } from './socket-link';

/** Answers at least this long travel in parts (./wire-parts); shorter ones in one message. */
const SPLIT_BYTES = 64 * 1024;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToSocketWorker>) => void) | null;
  postMessage(message: FromSocketWorker): void;
};

let socket: WebSocket | null = null;

/** One message from the host, decoded and passed on (the raw wire if it does not decode). */
function pass(wire: string | ArrayBuffer): void {
  let value: unknown;
  try {
    value = fromWire(typeof wire === 'string' ? wire : new TextDecoder().decode(wire));
  } catch {
    scope.postMessage({ failed: wire });
    return;
  }
  const size = typeof wire === 'string' ? wire.length : wire.byteLength;
  if (size < SPLIT_BYTES) return scope.postMessage({ value });
  const { arrays, slices } = splitLongArrays(value);
  for (const slice of slices) scope.postMessage({ slice });
  scope.postMessage({ value, arrays });
}

scope.onmessage = ({ data }) => {
  if ('connect' in data) {
    const ws = new WebSocket(data.connect);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => scope.postMessage({ open: true });
    ws.onclose = () => {
      if (socket === ws) socket = null;
      scope.postMessage({ closed: true });
    };
    ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => pass(event.data);
  } else if (socket?.readyState === WebSocket.OPEN) socket.send(data.send);
  // Not open: the page learns of the close from `closed` and fails its pending calls then.
};
