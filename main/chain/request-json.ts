// The JSON text of every request PJS sends. Its coder serialises with `stringify` from
// @polkadot/util, i.e. JSON.stringify with a replacer that turns bigints into strings. A replacer is
// a JavaScript call per value: for sync's multi-key reads (~540 storage keys per request, 6,000
// requests a year of history) it was about a tenth of the sync process's CPU. Plain JSON.stringify
// gives the same text whenever there is no bigint (the replacer returns every other value as it
// is) and throws when there is one; only then does the replacer run. The wire is unchanged.
import { RpcCoder } from '@polkadot/rpc-provider/coder';
import { stringify } from '@polkadot/util';

type EncodeJson = (this: RpcCoder, method: string, params: unknown[]) => [number, string];

let installed = false;

/** JSON texts of parameters sent again and again (main/sync/reader.ts: a read's storage keys). */
const encoded = new WeakMap<object, string>();

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
 */
function requestText(data: { id: number; jsonrpc: string; method: string; params: unknown[] }): string {
  if (!data.params.some((p) => typeof p === 'object' && p !== null && encoded.has(p))) return requestJson(data);
  // Joined with `+`, not Array.join or a template: those copy the ~220 kB text into a new string,
  // while `+` links the parts (the socket copies them once when it writes the frame).
  let text = `{"id":${data.id},"jsonrpc":${JSON.stringify(data.jsonrpc)},"method":${JSON.stringify(data.method)},"params":[`;
  data.params.forEach((p, i) => {
    const known = typeof p === 'object' && p !== null ? encoded.get(p) : undefined;
    text = text + (i > 0 ? ',' : '') + (known ?? requestJson(p));
  });
  return text + ']}';
}

/** Idempotent. Affects every RpcCoder (each WsProvider has one). */
export function installFastRequestJson(): void {
  if (installed) return;
  installed = true;
  const proto = RpcCoder.prototype as unknown as { encodeJson: EncodeJson };
  proto.encodeJson = function encodeJson(method, params) {
    const [id, data] = this.encodeObject(method, params);
    return [id, requestText(data as Parameters<typeof requestText>[0])];
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
