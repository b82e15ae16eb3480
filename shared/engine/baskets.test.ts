// Basket positions (./baskets, docs/chain/baskets.md): hand-worked purchase → dividend → price fall →
// claim with dust, at accrual and at claim; the 441 migration grant and an unexplained loss of shares; a
// fund's first dividends valued from BasketTwr since the read that listed none, and those a claim's own flush
// credited;
// the claim's root leg in the ledger; and the totals adding up under both timings on random histories.
import { describe, expect, it } from 'vitest';
import { computeBaskets, type BasketSnapshot } from './baskets';
import { normalizeEvents } from './normalize';
import { basketTaxRowOf, fundCurrency } from './tax-rows';
import { coinTrackerCsv, koinlyCsv } from './exports';
import { PriceBook } from './prices';
import type { StakeEvent } from './ledger';
import type { BasketIncomeTiming } from '../vocab';
import { DividendBook } from './basket-dividends';
import { TWR_ONE } from './analytics/fund-index';
import { cp } from './testing/fixtures';

const C = 'cold';
const H = 'validator';
const tracked = new Set([C]);

function ev(kind: StakeEvent['kind'], block: number, index: number, tao: bigint, alpha = 0n, fee = 0n): StakeEvent {
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
    tao,
    alpha,
    fee,
    feeUnit: 'tao',
  };
}
const snap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: block * 12_000,
  coldkey: C,
  rows: shares === 0n ? [] : [{ hotkey: H, shares, value }],
});

// Buy 9,000 shares for 10,000 rao (the purchase added 9,500 of NAV: fee 500); dividends add 900 shares
// worth 1,000; the fund's holdings fall to 9,900; a claim pays 9,801 and forfeits 99 of dust.
const events = [
  ev('BasketStakedIn', 100, 3, 10_000n, 9_000n, 500n),
  ev('BasketClaimDustSkipped', 400, 5, 99n),
  ev('BasketClaimed', 400, 6, 9_801n),
  ev('RootClaimed', 400, 7, 9_801n),
];
const snapshots = [snap(100, 9_000n, 9_500n), snap(200, 9_900n, 11_000n), snap(300, 9_900n, 9_900n), snap(400, 0n, 0n)];
const run = (timing: BasketIncomeTiming, asOfBlock?: number) =>
  computeBaskets(events, snapshots, { timing, trackedColdkeys: tracked, ...(asOfBlock ? { asOfBlock } : {}) }).total;

