/**
 * The multi-key read's caches (rpc/multi-read.ts key plans, the last encoding per cell in
 * rpc/cell-encoding.ts, with a log cell's span of blocks) never serve a stale answer: a value that changed at block b reads as the old
 * value at b − 1 and the new one at b in any order of reads, a key that gains a cell after a read
 * is seen, a log written or truncated after a read of its last span reads the new value, and the answer's JSON is what JSON.stringify gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { ensureMetadata } from './helpers.js';
import { World } from '../chain/world.js';
import { SCENARIOS } from '../scenarios/index.js';
import { blockHash } from '../chain/headers.js';
import { Handlers } from '../rpc/handlers.js';
import { runtimeFor } from '../scale/runtime.js';
import { storageInput } from '../scale/encode.js';
import { ITEMS, storageKey } from '../scale/keys.js';
import type { Cell } from '../chain/store.js';

beforeAll(() => ensureMetadata());

/** The value's encoding straight through the codec, no cache involved. */
function reference(w: World, key: string, b: number): string | null {
  const cell = w.chain.cells.get(key);
  const value = cell ? w.chain.readCell(cell, b) : undefined;
  if (!cell || value === undefined) return null;
  const rt = runtimeFor(w.chain.specAt(b));
  const t = rt.storageType(ITEMS[cell.item].pallet, ITEMS[cell.item].item)!;
  return u8aToHex(rt.registry.createTypeUnsafe(t.value, [storageInput(cell.item, value)]).toU8a());
}

