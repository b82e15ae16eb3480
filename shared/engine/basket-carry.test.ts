// A swap carries a basket position whole (./baskets, docs/chain/baskets.md#claims): a hotkey swap moves the
// fund to the new hotkey, a coldkey swap between tracked wallets moves the watermark to the new coldkey. A
// swap is a rename, so the history goes with the position (TAO in/out, income, realized, records) and per
// position realized + unrealized + income = total return across it. Hand-worked, amounts in rao.
import { describe, expect, it } from 'vitest';
import { computeBaskets, type BasketSnapshot } from './baskets';
import { basketFlows } from './basket-totals';
import type { PositionEffect, StakeEvent } from './ledger';
import type { BasketIncomeTiming } from '../vocab';
import type { RewardTreatment } from './state';

function ev(
  kind: StakeEvent['kind'],
  block: number,
  index: number,
  cold: string,
  hot: string | null,
  tao: bigint,
  alpha = 0n,
  fee = 0n,
  to: string | null = null,
): StakeEvent {
  return {
    blockNumber: block,
    blockHash: `0x${block}`,
    timestamp: block * 12_000,
    specVersion: 475,
    extrinsicIndex: 1,
    eventIndex: index,
    kind,
    coldkey: cold,
    counterpartyColdkey: to,
    hotkey: hot,
    netuid: hot === null ? null : 0,
    destHotkey: null,
    destNetuid: null,
    tao,
    alpha,
    fee,
    feeUnit: 'tao',
  };
}
const snap = (block: number, coldkey: string, rows: [string, bigint, bigint][]): BasketSnapshot => ({
  blockNumber: block,
  timestamp: block * 12_000,
  coldkey,
  rows: rows.map(([hotkey, shares, value]) => ({ hotkey, shares, value })),
});
const rootEffect = (hotkey: string, alpha: bigint): PositionEffect => ({
  blockNumber: 250,
  timestamp: 250 * 12_000,
  eventIndex: 2,
  kind: 'HotkeySwapped',
  coldkey: 'C',
  hotkey,
  netuid: 0,
  alpha,
  tao: 0n,
});
const figs = (r: ReturnType<typeof computeBaskets>, key: string) => {
  const f = r.positions.find((p) => p.key === key)!.figures;
  return {
    taoIn: f.taoIn,
    taoOut: f.taoOut,
    value: f.value,
    costBasis: f.costBasis,
    realized: f.realized,
    unrealized: f.unrealized,
    income: f.income,
    totalReturn: f.totalReturn,
  };
};
const ZERO = {
  taoIn: 0n,
  taoOut: 0n,
  value: 0n,
  costBasis: 0n,
  realized: 0n,
  unrealized: 0n,
  income: 0n,
  totalReturn: 0n,
};

// C buys 9,000 shares of V's fund for 10,000 (fee 500: worth 9,500). Block 200: 9,900 shares worth 11,000,
// so the 900 new are worth 11,000 × 900 / 9,900 = 1,000 (income; at accrual the basis becomes 11,000).
// Block 250: V is swapped to V2 (the root effects pair V, α out, with V2, α in). Block 300: V2's fund,
// 9,900 shares, is worth 10,500. Block 400: a claim on V2 pays 10,400.
const hotkeyEvents = [
  ev('BasketStakedIn', 100, 3, 'C', 'V', 10_000n, 9_000n, 500n),
  ev('BasketClaimed', 400, 6, 'C', 'V2', 10_400n),
];
const hotkeySnaps = [
  snap(100, 'C', [['V', 9_000n, 9_500n]]),
  snap(200, 'C', [['V', 9_900n, 11_000n]]),
  snap(300, 'C', [['V2', 9_900n, 10_500n]]),
  snap(400, 'C', []),
];
const hotkeySwap = (timing: BasketIncomeTiming, asOfBlock?: number, rewards?: RewardTreatment) =>
  computeBaskets(hotkeyEvents, hotkeySnaps, {
    timing,
    trackedColdkeys: new Set(['C']),
    effects: [rootEffect('V', -5n), rootEffect('V2', 5n)],
    ...(rewards ? { rewards } : {}),
    ...(asOfBlock ? { asOfBlock } : {}),
  });

