// The Subnets table's subnet and price cells for a dissolved subnet (recorded, or its netuid another's now).
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TAO_UNIT } from '../app/Money';
import { SUBNET_COLUMNS } from './columns';
import type { SubnetRow } from './subnet-rows';

const row = (successor: SubnetRow['successor'], dissolved: SubnetRow['dissolved'] = null): SubnetRow => ({
  netuid: 7,
  name: 'Old',
  symbol: 'ο',
  successor,
  dissolved,
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
const cell = (r: SubnetRow, column = 0) =>
  render(<>{SUBNET_COLUMNS[column]!.cell(r, { expanded: false, onToggle: () => {} })}</>);

describe('subnet cell', () => {
  it('names the dissolved subnet, says it was dissolved and which subnet holds the netuid now', () => {
    cell(row({ name: 'New', symbol: 'ν', registeredAt: 28_000 }));
    expect(screen.getByRole('link').textContent).toBe('SN7 Old');
    const mark = screen.getByTestId('dissolved-7');
    expect(mark.textContent).toBe(' · dissolved');
    expect(mark.title).toContain('SN7 · New, registered at block 28,000, is another subnet');
  });

  it('says a subnet whose dissolution is recorded was dissolved, and when', () => {
    const d = { blockNumber: 15_001, timestamp: Date.UTC(2026, 11, 5, 12) };
    cell(row(null, d));
    const mark = screen.getByTestId('dissolved-7');
    expect(mark.textContent).toBe(' · dissolved');
    expect(mark.title).toBe(
      'Dissolved at block 15,001 (2026-12-05 12:00 UTC); its α was paid out in TAO. It has no price or pool since.',
    );
  });

  it('shows a dissolved subnet’s price as none, with when it was dissolved in place of its changes', () => {
    cell(row(null, { blockNumber: 15_001, timestamp: Date.UTC(2026, 11, 5, 12) }), 1);
    const when = screen.getByTestId('price-dissolved-7');
    expect(when.textContent).toBe('dissolved');
    expect(when.title).toBe('Dissolved at block 15,001 (2026-12-05 12:00 UTC)');
    expect(screen.queryByText('%', { exact: false })).toBeNull();
  });

  it('has no mark for a subnet still at its netuid', () => {
    cell(row(null));
    expect(screen.queryByTestId('dissolved-7')).toBeNull();
  });
});
