import { describe, expect, it } from 'vitest';
import { keptClaimPairs, swapOutputBeforeClaim } from './root-claims';
import { keys } from './storage-keys';

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

describe('keptClaimPairs', () => {
  const COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const [H1, H2] = [
    '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
    '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y',
  ];
  /** A u128 watermark as the chain stores it (little-endian). */
  const u128 = (v: bigint) => `0x${Buffer.from(v.toString(16).padStart(32, '0'), 'hex').reverse().toString('hex')}`;
  const reads = (claimType: string, marks: [string, number, bigint, bigint][]) => {
    const before = new Map<string, string | null>([[keys.rootClaimType(COLD), claimType]]);
    const after = new Map<string, string | null>();
    for (const [hot, n, b, a] of marks) {
      before.set(keys.rootClaimed(n, hot, COLD), b === 0n ? null : u128(b));
      after.set(keys.rootClaimed(n, hot, COLD), u128(a));
    }
    return [before, after] as const;
  };
  const marks: [string, number, bigint, bigint][] = [
    [H1, 1, 0n, 5n], // first claim on subnet 1
    [H1, 2, 7n, 7n], // nothing claimed on 2
    [H2, 3, 10n ** 20n, 10n ** 20n + 1n],
  ];

  it('names the pairs whose watermark grew when the claim type keeps their subnet', () => {
    const [before, after] = reads('0x01', marks); // Keep
    expect(keptClaimPairs(COLD, [H1, H2], [0, 1, 2, 3], before, after)).toEqual([
      { hotkey: H1, netuid: 1 },
      { hotkey: H2, netuid: 3 },
    ]);
    // KeepSubnets([3]): SCALE enum index 2, a compact length 1, then u16 3
    const [b2, a2] = reads('0x02040300', marks);
    expect(keptClaimPairs(COLD, [H1, H2], [0, 1, 2, 3], b2, a2)).toEqual([{ hotkey: H2, netuid: 3 }]);
  });

  it('names none for Swap claims, or where a read lacks the watermark', () => {
    const [before, after] = reads('0x00', marks);
    expect(keptClaimPairs(COLD, [H1, H2], [0, 1, 2, 3], before, after)).toEqual([]);
    const [b, a] = reads('0x01', marks);
    b.delete(keys.rootClaimed(1, H1, COLD));
    expect(keptClaimPairs(COLD, [H1, H2], [1, 2, 3], b, a)).toEqual([{ hotkey: H2, netuid: 3 }]);
  });
});
