import { describe, expect, it } from 'vitest';
import { Totals } from './totals';
import { createEngine, type PortfolioInput } from './index';
import type { AdditiveFigures } from './pnl';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

const I64_MAX = (1n << 63n) - 1n;

describe('Totals: typed cells stay exact beyond the signed 64-bit range', () => {
  it('add, sub and set across the boundary equal plain bigint arithmetic', () => {
    // Deterministic PRNG (mulberry32): amounts from a few rao to 2^70, many near ±2^63.
    let seed = 7;
    const rnd = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const amount = (): bigint => {
      const bits = [3, 40, 61, 62, 63, 64, 70][Math.floor(rnd() * 7)] as number;
      const v = BigInt(Math.floor(rnd() * 2 ** 30)) << BigInt(Math.max(0, bits - 30));
      return rnd() < 0.5 ? -v : v;
    };
    const t = new Totals(2);
    const base = t.alloc(8);
    const ref = Array.from({ length: 8 }, () => 0n);
    for (let k = 0; k < 20_000; k++) {
      const i = Math.floor(rnd() * 8);
      const x = amount();
      const op = rnd();
      if (op < 0.45) {
        t.add(base + i, x);
        ref[i] = (ref[i] as bigint) + x;
      } else if (op < 0.9) {
        t.sub(base + i, x);
        ref[i] = (ref[i] as bigint) - x;
      } else {
        t.set(base + i, x);
        ref[i] = x;
      }
      expect(t.get(base + i)).toBe(ref[i]);
    }
    for (let i = 0; i < 8; i++) expect(t.get(base + i)).toBe(ref[i]);
    expect(t.spilled).toBe(true);
  });

  it('a sum that leaves the range by one rao, and comes back', () => {
    const t = new Totals();
    const i = t.alloc(1);
    t.add(i, I64_MAX);
    expect(t.spilled).toBe(false);
    t.add(i, 1n);
    expect(t.get(i)).toBe(I64_MAX + 1n);
    t.sub(i, 2n);
    expect(t.get(i)).toBe(I64_MAX - 1n);
    t.set(i, 5n);
    expect(t.get(i)).toBe(5n);
  });
});

/**
 * The same history at two scales: every amount × K gives every figure × K (the divisions of this
 * history are exact). K is chosen so that one event's amounts fit in 64 bits and the running totals
 * do not: the replay's cells spill to their exact carry and the figures must not notice.
 */
describe('Totals.widen and positive: comparisons on the cells', () => {
  const MAX = 2n ** 63n - 1n;
  it('in place and after a cell has spilled, equal to comparing the exact values', () => {
    for (const spill of [false, true]) {
      const t = new Totals(4);
      t.alloc(4);
      t.set(1, 5n);
      t.set(2, 5n);
      if (spill) t.set(3, MAX + 10n); // another cell beyond 64 bits: the carry exists
      const seen = [5n];
      for (const v of [7n, -3n, 6n, spill ? MAX + 2n : MAX, -MAX - 1n]) {
        t.set(0, v);
        t.widen(0, 1, 2);
        seen.push(v);
        const lo = seen.reduce((m, x) => (x < m ? x : m));
        const hi = seen.reduce((m, x) => (x > m ? x : m));
        expect([spill, t.get(1), t.get(2)]).toEqual([spill, lo, hi]);
      }
      expect(t.spilled).toBe(spill);
      expect([t.positive(1), t.positive(2), t.positive(3)]).toEqual([false, true, spill]);
    }
  });
});

describe('replay with totals beyond 64 bits', () => {
  const K = 400_000_000n; // 10 TAO × K = 4e18 rao: three buys pass 2^63 ≈ 9.2e18
  const history = (k: bigint): PortfolioInput => ({
    trackedColdkeys: ['C1'],
    events: [
      ev('StakeAdded', { block: 100, tao: 10n * TAO * k, alpha: 10n * A * k }),
      ev('StakeAdded', { block: 110, tao: 10n * TAO * k, alpha: 10n * A * k }),
      ev('StakeAdded', { block: 120, tao: 10n * TAO * k, alpha: 10n * A * k }),
      ev('StakeRemoved', { block: 300, tao: 24n * TAO * k, alpha: 15n * A * k }),
    ],
    checkpoints: [cp(350, 15n * A * k)],
    snapshots: [snap(50, 1, 1n * TAO), snap(400, 1, 2n * TAO)],
  });
  const fields: (keyof AdditiveFigures)[] = [
    'alpha',
    'taoIn',
    'taoOut',
    'costBasis',
    'realized',
    'spotValue',
    'friction',
  ];

  it('figures at scale K are the unscaled figures × K', () => {
    const small = createEngine(history(1n), { method: 'acb', rewards: 'income' });
    const big = createEngine(history(K), { method: 'acb', rewards: 'income' });
    const f1 = small.result().total.figures;
    const fK = big.result().total.figures;
    for (const f of fields) expect([f, fK[f]]).toEqual([f, (f1[f] as bigint) * K]);
    // realized 24 − 15 = 9 TAO; 15 α left at cost 15 TAO, worth 30 TAO
    expect([fK.realized, fK.costBasis, fK.spotValue]).toEqual([9n * TAO * K, 15n * TAO * K, 30n * TAO * K]);
    const p = [...big.state.positions.values()][0];
    expect(p?.totals.spilled).toBe(true);
    expect(p?.taoIn).toBe(30n * TAO * K);
  });
});
