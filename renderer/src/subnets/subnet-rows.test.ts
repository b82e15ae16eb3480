import { describe, expect, it } from 'vitest';
import { TAO_UNIT } from '../app/Money';
import { emptyFigures } from '../../../shared/engine/pnl';
import type { PortfolioView, SubnetView } from '../../../shared/views';
import { columnSums, sortRows, subnetRows, type SubnetRow } from './subnet-rows';

const row = (netuid: number, unrealized: bigint, change24h: number | null): SubnetRow => ({
  netuid,
  name: null,
  symbol: null,
  successor: null,
  dissolved: null,
  price: 1n,
  alpha: 1n,
  unit: TAO_UNIT,
  value: 10n * BigInt(netuid),
  exitValue: 0n,
  locked: 0n,
  lockedValue: 0n,
  costBasis: 5n,
  unrealized,
  realized: -1n,
  alphaEmitted: 0n,
  income: 2n,
  excessHoldTao: netuid === 3 ? null : 1n,
  positions: 1,
  market: { priceChange24h: change24h, priceChange7d: null, emissionYield: null, allocation: null },
});

const rows = [row(1, 5n, 0.1), row(2, -3n, null), row(3, 5n, -0.2), row(4, 9n, 0.05)];

describe('sortRows', () => {
  it('sorts amounts both ways, ties by netuid', () => {
    expect(sortRows(rows, 'unrealized', 'desc').map((r) => r.netuid)).toEqual([4, 1, 3, 2]);
    expect(sortRows(rows, 'unrealized', 'asc').map((r) => r.netuid)).toEqual([2, 1, 3, 4]);
  });
  it('puts rows without a value last in either direction', () => {
    expect(sortRows(rows, 'change24h', 'desc').map((r) => r.netuid)).toEqual([1, 4, 3, 2]);
    expect(sortRows(rows, 'change24h', 'asc').map((r) => r.netuid)).toEqual([3, 4, 1, 2]);
    expect(sortRows(rows, 'excess', 'asc').at(-1)!.netuid).toBe(3);
  });
  it('does not reorder its input', () => {
    sortRows(rows, 'value', 'desc');
    expect(rows.map((r) => r.netuid)).toEqual([1, 2, 3, 4]);
  });
});

describe('fiat rows', () => {
  it('sort a day without a price (null) last, and leave it out of the sums', () => {
    const fiat = rows.map((r) => ({
      ...r,
      unit: { currency: 'fiat' as const, code: 'USD' },
      value: r.netuid === 2 ? null : r.value,
    }));
    expect(sortRows(fiat, 'value', 'asc').map((r) => r.netuid)).toEqual([1, 3, 4, 2]);
    expect(columnSums(fiat).value).toBe(80n);
  });
});

describe('columnSums', () => {
  it('sums the additive columns exactly', () => {
    expect(columnSums(rows)).toEqual({
      value: 100n,
      costBasis: 20n,
      unrealized: 16n,
      realized: -4n,
      income: 8n,
      excessHoldTao: 3n,
    });
  });
});

describe('a row of a dissolved subnet', () => {
  const subnet = (
    netuid: number,
    successor: SubnetView['successor'],
    dissolved: SubnetView['dissolved'] = null,
  ): SubnetView => ({
    netuid,
    name: 'Old',
    symbol: 'ο',
    successor,
    dissolved,
    price: null,
    figures: emptyFigures(),
    benchmarks: null,
    holding: {
      block: null,
      locked: 0n,
      available: 0n,
      lockedValue: 0n,
      exitValue: 0n,
      exitSource: 'closed-form',
      locksRead: false,
    },
    positionKeys: ['k'],
  });
  const m = { priceChange24h: 0.1, priceChange7d: 0.2, emissionYield: 0.3, allocation: 0.4 };
  const NONE = { priceChange24h: null, priceChange7d: null, emissionYield: null, allocation: null };
  const rowsOf = (subnets: SubnetView[]) =>
    subnetRows({ subnets } as PortfolioView, new Map(subnets.map((s) => [s.netuid, m])));

  it('shows no market figures when another subnet holds its netuid: those there are the newcomer’s', () => {
    const [seven, eight] = rowsOf([subnet(7, { name: 'New', symbol: 'ν', registeredAt: 280 }), subnet(8, null)]);
    expect(seven!.successor).toEqual({ name: 'New', symbol: 'ν', registeredAt: 280 });
    expect(seven!.market).toEqual(NONE);
    expect(eight!.market).toEqual(m);
  });

  it('shows no market figures once its dissolution is recorded: the last snapshot’s are stale', () => {
    const [nine] = rowsOf([subnet(9, null, { blockNumber: 15_001, timestamp: 1_000 })]);
    expect(nine!.dissolved).toEqual({ blockNumber: 15_001, timestamp: 1_000 });
    expect(nine!.market).toEqual(NONE);
  });
});
