import { describe, expect, it } from 'vitest';
import { createEngine, type PortfolioInput } from '../index';
import { A, TAO, cp, ev, snap, tsOf } from '../testing/fixtures';
import { PositionObserver } from './friction';
import { emissionYield, priceChange } from './positions';

// Spec 343 (swap v3): StakeAdded.tao is gross with a TAO fee; StakeRemoved.alpha is gross, its fee in α.
// SN1 spot 2.0 τ/α from block 99 (the pre-event price of blocks 100–300), 2.4 at block 7300.
//  block 100  buy: pay 10 τ (fee 0.05 τ), get 4.9 α worth 9.8 at spot → friction 0.2 = fee 0.05 + slippage 0.15
//  block 200  sell: 2 α gross (fee 0.01 α), get 3.9 τ; spot 4.0 → friction 0.1; fee 0.01 α × 2.0 = 0.02 τ,
//             slippage 0.08
//  block 300  burn 0.1 α: spot 0.2 τ → burned 0.2
//  block 7300 checkpoint 2.83 α: 2.8 explained → 0.03 α emitted
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 100, spec: 343, tao: 10n * TAO, alpha: 4_900_000_000n, fee: 50_000_000n }),
    ev('StakeRemoved', { block: 200, spec: 343, tao: 3_900_000_000n, alpha: 2n * A, fee: 10_000_000n }),
    ev('AlphaBurned', { block: 300, spec: 343, alpha: 100_000_000n }),
  ],
  checkpoints: [cp(7300, 2_830_000_000n)],
  snapshots: [snap(50, 1, 1_600_000_000n), snap(99, 1, 2n * TAO), snap(7300, 1, 2_400_000_000n)],
};

function run(facts: PortfolioInput = input) {
  const hooks: { observer?: PositionObserver } = {};
  const engine = createEngine(
    facts,
    { method: 'acb', rewards: 'income' },
    {
      onReplay: (state) => {
        const observer = new PositionObserver(state);
        hooks.observer = observer;
        return {
          before: () => undefined,
          after: observer.after,
          finish: () => ({ daily: [], perEvent: [], markers: [] }),
        };
      },
    },
  );
  return { engine, observer: hooks.observer as PositionObserver };
}

describe('friction split into fees, slippage and burns', () => {
  it('hand-worked: fees 0.07, slippage 0.23, burned 0.2 = friction 0.5', () => {
    const { engine, observer } = run();
    const p = engine.state.find('C1', 'H1', 1);
    if (!p) throw new Error('no position');
    expect(engine.result().positions[0]?.figures.friction).toBe(500_000_000n);
    expect(observer.split(p)).toEqual({ fees: 70_000_000n, slippage: 230_000_000n, burned: 200_000_000n });
    expect(observer.firstSeen(p)).toBe(tsOf(100));
  });
});

