// The balancer closed form of an exit (spec ≥ 423) against the devnet's own fixed-point pool, which
// follows the runtime step by step (devnet/chain/balancer.ts): equal within two rao over random pools,
// weights and sizes; at q = ½ it is the constant-product sale.
import { describe, expect, it } from 'vitest';
import { PERQUINTILL, balancerFee, taoOut } from '../../devnet/chain/balancer';
import { quoteExit } from './runtime';

/** Deterministic 0 ≤ n < max from a seed (xorshift). */
function rng(seed: number) {
  let s = BigInt(seed) | 1n;
  return (max: bigint) => {
    s ^= (s << 13n) & 0xffffffffffffffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffffffffffffffffn;
    return s % max;
  };
}

describe('balancer exit (≥ 423) in closed form', () => {
  it('equals the fixed-point pool’s sale within two rao, for any weight, reserves and size', () => {
    const next = rng(424);
    let checked = 0;
    for (let i = 0; i < 2_000; i++) {
      const x = 1_000_000_000n + next(10n ** 16n); // SubnetAlphaIn
      const y = 1_000_000_000n + next(10n ** 16n); // SubnetTAO
      const q = PERQUINTILL / 100n + next((PERQUINTILL * 98n) / 100n); // within [0.01, 0.99]
      const feeRate = next(200n);
      const alpha = 1n + next(x * 2n);
      const quote = quoteExit(alpha, { netuid: 3, taoIn: y, alphaIn: x, price: 0n, feeRate, balancerQuote: q }, 424);
      const expected = taoOut(q, { tao: y, alpha: x }, alpha - balancerFee(alpha, feeRate));
      const gap = quote.tao - expected;
      expect([i, gap >= -2n && gap <= 2n]).toEqual([i, true]);
      expect(quote.approximate).toBe(false);
      checked++;
    }
    expect(checked).toBe(2_000);
  });

  it('at q = ½ is the constant-product sale', () => {
    const pool = { netuid: 3, taoIn: 5_000n * 10n ** 9n, alphaIn: 20_000n * 10n ** 9n, price: 0n, feeRate: 33n };
    for (const alpha of [1n, 10n ** 9n, 7_777n * 10n ** 9n, 10n ** 14n]) {
      const fee = (alpha * 33n) / 65_535n;
      const cp = (pool.taoIn * (alpha - fee)) / (pool.alphaIn + alpha - fee);
      const q = quoteExit(alpha, { ...pool, balancerQuote: PERQUINTILL / 2n }, 424);
      expect(q.fee).toBe(fee);
      expect(q.tao - cp >= -1n && q.tao - cp <= 1n).toBe(true);
    }
  });

  it('without the weight, uses the one the spot price implies and says it is approximate', () => {
    const x = 20_000n * 10n ** 9n;
    const y = 5_000n * 10n ** 9n;
    const q = (PERQUINTILL * 3n) / 10n; // w = 7/3: price = (7/3)·y/x = 0.58333… τ per α
    const price = (7n * y * 10n ** 9n) / (3n * x);
    const alpha = 100n * 10n ** 9n;
    const exact = quoteExit(alpha, { netuid: 3, taoIn: y, alphaIn: x, price, feeRate: 33n, balancerQuote: q }, 424);
    const implied = quoteExit(alpha, { netuid: 3, taoIn: y, alphaIn: x, price, feeRate: 33n }, 424);
    expect(implied.approximate).toBe(true);
    // The price's rounding (1 rao in 583,333,333) is all that separates them.
    expect(implied.tao - exact.tao).toBeLessThanOrEqual(exact.tao / 10_000_000n + 2n);
    expect(exact.tao - implied.tao).toBeLessThanOrEqual(exact.tao / 10_000_000n + 2n);
  });
});
