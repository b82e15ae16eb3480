import { describe, expect, it } from 'vitest';
import { registryOf, runtimeOf } from '../test/registries';
import type { BlockState } from './reader';
import { poolsFromState } from './checkpoints';
import { balancerPrice, PERQUINTILL, RAO, reservesPrice } from './prices';
import { runtimeFeatures } from './runtime-features';
import { keys } from './storage-keys';

const le = (v: bigint, bytes: number) => {
  let hex = '';
  for (let i = 0; i < bytes; i++) hex += ((v >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0');
  return `0x${hex}`;
};

/** floor(((1e18 − q)/q)·(y/x)·1e9) in exact rational arithmetic. */
const exact = (y: bigint, x: bigint, q: bigint) => ((PERQUINTILL - q) * y * RAO) / (q * x);

describe('balancer price (current_alpha_price from storage)', () => {
  it('equals the exact price when every step is exact, and q = ½ is the reserves ratio', () => {
    // (0.75/0.25)·(1000/2000) = 1.5 TAO per α
    expect(balancerPrice(7, 1, 1_000n * RAO, 2_000n * RAO, PERQUINTILL / 4n)).toBe(1_500_000_000n);
    expect(balancerPrice(7, 1, 1_000n * RAO, 2_000n * RAO, PERQUINTILL / 2n)).toBe(500_000_000n);
    expect(reservesPrice(7, 1_000n * RAO, 2_000n * RAO)).toBe(500_000_000n);
  });

  it('truncates like U64F64: never above the exact value and at most 2 rao below it', () => {
    const cases: [bigint, bigint, bigint][] = [
      [123_456_789_012_345n, 987_654_321_098n, 333_333_333_333_333_333n],
      [5_000_000_000_000n, 7_000_000_000_000_000n, 612_345_678_901_234_567n],
      [999_999_999_999n, 70_000_000n, 10_000_000_000_000_000n],
      [1n, 999_999_999_999_999n, 990_000_000_000_000_000n],
    ];
    for (const [y, x, q] of cases) {
      const got = balancerPrice(3, 1, y, x, q);
      const want = exact(y, x, q);
      expect(got <= want && want - got <= 2n, `y=${y} x=${x} q=${q}: ${got} vs ${want}`).toBe(true);
    }
    // 0.2 has no finite binary expansion: the runtime's answer is one rao under the decimal one.
    expect(balancerPrice(3, 1, 2_000n * RAO, 10_000n * RAO, 400_000_000_000_000_000n)).toBe(299_999_999n);
    // u64 saturation instead of wrapping.
    expect(balancerPrice(3, 1, 999_999_999_999n, 3n, 10_000_000_000_000_000n)).toBe((1n << 64n) - 1n);
  });

  it('differs from tao_in/alpha_in by the weight ratio when q ≠ ½', () => {
    const q = 400_000_000_000_000_000n; // (1−q)/q = 1.5
    const y = 2_048n * RAO;
    const x = 8_192n * RAO;
    expect(reservesPrice(9, y, x)).toBe(250_000_000n);
    expect(balancerPrice(9, 9, y, x, q)).toBe(RAO); // mechanism ≠ 1 is a stable subnet: 1:1
    expect(balancerPrice(9, 1, y, x, q)).toBe(375_000_000n);
    expect(balancerPrice(0, 1, y, x, q)).toBe(RAO);
    expect(balancerPrice(9, 1, y, 0n, q)).toBe(0n);
  });
});

describe('pool snapshots from storage', () => {
  const netuid = 5;
  const values = (quote: bigint | null) =>
    new Map<string, string | null>([
      [keys.subnetTao(netuid), le(2_048n * RAO, 8)],
      [keys.subnetAlphaIn(netuid), le(8_192n * RAO, 8)],
      [keys.subnetAlphaOut(netuid), le(50_000n * RAO, 8)],
      [keys.subnetName(netuid), null],
      [keys.tokenSymbol(netuid), null],
      [keys.subnetMechanism(netuid), le(1n, 2)],
      [keys.swapBalancer(netuid), quote === null ? null : le(quote, 8)],
      [keys.swapFeeRate(netuid), null],
    ]);
  const state = (quote: bigint | null): BlockState => ({
    number: 100,
    hash: `0x${'11'.repeat(32)}`,
    timestamp: 0,
    upgradeSpec: null,
    values: values(quote),
    events: null,
  });

  it('knows from the metadata which runtimes price by balancer weights', () => {
    expect(runtimeFeatures(registryOf(393))).toMatchObject({ balancer: false, priceAll: true, locks: false });
    expect(runtimeFeatures(registryOf(424))).toMatchObject({
      balancer: true,
      priceAll: true,
      simSell: true,
      availability: true,
      locks: true,
      feeRateDefault: 33,
    });
  });

  it('prices a 424 pool with its quote weight and a 393 pool by reserves', () => {
    const [at424] = poolsFromState(state(400_000_000_000_000_000n), [netuid], runtimeOf(424));
    expect(at424).toMatchObject({
      price: 375_000_000n,
      priceSource: 'balancer',
      balancerQuote: 400_000_000_000_000_000n,
      feeRate: 33,
    });
    // No SwapBalancer entry: the storage default, q = ½.
    const [defaultQuote] = poolsFromState(state(null), [netuid], runtimeOf(424));
    expect(defaultQuote).toMatchObject({ price: 250_000_000n, balancerQuote: PERQUINTILL / 2n });
    const [at393] = poolsFromState(state(400_000_000_000_000_000n), [netuid], runtimeOf(393));
    expect(at393).toMatchObject({ price: 250_000_000n, priceSource: 'reserves', balancerQuote: null, feeRate: 33 });
  });
});
