// Hand-worked: trade legs of 0 α are read by their category, not by the sign of their α.
import { describe, expect, it } from 'vitest';
import { computePortfolio, createEngine, type PortfolioInput } from './index';
import { A, TAO, ev, snap } from './testing/fixtures';

describe('a StakeRemoved that took 0 α', () => {
  // Buy 10 α for 10 TAO (price 1); a StakeRemoved of 0 α paid 1 TAO out. TAO received is a disposal's
  // proceeds with no cost removed: taoOut 1, realized +1, total return 10 + 1 − 10 = 1.
  // (Was: read as a buy, taoIn 11 and realized −1, total return −1.)
  const run = (events: PortfolioInput['events']) =>
    computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }), ...events],
        checkpoints: [],
        snapshots: [snap(99, 1, TAO)],
      },
      { method: 'fifo', rewards: 'income' },
    ).pnl.total.figures;

  it("alone (the replay's fast path): proceeds, never a purchase", () => {
    const events = [ev('StakeRemoved', { block: 200, tao: 1n * TAO, alpha: 0n })];
    const f = run(events);
    expect([f.taoIn, f.taoOut, f.realized, f.costBasis, f.totalReturn]).toEqual([10n * TAO, TAO, TAO, 10n * TAO, TAO]);
    // The drill-down behind taoOut lists that sale, and the one behind taoIn only the buy.
    const engine = createEngine(
      {
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }), ...events],
        checkpoints: [],
        snapshots: [snap(99, 1, TAO)],
      },
      { method: 'fifo', rewards: 'income' },
    );
    expect(engine.drillDown('C1|H1|1', 'taoOut')?.entries.map((x) => x.kind)).toEqual(['sell']);
    expect(engine.drillDown('C1|H1|1', 'taoIn')?.entries.map((x) => x.kind)).toEqual(['buy']);
  });

  it('as the dust clear after a sale of 5 α for 5 TAO (a ledger entry): realized 0 + 1', () => {
    const f = run([
      ev('StakeRemoved', { block: 200, idx: 0, tao: 5n * TAO, alpha: 5n * A }),
      ev('StakeRemoved', { block: 200, idx: 1, tao: 1n * TAO, alpha: 0n }),
    ]);
    // total return = 5 α × 1 + 6 out − 10 in = 1
    expect([f.taoIn, f.taoOut, f.realized, f.costBasis, f.totalReturn]).toEqual([
      10n * TAO,
      6n * TAO,
      TAO,
      5n * TAO,
      TAO,
    ]);
  });
});
