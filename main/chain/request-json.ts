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

/** Idempotent. Affects every RpcCoder (each WsProvider has one). */
export function installFastRequestJson(): void {
  if (installed) return;
  installed = true;
  const proto = RpcCoder.prototype as unknown as { encodeJson: EncodeJson };
  proto.encodeJson = function encodeJson(method, params) {
    const [id, data] = this.encodeObject(method, params);
    return [id, requestJson(data)];
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
