import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaToTao, floorDiv, formatTao, impliedPrice, share } from './units';

describe('units and the rounding rule', () => {
  it('floorDiv rounds toward −∞ (bigint / truncates toward 0)', () => {
    expect([floorDiv(7n, 2n), floorDiv(-7n, 2n), floorDiv(7n, -2n), floorDiv(-8n, 2n)]).toEqual([3n, -4n, -4n, -4n]);
  });
  it('floorDiv is the floor for every sign and remainder, exact divisions and 0 included', () => {
    for (let a = -40; a <= 40; a++)
      for (const b of [-9, -4, -3, -1, 1, 2, 3, 7])
        expect(floorDiv(BigInt(a), BigInt(b))).toBe(BigInt(Math.floor(a / b)));
    // Beyond 64 bits (the benchmark units' flow × 1e18 is): −(10^30 + 1) / 10^18 floors to −10^12 − 1.
    expect(floorDiv(-(10n ** 30n + 1n), 10n ** 18n)).toBe(-(10n ** 12n) - 1n);
    expect(floorDiv(-(10n ** 30n), 10n ** 18n)).toBe(-(10n ** 12n));
  });
  it('share: floor(whole × part / total); the whole when part = total', () => {
    expect(share(10n, 1n, 3n)).toBe(3n);
    expect(share(10n, 3n, 3n)).toBe(10n);
    expect(share(10n, 1n, 0n)).toBe(0n);
  });
  it('alphaToTao / impliedPrice at 1e9 scale; exact TAO formatting', () => {
    // 2.5 α at 0.4 TAO/α = 1 TAO; −1 alpha-rao at 0.5 floors to −1 rao
    expect(alphaToTao(2_500_000_000n, 400_000_000n)).toBe(1_000_000_000n);
    expect(alphaToTao(-1n, 500_000_000n)).toBe(-1n);
    expect(impliedPrice(3n, 2n)).toBe(1_500_000_000n);
    expect(impliedPrice(3n, 0n)).toBeNull();
    expect([formatTao(-1_500_000_001n), formatTao(5n)]).toEqual(['-1.500000001', '0.000000005']);
  });
  it('alphaToTao is floor(α × price / 1e9) on both sides of its fast form’s limits', () => {
    // The fast form splits α into whole and rest; the reference is the one product, floored by hand.
    const reference = (a: bigint, p: bigint): bigint => {
      const v = a * p;
      const q = v / 1_000_000_000n;
      return v < 0n && q * 1_000_000_000n !== v ? q - 1n : q;
    };
    const limits = [0n, 1n, 999_999_999n, 10n ** 18n - 1n, 10n ** 18n, 2n ** 62n];
    const prices = [0n, 1n, 999_999_999n, 2n ** 33n - 1n, 2n ** 33n, 10n ** 12n];
    for (const a of limits) for (const p of prices) expect(alphaToTao(a, p)).toBe(reference(a, p));
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }),
        fc.bigInt({ min: -(2n ** 34n), max: 2n ** 34n }),
        (a, p) => alphaToTao(a, p) === reference(a, p),
      ),
      { numRuns: 5_000 },
    );
  });
});
