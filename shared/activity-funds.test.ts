// Basket records as Activity rows (./activity-funds): in one order with the ledger, a claim completing its
// ledger entry (one row), dust carrying its own chain event, filters, sorts, rows and the CSV lines, on a
// hand-worked purchase → dividends → claim with dust (the history of shared/engine/baskets.test.ts).
import { describe, expect, it } from 'vitest';
import {
  activityCsv,
  activityEntries,
  activityFacets,
  filterEntries,
  FundEntry,
  sortEntries,
  toActivityRow,
  type ActivityEntry,
} from './activity';
import {
  computeBaskets,
  eventsCsv,
  normalizeEvents,
  type BasketRecord,
  type BasketSnapshot,
  type StakeEvent,
} from './engine';
import { A, TAO } from './engine/testing/fixtures';
import { ACTIVITY_KIND_OF_FUND_RECORD, BASKET_RECORD_KINDS, type BasketRecordKind } from './vocab';

const C = 'cold';
const H = 'validator';

function ev(kind: StakeEvent['kind'], block: number, index: number, o: Partial<StakeEvent> = {}): StakeEvent {
  return {
    blockNumber: block,
    blockHash: `0x${block}`,
    timestamp: block * 12_000,
    specVersion: 475,
    extrinsicIndex: 1,
    eventIndex: index,
    kind,
    coldkey: C,
    counterpartyColdkey: null,
    hotkey: H,
    netuid: 0,
    destHotkey: null,
    destNetuid: null,
    tao: 0n,
    alpha: 0n,
    fee: 0n,
    feeUnit: 'tao',
    ...o,
  };
}
const snap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: block * 12_000,
  coldkey: C,
  rows: shares === 0n ? [] : [{ hotkey: H, shares, value }],
});
const stake = (block: number, index: number) =>
  ev('StakeAdded', block, index, { hotkey: 'H1', netuid: 1, tao: TAO, alpha: A });

// Buy 9,000 shares for 10,000 rao (fee 500); dividends add 900 shares worth 1,000; a claim pays 9,801 and
// forfeits 99 of dust. Subnet stakes before, between and after, in the same blocks.
const events = [
  stake(100, 1),
  ev('BasketStakedIn', 100, 3, { tao: 10_000n, alpha: 9_000n, fee: 500n }),
  stake(100, 5),
  stake(400, 2),
  ev('BasketClaimDustSkipped', 400, 5, { tao: 99n }),
  ev('BasketClaimed', 400, 6, { tao: 9_801n }),
  stake(400, 9),
];
const snapshots = [snap(100, 9_000n, 9_500n), snap(200, 9_900n, 11_000n), snap(400, 0n, 0n)];
const tracked = new Set([C]);
const ledger = normalizeEvents(events, { trackedColdkeys: tracked });
const records = computeBaskets(events, snapshots, { timing: 'accrual', trackedColdkeys: tracked }).records;
const entries = activityEntries(ledger, records, events);
const shape = (xs: readonly ActivityEntry[]) => xs.map((e) => `${e.kind}@${e.blockNumber}`);

