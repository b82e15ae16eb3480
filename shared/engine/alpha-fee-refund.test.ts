// Alpha-paid fees from 469 (docs/chain/mechanics.md#alpha-paid-fees-after-424, inferred): the α sold
// pre-dispatch, the unused part bought back after dispatch, and TransactionFeePaidWithAlpha net of it.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, StakeEvent } from './ledger';
import { normalizeEvents } from './normalize';
import { A, TAO, ev } from './testing/fixtures';

const norm = (events: StakeEvent[]): LedgerEntry[] => normalizeEvents(events, { trackedColdkeys: new Set(['C1']) });
const at = { block: 70, spec: 475 };
const feePaid = (idx: number, alpha: bigint, tao: bigint) =>
  ev('TransactionFeePaidWithAlpha', { ...at, idx, hot: null, netuid: 1, alpha, tao });

describe('an α fee with a buy-back of what the call did not use', () => {
  // Sold 3,000,000 α-rao for the fee; the call used 1,000,000 of it; 2,000,000 bought back.
  const sold = ev('StakeRemoved', { ...at, idx: 1, tao: 2_700_000n, alpha: 3_000_000n, fee: 0n });
  const call = ev('StakeRemoved', { ...at, idx: 2, tao: 4n * TAO, alpha: 2n * A, fee: 1_000_000n });
  const refund = ev('StakeAdded', { ...at, idx: 3, tao: 1_800_000n, alpha: 2_000_000n, fee: 0n });

  it('is one expense of the net α, the refund no purchase', () => {
    const es = norm([sold, call, refund, feePaid(4, 1_000_000n, 900_000n)]);
    expect(es.map((e) => [e.kind, e.sources.map((s) => s.eventIndex)])).toEqual([
      ['alpha-fee', [1, 3, 4]],
      ['sell', [2]],
    ]);
    expect(es[0]!.legs[0]).toMatchObject({ alpha: -1_000_000n, tao: 0n, fee: 900_000n, basis: 'expense' });
  });

  it('a fee-0 StakeAdded whose α does not complete the sale is left alone (a purchase)', () => {
    const other = { ...refund, alpha: 1_999_999n };
    const es = norm([sold, other, feePaid(4, 1_000_000n, 900_000n)]);
    expect(es.map((e) => [e.kind, e.legs[0]?.alpha])).toEqual([
      ['alpha-fee', -3_000_000n],
      ['buy', 1_999_999n],
    ]);
  });

  it('before 469 (no buy-back) the fee is the whole α sold', () => {
    const es = norm([
      { ...sold, specVersion: 424 },
      { ...feePaid(2, 3_000_000n, 2_700_000n), specVersion: 424 },
    ]);
    expect(es.map((e) => [e.kind, e.legs[0]?.alpha, e.legs[0]?.fee])).toEqual([['alpha-fee', -3_000_000n, 2_700_000n]]);
  });
});
