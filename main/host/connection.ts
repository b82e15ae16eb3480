// One authenticated WebSocket client of the web host. Everything a client can do wrong ends with a
// clear close of that one connection, never with the host: oversized or non-UTF-8 frames (ws closes
// them with 1009 / 1007 and reports an 'error' we must listen for), malformed requests (1003), and
// clients that send requests but never read the replies (paused, then dropped: backpressure).
import type { WebSocket } from 'ws';
import type { ApiResponse } from '../../shared/api';
import { toWire } from '../../shared/wire';
import { decodeRequest, type ServerMessage } from './protocol';

/**
 * Messages at least this long go as binary frames (the same UTF-8 bytes): the page's socket worker
 * decodes the bytes without building a megabytes-long string (bench:ui: a 2.4 MB portfolio view
 * received as text on the page was a ~50 ms task; renderer/src/api/socket-worker.ts).
 */
export const BINARY_FRAME_CHARS = 64 * 1024;

export interface ConnectionLimits {
  /** Requests of one client being answered at once; more pause reading from its socket. */
  maxInFlight: number;
  /** Bytes queued for a client that does not read; above this the client is dropped. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = { maxInFlight: 16, maxBufferedBytes: 64 * 1024 * 1024 };

/**
 * Frames above this are refused (close 1009). The contract accepts a 20 MB price CSV; JSON escaping
 * of its newlines and quotes adds a little, so the frame limit leaves room above 20 MB.
 */
export const MAX_FRAME_BYTES = 24 * 1024 * 1024;

export type Dispatch = (channel: unknown, args: unknown) => Promise<ApiResponse<unknown>>;

export interface Connection {
  /** Send a push; drops the client when it has stopped reading. */
  send(message: ServerMessage): void;
}

export function serveConnection(
  ws: WebSocket,
  dispatch: Dispatch,
  limits: ConnectionLimits,
  log: (line: string) => void,
): Connection {
  let inFlight = 0;
  let paused = false;

  // Without this listener, a frame ws refuses (too large, invalid UTF-8) throws in the host process.
  ws.on('error', (error) => log(`web host: closed a client connection: ${error.message}`));

  const send = (message: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    const text = toWire(message);
    ws.send(text.length >= BINARY_FRAME_CHARS ? Buffer.from(text, 'utf8') : text);
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      log(`web host: dropped a client that stopped reading (${ws.bufferedAmount} bytes queued)`);
      // A close frame would queue behind what it does not read: cut the socket.
      ws.terminate();
    }
  };

  const settle = () => {
    inFlight -= 1;
    if (paused && inFlight < limits.maxInFlight) {
      paused = false;
      ws.resume();
    }
  };

  ws.on('message', (data, isBinary) => {
    const request = isBinary ? null : decodeRequest(data.toString());
    if (!request) {
      ws.close(1003, 'Malformed request');
      return;
    }
    const { id } = request;
    inFlight += 1;
    if (inFlight >= limits.maxInFlight && !paused) {
      // Stop reading this socket: TCP pushes back on a client that floods requests.
      paused = true;
      ws.pause();
    }
    void dispatch(request.channel, request.args)
      .then((response) => send({ id, response }))
      .catch((error: unknown) => log(`web host: could not answer a request: ${(error as Error).message}`))
      .finally(settle);
  });

  return { send };
}
