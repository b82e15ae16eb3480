import { describe, expect, it } from 'vitest';
import {
  activityFacets,
  filterEntries,
  parseSearch,
  sortEntries,
  toActivityRow,
  type ActivityFilter,
} from './activity';
import { normalizeEvents, type LedgerEntry } from './engine';
import { A, TAO, ev, tsOf } from './engine/testing/fixtures';

// C1 and C2 are tracked; X is not. One entry of each interesting shape, in ledger order.
const events = [
  ev('StakeAdded', { block: 10, idx: 1, hot: 'H1', netuid: 1, tao: 10n * TAO, alpha: 5n * A }),
  ev('StakeAdded', { block: 20, idx: 1, cold: 'C2', hot: 'H2', netuid: 2, tao: 3n * TAO, alpha: 9n * A }),
  // A swap SN1 → SN2: removed, added, summary: one entry with two legs.
  ev('StakeRemoved', { block: 30, idx: 1, hot: 'H1', netuid: 1, tao: 2n * TAO, alpha: A }),
  ev('StakeAdded', { block: 30, idx: 2, hot: 'H1', netuid: 2, tao: 2n * TAO, alpha: 6n * A }),
  ev('StakeSwapped', { block: 30, idx: 3, hot: 'H1', netuid: 1, destNet: 2, tao: 2n * TAO }),
  ev('StakeRemoved', { block: 40, idx: 1, hot: 'H1', netuid: 1, tao: 4n * TAO, alpha: 2n * A }),
  // A transfer to an untracked coldkey X.
  ev('StakeRemoved', { block: 50, idx: 1, cold: 'C2', hot: 'H2', netuid: 2, tao: TAO, alpha: 3n * A }),
  ev('StakeAdded', { block: 50, idx: 2, cold: 'X', hot: 'H2', netuid: 2, tao: TAO, alpha: 3n * A }),
  ev('StakeTransferred', { block: 50, idx: 3, cold: 'C2', counter: 'X', hot: 'H2', netuid: 2, destNet: 2, tao: TAO }),
];
const claims = [
  {
    blockNumber: 60,
    timestamp: tsOf(60),
    coldkey: 'C1',
    hotkey: 'HROOT',
    netuid: 1,
    mode: 'keep' as const,
    alpha: 7n * A,
    tao: 0n,
  },
];
const ledger: LedgerEntry[] = normalizeEvents(events, { trackedColdkeys: new Set(['C1', 'C2']), rootClaims: claims });
const seqs = (entries: LedgerEntry[]) => entries.map((e) => e.seq);
const kept = (filter: ActivityFilter) => seqs(filterEntries(ledger, filter));

