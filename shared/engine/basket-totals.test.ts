// Basket positions inside the portfolio's figures (./basket-totals, ./basket-benchmarks): the total,
// wallets and groups, the benchmarks and the daily series, hand-worked (1 TAO = 1e9 rao; M = 1e6 rao).
import { describe, expect, it } from 'vitest';
import { computePortfolio, FIAT_SCALE, type PortfolioInput } from './index';
import type { BasketSnapshot } from './baskets';
import type { RewardTreatment } from './state';
import type { BasketIncomeTiming } from '../vocab';
import { TAO, cp, ev, snap, tsOf } from './testing/fixtures';

const M = 1_000_000n;
const DAY = 7_200; // blocks per UTC day at 12 s
const bsnap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: tsOf(block),
  coldkey: 'C1',
  rows: shares === 0n ? [] : [{ hotkey: 'V', shares, value }],
});
const [B1, B2, B3, B4] = [DAY + 100, 2 * DAY + 100, 3 * DAY + 100, 4 * DAY + 100];

// Day 0, block 50: 10 α of SN1 bought for 10 TAO (price 1.0). Day 1: 9,000 M shares of V's fund bought for
// 10 TAO (fee 0.5: worth 9.5). Day 2: dividends, 9,900 M shares worth 11 TAO: the 900 M new are worth
// 11 × 900 / 9,900 = 1 TAO. Day 3: the fund falls to 9.9 TAO; SN1 rises to 1.2. Day 4: a claim pays 9.801
// TAO onto root under V and forfeits 0.099 of dust.
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 50, tao: 10n * TAO, alpha: 10n * TAO, spec: 475 }),
    ev('BasketStakedIn', {
      block: B1,
      hot: 'V',
      netuid: 0,
      tao: 10n * TAO,
      alpha: 9_000n * M,
      fee: 500n * M,
      spec: 475,
    }),
    ev('BasketClaimDustSkipped', { block: B4, idx: 5, hot: 'V', netuid: 0, tao: 99n * M, spec: 475 }),
    ev('BasketClaimed', { block: B4, idx: 6, hot: 'V', netuid: 0, tao: 9_801n * M, spec: 475 }),
    ev('RootClaimed', { block: B4, idx: 7, hot: null, netuid: null, tao: 9_801n * M, spec: 475 }),
  ],
  checkpoints: [...[B1, B2, B3, B4].map((b) => cp(b, 10n * TAO)), cp(B4, 9_801n * M, { hot: 'V', netuid: 0 })],
  snapshots: [snap(1, 1, TAO), snap(B3, 1, 1_200_000_000n)],
  baskets: [
    bsnap(B1, 9_000n * M, 9_500n * M),
    bsnap(B2, 9_900n * M, 11n * TAO),
    bsnap(B3, 9_900n * M, 9_900n * M),
    bsnap(B4, 0n, 0n),
  ],
};
const run = (rewards: RewardTreatment, basketIncome: BasketIncomeTiming, asOfBlock?: number) =>
  computePortfolio(input, {
    method: 'acb',
    rewards,
    basketIncome,
    walletGroups: { g: ['C1'] },
    series: { daily: true },
    ...(asOfBlock === undefined ? {} : { asOfBlock }),
  });

