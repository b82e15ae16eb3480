/**
 * The last encoding served per cell. A multi-key read asks for the same ~1,450 keys at block after
 * block (docs/chain/change-discovery.md), and most values did not change in between. A hit needs the
 * same runtime and the same value (equal primitive, the same object: logged values are never
 * mutated, each write stores a new one; or a computed view's fresh `{ field: primitive }` object
 * equal field by field), so a value changed at any block is encoded afresh.
 *
 * A plain log cell (most of a read's keys) also keeps the span of blocks its last value covers, so a
 * block inside it is answered without the log's binary search; the log's write count guards the span
 * (a live block or a reorg writes to the log).
 */
import type { Chain } from '../chain/chain.js';
import type { Cell } from '../chain/store.js';
import { encodeStorage } from '../scale/encode.js';
import type { Runtime } from '../scale/runtime.js';

export interface Encoded {
  rt: object | null;
  value: unknown;
  hex: string | null;
  /** log cells: the log's write count and the blocks [from, to) whose value is `value` */
  writes: number;
  from: number;
  to: number;
}

const lastEncoding = new WeakMap<Cell, Encoded>();

/** The cell's encoding record (one per cell, shared by every key list that reads it). */
export function encodedOf(cell: Cell): Encoded {
  let e = lastEncoding.get(cell);
  if (!e) lastEncoding.set(cell, (e = { rt: null, value: undefined, hex: null, writes: -1, from: 0, to: 0 }));
  return e;
}

/** SCALE hex of a cell's value at block b, or null (no entry); `rt`: the runtime of block b. */
export function encodeCellAt(chain: Chain, cell: Cell, b: number, rt: Runtime, last: Encoded): string | null {
  if (cell.kind === 'log') {
    const log = cell.log;
    if (last.rt === rt && last.writes === log.writes && b >= last.from && b < last.to) return last.hex;
    const i = log.indexAt(b);
    const value = i < 0 ? undefined : log.values[i];
    const hex =
      value === undefined
        ? null
        : last.rt === rt && last.value === value
          ? last.hex
          : encodeStorage(rt, chain, cell.item, value, b);
    last.rt = rt;
    last.value = value;
    last.hex = hex;
    last.writes = log.writes;
    last.from = i < 0 ? -Infinity : (log.blocks[i] as number);
    last.to = i + 1 < log.blocks.length ? (log.blocks[i + 1] as number) : Infinity;
    return hex;
  }
  const value = chain.readCell(cell, b);
  if (value === undefined) return null;
  // Events are per block (and a reorg replaces them); any other value encodes the same wherever
  // it appears under one runtime.
  if (cell.item === 'SystemEvents') return encodeStorage(rt, chain, cell.item, value, b);
  if (last.rt === rt && sameValue(last.value, value)) return last.hex;
  const hex = encodeStorage(rt, chain, cell.item, value, b);
  last.rt = rt;
  last.value = value;
  last.hex = hex;
  last.writes = -1;
  return hex;
}

/**
 * Equal primitives, the same object, or two plain objects with the same fields, each equal as a
 * primitive or the same object (a computed cell builds a new `{ quote }` or `{ bits }` per read).
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype) return false;
  if (Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(y, k) || x[k] !== y[k]) return false;
    n++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) n--;
  return n === 0;
}
