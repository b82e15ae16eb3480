import { describe, expect, it } from 'vitest';
import { computePortfolio, createEngine, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// Day 0 (2025-10-01): block 100 buy 10 α on SN1 for 10 TAO (price 1.0).
// Day 1 (2025-10-02, blocks 7200–14399): price 1.2 from block 7250; checkpoint at 7300 shows 10.5 α
//   → 0.5 α emitted worth 0.6 TAO; block 7400 sell 5.5 α for 6 TAO.
// Day 2: nothing happens → no point (no block, no price).
// Day 3 (block 21700): price 2.0 snapshot.
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
    ev('StakeRemoved', { block: 7400, tao: 6n * TAO, alpha: 5_500_000_000n }),
  ],
  checkpoints: [cp(7300, 10_500_000_000n), cp(21700, 5n * A)],
  snapshots: [snap(50, 1, 1n * TAO), snap(7250, 1, 1_200_000_000n), snap(21700, 1, 2n * TAO)],
};

describe('time series', () => {
  const r = computePortfolio(input, { method: 'acb', rewards: 'income', series: { daily: true, perEvent: true } });
  const daily = r.series?.daily ?? [];

  it("one daily point per day with data, valued at that day's last block", () => {
    expect(daily.map((p) => [p.day, p.blockNumber])).toEqual([
      ['2025-10-01', 100],
      ['2025-10-02', 7400],
      ['2025-10-04', 21700],
    ]);
    // day 0: 10 α × 1.0; day 1: 5 α × 1.2 = 6; day 3: 5 α × 2.0 = 10
    expect(daily.map((p) => p.value)).toEqual([10n * TAO, 6n * TAO, 10n * TAO]);
    expect(daily[1]?.bySubnet.get(1)?.value).toBe(6n * TAO);
  });

  it('income per day and cumulative realized PnL', () => {
    expect(daily.map((p) => p.incomeInPeriod)).toEqual([0n, 600_000_000n, 0n]);
    // sale: 10.5 α cost 10.6 TAO; 5.5 α remove floor(10.6e9 × 5.5/10.5) = 5,552,380,952 → realized 447,619,048
    expect(daily[1]?.realizedCum).toBe(447_619_048n);
    expect(daily[2]?.unrealized).toBe(10n * TAO - (10_600_000_000n - 5_552_380_952n));
  });

  it('benchmark lines: Hold TAO = net TAO put in', () => {
    expect(daily.map((p) => p.benchmarks.holdTao)).toEqual([10n * TAO, 4n * TAO, 4n * TAO]);
    // basket with one subnet = the subnet's price index: 10 units at 1.0 (block 100), −6 at 1.2 (block 7400) → 5 units;
    // 5 × 2.0 = 10 on day 3, and the same for the equal-weighted basket
    expect(daily[2]?.benchmarks.subnetBasket).toBe(10n * TAO);
    expect(daily[2]?.benchmarks.subnetBasketEqual).toBe(10n * TAO);
  });

  it('per-event points follow each entry and checkpoint', () => {
    expect(r.series?.perEvent.map((p) => p.blockNumber)).toEqual([100, 7300, 7400, 21700]);
    expect(r.series?.perEvent[1]?.value).toBe(12_600_000_000n); // 10.5 α × 1.2
  });
});

describe('filtered series (one subnet) replay separately', () => {
  it('SN2 only: the SN1 trades do not appear', () => {
    const withSn2: PortfolioInput = {
      ...input,
      events: [...input.events, ev('StakeAdded', { block: 7500, netuid: 2, tao: 3n * TAO, alpha: 1n * A })],
      snapshots: [...input.snapshots, snap(7450, 2, 3n * TAO)],
    };
    const engine = createEngine(withSn2, { method: 'acb', rewards: 'income' });
    const s = engine.series({ daily: true, filter: (_c, _h, n) => n === 2 });
    // ends at the engine's as-of point (block 21700, day 3), where SN2 is still priced 3.0
    expect(s.daily.map((p) => [p.day, p.blockNumber, p.value, p.benchmarks.holdTao])).toEqual([
      ['2025-10-02', 7500, 3n * TAO, 3n * TAO],
      ['2025-10-04', 21700, 3n * TAO, 3n * TAO],
    ]);
    const all = engine.series({ daily: true });
    expect(all.daily.map((p) => p.value)).toEqual([10n * TAO, 9n * TAO, 13n * TAO]); // day 1: 6 + 3; day 3: 10 + 3
  });
});
