import { describe, expect, it } from 'vitest';
import { PriceBook, registeredAgainAt } from '../prices';
import { A, TAO, snap, tsOf } from '../testing/fixtures';
import { exitCosts, poolHealth } from './subnet';
import { priceChange } from './positions';

const DAY = 7_200; // blocks
// SN1 at 2 τ/α throughout; the pool's TAO reserve: 800 (day 0) → 900 (day 8) → 1,000 (day 31)
const prices = new PriceBook([
  snap(0, 1, 2n * TAO, { alphaIn: 400n * A }),
  snap(8 * DAY, 1, 2n * TAO, { alphaIn: 450n * A }),
  snap(31 * DAY, 1, 2n * TAO, { alphaIn: 500n * A }),
]);
const asOf = { block: 31 * DAY, timestamp: tsOf(31 * DAY) };

describe('subnet health from local snapshots', () => {
  it('depth now; net TAO flow since the last snapshot at least 7 / 30 days old', () => {
    expect(poolHealth(prices, 1, asOf)).toEqual({
      taoReserve: 1_000n * TAO,
      alphaReserve: 500n * A,
      // 500,000 α outstanding × 2
      marketCap: 1_000_000n * TAO,
      netTaoFlow7d: 100n * TAO, // vs day 8
      netTaoFlow30d: 200n * TAO, // vs day 0
      emissionShare: null, // no snapshot recorded the injections
      emissionShareBlock: null,
    });
    expect(poolHealth(prices, 1, { block: 8 * DAY, timestamp: tsOf(8 * DAY) }).netTaoFlow30d).toBeNull();
  });
});

describe('a netuid pruned and registered again since the window began', () => {
  // The subnet at netuid 1 on day 0 (registered at block 0) was pruned; another registered on day 20.
  const book = new PriceBook([
    snap(0, 1, TAO / 100n, { alphaIn: 400n * A, registeredAt: 0 }),
    snap(20 * DAY, 1, TAO, { alphaIn: 450n * A, registeredAt: 20 * DAY }),
    snap(31 * DAY, 1, 2n * TAO, { alphaIn: 500n * A, registeredAt: 20 * DAY }),
  ]);

  it('has no 30-day flow or price change (another subnet then), but its own 7-day ones', () => {
    const h = poolHealth(book, 1, asOf);
    expect(h.netTaoFlow30d).toBeNull();
    expect(h.netTaoFlow7d).toBe(1_000n * TAO - 450n * TAO); // vs day 20, the same subnet
    expect(priceChange(book, 1, asOf, 24 * 30)).toBeNull();
    expect(priceChange(book, 1, asOf, 24 * 7)).toBe(1); // 1 τ → 2 τ
    // Without registration blocks (rows recorded before they were read) the netuid is one subnet.
    const unknown = new PriceBook([
      snap(0, 1, TAO / 100n, { alphaIn: 400n * A }),
      snap(31 * DAY, 1, 2n * TAO, { alphaIn: 500n * A }),
    ]);
    expect(priceChange(unknown, 1, asOf, 24 * 30)).toBe(199);
  });
});

describe('share of network emissions', () => {
  // Day 8 read every pool with its injection (SN1 3, SN2 1, root 0 τ per block); day 31 read SN1 from
  // storage (no injection recorded), so the share comes from day 8.
  const book = new PriceBook([
    snap(8 * DAY, 0, A, { taoInEmission: 0n }),
    snap(8 * DAY, 1, 2n * TAO, { taoInEmission: 3n * TAO }),
    snap(8 * DAY, 2, TAO, { taoInEmission: 1n * TAO }),
    snap(31 * DAY, 1, 2n * TAO),
    snap(32 * DAY, 2, TAO, { taoInEmission: 5n * TAO }),
  ]);
  it('its injection over every subnet’s at the latest snapshot that recorded it', () => {
    const h = poolHealth(book, 1, asOf);
    expect(h.emissionShare).toBe(0.75);
    expect(h.emissionShareBlock).toBe(8 * DAY);
    expect(poolHealth(book, 2, asOf).emissionShare).toBe(0.25); // day 32 is after the as-of block
    expect(poolHealth(book, 1, { block: 7 * DAY, timestamp: tsOf(7 * DAY) }).emissionShare).toBeNull();
  });
});

describe('exit cost of 25 / 50 / 100 % of a 50 α position (spec 320: fee 33/65535 in α, x·y = k)', () => {
  it('hand-worked quotes against 1,000 τ / 500 α reserves', () => {
    // 100 %: fee floor(50e9 × 33 / 65535) = 25,177,386; out = floor(1000e9 × 49,974,822,614 / 549,974,822,614)
    //        = 90,867,473,489 → cost 100 − 90.867473489 = 9.132526511 τ
    const costs = exitCosts(prices, 1, 50n * A, asOf.block, 320);
    expect(costs?.map((c) => [c.percent, c.spotValue, c.exitValue, c.cost])).toEqual([
      [25, 25n * TAO, 24_378_261_657n, 621_738_343n],
      [50, 50n * TAO, 47_596_210_440n, 2_403_789_560n],
      [100, 100n * TAO, 90_867_473_489n, 9_132_526_511n],
    ]);
    expect(costs?.[2]?.share).toBeCloseTo(0.09132526511, 11);
    expect(exitCosts(prices, 1, 0n, asOf.block, 320)).toBeNull();
  });
});

describe('registeredAgainAt', () => {
  const lives = [
    snap(10, 1, TAO, { registeredAt: 0 }),
    snap(20, 1, TAO), // recorded before registration blocks were read
    snap(30, 1, TAO, { registeredAt: 25 }),
    snap(40, 1, TAO, { registeredAt: 25 }),
  ];

  it('is the first snapshot of the subnet holding the netuid at the as-of block, after another subnet’s', () => {
    expect(registeredAgainAt(lives, 1_000)?.blockNumber).toBe(30);
    expect(registeredAgainAt(lives, 29)).toBeNull(); // as of then, one subnet
    expect(registeredAgainAt(lives.slice(2), 1_000)).toBeNull();
    expect(registeredAgainAt([snap(10, 1, TAO), snap(20, 1, TAO)], 1_000)).toBeNull();
  });
});
