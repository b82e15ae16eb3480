// Limit orders filled one by one (≥423, docs/chain/mechanics.md#limit-orders-423-pallet-limitorders): the
// signer's stake event is the trade and OrderExecuted's fee (TAO sent to the fee recipient) is part of it.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, StakeEvent } from './ledger';
import { normalizeEvents } from './normalize';
import { A, TAO, ev } from './testing/fixtures';

const ORDER_FEE = 30_000_000n;
const norm = (events: StakeEvent[], tracked = ['C1']): LedgerEntry[] =>
  normalizeEvents(events, { trackedColdkeys: new Set(tracked) });
const order = (idx: number, tao: bigint, alpha: bigint) =>
  ({ ...ev('OrderExecuted', { block: 50, spec: 424, idx, tao, alpha, fee: ORDER_FEE }), feeUnit: 'tao' }) as StakeEvent;

describe('a limit order filled in the signer’s name', () => {
  it('buy: the order fee is paid on top of the TAO staked', () => {
    const es = norm([
      ev('StakeAdded', { block: 50, spec: 424, idx: 1, tao: 9_970_000_000n, alpha: 5n * A, fee: 5_000_000n }),
      order(3, 9_970_000_000n, 5n * A),
    ]);
    expect(es.map((e) => [e.kind, e.sources.map((s) => s.kind)])).toEqual([['buy', ['StakeAdded', 'OrderExecuted']]]);
    expect(es[0]!.legs[0]).toMatchObject({
      alpha: 5n * A,
      tao: 10n * TAO,
      fee: 5_000_000n + ORDER_FEE,
      feeUnit: 'tao',
    });
  });

  it('sell: the order fee comes off the proceeds', () => {
    const es = norm([
      ev('StakeRemoved', { block: 50, spec: 424, idx: 1, tao: 3n * TAO, alpha: 2n * A, fee: 1_000_000n }),
      order(3, 3n * TAO - ORDER_FEE, 2n * A),
    ]);
    expect(es.map((e) => e.kind)).toEqual(['sell']);
    expect(es[0]!.legs[0]).toMatchObject({ alpha: -2n * A - 1_000_000n, tao: 3n * TAO - ORDER_FEE });
  });

  it('another signer’s order in the same call leaves the tracked trade alone', () => {
    const es = norm([
      ev('StakeAdded', { block: 50, spec: 424, idx: 1, cold: 'S', tao: 4n * TAO, alpha: 2n * A }),
      { ...order(2, 4n * TAO, 2n * A), coldkey: 'S' },
      ev('StakeAdded', { block: 50, spec: 424, idx: 4, tao: 1n * TAO, alpha: 1n * A }),
    ]);
    expect(es.map((e) => [e.kind, e.legs[0]?.tao, e.sources.length])).toEqual([['buy', 1n * TAO, 1]]);
  });
});