describe('activity over the engine ledger', () => {
  it('has one entry per operation: a swap and a transfer are one row each, the root claim carries its α', () => {
    expect(ledger.map((e) => [e.kind, e.legs.length])).toEqual([
      ['buy', 1],
      ['buy', 1],
      ['swap', 2],
      ['sell', 1],
      ['transfer-out', 1],
      ['root-claim-keep', 1],
    ]);
    const claim = toActivityRow(ledger[5]!, (b) => ({ hash: `0xhash${b}`, specVersion: 424 }));
    expect(claim.legs[0]!.alpha).toBe(7n * A);
    expect(claim.claimedNetuid).toBe(1);
    // No source event: the hash and the runtime come from the block sync read (the detail said "Runtime —").
    expect([claim.blockHash, claim.specVersion]).toEqual(['0xhash60', 424]);
    const swap = toActivityRow(ledger[2]!, () => null);
    expect(swap.legs.map((l) => [l.netuid, l.alpha])).toEqual([
      [1, -A],
      [2, 6n * A],
    ]);
    expect(swap.sources.map((s) => [s.kind, s.eventIndex])).toEqual([
      ['StakeRemoved', 1],
      ['StakeAdded', 2],
      ['StakeSwapped', 3],
    ]);
    expect(swap.blockHash).toBe(events[2]!.blockHash);
    expect(swap.claimedNetuid).toBeNull();
  });

  it('filters by coldkey, subnet, kind and date range (from inclusive, to exclusive)', () => {
    expect(kept({})).toEqual([0, 1, 2, 3, 4, 5]);
    expect(kept({ coldkeys: ['C2'] })).toEqual([1, 4]);
    // A coldkey with nothing recorded keeps nothing (not everything).
    expect(kept({ coldkeys: ['C9'] })).toEqual([]);
    expect(kept({ netuids: [2] })).toEqual([1, 2, 4]);
    expect(kept({ kinds: ['sell', 'root-claim-keep'] })).toEqual([3, 5]);
    expect(kept({ from: tsOf(30), to: tsOf(50) })).toEqual([2, 3]);
    expect(kept({ coldkeys: ['C1'], netuids: [1], kinds: ['buy'] })).toEqual([0]);
  });

  it('searches a block, a block-extrinsic, a hash prefix, or part of a hotkey or coldkey', () => {
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch('#4,500,000')).toEqual({ type: 'block', block: 4_500_000, extrinsic: null });
    expect(parseSearch('30-1')).toEqual({ type: 'block', block: 30, extrinsic: 1 });
    expect(parseSearch('0xABC')).toEqual({ type: 'hash', prefix: '0xabc' });
    expect(parseSearch('5F4t')).toEqual({ type: 'key', text: '5f4t' });
    expect(kept({ search: '30' })).toEqual([2]);
    expect(kept({ search: '30-2' })).toEqual([]);
    expect(kept({ search: '0x0000001E' })).toEqual([2]); // block 30 = 0x1e
    expect(kept({ search: 'hroot' })).toEqual([5]);
    // The counterparty of a transfer out is found through its source event.
    expect(kept({ search: 'X' })).toEqual([4]);
    expect(kept({ search: 'H2', netuids: [2], kinds: ['buy'] })).toEqual([1]);
    // A validator's cached name matches too (any case); without the names the same text matches nothing.
    const names = new Map([['H2', 'Tensor Garden']]);
    expect(seqs(filterEntries(ledger, { search: 'garden' }, names))).toEqual([1, 4]);
    expect(kept({ search: 'garden' })).toEqual([]);
  });

  it('sorts newest first by default order and keeps ledger order within ties', () => {
    expect(seqs(sortEntries(ledger, { key: 'time', dir: 'desc' }))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(seqs(sortEntries(ledger, { key: 'time', dir: 'asc' }))).toEqual([0, 1, 2, 3, 4, 5]);
    // Labels: Root claim (keep), Stake (buy) ×2, Swap subnets, Transfer out, Unstake (sell).
    expect(seqs(sortEntries(ledger, { key: 'kind', dir: 'asc' }))).toEqual([5, 0, 1, 2, 4, 3]);
    // First-leg α: −3 (transfer out), −2 (sell), −1 (swap origin), 5, 7, 9.
    expect(seqs(sortEntries(ledger, { key: 'alpha', dir: 'asc' }))).toEqual([4, 3, 2, 0, 5, 1]);
    expect(seqs(sortEntries(ledger, { key: 'tao', dir: 'desc' }))).toEqual([0, 3, 1, 2, 4, 5]);
    expect(seqs(sortEntries(ledger, { key: 'subnet', dir: 'desc' }))).toEqual([4, 1, 5, 3, 2, 0]);
  });

  it('reports the subnets, kinds and time span present', () => {
    expect(activityFacets(ledger)).toEqual({
      netuids: [1, 2],
      kinds: ['buy', 'sell', 'swap', 'transfer-out', 'root-claim-keep'],
      firstTimestamp: tsOf(10),
      lastTimestamp: tsOf(60),
    });
    expect(activityFacets([])).toEqual({ netuids: [], kinds: [], firstTimestamp: null, lastTimestamp: null });
  });
});
