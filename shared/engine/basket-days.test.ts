// Days of basket activity in the daily series (./basket-days): a day whose only activity is a fund-share
// purchase (no ledger entry, no position checkpoint) gets its own point, valued with the purchase; a wallet
// holding fund shares only gets a chart at all; the last point is still the cards; and the incremental path
// (Engine.append) gives the series a full computation gives. 1 TAO = 1e9 rao; M = 1e6 rao.
import { describe, expect, it } from 'vitest';
import { computePortfolio, createEngine, type EngineSettings, type PortfolioInput } from './index';
import { computeWithAnalytics } from './analytics/compute';
import type { BasketSnapshot } from './baskets';
import type { SeriesPoint } from './timeseries';
import { TAO, cp, ev, snap, tsOf } from './testing/fixtures';

const M = 1_000_000n;
const DAY = 7_200; // blocks per UTC day at 12 s
const [D1, D2, D3] = [DAY + 100, 2 * DAY + 100, 3 * DAY + 100];
const bsnap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: tsOf(block),
  coldkey: 'C1',
  rows: [{ hotkey: 'V', shares, value }],
});
// 9,000 M shares of V's fund for 10 TAO, fee 0.5: the purchase adds 9.5 TAO of value on its own day.
const purchase = ev('BasketStakedIn', {
  block: D1,
  hot: 'V',
  netuid: 0,
  tao: 10n * TAO,
  alpha: 9_000n * M,
  fee: 500n * M,
  spec: 475,
});

// Day 0: 10 α of SN1 for 10 TAO at 1.0. Day 1: only the purchase (no checkpoint, no basket read). Day 2: a
// checkpoint of SN1, now at 1.2, and the fund read at 9.6 TAO.
const mixed: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [ev('StakeAdded', { block: 50, tao: 10n * TAO, alpha: 10n * TAO, spec: 475 }), purchase],
  checkpoints: [cp(50, 10n * TAO), cp(D2, 10n * TAO)],
  snapshots: [snap(1, 1, TAO), snap(D2, 1, 1_200_000_000n)],
  baskets: [bsnap(D2, 9_000n * M, 9_600n * M)],
};
const settings: EngineSettings = { method: 'acb', rewards: 'income', series: { daily: true } };
const daily = (input: PortfolioInput) => computePortfolio(input, settings).series!.daily;

describe('a day with only basket activity has a point of its own', () => {
  it('the purchase day: value 10 + 9.5, net invested 20, Hold TAO 20 (before: no point on 2025-10-02)', () => {
    const d = daily(mixed);
    expect(d.map((p) => p.day)).toEqual(['2025-10-01', '2025-10-02', '2025-10-03']);
    const day1 = d[1]!;
    expect(day1.blockNumber).toBe(D1);
    expect([day1.value, day1.costBasis, day1.netInvested]).toEqual([19_500n * M, 20n * TAO, 20n * TAO]);
    expect(day1.benchmarks.holdTao).toBe(20n * TAO);
    // Day 2: SN1 12 + fund 9.6.
    expect(d[2]!.value).toBe(21_600n * M);
  });

  it('the last point is the cards, also when the purchase is the last fact', () => {
    const tail = { ...mixed, checkpoints: [cp(50, 10n * TAO)], snapshots: [snap(1, 1, TAO)], baskets: [] };
    for (const input of [mixed, tail]) {
      const r = computePortfolio(input, settings);
      const last = r.series!.daily.at(-1)!;
      expect(last.value).toBe(r.pnl.total.figures.spotValue);
      expect(last.netInvested).toBe(r.pnl.total.figures.taoIn - r.pnl.total.figures.taoOut);
      for (const id of ['holdTao', 'subnetBasket', 'subnetBasketEqual'] as const)
        expect(last.benchmarks[id]).toBe(r.benchmarks!.total[id].benchmarkValue);
    }
    expect(daily(tail).map((p) => [p.day, p.value])).toEqual([
      ['2025-10-01', 10n * TAO],
      ['2025-10-02', 19_500n * M],
    ]);
  });

  it('a series asked of a kept engine (a second replay) has the same points', () => {
    const tail = { ...mixed, checkpoints: [cp(50, 10n * TAO)], snapshots: [snap(1, 1, TAO)], baskets: [] };
    const pick = (d: readonly SeriesPoint[]) => d.map((p) => [p.day, p.blockNumber, p.value, p.netInvested]);
    for (const input of [mixed, tail])
      expect(pick(createEngine(input, settings).series({ daily: true }).daily)).toEqual(pick(daily(input)));
  });

  it('a wallet with fund shares only: a point on each day of a purchase or a basket read (before: none)', () => {
    const only: PortfolioInput = {
      trackedColdkeys: ['C1'],
      events: [purchase],
      checkpoints: [],
      snapshots: [],
      baskets: [bsnap(D1, 9_000n * M, 9_500n * M), bsnap(D3, 9_000n * M, 9_700n * M)],
    };
    const d = daily(only);
    expect(d.map((p) => [p.day, p.value, p.netInvested])).toEqual([
      ['2025-10-02', 9_500n * M, 10n * TAO],
      ['2025-10-04', 9_700n * M, 10n * TAO],
    ]);
  });

  it('the incremental path gives the series of a full computation, purchase day included', () => {
    const upTo = (block: number): PortfolioInput => ({
      ...mixed,
      events: mixed.events.filter((e) => e.blockNumber <= block),
      checkpoints: mixed.checkpoints.filter((c) => c.blockNumber <= block),
      snapshots: mixed.snapshots.filter((s) => s.blockNumber <= block),
      baskets: mixed.baskets!.filter((s) => s.blockNumber <= block),
    });
    let run = computeWithAnalytics(upTo(50), settings);
    let prev = 50;
    for (const block of [D1, D2]) {
      const next = upTo(block);
      const after = <T extends { blockNumber: number }>(xs: readonly T[]) => xs.filter((x) => x.blockNumber > prev);
      const delta = {
        events: after(next.events),
        checkpoints: after(next.checkpoints),
        snapshots: after(next.snapshots),
        baskets: after(next.baskets!),
      };
      run = run.append(delta)!;
      expect(run).not.toBeNull();
      expect(run.series).toEqual(computeWithAnalytics(next, settings).series);
      prev = block;
    }
    expect(run.series!.daily.map((p) => p.day)).toEqual(['2025-10-01', '2025-10-02', '2025-10-03']);
  });
});