describe('basket records in Activity', () => {
  it('lists every record once, in block and event order with the ledger; the claim completes its ledger entry', () => {
    expect(records.map((r) => r.kind)).toEqual(['purchase', 'income', 'claim', 'dust']);
    expect(shape(entries)).toEqual([
      'buy@100',
      'fund-purchase@100',
      'buy@100',
      'fund-income@200',
      'buy@400',
      'basket-claim@400',
      'fund-dust@400',
      'buy@400',
    ]);
    const claim = entries[5] as FundEntry;
    expect(claim).toBeInstanceOf(FundEntry);
    expect(claim.entry).toBe(ledger.find((e) => e.kind === 'basket-claim'));
    expect(claim.seq).toBe(claim.entry!.seq);
    // Rows of their own are numbered after the ledger, uniquely.
    const seqs = entries.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(entries[1]!.seq).toBe(ledger.length);
  });

  it('puts what the engine booked before a claim before its row: income at claim timing, a flush’s dividend', () => {
    const atClaim = computeBaskets(events, snapshots, { timing: 'claim', trackedColdkeys: tracked }).records;
    expect(atClaim.map((r) => [r.kind, r.source])).toEqual([
      ['purchase', '100-3'],
      ['income', '400-6'],
      ['claim', '400-6'],
      ['dust', '400-6'],
    ]);
    const after = ['buy@400', 'fund-income@400', 'basket-claim@400', 'fund-dust@400', 'buy@400'];
    expect(shape(activityEntries(ledger, atClaim, events)).slice(3)).toEqual(after);
    // A dividend credited by the claim's own flush has no event and no read: it sits where the engine
    // booked it, just before the claim, not after the block's events.
    const claimAt = records.findIndex((r) => r.kind === 'claim');
    const flushed = { ...records[claimAt]!, kind: 'income' as const, source: null, shares: 0n, tao: 7n, income: 7n };
    const withFlush = [...records.slice(0, claimAt), flushed, ...records.slice(claimAt)];
    expect(shape(activityEntries(ledger, withFlush, events)).slice(4)).toEqual(after);
  });

  it('shows the amounts the engine booked: shares, TAO, the purchase fee, the sources', () => {
    // A block's own runtime only where the entry has no event's: 999 is never shown here.
    const rows = entries.map((e) => toActivityRow(e, (b) => ({ hash: `0xhash${b}`, specVersion: 999 })));
    const purchase = rows[1]!;
    expect(purchase.legs).toEqual([]);
    expect(purchase.fund).toMatchObject({ record: 'purchase', shares: 9_000n, tao: 10_000n, fee: 500n, hotkey: H });
    expect(purchase.sources.map((s) => s.ref)).toEqual(['100-3']);
    expect([purchase.blockHash, purchase.extrinsicIndex, purchase.specVersion]).toEqual(['0x100', 1, 475]);
    const income = rows[3]!;
    expect(income.fund).toMatchObject({ record: 'income', shares: 900n, tao: 1_000n, income: 1_000n });
    // Read from a snapshot: no event, the block's hash from the blocks read.
    expect([income.sources, income.blockHash, income.extrinsicIndex]).toEqual([[], '0xhash200', null]);
    const claim = rows[5]!;
    expect(claim.legs.map((l) => [l.netuid, l.alpha, l.tao])).toEqual([[0, 9_801n, 9_801n]]);
    expect(claim.fund).toMatchObject({ record: 'claim', tao: 9_801n });
    const dust = rows[6]!;
    expect(dust.fund).toMatchObject({ record: 'dust', tao: 99n });
    expect(claim.fund!.shares + dust.fund!.shares).toBe(-9_900n);
    expect(dust.sources.map((s) => [s.kind, s.eventIndex])).toEqual([
      ['BasketClaimDustSkipped', 5],
      ['BasketClaimed', 6],
    ]);
  });

  it('filters by wallet, kind, subnet (a fund counts as root) and search; sorts by amounts', () => {
    const kinds = (f: Parameters<typeof filterEntries>[1]) => shape(filterEntries(entries, f));
    expect(kinds({ kinds: ['fund-purchase', 'fund-dust'] })).toEqual(['fund-purchase@100', 'fund-dust@400']);
    expect(kinds({ coldkeys: ['someone else'] })).toEqual([]);
    expect(filterEntries(entries, { coldkeys: [C] })).toHaveLength(entries.length);
    expect(kinds({ netuids: [1] })).toEqual(['buy@100', 'buy@100', 'buy@400', 'buy@400']);
    expect(kinds({ netuids: [0] })).toEqual([
      'fund-purchase@100',
      'fund-income@200',
      'basket-claim@400',
      'fund-dust@400',
    ]);
    expect(kinds({ search: 'valid' })).toEqual([
      'fund-purchase@100',
      'fund-income@200',
      'basket-claim@400',
      'fund-dust@400',
    ]);
    expect(kinds({ search: '200' })).toEqual(['fund-income@200']);
    expect(kinds({ search: '0x2' })).toEqual([]); // no event: no hash to match
    // The TAO column: a purchase's 10,000 rao is the smallest amount after the dust's 99 and the income's 1,000.
    expect(shape(sortEntries(entries, { key: 'tao', dir: 'asc' })).slice(0, 4)).toEqual([
      'fund-dust@400',
      'fund-income@200',
      'basket-claim@400',
      'fund-purchase@100',
    ]);
    expect(shape(sortEntries(entries, { key: 'time', dir: 'desc' }))).toEqual(shape(entries).reverse());
    const facets = activityFacets(entries);
    expect(facets.netuids).toEqual([0, 1]);
    expect(facets.kinds).toEqual(['buy', 'basket-claim', 'fund-purchase', 'fund-income', 'fund-dust']);
  });

  it('gives every record kind one row of its kind, a claim without a ledger entry its own basket-claim row', () => {
    const kinds = Object.keys(BASKET_RECORD_KINDS) as BasketRecordKind[];
    const made: BasketRecord[] = kinds.map((kind, i) => ({
      ...records[0]!,
      kind,
      blockNumber: 1_000 + i,
      timestamp: (1_000 + i) * 12_000,
      source: null,
      tao: BigInt(i + 1),
    }));
    const rows = activityEntries([], made, []).map((e) => toActivityRow(e, () => null));
    expect(rows.map((r) => [r.kind, r.fund!.record, r.fund!.tao, r.legs.length])).toEqual(
      kinds.map((kind, i) => [ACTIVITY_KIND_OF_FUND_RECORD[kind], kind, BigInt(i + 1), 0]),
    );
    expect(rows.find((r) => r.fund!.record === 'claim')!.kind).toBe('basket-claim');
    const basis = activityCsv(activityEntries([], made, []))
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[14]);
    expect(basis).toEqual(['trade', 'income', 'trade', 'expense', 'expense', 'trade', 'trade']);
  });

  it('exports a line per record beside the ledger lines; without records it is the ledger events CSV', () => {
    const lines = activityCsv(entries).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 8 + 1); // header, 8 entries, the claim's root leg and its shares
    expect(lines[2]).toBe(
      `${new Date(1_200_000).toISOString()},100,1,${ledger.length},fund-purchase,cold,validator,,0.000009000,0.000010000,0.000000500,tao,,fund-shares,trade,,100-3`,
    );
    const claimLines = lines.filter((l) => l.includes(',basket-claim,'));
    expect(claimLines.map((l) => l.split(',').slice(7, 10))).toEqual([
      ['0', '0.000009801', '0.000009801'],
      ['', '-0.000009801', '0.000009801'],
    ]);
    expect(activityCsv(activityEntries(ledger, [], events))).toBe(eventsCsv(ledger));
  });
});
