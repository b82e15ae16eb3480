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

function run() {
  const hooks: { observer?: PositionObserver } = {};
  const engine = createEngine(
    input,
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

  it('annualised: 0.03 α emitted over the one day since the position opened ÷ 2.83 α × 365', () => {
    const { engine, observer } = run();
    const p = engine.state.find('C1', 'H1', 1);
    if (!p) throw new Error('no position');
    const records = p.emissions.map((id) => engine.state.emissions[id]!);
    expect(records.map((r) => r.alpha)).toEqual([30_000_000n]);
    // block 100 → 7300 is 7200 blocks × 12 s = exactly one day
    expect(emissionYield(records, p.alpha, tsOf(7300), observer.firstSeen(p))).toBeCloseTo((0.03 / 2.83) * 365, 9);
    // less than a day of history says nothing yet
    expect(emissionYield(records, p.alpha, tsOf(7000), observer.firstSeen(p))).toBeNull();
    // α that appeared unexplained in the same interval is not emitted: the yield is unchanged
    const unexplained = { ...records[0]!, id: records.length, alpha: 50_000_000n, kind: 'unexplained' as const };
    expect(emissionYield([...records, unexplained], p.alpha, tsOf(7300), observer.firstSeen(p))).toBeCloseTo(
      (0.03 / 2.83) * 365,
      9,
    );
  });
});
