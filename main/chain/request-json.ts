// The JSON text of every request PJS sends. Its coder serialises with `stringify` from
// @polkadot/util, i.e. JSON.stringify with a replacer that turns bigints into strings. A replacer is
// a JavaScript call per value: for sync's multi-key reads (~540 storage keys per request, 6,000
// requests a year of history) it was about a tenth of the sync process's CPU. Plain JSON.stringify
// gives the same text whenever there is no bigint (the replacer returns every other value as it
// is) and throws when there is one; only then does the replacer run. The wire is unchanged.
import { RpcCoder } from '@polkadot/rpc-provider/coder';
import { stringify } from '@polkadot/util';
import { WebSocket as PjsWebSocket } from '@polkadot/x-ws';
import WsWebSocket from 'ws';
import { expectStorageAnswer, PARSED_RESULT, takeStorageAnswer } from './storage-frames';

type EncodeJson = (this: RpcCoder, method: string, params: unknown[]) => [number, string | Buffer];
type DecodeResponse = (this: RpcCoder, response: { id?: unknown }) => unknown;

let installed = false;

/** JSON texts of parameters sent again and again (main/sync/reader.ts: a read's storage keys). */
const encoded = new WeakMap<object, string>();
/** Their UTF-8 bytes, made when first sent as part of a Buffer body. */
const encodedBytes = new WeakMap<object, Buffer>();
/** Request bodies built as bytes: the socket sends each as a text frame (see sendsTextBuffers). */
const textBodies = new WeakSet<Buffer>();
let buffersAsText = false;

/**
 * Remembers the JSON text of `value` (an array or object that will not change) so that requests
 * carrying it splice the text in instead of serialising it again: sync sends the same ~1,450
 * storage keys (~220 kB of JSON) with block after block.
 */
export function encodeOnce<T extends object>(value: T): T {
  if (!encoded.has(value)) encoded.set(value, requestJson(value));
  return value;
}

/**
 * `requestJson(data)` for a JSON-RPC request object, reusing the remembered text of its parameters:
 * the same text, since JSON.stringify writes the object's keys in this order and arrays without spaces.
 * Its UTF-8 bytes where the socket sends those as text (requestBytes), else the text itself.
 */
function requestText(data: { id: number; jsonrpc: string; method: string; params: unknown[] }): string | Buffer {
  if (!data.params.some((p) => typeof p === 'object' && p !== null && encoded.has(p))) return requestJson(data);
  if (buffersAsText) return requestBytes(data);
  // Joined with `+`, not Array.join or a template: those copy the ~220 kB text into a new string,
  // while `+` links the parts (the socket copies them once when it writes the frame).
  let text = `{"id":${data.id},"jsonrpc":${JSON.stringify(data.jsonrpc)},"method":${JSON.stringify(data.method)},"params":[`;
  data.params.forEach((p, i) => {
    const known = typeof p === 'object' && p !== null ? encoded.get(p) : undefined;
    text = text + (i > 0 ? ',' : '') + (known ?? requestJson(p));
  });
  return text + ']}';
}

/**
 * `requestText(data)` as UTF-8 bytes, the remembered parameters' bytes copied in. ws measured a
 * linked string's UTF-8 length by walking its parts (~0.28 ms per ~230 kB request, about a tenth of
 * the sync process's CPU in bench:sync) and then encoded it again; a Buffer it sends as it is.
 */
function requestBytes(data: { id: number; jsonrpc: string; method: string; params: unknown[] }): Buffer {
  const parts: Buffer[] = [];
  let text = `{"id":${data.id},"jsonrpc":${JSON.stringify(data.jsonrpc)},"method":${JSON.stringify(data.method)},"params":[`;
  data.params.forEach((p, i) => {
    if (i > 0) text += ',';
    const known = typeof p === 'object' && p !== null ? encoded.get(p) : undefined;
    if (known === undefined) {
      text += requestJson(p);
      return;
    }
    parts.push(Buffer.from(text), bytesOf(p as object, known));
    text = '';
  });
  parts.push(Buffer.from(`${text}]}`));
  const body = Buffer.concat(parts);
  textBodies.add(body);
  return body;
}

/** The UTF-8 bytes of a remembered text, made once. */
function bytesOf(value: object, text: string): Buffer {
  let bytes = encodedBytes.get(value);
  if (!bytes) encodedBytes.set(value, (bytes = Buffer.from(text)));
  return bytes;
}

/**
 * A storage read whose key list has a remembered text: its answer can be read from the frame's
 * bytes against that text (storage-frames.ts).
 */
function noteStorageRead(id: number, method: string, params: unknown[]): void {
  const keys = params[0];
  if (method !== 'state_queryStorageAt' || !Array.isArray(keys)) return;
  const text = encoded.get(keys);
  if (text !== undefined) expectStorageAnswer(id, keys as string[], bytesOf(keys, text));
}

/**
 * Where PJS's socket class is ws's, a Buffer body built here goes in a text frame like the string it
 * stands for (ws sends a Buffer as a binary frame unless told otherwise, and a node need not accept
 * those). Elsewhere (a WebSocket without ws's options, e.g. a runtime's own) bodies stay strings.
 */
function sendsTextBuffers(): boolean {
  if ((PjsWebSocket as unknown) !== WsWebSocket) return false;
  const proto = WsWebSocket.prototype as unknown as { send: (data: unknown, options?: unknown, cb?: unknown) => void };
  const send = proto.send;
  proto.send = function sendTextBody(data, options, cb) {
    if (!(data instanceof Buffer) || !textBodies.has(data)) return send.call(this, data, options, cb);
    textBodies.delete(data);
    const callback = typeof options === 'function' ? options : cb;
    return send.call(this, data, { ...(typeof options === 'object' ? options : {}), binary: false }, callback);
  };
  return true;
}

/** Idempotent. Affects every RpcCoder (each WsProvider has one). */
export function installFastRequestJson(): void {
  if (installed) return;
  installed = true;
  buffersAsText = sendsTextBuffers();
  const proto = RpcCoder.prototype as unknown as { encodeJson: EncodeJson };
  proto.encodeJson = function encodeJson(method, params) {
    const [id, data] = this.encodeObject(method, params);
    const body = requestText(data as Parameters<typeof requestText>[0]);
    if (buffersAsText) noteStorageRead(id, method, params);
    return [id, body];
  };
  // A response read from its frame's bytes stands in with a marker result: the answer replaces it.
  const coder = RpcCoder.prototype as unknown as { decodeResponse: DecodeResponse };
  const decode = coder.decodeResponse;
  coder.decodeResponse = function decodeResponse(response) {
    const result = decode.call(this, response);
    return result === PARSED_RESULT ? (takeStorageAnswer(response.id) ?? result) : result;
  };
}

/** `stringify(value)` (bigints as strings), without a replacer call per value when there is no bigint. */
export function requestJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return stringify(value);
    throw error;
  }
}
