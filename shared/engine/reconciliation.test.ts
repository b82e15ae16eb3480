// Hand-worked: at each checkpoint the chain's α is compared with the α the rules explain; only
// growth of α that was held is emission, anything else is kept as unexplained with its block.
import { describe, expect, it } from 'vitest';
import { computePortfolio, koinlyCsv, taxRows, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

const run = (input: PortfolioInput) => computePortfolio(input, { method: 'acb', rewards: 'income' });
const prices = [snap(99, 1, TAO), snap(99, 2, TAO)];

describe('reconciliation at checkpoints', () => {
  it('growth of held α is emission: 10 α held, the chain says 10.3 → 0.3 α income at price 1', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [cp(200, 10_300_000_000n)],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.fromBlock, e.toBlock, e.alpha])).toEqual([
      ['emission', -1, 200, 300_000_000n],
    ]);
    expect(r.pnl.total.figures).toMatchObject({ alphaEmitted: 300_000_000n, incomeTao: 300_000_000n });
  });

  it('α appearing on a position that held nothing since its last checkpoint is unexplained, not income', () => {
    // SN2 position: emptied by a sale at block 150 and checkpointed empty at 200; at 300 the chain
    // shows 0.5 α on it that no event explains (nothing was staked there to earn it).
    const r = run({
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, netuid: 2, tao: 2n * TAO, alpha: 2n * A }),
        ev('StakeRemoved', { block: 150, netuid: 2, tao: 2n * TAO, alpha: 2n * A }),
      ],
      checkpoints: [cp(200, 0n, { netuid: 2 }), cp(300, 500_000_000n, { netuid: 2 })],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.fromBlock, e.toBlock, e.alpha])).toEqual([
      ['unexplained', 200, 300, 500_000_000n],
    ]);
    const f = r.pnl.total.figures;
    expect(f).toMatchObject({ alphaEmitted: 0n, incomeTao: 0n, alphaUnexplainedIn: 500_000_000n, alpha: 500_000_000n });
    // It is held at no cost (not income): worth 0.5 TAO now, all of it unrealized.
    expect(f.costBasis).toBe(0n);
    expect(f.unrealized).toBe(500_000_000n);
    // Not a reward in the tax exports.
    expect(koinlyCsv(taxRows(r.ledger, r.emissions))).not.toContain('reward');
  });

  it('a decrease no rule explains is unexplained with its interval, never negative income', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [cp(200, 9n * A)],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.toBlock, e.alpha])).toEqual([['unexplained', 200, -1n * A]]);
    expect(r.pnl.total.figures).toMatchObject({ alphaUnexplained: A, alphaEmitted: 0n, incomeTao: 0n });
    // The lost α takes its cost with it: realized −1 TAO.
    expect(r.pnl.total.figures.realized).toBe(-1n * TAO);
  });
});
