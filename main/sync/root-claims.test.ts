import { describe, expect, it } from 'vitest';
import { swapOutputBeforeClaim } from './root-claims';

describe('swapOutputBeforeClaim', () => {
  it('recovers the fee-less constant-product output from the pool left after the sale', () => {
    const cases: [bigint, bigint, bigint][] = [
      [1_000_000_000_000n, 5_000_000_000_000n, 1_234_567n],
      [73_000_000_000n, 9_100_000_000_000n, 4_373_571n],
      [5n, 7n, 3n],
    ];
    for (const [y, x, alpha] of cases) {
      const out = (y * alpha) / (x + alpha); // the sale: floor(y·Δ/(x+Δ))
      expect(swapOutputBeforeClaim(y - out, x + alpha, alpha)).toBe(out);
    }
  });

  it('is within one rao when the floor makes the reconstruction ambiguous (large sale vs pool)', () => {
    const [y, x, alpha] = [10n ** 15n, 10n ** 15n, 10n ** 12n];
    const out = (y * alpha) / (x + alpha);
    const t = swapOutputBeforeClaim(y - out, x + alpha, alpha);
    expect(t === out || t === out + 1n || t === out - 1n).toBe(true);
    expect(((y - out + t) * alpha) / (x + alpha)).toBe(t); // a consistent reconstruction
  });

  it('is zero for an empty or inconsistent pool', () => {
    expect(swapOutputBeforeClaim(100n, 10n, 10n)).toBe(0n);
    expect(swapOutputBeforeClaim(0n, 0n, 1n)).toBe(0n);
  });
});
