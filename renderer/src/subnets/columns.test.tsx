// The Subnets table's subnet cell for a dissolved subnet whose netuid another subnet now holds.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TAO_UNIT } from '../app/Money';
import { SUBNET_COLUMNS } from './columns';
import type { SubnetRow } from './subnet-rows';

const row = (successor: SubnetRow['successor']): SubnetRow => ({
  netuid: 7,
  name: 'Old',
  symbol: 'ο',
  successor,
  price: null,
  alpha: 0n,
  unit: TAO_UNIT,
  value: 0n,
  exitValue: 0n,
  locked: 0n,
  lockedValue: 0n,
  costBasis: 0n,
  unrealized: 0n,
  realized: 1n,
  alphaEmitted: 0n,
  income: 0n,
  excessHoldTao: null,
  positions: 1,
  market: { priceChange24h: null, priceChange7d: null, emissionYield: null, allocation: null },
});
const cell = (r: SubnetRow) => render(<>{SUBNET_COLUMNS[0]!.cell(r, { expanded: false, onToggle: () => {} })}</>);

describe('subnet cell', () => {
  it('names the dissolved subnet, says it was dissolved and which subnet holds the netuid now', () => {
    cell(row({ name: 'New', symbol: 'ν', registeredAt: 28_000 }));
    expect(screen.getByRole('link').textContent).toBe('SN7 Old');
    const mark = screen.getByTestId('dissolved-7');
    expect(mark.textContent).toBe(' · dissolved');
    expect(mark.title).toContain('SN7 · New, registered at block 28,000, is another subnet');
  });

  it('has no mark for a subnet still at its netuid', () => {
    cell(row(null));
    expect(screen.queryByTestId('dissolved-7')).toBeNull();
  });
});
