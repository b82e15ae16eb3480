// A block's values kept per read (block-values.ts) answer like the Map of all its reads did.
import { describe, expect, it } from 'vitest';
import { BlockValues, keyList } from './block-values';

const key = (i: number) => `0x${i.toString(16).padStart(4, '0')}${'ab'.repeat(70)}`;
const keysOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => key(from + i));

describe('block values', () => {
  it('the same keys in the same order share one list; another order or set does not', () => {
    const a = keysOf(0, 40);
    const list = keyList(a);
    expect(keyList([...a])).toBe(list);
    expect(keyList([...a].reverse())).not.toBe(list);
    expect(keyList(keysOf(1, 40))).not.toBe(list);
    expect(list.indexOf(key(39))).toBe(39);
    expect(list.indexOf(key(40))).toBeUndefined();
    // short lists are searched in place
    expect(keyList(keysOf(100, 3)).indexOf(key(101))).toBe(1);
  });

  it('reads of one block merged: every value by key, none lost, a key read twice listed once', () => {
    const first = keysOf(0, 30);
    const second = [key(29), ...keysOf(30, 5)];
    const one = new BlockValues([{ list: keyList(first), vals: first.map((k, i) => (i % 3 === 0 ? null : `v${i}`)) }]);
    const two = new BlockValues([{ list: keyList(second), vals: second.map((_, i) => `w${i}`) }]);
    const all = one.with(two);
    const expected = new Map<string, string | null>([
      ...first.map((k, i): [string, string | null] => [k, i % 3 === 0 ? null : `v${i}`]),
      ...keysOf(30, 5).map((k, i): [string, string | null] => [k, `w${i + 1}`]),
    ]);
    expect(new Map(all)).toEqual(expected);
    expect(all.size).toBe(35);
    expect(all.get(key(0))).toBeNull();
    expect(all.has(key(0))).toBe(true);
    expect(all.get(key(34))).toBe('w5');
    expect(all.get(key(35))).toBeUndefined();
    expect(all.has(key(35))).toBe(false);
    // neither read is changed by the merge
    expect(one.has(key(30))).toBe(false);
    expect(two.has(key(0))).toBe(false);
  });
});
