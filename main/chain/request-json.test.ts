// Requests keep PJS's exact JSON text (bigints as strings) with the replacer-free fast path.
import { describe, expect, it } from 'vitest';
import { RpcCoder } from '@polkadot/rpc-provider/coder';
import { stringify } from '@polkadot/util';
import { encodeOnce, installFastRequestJson, requestJson } from './request-json';

describe('request JSON', () => {
  it('is the text of @polkadot/util stringify, with and without bigints', () => {
    const plain = { id: 1, jsonrpc: '2.0', method: 'state_queryStorageAt', params: [['0xab', '0xcd'], '0x01'] };
    const withBigint = { ...plain, params: [12n, { nested: [1n, null, 'x'] }] };
    expect(requestJson(plain)).toBe(stringify(plain));
    expect(requestJson(withBigint)).toBe(stringify(withBigint));
    expect(requestJson(withBigint)).toContain('"params":["12",{"nested":["1",null,"x"]}]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => requestJson(cyclic)).toThrow(TypeError);
  });

  it('is what every RpcCoder sends once installed', () => {
    const original = RpcCoder.prototype.encodeJson;
    installFastRequestJson();
    expect(RpcCoder.prototype.encodeJson).not.toBe(original);
    const [id, text] = new RpcCoder().encodeJson('chain_getBlockHash', [[1, 2], 3n]);
    expect(text).toBe(`{"id":${id},"jsonrpc":"2.0","method":"chain_getBlockHash","params":[[1,2],"3"]}`);
  });

  it('splices in the remembered text of a parameter: the same text as serialising it', () => {
    installFastRequestJson();
    const keys = encodeOnce(['0xab"\\', '0xcd\u00e9', null]);
    const params = [keys, '0x01'];
    const [id, text] = new RpcCoder().encodeJson('state_queryStorageAt', params);
    expect(text).toBe(stringify({ id, jsonrpc: '2.0', method: 'state_queryStorageAt', params }));
    // the remembered text is what goes out (an array changed afterwards shows it; callers must not)
    (keys as unknown[]).push('0xef');
    expect(new RpcCoder().encodeJson('state_queryStorageAt', params)[1]).not.toContain('0xef');
  });
});
