// BasketAlphaWrittenOff (docs/chain/baskets.md#dust-and-write-offs) needs no record of its own: before
// the claim the terminal row has no realizable value, so the position already shows it as an unrealized
// loss; the claim burns every owed share, and the written-off slice pays no TAO, so the claim realizes
// exactly that loss, once. (Sync stores no row for the event: main/sync/basket-era-events.test.ts.)
import { describe, expect, it } from 'vitest';
import { computeBaskets, type BasketSnapshot } from './baskets';
import type { StakeEvent } from './ledger';

const C = 'cold';
const H = 'validator';

const ev = (kind: StakeEvent['kind'], block: number, index: number, tao: bigint, alpha = 0n): StakeEvent => ({
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
  tao,
  alpha,
  fee: 0n,
  feeUnit: 'tao',
});
const snap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: block * 12_000,
  coldkey: C,
  rows: shares === 0n ? [] : [{ hotkey: H, shares, value }],
});

describe('a write-off inside a claim', () => {
  // 10,000 shares bought for 10,000 rao; 40 % of the fund then sits on a pool too shallow to sell (its
  // realizable value is 0: the fund is worth 6,000); the claim writes that slice off and pays 6,000.
  const events = [
    ev('BasketStakedIn', 100, 3, 10_000n, 10_000n),
    ev('BasketClaimed', 400, 6, 6_000n),
    ev('RootClaimed', 400, 7, 6_000n),
  ];
  const snapshots = [snap(100, 10_000n, 10_000n), snap(300, 10_000n, 6_000n), snap(400, 0n, 0n)];
  const total = (asOfBlock?: number) =>
    computeBaskets(events, snapshots, {
      timing: 'accrual',
      trackedColdkeys: new Set([C]),
      ...(asOfBlock ? { asOfBlock } : {}),
    }).total;

  it('is an unrealized loss before the claim and a realized loss of 4,000 at it, counted once', () => {
    expect([total(300).unrealized, total(300).realized]).toEqual([-4_000n, 0n]);
    const end = total();
    expect([end.realized, end.unrealized, end.income, end.costBasis, end.shares]).toEqual([-4_000n, 0n, 0n, 0n, 0n]);
    expect(end.totalReturn).toBe(-4_000n);
  });
});