describe('basket shares of validator H', () => {
  it('at accrual: dividends are income when they appear, the claim realizes against the basis', () => {
    // Block 300: basis = 10,000 paid + 1,000 income (900 new shares × 11,000 / 9,900 = 1,000).
    const mid = run('accrual', 300);
    expect([mid.shares, mid.value, mid.costBasis, mid.income, mid.unrealized]).toEqual([
      9_900n,
      9_900n,
      11_000n,
      1_000n,
      9_900n - 11_000n,
    ]);
    expect(mid.totalReturn).toBe(9_900n - 10_000n);
    // The claim: 9,801 paid + 99 forfeited = 9,900. Dust takes 11,000 × 99 / 9,900 = 110 of the basis and
    // 9,900 × 99 / 9,900 = 99 shares; the paid part realizes 9,801 − 10,890 = −1,089; the dust −110.
    const end = run('accrual');
    expect(end.realized).toBe(-1_089n - 110n);
    expect(end.dustLoss).toBe(110n);
    expect(end.forfeitedEstimate).toBe(99n);
    expect([end.shares, end.value, end.costBasis, end.taoIn, end.taoOut, end.claims]).toEqual([
      0n,
      0n,
      0n,
      10_000n,
      9_801n,
      1,
    ]);
    // total return = 0 + 9,801 − 10,000 = −199 = realized −1,199 + unrealized 0 + income 1,000.
    expect(end.totalReturn).toBe(-199n);
    expect(end.realized + end.unrealized + end.income).toBe(end.totalReturn);
  });

  it('at claim: the accrued value waits, then is income at the claim; the total return is the same', () => {
    const mid = run('claim', 300);
    expect([mid.costBasis, mid.income, mid.deferredIncome, mid.unrealized]).toEqual([10_000n, 0n, 1_000n, -100n]);
    expect(mid.totalReturn).toBe(-100n);
    expect(mid.realized + mid.unrealized + mid.income).toBe(mid.totalReturn);
    const end = run('claim');
    expect([end.income, end.deferredIncome, end.realized, end.totalReturn]).toEqual([1_000n, 0n, -1_199n, -199n]);
    const records = computeBaskets(events, snapshots, { timing: 'claim', trackedColdkeys: tracked }).records;
    expect(records.map((r) => [r.kind, r.blockNumber, r.tao, r.shares, r.income, r.realized])).toEqual([
      ['purchase', 100, 10_000n, 9_000n, 0n, 0n],
      ['income', 400, 1_000n, 900n, 1_000n, 0n],
      ['claim', 400, 9_801n, -(9_900n - 99n), 0n, -1_089n],
      ['dust', 400, 99n, -99n, 0n, -110n],
    ]);
  });

  it('the 441 migration grant is income at accrual; shares that vanish unexplained leave with their basis', () => {
    // 500 shares worth 450 appear (no event): income 450. Later 100 shares are gone without an event:
    // 450 × 100 / 500 = 90 of basis leaves as a realized loss.
    const r = computeBaskets([], [snap(8_000, 500n, 450n), snap(9_000, 400n, 380n)], {
      timing: 'accrual',
      trackedColdkeys: tracked,
    }).total;
    expect([r.income, r.sharesAccrued, r.unexplainedShares, r.realized, r.costBasis, r.unrealized]).toEqual([
      450n,
      500n,
      100n,
      -90n,
      360n,
      20n,
    ]);
    expect(r.totalReturn).toBe(380n);
    expect(r.realized + r.unrealized + r.income).toBe(r.totalReturn);
  });

  it('a fund first listed after a read that showed none: its first shares are valued from BasketTwr since that read', () => {
    // Root stake 1,000 TAO on H from block 90; the read at 100 lists no fund (owed nothing), the one at 200
    // lists 19,000 shares worth 21,000 rao. BasketTwr grew by 1e-5 twice in between: the deposits credited
    // s × ln((1 + 1e-5)²) ≈ 19,999,900 rao, not the snapshot's 21,000.
    const t1 = TWR_ONE + TWR_ONE / 100_000n;
    const t2 = t1 + t1 / 100_000n;
    const readings = [100, 200].map((b, i) => ({ blockNumber: b, hotkey: H, twr: i === 0 ? TWR_ONE : t2 }));
    const book = new DividendBook(readings, [cp(90, 1_000n * 1_000_000_000n, { cold: C, hot: H, netuid: 0 })]);
    const income = (snaps: BasketSnapshot[]) =>
      computeBaskets([], snaps, { timing: 'accrual', trackedColdkeys: tracked, dividends: book }).total.income;
    expect(income([snap(100, 0n, 0n), snap(200, 19_000n, 21_000n)])).toBe(book.credited(C, H, 100, 200));
    expect(book.credited(C, H, 100, 200)).toBe(19_999_900n);
    // Without the earlier read nothing says since when: the snapshot's value.
    expect(income([snap(200, 19_000n, 21_000n)])).toBe(21_000n);
  });

  it("a claim's own flush: what it credited since the last read is income before the claim, not a gain in it", () => {
    // 1,000 TAO of root stake; 10,000 shares worth 10,000 at block 100. The claim at 200 flushes one deposit
    // (BasketTwr × (1 + 1e-5)) and pays 10,010,000: ≈ 9,999,950 of it is that deposit's credit (income), the
    // rest a realized gain on the 10,000 of basis.
    const t1 = TWR_ONE + TWR_ONE / 100_000n;
    const readings = [100, 200].map((b, i) => ({ blockNumber: b, hotkey: H, twr: i === 0 ? TWR_ONE : t1 }));
    const book = new DividendBook(readings, [cp(90, 1_000n * 1_000_000_000n, { cold: C, hot: H, netuid: 0 })]);
    const claim = [ev('BasketClaimed', 200, 4, 10_010_000n)];
    const run = (after: BasketSnapshot, timing: BasketIncomeTiming = 'accrual') =>
      computeBaskets(claim, [snap(100, 10_000n, 10_000n), after], { timing, trackedColdkeys: tracked, dividends: book })
        .total;
    const flushed = book.credited(C, H, 100, 200)!;
    expect(flushed).toBe(9_999_950n);
    for (const timing of ['accrual', 'claim'] as const) {
      const r = run(snap(200, 0n, 0n), timing);
      expect([r.income, r.realized, r.taoOut]).toEqual([10_000n + flushed, 10_000_000n - flushed, 10_010_000n]);
    }
    // A read after the claim that still lists the fund (a flush after the claim, on the new root stake):
    // the interval is not the claim's alone, so the claim's TAO stays its proceeds.
    const later = run(snap(200, 5n, 5n));
    expect([later.income, later.realized]).toEqual([10_005n, 10_000_000n]);
    // One share left is the claim's own root-stake rebase (its floor), not a flush (at least the claim
    // threshold): the deposit is still income before the claim (basket475 seed 40, block 11,903).
    const rebased = run(snap(200, 1n, 0n));
    expect([rebased.income, rebased.realized]).toEqual([10_000n + flushed, 10_000_000n - flushed]);
  });

  it('only BasketClaimed gives a root leg: the 397–424 mechanics events with TAO and a hotkey give no entry', () => {
    const kinds = ['AddStakeBurn', 'HotkeySwapped', 'HotkeySwappedOnSubnet', 'ColdkeySwapped', 'StakeLocked'] as const;
    const mechanics = kinds.map((k, i) => ({ ...ev(k, 500 + i, 0, 5_000n, 5_000n), netuid: 3 }));
    expect(normalizeEvents(mechanics, { trackedColdkeys: tracked, prices: new PriceBook([]) })).toEqual([]);
  });

  it('a claim stakes its TAO on root: the root position acquires it at that cost (no income, no friction)', () => {
    const ledger = normalizeEvents(events, { trackedColdkeys: tracked, prices: new PriceBook([]) });
    expect(ledger.map((e) => [e.kind, e.blockNumber])).toEqual([['basket-claim', 400]]);
    const leg = ledger[0]!.firstLeg;
    expect([leg.hotkey, leg.netuid, leg.alpha, leg.tao, leg.basis, leg.spotTao]).toEqual([
      H,
      0,
      9_801n,
      9_801n,
      'trade',
      9_801n,
    ]);
  });

  it('exports a purchase, the dividends, the claim and the dust as Koinly / CoinTracker rows', () => {
    const fund = fundCurrency(H);
    for (const timing of ['accrual', 'claim'] as const) {
      const records = computeBaskets(events, snapshots, { timing, trackedColdkeys: tracked }).records;
      const rows = records.map(basketTaxRowOf).filter((r) => r !== null);
      expect(
        rows.map((r) => [r.label, r.sentAmount, r.sentCurrency, r.receivedAmount, r.receivedCurrency, r.worthTao]),
      ).toEqual([
        ['trade', 10_000n, 'TAO', 9_000n, fund, 10_000n],
        // the 900 new shares are a reward worth 1,000: at accrual when seen (block 200), at claim with the claim
        ['reward', null, '', 900n, fund, 1_000n],
        ['trade', 9_801n, fund, 9_801n, 'SN0', 9_801n],
        ['lost', 99n, fund, null, '', 99n],
      ]);
      expect(rows[1]!.timestamp).toBe((timing === 'accrual' ? 200 : 400) * 12_000);
    }
    const rows = computeBaskets(events, snapshots, { timing: 'accrual', trackedColdkeys: tracked })
      .records.map(basketTaxRowOf)
      .filter((r) => r !== null);
    expect(koinlyCsv(rows).split(/\r?\n/)[2]).toBe(
      `1970-01-01 00:40,,,0.000000900,${fund},,,,,reward,fund income ${H} block 200,`,
    );
    expect(coinTrackerCsv(rows).split(/\r?\n/)[3]).toContain(`0.000009801,SN0,0.000009801,${fund}`);
  });

  it('adds up under both timings on random histories, with the same total return', () => {
    let seed = 7n;
    const next = (max: bigint) => {
      seed = (seed * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % (1n << 63n);
      return (seed >> 16n) % max;
    };
    for (let round = 0; round < 200; round++) {
      const es: StakeEvent[] = [];
      const ss: BasketSnapshot[] = [];
      let shares = 0n;
      for (let b = 1; b <= 30; b++) {
        const roll = next(10n);
        if (roll < 3n) {
          const bought = 1n + next(10_000n);
          const tao = bought + next(500n);
          es.push(ev('BasketStakedIn', b, 1, tao, bought, next(tao)));
          shares += bought;
        } else if (roll < 4n && shares > 0n) {
          const dust = next(3n) === 0n ? next(100n) : 0n;
          if (dust > 0n) es.push(ev('BasketClaimDustSkipped', b, 1, dust));
          es.push(ev('BasketClaimed', b, 2, 1n + next(20_000n)));
          shares = 0n;
        }
        // dividends, unexplained losses and price moves, seen at the block's snapshot
        const drift = next(5n) === 0n ? -next(shares / 10n + 1n) : next(800n);
        shares = shares + drift > 0n ? shares + drift : 0n;
        ss.push(snap(b, shares, (shares * (500n + next(1_000n))) / 1_000n));
      }
      const [a, c] = (['accrual', 'claim'] as const).map(
        (timing) => computeBaskets(es, ss, { timing, trackedColdkeys: tracked }).total,
      );
      for (const t of [a!, c!]) expect(t.realized + t.unrealized + t.income).toBe(t.totalReturn);
      expect(c!.totalReturn).toBe(a!.totalReturn);
      // Deferred value lost with unexplained shares never becomes income at claim timing.
      expect(c!.income + c!.deferredIncome <= a!.income).toBe(true);
    }
  });
});
