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

  it('Root stake: units 10 at 1.0 − 6/1.01 at 1.01 = 4,059,405,940, worth × 1.01 = 4.099999999 TAO', () => {
    expect(b?.rootStake.available).toBe(true);
    // units: 10e9 − floor(6e9 / 1.01) rounded down = 10e9 − 5,940,594,060; value floor(4,059,405,940 × 1.01)
    expect(b?.rootStake.benchmarkValue).toBe(4_099_999_999n);
    // the root position itself: 100 staked before the yield → 101
    expect(r.benchmarks?.positions.get('C1|H1|0')?.rootStake.benchmarkValue).toBe(101n * TAO);
  });

  it('Subnet basket (cap-weighted): index 1.0 → (300×1.5 + 100×1)/(300×1 + 100×2) = 1.1; 4 units × 1.1 = 4.4 TAO', () => {
    expect(b?.subnetBasket.available).toBe(true);
    expect(b?.subnetBasket.benchmarkValue).toBe(4_400_000_000n);
    expect(b?.subnetBasket.excess).toBe(7_425_000_000n - 4_400_000_000n);
  });

  it('Subnet basket (equal-weighted): index × (1.5/1.0 + 1.0/2.0)/2 = 1.0 → the 4 units stay 4 TAO', () => {
    expect(b?.subnetBasketEqual.benchmarkValue).toBe(4n * TAO);
    expect(b?.subnetBasketEqual.benchmarkGain).toBe(0n);
  });

  it('every benchmark decomposes its excess: price + emission + friction − benchmark gain', () => {
    for (const f of Object.values(b ?? {})) {
      expect(f.priceEffect + f.emissionEffect + f.frictionEffect - f.benchmarkGain).toBe(f.excess);
      // the bet's side is the same whichever benchmark: price effect 2.475, friction +0.95
      expect(f.priceEffect).toBe(2_475_000_000n);
      expect(f.frictionEffect).toBe(950_000_000n);
    }
    // benchmark gain = benchmark value − net invested (4 TAO): root 0.099999999, cap basket 0.4
    expect(b?.rootStake.benchmarkGain).toBe(99_999_999n);
    expect(b?.subnetBasket.benchmarkGain).toBe(400_000_000n);
  });

  it('subnet and total benchmarks are sums of the positions', () => {
    const total = r.benchmarks?.total;
    // root position: Hold TAO benchmark 100, value 101 (emission 1 TAO)
    expect(total?.holdTao.benchmarkValue).toBe(104n * TAO);
    expect(total?.holdTao.emissionEffect).toBe(1n * TAO);
    // the root flow (block 50) predates every snapshot: it waits as TAO until the basket's first
    // snapshot (block 100), then buys at index 1.0 → 100 × 1.1 = 110; the figure says so
    expect(total?.subnetBasket.benchmarkValue).toBe(4_400_000_000n + 110n * TAO);
    expect(total?.subnetBasket.complete).toBe(false);
    expect(b?.subnetBasket.complete).toBe(true);
    expect(total?.rootStake.benchmarkValue).toBe(105_099_999_999n);
  });

  it('time series: every benchmark line ends at its card, the value line at the value card', () => {
    const withSeries = computePortfolio(input, { method: 'acb', rewards: 'income', series: { daily: true } });
    const last = withSeries.series?.daily.at(-1);
    const total = withSeries.benchmarks?.total;
    // units: 100 + 10 at index 1.0 → 110e9; −6e9 at index 1.01 → floor(−6e9 / 1.01) = −5,940,594,060
    // value: floor((110e9 − 5,940,594,060) × 1.01) = floor(105,099,999,999.4) = 105,099,999,999
    expect(last?.benchmarks.rootStake).toBe(105_099_999_999n);
    // Hold TAO line = net TAO put in: 100 + 10 − 6
    expect(last?.benchmarks.holdTao).toBe(104n * TAO);
    expect(last?.netInvested).toBe(104n * TAO);
    expect(last?.blockNumber).toBe(300);
    for (const [id, f] of Object.entries(total ?? {}))
      expect(last?.benchmarks[id as keyof typeof total]).toBe(f.benchmarkValue);
    expect(last?.value).toBe(withSeries.pnl.total.figures.spotValue);
  });
});