describe('multi-key read caches', () => {
  const cfg = SCENARIOS['tiny']!;
  const w = new World(1, cfg);
  w.genesis();
  w.generate(cfg.blocks);
  const h = new Handlers({ chain: w.chain, finalized: () => w.chain.head - 2, faults: () => ({}) });
  const query = (keys: string[], b: number) =>
    JSON.parse(JSON.stringify(h.table['state_queryStorageAt']!([keys, blockHash(w.chain, b)]))) as {
      block: string;
      changes: [string, string | null][];
    }[];

  it('serve a value changed at block b as the old value at b − 1 and the new one at b, in any order', () => {
    // share entries that changed at some block to a different value
    const changed = [...w.chain.cells.entries()].filter(
      (e): e is [string, Cell & { kind: 'log' }] =>
        e[1].item === 'Alpha' &&
        e[1].kind === 'log' &&
        e[1].log.blocks.length > 2 &&
        e[1].log.values[1] !== e[1].log.values[2],
    );
    expect(changed.length).toBeGreaterThan(3);
    const pools = [...w.chain.cells.keys()].filter((k) => w.chain.cells.get(k)!.item === 'SubnetTAO');
    const keys = [...changed.slice(0, 40).map(([k]) => k), ...pools];
    for (const [key, cell] of changed.slice(0, 10)) {
      const b = cell.log.blocks[2]!;
      const order = [b, b - 1, b, b - 1, b - 1, b + 1, b];
      const seen = order.map((at) => query(keys, at)[0]!.changes.find(([k]) => k === key)![1]);
      expect(seen).toEqual(order.map((at) => reference(w, key, at)));
      expect(seen[0]).not.toBe(seen[1]); // the value did change at b
      // every other key of the list at the last block read
      expect(query(keys, b)[0]!.changes.map(([, v]) => v)).toEqual(keys.map((k) => reference(w, k, b)));
    }
  });

  it('sees a key that gains a cell after a read of it, at the block it was written', () => {
    const hot = `0x${'77'.repeat(32)}`;
    const cold = `0x${'78'.repeat(32)}`;
    const key = storageKey('Owner', hot);
    const keys = [...w.chain.keys().slice(0, 50), key];
    const head = w.chain.head;
    expect(query(keys, head)[0]!.changes.at(-1)).toEqual([key, null]);
    w.chain.cur = head;
    w.chain.setLog('Owner', cold, hot);
    expect(query(keys, head)[0]!.changes.at(-1)).toEqual([key, reference(w, key, head)]);
    expect(query(keys, head - 1)[0]!.changes.at(-1)).toEqual([key, null]);
  });

  it('reads a log written after a read of its open-ended last span, and the old value again after a rollback', () => {
    const b = w.chain.head - 2;
    const [key, cell] = [...w.chain.cells.entries()].find(
      (e): e is [string, Cell & { kind: 'log' }] =>
        e[1].item === 'Alpha' && e[1].kind === 'log' && e[1].log.blocks.at(-1)! < b && e[1].log.latest() !== undefined,
    )!;
    const keys = [key, ...w.chain.keys().slice(0, 20)];
    const at = (n: number) => query(keys, n)[0]!.changes[0]![1];
    const before = at(b);
    expect(before).toBe(reference(w, key, b));
    const old = cell.log.latest();
    expect(typeof old).toBe('bigint');
    // live blocks write a new value, then delete the entry
    cell.log.set(b + 1, (old as bigint) + 1n);
    const written = reference(w, key, b + 1);
    expect(written).not.toBe(before);
    expect(at(b + 1)).toBe(written);
    expect(at(b)).toBe(before);
    cell.log.set(b + 2, undefined);
    expect(at(b + 2)).toBeNull();
    expect(at(b + 1)).toBe(written);
    // a reorg drops both writes: every block reads the value before them again
    cell.log.truncateAfter(b);
    expect([at(b + 2), at(b + 1), at(b)]).toEqual([before, before, before]);
  });

  it('serves a computed cell whose fresh object changes a field anew, and equal fields from the last encoding', () => {
    const key = storageKey('SubnetMovingPrice', 0xfff0);
    let reads = 0;
    // fresh objects per read; the field changes at block 1,000 and again at 2,000
    w.chain.putCell(
      { item: 'SubnetMovingPrice', kind: 'fn', read: (b) => (reads++, { bits: b < 1_000 ? 5n : b < 2_000 ? 7n : 5n }) },
      key,
    );
    const keys = [key, ...w.chain.keys().slice(0, 10)];
    const order = [500, 600, 1_500, 999, 1_000, 2_500, 1_999];
    const seen = order.map((b) => query(keys, b)[0]!.changes[0]![1]);
    expect(seen).toEqual(order.map((b) => reference(w, key, b)));
    expect(new Set(seen).size).toBe(2);
    expect(reads).toBeGreaterThanOrEqual(order.length);
  });

  it('answers with the JSON of { block, changes } for keys in any case or not hex at all', () => {
    const b = 3_000;
    const sample = w.chain.keys().filter((_, i) => i % 5 === 0);
    const keys = [...sample, sample[0]!.toUpperCase().replace('0X', '0x'), '0xzz"\\\u0001', 'nothex', ''];
    for (const list of [keys, keys.slice(1), keys]) {
      const got = JSON.stringify(h.table['state_queryStorageAt']!([list, blockHash(w.chain, b)]));
      const want = JSON.stringify([{ block: blockHash(w.chain, b), changes: list.map((k) => [k, h.storageAt(k, b)]) }]);
      expect(got).toBe(want);
    }
    expect(h.storageAt(keys.at(-4)!, b)).toBe(reference(w, sample[0]!, b));
    expect(h.storageAt(keys.at(-4)!, b)).not.toBeNull();
  });

  it('lists paged keys under an item prefix as the full sorted listing does', () => {
    const b = 3_500;
    const all = w.chain.keys().filter((k) => w.chain.read(k, b));
    const alpha = storageKey('Alpha', `0x${'00'.repeat(32)}`, `0x${'00'.repeat(32)}`, 0).slice(0, 66);
    const hotPrefix = all.find((k) => k.startsWith(alpha))!.slice(0, 66 + 32);
    // Several prefixes of one length (keysUnder groups the item's keys by that length once).
    const pairPrefixes = [...new Set(all.filter((k) => k.startsWith(alpha)).map((k) => k.slice(0, 66 + 96 + 96)))];
    expect(pairPrefixes.length).toBeGreaterThan(2);
    for (const prefix of [alpha, hotPrefix, '0x', alpha.slice(0, 40), `${alpha}ff`, ...pairPrefixes.slice(0, 3)]) {
      const want = all.filter((k) => k.startsWith(prefix));
      const paged = (start: string | null) =>
        h.table['state_getKeysPaged']!([prefix, 7, start, blockHash(w.chain, b)]) as string[];
      expect(paged(null)).toEqual(want.slice(0, 7));
      if (want.length > 10) expect(paged(want[2]!)).toEqual(want.slice(3, 10));
    }
    expect(all.filter((k) => k.startsWith(alpha)).length).toBeGreaterThan(10);
  });
});