describe('basket positions in the portfolio total', () => {
  it('after the claim: SN1 12 + root 9.801 + fund 0; total return 1.801 = −1.199 realized + 2 unrealized + 1 income', () => {
    const r = run('income', 'accrual');
    const t = r.pnl.total.figures;
    expect(t.spotValue).toBe(21_801n * M);
    expect(t.exitValue).toBeGreaterThan(0n);
    // TAO in: SN1 10 + fund 10 + the claim's root acquisition 9.801; out: the claim's 9.801 (nets to 0).
    expect([t.taoIn, t.taoOut]).toEqual([29_801n * M, 9_801n * M]);
    expect(t.totalReturn).toBe(1_801n * M);
    // Fund: paid part realizes 9.801 − (11 − 0.11) = −1.089, the dust −0.11 (its share of the basis 11).
    expect([t.realized, t.unrealized, t.incomeTao]).toEqual([-1_199n * M, 2n * TAO, 1n * TAO]);
    expect(t.costBasis).toBe(10n * TAO + 9_801n * M);
    expect(r.pnl.wallets.map((w) => w.figures.totalReturn)).toEqual([1_801n * M]);
    expect(r.pnl.groups.map((g) => g.figures.spotValue)).toEqual([21_801n * M]);
    // Subnets stay subnets: SN1 and root only.
    expect(r.pnl.subnets.reduce((s, a) => s + a.figures.spotValue, 0n)).toBe(21_801n * M);
    expect(r.pnl.subnets.reduce((s, a) => s + a.figures.taoIn, 0n)).toBe(19_801n * M);
  });

  it('before the claim (day 3): the fund’s 9.9 is in the value; income at accrual 1 vs at claim 0, same return', () => {
    const acc = run('income', 'accrual', B3).pnl.total.figures;
    expect([acc.spotValue, acc.taoIn, acc.totalReturn]).toEqual([21_900n * M, 20n * TAO, 1_900n * M]);
    // SN1 +2 unrealized, fund 9.9 − basis 11 = −1.1
    expect([acc.realized, acc.unrealized, acc.incomeTao]).toEqual([0n, 900n * M, 1n * TAO]);
    const clm = run('income', 'claim', B3).pnl.total.figures;
    expect([clm.totalReturn, clm.realized, clm.unrealized, clm.incomeTao]).toEqual([1_900n * M, 0n, 1_900n * M, 0n]);
  });

  it('adds up in every mode: income treatment r + u + income, zero basis r + u (income a memo)', () => {
    for (const timing of ['accrual', 'claim'] as const) {
      for (const asOf of [B2, B3, undefined]) {
        const inc = run('income', timing, asOf).pnl.total.figures;
        expect(inc.realized + inc.unrealized + inc.incomeTao).toBe(inc.totalReturn);
        const zero = run('zero', timing, asOf).pnl.total.figures;
        expect(zero.realized + zero.unrealized).toBe(zero.totalReturn);
        expect(zero.totalReturn).toBe(inc.totalReturn);
      }
    }
    // Zero basis at the end: the fund's basis 10; dust takes 10 × 0.099 / 9.9 = 0.1; paid 9.801 − 9.9 = −0.099.
    expect(run('zero', 'accrual').pnl.total.figures.realized).toBe(-199n * M);
  });

  it('the benchmarks buy the fund purchase and the claim: Hold TAO 20, excess 1.801; the chart ends at the card', () => {
    const r = run('income', 'accrual');
    const hold = r.benchmarks!.total.holdTao;
    expect([hold.benchmarkValue, hold.betValue, hold.excess, hold.benchmarkGain]).toEqual([
      20n * TAO,
      21_801n * M,
      1_801n * M,
      0n,
    ]);
    // The purchase's fee (tao − value = 10 − 9.5) is friction: friction effect −0.5, in the total's friction.
    // price effect = excess + gain − emission − friction effect = 1.801 − 1 + 0.5 = 1.301 (SN1 +2, fund −0.699)
    expect([hold.priceEffect, hold.emissionEffect, hold.frictionEffect]).toEqual([1_301n * M, 1n * TAO, -500n * M]);
    expect(r.pnl.total.figures.friction).toBe(500n * M);
    // The fund alone: the benchmark sold 9.801 of the 10 it bought (0.199 left), the fund is 0: excess −0.199 =
    // price −0.699 (NAV 9.5 + 1 dividend = 10.5 → 9.9 paid or forfeited: −0.6, dust −0.099) + 1 − 0.5.
    const fund = r.benchmarks!.positions.get('C1|V')!.holdTao;
    expect([fund.benchmarkValue, fund.excess, fund.priceEffect, fund.frictionEffect]).toEqual([
      199n * M,
      -199n * M,
      -699n * M,
      -500n * M,
    ]);
    const last = r.series!.daily.at(-1)!;
    expect(last.value).toBe(r.pnl.total.figures.spotValue);
    for (const id of ['holdTao', 'subnetBasket', 'subnetBasketEqual'] as const)
      expect(last.benchmarks[id]).toBe(r.benchmarks!.total[id].benchmarkValue);
  });

  it('the daily series holds the fund every day: value, net invested, income and cost basis', () => {
    const d = run('income', 'accrual').series!.daily;
    expect(d.map((p) => p.day)).toEqual(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05']);
    expect(d.map((p) => p.value)).toEqual([10n * TAO, 19_500n * M, 21n * TAO, 21_900n * M, 21_801n * M]);
    expect(d.map((p) => p.netInvested)).toEqual([10n * TAO, 20n * TAO, 20n * TAO, 20n * TAO, 20n * TAO]);
    expect(d.map((p) => p.incomeInPeriod)).toEqual([0n, 0n, 1n * TAO, 0n, 0n]);
    expect(d.map((p) => p.benchmarks.holdTao)).toEqual(d.map((p) => p.netInvested));
    for (const p of d) expect(p.unrealized).toBe(p.value - p.costBasis);
    expect(d.at(-1)!.realizedCum).toBe(-1_199n * M);
    // At claim the income comes with the claim on day 5.
    expect(run('income', 'claim').series!.daily.map((p) => p.incomeInPeriod)).toEqual([0n, 0n, 0n, 0n, 1n * TAO]);
  });

  it('a fund carried to a new hotkey takes its income with it (a swap is a rename)', () => {
    // 500 shares worth 450 appear (441 grant: income 450); then V is gone and V2 holds exactly those 500
    // shares, worth 460: carried with their basis 450 and their income. Total: value 460, income 450,
    // unrealized 10.
    const row = (hotkey: string, value: bigint) => [{ hotkey, shares: 500n, value }];
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [],
        checkpoints: [],
        snapshots: [],
        baskets: [
          { blockNumber: B1, timestamp: tsOf(B1), coldkey: 'C1', rows: row('V', 450n) },
          { blockNumber: B2, timestamp: tsOf(B2), coldkey: 'C1', rows: row('V2', 460n) },
        ],
      },
      { method: 'acb', rewards: 'income' },
    );
    expect(r.baskets.positions.map((p) => [p.hotkey, p.figures.income, p.figures.value])).toEqual([
      ['V', 0n, 0n],
      ['V2', 450n, 460n],
    ]);
    const t = r.pnl.total.figures;
    expect([t.spotValue, t.incomeTao, t.unrealized, t.totalReturn]).toEqual([460n, 450n, 10n, 460n]);
  });
});

