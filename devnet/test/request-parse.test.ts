/**
 * rpc/request-parse.ts: every frame parses to what JSON.parse gives for its text, a repeated
 * storage read's key list is the one parsed before (not parsed again), and a list that differs in
 * any byte, or a request around it that is not the plain shape, is parsed as it is.
 */
import { describe, expect, it } from 'vitest';
import { RequestParser } from '../rpc/request-parse.js';

const keys = Array.from({ length: 300 }, (_, i) => `0x${i.toString(16).padStart(8, '0')}${'ab'.repeat(70)}`);
const hash = `0x${'cd'.repeat(32)}`;
const request = (id: number, list: unknown, at?: string) =>
  JSON.stringify({ id, jsonrpc: '2.0', method: 'state_queryStorageAt', params: at ? [list, at] : [list] });

describe('request parser', () => {
  it('gives JSON.parse of the text, reusing a repeated key list', () => {
    const p = new RequestParser();
    const first = p.parse(Buffer.from(request(1, keys, hash))) as { params: unknown[] };
    expect(first).toEqual(JSON.parse(request(1, keys, hash)));
    for (const [id, at] of [
      [2, `0x${'ef'.repeat(32)}`],
      [31, undefined],
      [0, hash],
    ] as const) {
      const text = request(id, keys, at);
      const got = p.parse(Buffer.from(text)) as { params: unknown[] };
      expect(got).toEqual(JSON.parse(text));
      expect(got.params[0]).toBe(first.params[0]);
    }
  });

  it('parses anew a list that differs in one byte, and requests of another shape', () => {
    const p = new RequestParser();
    const known = (p.parse(Buffer.from(request(1, keys, hash))) as { params: unknown[] }).params[0];
    const changed = [...keys];
    changed[150] = changed[150]!.replace('ab', 'ac');
    const last = [...keys];
    last[299] = last[299]!.slice(0, -1) + 'c';
    const texts = [
      request(2, changed, hash),
      request(3, last, hash),
      request(4, keys.slice(1), hash),
      request(5, [...keys, keys[0]], hash),
      // whitespace, another field order, another method, a string id
      request(6, keys, hash).replace('"params":[', '"params": ['),
      JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'state_queryStorageAt', params: [keys, hash] }),
      request(8, keys, hash).replace('state_queryStorageAt', 'state_queryStorage'),
      request(9, keys, hash).replace('"id":9', '"id":"9"'),
      request(10, keys, hash).replace(`"${hash}"`, `"${hash}","extra"`),
    ];
    for (const text of texts) {
      const got = p.parse(Buffer.from(text)) as { params: unknown[] };
      expect(got).toEqual(JSON.parse(text));
      expect(got.params[0]).not.toBe(known);
    }
  });

  it('refuses what JSON.parse refuses', () => {
    const p = new RequestParser();
    p.parse(Buffer.from(request(1, keys, hash)));
    for (const text of [request(1, keys, hash).replace('"id":1', '"id":01'), request(1, keys, hash).slice(0, -1)]) {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => p.parse(Buffer.from(text))).toThrow();
    }
  });
});