describe('price change and emission yield from local snapshots and checkpoints', () => {
  it('24 h: 2.4 now vs 2.0 (the last snapshot at least a day before); 7 d: no snapshot that old', () => {
    const { engine } = run();
    const asOf = { block: 7300, timestamp: tsOf(7300) };
    expect(priceChange(engine.prices, 1, asOf, 24)).toBeCloseTo(0.2, 11);
    expect(priceChange(engine.prices, 1, asOf, 24 * 7)).toBeNull();
    expect(priceChange(engine.prices, 0, asOf, 24)).toBe(0);
  });

  it('annualised: 0.03 α emitted over the one day since the position opened ÷ the α held on average × 365', () => {
    const { engine, observer } = run();
    const p = engine.state.find('C1', 'H1', 1);
    if (!p) throw new Error('no position');
    const records = p.emissions.map((id) => engine.state.emissions[id]!);
    expect(records.map((r) => r.alpha)).toEqual([30_000_000n]);
    // α held: 4.9 over blocks 100–200, 2.9 over 200–300 (2 α sold), 2.8 over 300–7300 (0.1 burned); 12 s a block
    const held = (4_900_000_000n * 100n + 2_900_000_000n * 100n + 2_800_000_000n * 7000n) * 12_000n;
    expect(observer.alphaHeldMs(p, tsOf(100), tsOf(7300))).toBe(held);
    // from the next midnight (block 7200) on: 2.8 α for the last 100 blocks
    expect(observer.alphaHeldMs(p, tsOf(7200), tsOf(7300))).toBe(2_800_000_000n * 100n * 12_000n);
    const heldMs = (from: number, to: number): bigint => observer.alphaHeldMs(p, from, to);
    // block 100 → 7300 is 7200 blocks × 12 s = exactly one day: 0.03 α ÷ (20,380 α-blocks ÷ 7,200 blocks) × 365
    const annualised = ((0.03 * 7200) / 20_380) * 365;
    expect(emissionYield(records, p.alpha, heldMs, tsOf(7300), observer.firstSeen(p))).toBeCloseTo(annualised, 9);
    // less than a day of history says nothing yet
    expect(emissionYield(records, p.alpha, heldMs, tsOf(7000), observer.firstSeen(p))).toBeNull();
    // α that appeared unexplained in the same interval is not emitted: the yield is unchanged
    const unexplained = { ...records[0]!, id: records.length, alpha: 50_000_000n, kind: 'unexplained' as const };
    expect(emissionYield([...records, unexplained], p.alpha, heldMs, tsOf(7300), observer.firstSeen(p))).toBeCloseTo(
      annualised,
      9,
    );
  });

  it('a longer history: the window starts at the midnight 30 days before the as-of day', () => {
    const DAY = 7200;
    const end = 35 * DAY + DAY / 2; // noon UTC, 35 days after T0's midnight
    const { engine, observer } = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, spec: 343, tao: 20n * TAO, alpha: 10n * A })],
      // 1 α emitted by day 4 (before the window), 0.5 α within it
      checkpoints: [cp(4 * DAY, 11n * A), cp(end, 11_500_000_000n)],
      snapshots: [snap(50, 1, 2n * TAO)],
    });
    const p = engine.state.find('C1', 'H1', 1);
    if (!p) throw new Error('no position');
    const records = p.emissions.map((id) => engine.state.emissions[id]!);
    const heldMs = (from: number, to: number): bigint => observer.alphaHeldMs(p, from, to);
    // from day 5's midnight to noon of day 35: 11 α held for 30.5 days
    expect(heldMs(tsOf(5 * DAY), tsOf(end))).toBe(11n * A * BigInt(tsOf(end) - tsOf(5 * DAY)));
    expect(emissionYield(records, p.alpha, heldMs, tsOf(end), observer.firstSeen(p))).toBeCloseTo(
      (0.5 / (11 * 30.5)) * 365,
      9,
    );
  });

  it('a position mostly sold within the window: its emission over the α it held then, not over what is left', () => {
    const DAY = 7200;
    const sold = 100 + 29 * DAY + 1;
    const end = 100 + 30 * DAY;
    const { engine, observer } = run({
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, spec: 343, tao: 200n * TAO, alpha: 100n * A }),
        ev('StakeRemoved', { block: sold, spec: 343, tao: 200n * TAO, alpha: 100_900_000_000n }),
      ],
      // 2.9 α emitted over the 29 days held whole, 0.1 α over the last day on the 2 α left
      checkpoints: [cp(sold - 1, 102_900_000_000n), cp(end, 2_100_000_000n)],
      snapshots: [snap(50, 1, 2n * TAO)],
    });
    const p = engine.state.find('C1', 'H1', 1);
    if (!p) throw new Error('no position');
    const records = p.emissions.map((id) => engine.state.emissions[id]!);
    expect(records.map((r) => [r.kind, r.alpha])).toEqual([
      ['emission', 2_900_000_000n],
      ['emission', 100_000_000n],
    ]);
    const heldMs = (from: number, to: number): bigint => observer.alphaHeldMs(p, from, to);
    // 100 α for 29 days, 102.9 α for a block, 2 α for the last day less a block: 96.73 α on average
    const alphaBlocks = 100 * 29 * DAY + 102.9 + 2 * (DAY - 1);
    const yieldNow = emissionYield(records, p.alpha, heldMs, tsOf(end), observer.firstSeen(p));
    expect(yieldNow).toBeCloseTo(((3 * 30 * DAY) / alphaBlocks) * (365 / 30), 9);
    // about 37.7 % a year; over the 2.1 α held now it would have read 1,738 %
    expect(yieldNow).toBeGreaterThan(0.37);
    expect(yieldNow).toBeLessThan(0.38);
  });
});