describe('basket positions in fiat: lot-based, as subnet lots', () => {
  // Day 0 TAO $400, days 1–2 $350, day 3 $300, day 4 $320.
  const day = (d: number, usd: bigint) => ({ date: `2025-10-0${d + 1}`, price: usd * FIAT_SCALE });
  const PRICES = [day(0, 400n), day(1, 350n), day(2, 350n), day(3, 300n), day(4, 320n)];
  const USD = FIAT_SCALE;
  const fiatRun = (
    rewards: RewardTreatment,
    basketIncome: BasketIncomeTiming,
    asOfBlock?: number,
    fiatPrices = PRICES,
    more: Partial<PortfolioInput> = {},
  ) =>
    computePortfolio(
      { ...input, ...more, fiatPrices },
      { method: 'acb', rewards, basketIncome, ...(asOfBlock === undefined ? {} : { asOfBlock }) },
    );

  it('unrealized: value − fiat cost, subnets and fund alike', () => {
    // As of day 3: SN1 10 α bought for 10 τ on day 0 ($4,000), worth 12 τ × 300 = $3,600 → −$400. The fund:
    // bought for 10 τ on day 1 ($3,500) + the 1 τ dividend on day 2 ($350) = $3,850; worth 9.9 τ × 300 =
    // $2,970 → −$880. Total −$1,280 (the fund's τ unrealized −1.1 × 300 = −$330 was counted before).
    const r = fiatRun('income', 'accrual', B3).pnl;
    expect(r.subnets.find((s) => s.key === 'SN1')?.figures.unrealizedFiat).toBe(-400n * USD);
    const t = r.total.figures;
    expect([t.unrealized, t.costBasisFiat, t.spotValueFiat, t.unrealizedFiat]).toEqual([
      900n * M,
      7_850n * USD,
      6_570n * USD,
      -1_280n * USD,
    ]);
    expect(t.flags.fiatBasisUnknown).toBe(false);
  });

  it('a claim takes all the fiat cost: realized = 9.801 τ × $320 − the cost, in every mode', () => {
    // Proceeds $3,136.32 on day 4 (the dust's part paid nothing). Accrual: cost $3,500 + $350 → −$713.68,
    // income $350 (day 2). Claim timing: the 1 τ is income and basis at the claim, day 4: $320 → cost
    // $3,820, realized −$683.68. Zero basis: cost $3,500 → −$363.68, income $350 a memo.
    const cases = [
      ['income', 'accrual', -71_368n * (USD / 100n), 350n * USD],
      ['income', 'claim', -68_368n * (USD / 100n), 320n * USD],
      ['zero', 'accrual', -36_368n * (USD / 100n), 350n * USD],
    ] as const;
    for (const [rewards, timing, realized, income] of cases) {
      const r = fiatRun(rewards, timing);
      expect(r.baskets.positions.map((p) => p.fiat)).toEqual([{ costBasis: 0n, realized, income, incomplete: false }]);
      // The total: SN1 ($4,000) and root (9.801 τ acquired on day 4: $3,136.32) lots plus the fund's realized.
      const t = r.pnl.total.figures;
      expect([t.costBasisFiat, t.realizedFiat, t.incomeFiat]).toEqual([713_632n * (USD / 100n), realized, income]);
    }
  });

  it('a fund bought on a day without a price has an unknown fiat cost: flagged, never guessed', () => {
    const noDay1 = PRICES.filter((p) => p.date !== '2025-10-02');
    const held = fiatRun('income', 'accrual', B3, noDay1);
    expect(held.baskets.positions[0]?.fiat).toEqual({
      costBasis: null,
      realized: 0n,
      income: 350n * USD,
      incomplete: false,
    });
    const t = held.pnl.total.figures;
    expect([t.unrealizedFiat, t.flags.fiatBasisUnknown, t.flags.fiatIncomplete]).toEqual([null, true, true]);
    // The claim's realized is then unknown: left out and flagged; nothing is held after it.
    const claimed = fiatRun('income', 'accrual', undefined, noDay1);
    expect(claimed.baskets.positions[0]?.fiat).toEqual({
      costBasis: 0n,
      realized: 0n,
      income: 350n * USD,
      incomplete: true,
    });
    expect(claimed.pnl.total.figures.flags.fiatIncomplete).toBe(true);
    expect(claimed.pnl.fiatMissingDays).toContain('2025-10-02');
  });

  it('shares gone for no reason take floor(fiat cost × gone / held); the remainder stays', () => {
    // 9,000 M shares bought on day 1 for 10 τ ($3,500); the day-3 read owes 6,000 M: 3,000 M gone take
    // floor($3,500 × 3,000 / 9,000) = $1,166.66666666 (a realized loss), $2,333.33333334 stays.
    const r = fiatRun('income', 'accrual', undefined, PRICES, {
      events: input.events.slice(0, 2),
      checkpoints: [],
      baskets: [bsnap(B1, 9_000n * M, 9_500n * M), bsnap(B3, 6_000n * M, 6_300n * M)],
    });
    expect(r.baskets.positions[0]?.fiat).toEqual({
      costBasis: 233_333_333_334n,
      realized: -116_666_666_666n,
      income: 0n,
      incomplete: false,
    });
  });

  it('a carried fund takes its fiat cost and income with it', () => {
    // 500 shares worth 450 rao appear on day 1 (income, basis: floor(450 × $350 / 1e9) = 15,750 units);
    // on day 2 V2 holds them.
    const row = (hotkey: string, value: bigint) => [{ hotkey, shares: 500n, value }];
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [],
        checkpoints: [],
        snapshots: [],
        fiatPrices: PRICES,
        baskets: [
          { blockNumber: B1, timestamp: tsOf(B1), coldkey: 'C1', rows: row('V', 450n) },
          { blockNumber: B2, timestamp: tsOf(B2), coldkey: 'C1', rows: row('V2', 460n) },
        ],
      },
      { method: 'acb', rewards: 'income' },
    );
    const none = { costBasis: 0n, realized: 0n, income: 0n, incomplete: false };
    expect(r.baskets.positions.map((p) => p.fiat)).toEqual([none, { ...none, costBasis: 15_750n, income: 15_750n }]);
  });

  it('each record giving shares up carries its own part: claim and dust add up to the position', () => {
    // Accrual: cost $3,850; the claim paid 9.801 τ on day 4 ($3,136.32), the dust none. The dust takes its
    // share by TAO of the cost, as of the τ basis: floor($3,850 × dust / (9.801 τ + dust)).
    const r = fiatRun('income', 'accrual');
    const records = r.baskets.records;
    const claim = records.find((x) => x.kind === 'claim')!;
    const dust = records.find((x) => x.kind === 'dust')!;
    const dustCost = (3_850n * USD * dust.tao) / (claim.tao + dust.tao);
    expect(dust.fiat).toEqual({ basis: dustCost, realized: -dustCost });
    expect(claim.fiat).toEqual({
      basis: 3_850n * USD - dustCost,
      realized: 313_632n * (USD / 100n) - (3_850n * USD - dustCost),
    });
    expect(claim.fiat!.realized! + dust.fiat!.realized!).toBe(r.baskets.positions[0]?.fiat?.realized);
    // Records that add shares carry none: their USD is their TAO at their day's price.
    expect(records.filter((x) => x.fiat === undefined).map((x) => x.kind)).toEqual(['purchase', 'income']);
    // Shares gone for no reason: the cost they took, realized as a loss.
    const gone = fiatRun('income', 'accrual', undefined, PRICES, {
      events: input.events.slice(0, 2),
      checkpoints: [],
      baskets: [bsnap(B1, 9_000n * M, 9_500n * M), bsnap(B3, 6_000n * M, 6_300n * M)],
    });
    expect(gone.baskets.records.find((x) => x.kind === 'unexplained')?.fiat).toEqual({
      basis: 116_666_666_666n,
      realized: -116_666_666_666n,
    });
  });

  it('keeps no fiat figures without TAO/fiat prices', () => {
    const r = run('income', 'accrual');
    expect(r.baskets.positions.map((p) => 'fiat' in p)).toEqual([false]);
    expect(r.baskets.records.filter((x) => 'fiat' in x)).toEqual([]);
  });
});
