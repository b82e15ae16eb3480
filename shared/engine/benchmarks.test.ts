import { describe, expect, it } from 'vitest';
import { computePortfolio, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// Snapshots at block 100: SN1 price 1.0, alphaOut 300 α (mcap 300); SN2 price 2.0, alphaOut 100 α (mcap 200)
// Snapshots at block 300 ("now"): SN1 price 1.5, SN2 price 1.0 (alphaOut unchanged)
// Root: 100 TAO staked at block 50; checkpoint at 200 shows 101 → observed root yield 1 % (index 1.01)
// SN1: block 150 buy 9.9 α for 10 TAO; block 250 sell 4.95 α for 6 TAO
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 50, netuid: 0, tao: 100n * TAO, alpha: 100n * TAO }),
    ev('StakeAdded', { block: 150, tao: 10n * TAO, alpha: 9_900_000_000n }),
    ev('StakeRemoved', { block: 250, tao: 6n * TAO, alpha: 4_950_000_000n }),
  ],
  checkpoints: [cp(200, 101n * TAO, { netuid: 0 })],
  snapshots: [
    snap(100, 1, 1n * TAO, { alphaOut: 300n * A }),
    snap(100, 2, 2n * TAO, { alphaOut: 100n * A }),
    snap(300, 1, 1_500_000_000n, { alphaOut: 300n * A }),
    snap(300, 2, 1n * TAO, { alphaOut: 100n * A }),
  ],
};

describe('benchmarks: TAO index vs concentrated bet (SN1 position)', () => {
  const r = computePortfolio(input, { method: 'acb', rewards: 'income' });
  const b = r.benchmarks?.positions.get('C1|H1|1');

  it('bet value: 4.95 α × 1.5 = 7.425 TAO', () => {
    expect(r.pnl.positions.find((p) => p.key === 'C1|H1|1')?.figures.spotValue).toBe(7_425_000_000n);
  });

  it('Hold TAO: 10 in − 6 out = 4 TAO kept; excess 3.425 = total return; split sums exactly', () => {
    expect(b?.holdTao.benchmarkValue).toBe(4n * TAO);
    expect(b?.holdTao.excess).toBe(3_425_000_000n);
    // friction: buy paid 10 for 9.9 α worth 9.9 at spot 1.0 → 0.1; sell 4.95 α worth 4.95 at spot 1.0 (block 249) got 6 → −1.05
    expect(b?.holdTao.frictionEffect).toBe(950_000_000n);
    expect(b?.holdTao.emissionEffect).toBe(0n);
    expect(b?.holdTao.priceEffect).toBe(3_425_000_000n - 950_000_000n);
  });

  it('Root stake: 10 × 1.01 (flow before the 1 % yield) − 6 × 1.01/1.01 = 4.1 TAO', () => {
    expect(b?.rootStake.available).toBe(true);
    expect(b?.rootStake.benchmarkValue).toBe(4_100_000_000n);
    // the root position itself: 100 staked before the yield → 101
    expect(r.benchmarks?.positions.get('C1|H1|0')?.rootStake.benchmarkValue).toBe(101n * TAO);
  });

  it('Subnet basket: growth G = (300×1.5 + 100×1)/(300×1 + 100×2) = 1.1 → 10 × 1.1 − 6 × 1.1 = 4.4 TAO', () => {
    expect(b?.subnetBasket.available).toBe(true);
    expect(b?.subnetBasket.benchmarkValue).toBe(4_400_000_000n);
    expect(b?.subnetBasket.excess).toBe(7_425_000_000n - 4_400_000_000n);
  });

  it('subnet and total benchmarks are sums of the positions', () => {
    const total = r.benchmarks?.total;
    // root position: Hold TAO benchmark 100, value 101 (emission 1 TAO)
    expect(total?.holdTao.benchmarkValue).toBe(104n * TAO);
    expect(total?.holdTao.emissionEffect).toBe(1n * TAO);
    // the root flow (block 50) predates every snapshot: the basket keeps it as TAO (100) and says so
    expect(total?.subnetBasket.benchmarkValue).toBe(4_400_000_000n + 100n * TAO);
    expect(total?.subnetBasket.complete).toBe(false);
    expect(b?.subnetBasket.complete).toBe(true);
  });

  it('time series root line: units = Σ flow / I(flow), value = units × I(now)', () => {
    const withSeries = computePortfolio(input, { method: 'acb', rewards: 'income', series: { daily: true } });
    const last = withSeries.series?.daily.at(-1);
    // units: 100 + 10 at index 1.0 → 110e9; −6e9 at index 1.01 → floor(−6e9 / 1.01) = −5,940,594,060
    // value: floor((110e9 − 5,940,594,060) × 1.01) = floor(105,099,999,999.4) = 105,099,999,999
    expect(last?.rootStake).toBe(105_099_999_999n);
    // Hold TAO line = net TAO put in: 100 + 10 − 6
    expect(last?.holdTao).toBe(104n * TAO);
  });
});
