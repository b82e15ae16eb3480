import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaToTao, floorDiv, formatTao, impliedPrice, ratio, share } from './units';

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
  it('ratio is floor(num × 1e12 / den) / 1e12 on both sides of its float form, near integers included', () => {
    const reference = (n: bigint, d: bigint): number | null => {
      if (d === 0n) return null;
      const v = n * 1_000_000_000_000n;
      const q = v / d;
      return Number(v < 0n !== d < 0n && q * d !== v ? q - 1n : q) / 1e12;
    };
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    const edges = [0n, 1n, -1n, 3n, -3n, 7n, 10n ** 9n, 10n ** 12n, 2n ** 49n, safe, safe + 1n, -safe, -safe - 1n];
    for (const n of edges) for (const d of edges) expect(ratio(n, d)).toBe(reference(n, d));
    // Quotients exactly at an integer or a hair either side (where the float's floor could be wrong):
    // den = f·g with g dividing 1e12, num = f·t + off, so num × 1e12 / den = t·(1e12/g) + off·1e12/(f·g).
    const nearInteger = fc
      .tuple(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
        fc.constantFrom(-1n, 0n, 1n),
      )
      .map(([i, j, f, t, off]) => [f * t + off, f * 2n ** BigInt(i) * 5n ** BigInt(j)] as const);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.bigInt({ min: -safe * 4n, max: safe * 4n }), fc.bigInt({ min: -safe * 4n, max: safe * 4n })),
          fc.tuple(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.bigInt({ min: 1n, max: 10n ** 13n })),
          fc.tuple(fc.bigInt({ min: -100n, max: 100n }), fc.bigInt({ min: 1n, max: 1_000n })),
          nearInteger,
        ),
        ([n, d]) => Object.is(ratio(n, d), reference(n, d)),
      ),
      { numRuns: 20_000 },
    );
  });
});
