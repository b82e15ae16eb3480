// RangeChanges against a scripted node: change blocks from one state_queryStorage per narrow gap, a
// refusal remembered per connection (every gap back to bisection, no second ask), a pruned node's error
// surfacing, and wide gaps left to bisection.
import { describe, expect, it } from 'vitest';
import { ChainError, toChainError } from '../chain/client';
import type { Gap } from './block-reads';
import { RANGE_KEY_BLOCKS, RangeChanges } from './range-changes';
import type { ChainReader } from './reader';
import { keys } from './storage-keys';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const numberOf = (h: string) => parseInt(h.slice(2), 16);
const u32 = (n: number) => `0x${[0, 8, 16, 24].map((s) => ((n >> s) & 0xff).toString(16).padStart(2, '0')).join('')}`;

/** A node whose key `k` changes at the blocks `changes[k]`; `answer` may replace its range answer. */
function node(changes: Record<string, number[]>, answer?: (method: string) => unknown) {
  const calls: { method: string; params: unknown[] }[] = [];
  const remembered = new Map<number, string>();
  const client = {};
  const reader = {
    client,
    hashOf: (n: number) => Promise.resolve(hash(n)),
    rememberHash: (n: number, h: string) => remembered.set(n, h),
    call: <T>(method: string, params: unknown[]): Promise<T> => {
      calls.push({ method, params });
      const scripted = answer?.(method);
      if (scripted instanceof Error) return Promise.reject(scripted);
      if (scripted !== undefined) return Promise.resolve(scripted as T);
      const [ks, from, to] = params as [string[], string, string];
      const value = (k: string, b: number) =>
        k === keys.systemNumber() ? u32(b) : `0x${(changes[k] ?? []).filter((c) => c <= b).length}`;
      const sets = [];
      for (let b = numberOf(from); b <= numberOf(to); b++) {
        const changed = ks.filter((k) => b === numberOf(from) || value(k, b) !== value(k, b - 1));
        sets.push({ block: hash(b), changes: changed.map((k) => [k, value(k, b)]) });
      }
      return Promise.resolve(sets as T);
    },
  };
  return { reader: reader as unknown as ChainReader, calls, remembered };
}

const gap = (p: number, q: number, keyList: string[]): Gap => ({ p, q, keyList, vP: [], vQ: [] });

describe('RangeChanges', () => {
  it('finds every block in a gap where one of its keys changed, and keeps those blocks’ hashes', async () => {
    const { reader, calls, remembered } = node({ '0xaa': [105, 130, 131], '0xbb': [120], '0xcc': [110] });
    const out = new Set<number>();
    const left = await new RangeChanges(reader).locate([gap(100, 140, ['0xaa', '0xbb']), gap(200, 300, ['0xcc'])], out);
    expect(left).toEqual([]);
    // 0xcc changes only outside its gap; 0xaa twice in a row is two change blocks.
    expect([...out].sort((a, b) => a - b)).toEqual([105, 120, 130, 131]);
    expect(calls.map((c) => c.method)).toEqual(['state_queryStorage', 'state_queryStorage']);
    expect(remembered.get(120)).toBe(hash(120));
    expect(remembered.get(119)).toBe(hash(119));
  });

  it('leaves one-block and too wide gaps to bisection', async () => {
    const { reader, calls } = node({ '0xaa': [5] });
    const wide = gap(0, RANGE_KEY_BLOCKS, ['0xaa']);
    const single = gap(7, 8, ['0xaa']);
    expect(await new RangeChanges(reader).locate([wide, single], new Set())).toEqual([wide, single]);
    expect(calls).toEqual([]);
  });

  it('after a refusal, bisects every gap and never asks that connection again', async () => {
    const refusal = toChainError(new Error('-32601: RPC call is unsafe to be called externally'), 'x');
    const { reader, calls } = node({}, (m) => (m === 'state_queryStorage' ? refusal : undefined));
    const gaps = [gap(0, 50, ['0xaa']), gap(60, 90, ['0xaa'])];
    const out = new Set<number>();
    expect(await new RangeChanges(reader).locate(gaps, out)).toEqual(gaps);
    expect(await new RangeChanges(reader).locate(gaps, out)).toEqual(gaps);
    expect(out.size).toBe(0);
    expect(calls.length).toBe(1);
    expect(new RangeChanges(reader).available).toBe(false);
  });

  it('finders sharing a connection wait for its first answer: one refusal for all', async () => {
    let answer: (e: Error) => void = () => {};
    const refusal = toChainError(new Error('-32601: RPC call is unsafe to be called externally'), 'x');
    const { reader, calls } = node({}, () => new Promise((_, reject) => (answer = reject)));
    const gaps = [gap(0, 50, ['0xaa'])];
    const both = [new RangeChanges(reader).locate(gaps, new Set()), new RangeChanges(reader).locate(gaps, new Set())];
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    answer(refusal);
    expect(await Promise.all(both)).toEqual([gaps, gaps]);
    expect(calls.length).toBe(1);
  });

  it('a pruned node’s error surfaces', async () => {
    const pruned = toChainError(new Error('4003: Client error: State already discarded for 0x01'), 'x');
    const { reader } = node({}, () => pruned);
    const error = await new RangeChanges(reader).locate([gap(0, 50, ['0xaa'])], new Set()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainError);
    expect((error as ChainError).code).toBe('pruned');
  });

  it('an answer that skips blocks or omits their numbers: that gap and every later one bisected, nothing taken from it', async () => {
    for (const answer of [
      [{ block: hash(0), changes: [[keys.systemNumber(), u32(0)]] }],
      Array.from({ length: 51 }, (_, i) => ({ block: hash(i), changes: [['0xaa', '0x01']] })),
    ]) {
      const { reader, calls, remembered } = node({}, () => answer);
      const gaps = [gap(0, 50, ['0xaa'])];
      const out = new Set<number>();
      expect(await new RangeChanges(reader).locate(gaps, out)).toEqual(gaps);
      expect(await new RangeChanges(reader).locate([gap(60, 90, ['0xaa'])], out)).toEqual([gap(60, 90, ['0xaa'])]);
      expect({ out: out.size, remembered: remembered.size, calls: calls.length }).toEqual({
        out: 0,
        remembered: 0,
        calls: 1,
      });
    }
  });
});
