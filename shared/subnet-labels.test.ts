// Names per lifetime of a netuid: a netuid registered again is another subnet, and what was held there
// before keeps the earlier subnet's name and token symbol.
import { describe, expect, it } from 'vitest';
import { SubnetLabelBook, earlierSymbols, rowDissolution, rowLabel, type SubnetLabel } from './subnet-labels';

// Netuid 7: a subnet recorded before registration blocks were kept (from null), then one registered at
// 1,000, dissolved, and a newcomer registered at 5,000 without a name recorded. Netuid 8: one genesis subnet.
const labels: SubnetLabel[] = [
  { netuid: 8, name: 'Eight', symbol: 'θ', from: 0 },
  { netuid: 7, name: null, symbol: 'ν', from: 5_000 },
  { netuid: 7, name: 'Before', symbol: null, from: null },
  { netuid: 7, name: 'Old', symbol: 'ο', from: 1_000 },
];
const book = new SubnetLabelBook(labels);

describe('subnet labels per lifetime', () => {
  it('a block is in the latest lifetime begun by then; one before all of them in the earliest', () => {
    expect(book.latest(7)?.from).toBe(5_000);
    expect([0, 999, 1_000, 4_999, 5_000, 9_000].map((b) => book.at(7, b)?.from)).toEqual([
      null,
      null,
      1_000,
      1_000,
      5_000,
      5_000,
    ]);
    expect(book.at(8, 3)?.name).toBe('Eight');
    expect(book.at(9, 3)).toBeUndefined();
  });

  it('a row is named after the subnet its positions were last in, with the one there now when it is another', () => {
    // Everything done before the newcomer: the dissolved subnet's name and symbol, the newcomer beside them.
    expect(rowLabel(book, 7, 4_200, 9_000)).toEqual({
      name: 'Old',
      symbol: 'ο',
      successor: { name: null, symbol: 'ν', registeredAt: 5_000 },
    });
    // A change in the newcomer's lifetime, or none at all: the newcomer's.
    expect(rowLabel(book, 7, 5_100, 9_000)).toEqual({ name: null, symbol: 'ν', successor: null });
    expect(rowLabel(book, 7, null, 9_000)).toEqual({ name: null, symbol: 'ν', successor: null });
    // As of a block before the newcomer, the old subnet is the one there.
    expect(rowLabel(book, 7, 4_200, 4_500)).toEqual({ name: 'Old', symbol: 'ο', successor: null });
    // The earliest lifetime has no registration block: it is never a successor.
    expect(rowLabel(book, 7, 500, 900)).toEqual({ name: 'Before', symbol: null, successor: null });
    expect(rowLabel(book, 8, 10, 9_000)).toEqual({ name: 'Eight', symbol: 'θ', successor: null });
    expect(rowLabel(book, 9, 10, 9_000)).toEqual({ name: null, symbol: null, successor: null });
  });

  it('an entry in an earlier lifetime carries that subnet’s symbol (null: none recorded)', () => {
    expect(earlierSymbols(book, 4_200, [7, 8])).toEqual({ 7: 'ο' });
    expect(earlierSymbols(book, 500, [7])).toEqual({ 7: null });
    expect(earlierSymbols(book, 6_000, [7, 8])).toBeUndefined();
    expect(earlierSymbols(book, 6_000, [9])).toBeUndefined();
  });
});

describe('a recorded dissolution', () => {
  // Netuid 7's "Old" paid out at 3,000 (the newcomer registered at 5,000); netuid 8's at 2,000 and 2,500.
  const paid = [
    { netuid: 7, blockNumber: 3_000, timestamp: 30 },
    { netuid: 8, blockNumber: 2_000, timestamp: 20 },
    { netuid: 8, blockNumber: 2_500, timestamp: 25 },
  ];
  const none = { lastActivity: null, lastSnapshot: null };
  it('is the latest at or before the view’s block', () => {
    expect(rowDissolution(book, paid, 8, 9_000, none)).toEqual({ blockNumber: 2_500, timestamp: 25 });
    expect(rowDissolution(book, paid, 8, 2_200, none)).toEqual({ blockNumber: 2_000, timestamp: 20 });
    expect(rowDissolution(book, paid, 8, 1_999, none)).toBeNull();
    expect(rowDissolution(book, paid, 9, 9_000, none)).toBeNull();
  });

  it('is none once the netuid lives on: a later lifetime, a later snapshot or later activity there', () => {
    expect(rowDissolution(book, paid, 7, 4_999, none)).toEqual({ blockNumber: 3_000, timestamp: 30 });
    expect(rowDissolution(book, paid, 7, 5_000, none)).toBeNull(); // the newcomer: rowLabel's successor
    expect(rowDissolution(book, paid, 8, 9_000, { lastActivity: 2_500, lastSnapshot: 2_500 })).not.toBeNull();
    expect(rowDissolution(book, paid, 8, 9_000, { lastActivity: null, lastSnapshot: 2_501 })).toBeNull();
    expect(rowDissolution(book, paid, 8, 9_000, { lastActivity: 2_600, lastSnapshot: null })).toBeNull();
  });
});
