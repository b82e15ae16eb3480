// Requests keep PJS's exact JSON text (bigints as strings) with the replacer-free fast path.
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { WebSocket as PjsWebSocket } from '@polkadot/x-ws';
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
    const [id, body] = new RpcCoder().encodeJson('state_queryStorageAt', params);
    // Under Node's ws the body is the text's UTF-8 bytes (sent as a text frame, below).
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(String(body)).toBe(stringify({ id, jsonrpc: '2.0', method: 'state_queryStorageAt', params }));
    // the remembered text is what goes out (an array changed afterwards shows it; callers must not)
    (keys as unknown[]).push('0xef');
    expect(String(new RpcCoder().encodeJson('state_queryStorageAt', params)[1])).not.toContain('0xef');
    const [id2, two] = new RpcCoder().encodeJson('state_queryStorageAt', [1n, keys, 'x', keys]);
    expect(String(two)).toBe(
      stringify({
        id: id2,
        jsonrpc: '2.0',
        method: 'state_queryStorageAt',
        params: [1n, keys.slice(0, 3), 'x', keys.slice(0, 3)],
      }),
    );
  });

  it("goes out through PJS's socket class in a text frame, byte for byte, and other data as before", async () => {
    installFastRequestJson();
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const frames: { text: string; binary: boolean }[] = [];
    server.on('connection', (s) =>
      s.on('message', (data: Buffer, binary) => frames.push({ text: String(data), binary })),
    );
    const socket = new PjsWebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    const params = [encodeOnce(['0xab', '0xcd\u00e9']), '0x01'];
    const [id, body] = new RpcCoder().encodeJson('state_queryStorageAt', params);
    socket.send(body);
    socket.send(Buffer.from('raw'));
    socket.send('plain');
    await vi.waitFor(() => expect(frames).toHaveLength(3));
    expect(frames).toEqual([
      { text: stringify({ id, jsonrpc: '2.0', method: 'state_queryStorageAt', params }), binary: false },
      { text: 'raw', binary: true },
      { text: 'plain', binary: false },
    ]);
    socket.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
