// Storage answers read from the frame's bytes give exactly JSON.parse's values, and every frame not
// in the common shape is delivered as its text, as ws did.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsProvider } from '@polkadot/rpc-provider';
import { encodeOnce, installFastRequestJson } from './request-json';
import { installSocketGuard } from './socket-guard';
import { expectStorageAnswer, receiveFrame, StorageAnswer, takeStorageAnswer } from './storage-frames';

const key = (i: number): string =>
  `0x${'26aa394eea5630e07c48ae0c9558cef7'.repeat(3)}${i.toString(16).padStart(8, '0')}`;
const KEYS = Array.from({ length: 200 }, (_, i) => key(i));
const value = (i: number): string | null => (i % 3 === 0 ? null : `0x${(i * 7919).toString(16).padStart(16, '0')}`);
const BLOCK = `0x${'ab'.repeat(32)}`;

const changes = (keys: readonly string[], values: (i: number) => string | null = value) =>
  keys.map((k, i) => [k, values(i)] as [string, string | null]);
const answerText = (id: number, result: unknown, idLast = false): string =>
  idLast
    ? `{"jsonrpc":"2.0","result":${JSON.stringify(result)},"id":${id}}`
    : `{"jsonrpc":"2.0","id":${id},"result":${JSON.stringify(result)}}`;

/** What receiveFrame delivers for `text` (registered as the answer to request `id` with KEYS). */
function receive(id: number, text: string): { delivered: string; answer: StorageAnswer | null } {
  expectStorageAnswer(id, KEYS, Buffer.from(JSON.stringify(KEYS)));
  let delivered = '';
  let answer: StorageAnswer | null = null;
  receiveFrame(Buffer.from(text), (t) => {
    delivered = t;
    answer = takeStorageAnswer((JSON.parse(t) as { id: unknown }).id);
  });
  return { delivered, answer };
}

describe('storage answers from the bytes', () => {
  it.each([false, true])('takes the values of every key asked, in order (id last: %s)', (idLast) => {
    const result = [{ block: BLOCK, changes: changes(KEYS) }];
    const { answer } = receive(7, answerText(7, result, idLast));
    expect(answer).toBeInstanceOf(StorageAnswer);
    expect(answer!.keys).toBe(KEYS);
    expect(answer!.values).toEqual(result[0]!.changes.map(([, v]) => v));
    expect(answer!.values.filter((v) => v === null)).toHaveLength(67);
  });

  it('gives each answer its own values when the list is read again (values kept from the last answer where equal)', () => {
    // A value changed in length, in content at the same length, to and from no entry, and unchanged.
    const second = (i: number): string | null =>
      i === 1 ? '0x00' : i === 2 ? `0x${'f'.repeat(16)}` : i === 3 ? '0x01' : i === 4 ? null : value(i);
    const answers = [value, second, value].map((values, n) => {
      const result = [{ block: BLOCK, changes: changes(KEYS, values) }];
      return {
        expected: result[0]!.changes.map(([, v]) => v),
        got: receive(20 + n, answerText(20 + n, result)).answer,
      };
    });
    for (const { expected, got } of answers) expect(got!.values).toEqual(expected);
    expect(answers[1]!.got!.values.slice(0, 6)).toEqual([null, '0x00', `0x${'f'.repeat(16)}`, '0x01', null, value(5)]);
  });

  it.each([
    ['another id', () => answerText(8, [{ block: BLOCK, changes: changes(KEYS) }])],
    ['a key missing', () => answerText(9, [{ block: BLOCK, changes: changes(KEYS.slice(1)) }])],
    [
      'keys out of order',
      () => answerText(9, [{ block: BLOCK, changes: changes([KEYS[1]!, KEYS[0]!, ...KEYS.slice(2)]) }]),
    ],
    ['another key', () => answerText(9, [{ block: BLOCK, changes: changes([...KEYS.slice(0, 199), key(999)]) }])],
    [
      'an upper-case key',
      () => answerText(9, [{ block: BLOCK, changes: changes([KEYS[0]!.toUpperCase(), ...KEYS.slice(1)]) }]),
    ],
    [
      'two change sets',
      () =>
        answerText(9, [
          { block: BLOCK, changes: changes(KEYS.slice(0, 100)) },
          { block: BLOCK, changes: changes(KEYS.slice(100)) },
        ]),
    ],
    [
      'an escaped value',
      () => answerText(9, [{ block: BLOCK, changes: changes(KEYS, (i) => (i === 5 ? '0x"\\' : value(i))) }]),
    ],
    [
      'a non-ASCII value',
      () => answerText(9, [{ block: BLOCK, changes: changes(KEYS, (i) => (i === 5 ? '0xé' : value(i))) }]),
    ],
    ['a number for a value', () => answerText(9, [{ block: BLOCK, changes: changes(KEYS) }]).replace('null', '0')],
    [
      'spaces',
      () => JSON.stringify({ jsonrpc: '2.0', id: 9, result: [{ block: BLOCK, changes: changes(KEYS) }] }, null, 1),
    ],
    ['an error', () => JSON.stringify({ jsonrpc: '2.0', id: 9, error: { code: 1, message: 'x'.repeat(5_000) } })],
    ['a trailing byte', () => `${answerText(9, [{ block: BLOCK, changes: changes(KEYS) }])} `],
  ])('delivers any other frame as its text: %s', (_, text) => {
    const frame = text();
    const { delivered, answer } = receive(9, frame);
    expect(answer).toBeNull();
    expect(delivered).toBe(frame);
  });

  it('reads an answer through PJS: a StorageAnswer where the bytes allow, the parsed JSON otherwise', async () => {
    installSocketGuard();
    installFastRequestJson();
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    let reorder = false;
    server.on('connection', (s: WebSocket) =>
      s.on('message', (data: Buffer) => {
        const { id, params } = JSON.parse(String(data)) as { id: number; params: [string[], string] };
        const keys = reorder ? [...params[0]].reverse() : params[0];
        s.send(answerText(id, [{ block: params[1], changes: changes(keys) }]));
      }),
    );
    const provider = new WsProvider(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, false);
    await provider.connect();
    await provider.isReady;
    const keys = encodeOnce([...KEYS]);
    const fast = await provider.send<StorageAnswer>('state_queryStorageAt', [keys, BLOCK]);
    expect(fast).toBeInstanceOf(StorageAnswer);
    expect(fast.keys).toBe(keys);
    expect(fast.values).toEqual(KEYS.map((_, i) => value(i)));
    reorder = true;
    const plain = await provider.send<{ block: string; changes: [string, string | null][] }[]>('state_queryStorageAt', [
      keys,
      BLOCK,
    ]);
    expect(plain).toEqual([{ block: BLOCK, changes: changes([...KEYS].reverse()) }]);
    await provider.disconnect();
    await new Promise((resolve) => server.close(resolve));
  });
});