describe('a hotkey swap carries the fund position with its history', () => {
  it('before the claim: V2 holds TAO in 10,000 and income 1,000; 500 = 0 − 500 + 1,000; V is empty', () => {
    const r = hotkeySwap('accrual', 300);
    // value 10,500 − basis 11,000 = −500 unrealized; total return 10,500 − 10,000 = 500.
    expect(figs(r, 'C|V2')).toEqual({
      ...ZERO,
      taoIn: 10_000n,
      value: 10_500n,
      costBasis: 11_000n,
      unrealized: -500n,
      income: 1_000n,
      totalReturn: 500n,
    });
    expect(figs(r, 'C|V')).toEqual(ZERO);
    // The purchase's fee (10,000 − 9,500) goes along too.
    expect(r.positions.map((p) => [p.key, p.figures.fees])).toEqual([
      ['C|V', 0n],
      ['C|V2', 500n],
    ]);
    // At claim timing the 1,000 waits (deferred, not in the basis): 500 = 0 + 500 + 0.
    const c = hotkeySwap('claim', 300);
    expect(figs(c, 'C|V2')).toEqual({
      ...ZERO,
      taoIn: 10_000n,
      value: 10_500n,
      costBasis: 10_000n,
      unrealized: 500n,
      totalReturn: 500n,
    });
    expect(c.positions.find((p) => p.key === 'C|V2')!.figures.deferredIncome).toBe(1_000n);
  });

  it('after the claim on V2: realized 10,400 − 11,000 = −600; 400 = −600 + 0 + 1,000 in both timings', () => {
    for (const timing of ['accrual', 'claim'] as const) {
      const r = hotkeySwap(timing);
      expect(figs(r, 'C|V2')).toEqual({
        ...ZERO,
        taoIn: 10_000n,
        taoOut: 10_400n,
        realized: -600n,
        income: 1_000n,
        totalReturn: 400n,
      });
      expect(figs(r, 'C|V')).toEqual(ZERO);
      // The records keep where they happened and name the position they now belong to.
      expect(r.records.map((x) => [x.kind, x.hotkey, x.position])).toEqual(
        timing === 'accrual'
          ? [
              ['purchase', 'V', 'C|V2'],
              ['income', 'V', 'C|V2'],
              ['claim', 'V2', 'C|V2'],
            ]
          : [
              ['purchase', 'V', 'C|V2'],
              ['income', 'V2', 'C|V2'],
              ['claim', 'V2', 'C|V2'],
            ],
      );
    }
    // The benchmarks buy and sell the one position: +10,000 at 100, −10,400 at 400.
    expect(basketFlows(hotkeySwap('accrual'))).toEqual([
      { key: 'C|V2', blockNumber: 100, tao: 10_000n },
      { key: 'C|V2', blockNumber: 400, tao: -10_400n },
    ]);
  });

  it('zero-basis rewards: basis 10,000, so realized 400 and total return 400 = 400 + 0 (income a memo)', () => {
    const f = figs(hotkeySwap('accrual', undefined, 'zero'), 'C|V2');
    expect([f.realized, f.unrealized, f.income, f.totalReturn]).toEqual([400n, 0n, 1_000n, 400n]);
  });
});

// Coldkey swap C → D, both tracked. C: the same purchase and dividend as above (basis 11,000, income 1,000).
// D already holds 1,000 shares of V bought for 1,100 (fee 0). Block 250: C is swapped to D; D's read lists
// V with 10,900 shares worth 11,600 (C's 9,900 worth 10,500 plus its own 1,100) and C's lists nothing.
const coldkeyEvents = [
  ev('BasketStakedIn', 100, 3, 'C', 'V', 10_000n, 9_000n, 500n),
  ev('BasketStakedIn', 150, 3, 'D', 'V', 1_100n, 1_000n),
  ev('ColdkeySwapped', 250, 1, 'C', null, 0n, 0n, 0n, 'D'),
];
const coldkeySnaps = [
  snap(100, 'C', [['V', 9_000n, 9_500n]]),
  snap(150, 'D', [['V', 1_000n, 1_100n]]),
  snap(200, 'C', [['V', 9_900n, 11_000n]]),
  snap(200, 'D', [['V', 1_000n, 1_100n]]),
  snap(250, 'C', []),
  snap(250, 'D', [['V', 10_900n, 11_600n]]),
];

describe('a coldkey swap between tracked wallets carries the fund position with its history', () => {
  it('D|V: TAO in 11,100, basis 12,100, value 11,600: 500 = 0 − 500 + 1,000; C|V is empty; either read order', () => {
    for (const snaps of [coldkeySnaps, [...coldkeySnaps.slice(0, 4), coldkeySnaps[5]!, coldkeySnaps[4]!]]) {
      const r = computeBaskets(coldkeyEvents, snaps, { timing: 'accrual', trackedColdkeys: new Set(['C', 'D']) });
      expect(figs(r, 'D|V')).toEqual({
        ...ZERO,
        taoIn: 11_100n,
        value: 11_600n,
        costBasis: 12_100n,
        unrealized: -500n,
        income: 1_000n,
        totalReturn: 500n,
      });
      expect(figs(r, 'C|V')).toEqual(ZERO);
      expect(r.positions.find((p) => p.key === 'D|V')!.figures.sharesBought).toBe(10_000n);
      expect(r.records.every((x) => x.position === 'D|V')).toBe(true);
      expect(r.total.totalReturn).toBe(500n);
    }
  });
});
