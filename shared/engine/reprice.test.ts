// Live sync records every subnet's pool at each change block (main/sync/checkpoints.ts), so an append
// moves every price: the positions whose lot book no event touched take the price-only refresh
// (PnlTracker.reprice, the benchmark set's `repriced` step). After every such block the kept
// computation must equal one computed from scratch over the same facts, field by field.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeBenchmarks, createEngine, type PortfolioInput } from './index';
import { computeWithAnalytics, type AnalyticsComputation } from './analytics/compute';
import type { SubnetSnapshot } from './prices';
import { METHODS, build, opArb } from './testing/random-ledger';
import { A, TAO, ev, snap } from './testing/fixtures';
import { incrementalSteps } from './testing/incremental';

/** What the cockpit reads of a computation; the reference's benchmarks are computed with nothing kept. */
function cockpit(run: AnalyticsComputation, reference = false) {
  const e = run.engine;
  const figs = new Map(e.result().positions.map((p) => [p.key, { netuid: p.netuid, figures: p.figures }]));
  const benchmarks = reference ? computeBenchmarks(e.state, figs, e.prices) : run.benchmarks;
  return {
    pnl: e.result(),
    benchmarks: { ...benchmarks, units: Object.values(benchmarks.units).map(({ index: _, ...u }) => u) },
    series: run.series,
  };
}

/** The input with a pool snapshot of every subnet at every block with events, its price moved by up to ±1 %. */
function withPoolsEveryBlock(input: PortfolioInput): PortfolioInput {
  const last = new Map<number, SubnetSnapshot>();
  const taken = new Set(input.snapshots.map((s) => `${s.netuid}@${s.blockNumber}`));
  const blocks = [...new Set(input.events.map((e) => e.blockNumber))];
  const snapshots = [...input.snapshots];
  for (const block of blocks)
    for (const netuid of [0, 1, 2]) {
      for (const s of input.snapshots) if (s.netuid === netuid && s.blockNumber <= block) last.set(netuid, s);
      if (taken.has(`${netuid}@${block}`)) continue;
      const base = last.get(netuid)?.price ?? 1_000_000_000n;
      const price = (base * BigInt(990 + ((block * 7 + netuid * 13) % 21))) / 1000n;
      snapshots.push(snap(block, netuid, price));
    }
  snapshots.sort((a, b) => a.blockNumber - b.blockNumber || a.netuid - b.netuid);
  return { ...input, snapshots };
}

describe('an append that moves every price (as live sync records blocks)', () => {
  it('equals a full computation after every block, and keeps the units of untouched subnets', () => {
    let repriced = 0;
    let keptUnits = 0;
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 5, maxLength: 30 }),
        fc.constantFrom(...METHODS),
        fc.integer({ min: 1, max: 4 }),
        (ops, method, start) => {
          // One runtime throughout: a new runtime recomputes every figure (Engine.append), not the path under test.
          const input = withPoolsEveryBlock(
            build(
              ops.map((op) => ('spec' in op ? { ...op, spec: 320 } : op)),
              false,
            ),
          );
          const settings = { method, rewards: 'income' as const, walletGroups: { both: ['C1', 'C2'] } };
          const { initial, deltas, upTo } = incrementalSteps(input, start);
          let run = computeWithAnalytics(initial, settings);
          for (const { delta, block } of deltas) {
            const before = new Map(run.engine.result().positions.map((p) => [p.key, p]));
            const units = run.benchmarks.units.holdTao.bySubnet;
            const next = run.append(delta);
            expect(next).not.toBeNull();
            run = next as AnalyticsComputation;
            expect(cockpit(run)).toEqual(cockpit(computeWithAnalytics(upTo(block), settings), true));
            if (delta.events.length === 0 || delta.snapshots.length === 0) continue;
            // Positions of subnets the block's events did not reach: their book is unchanged, their price moved.
            const reached = new Set(delta.events.map((e) => e.netuid));
            for (const p of run.engine.result().positions) {
              const was = before.get(p.key);
              if (reached.has(p.netuid) || !was) continue;
              expect(p.figures.costBasis).toBe(was.figures.costBasis);
              if (p.figures.spotValue !== was.figures.spotValue) repriced++;
              if (units.get(p.netuid) === run.benchmarks.units.holdTao.bySubnet.get(p.netuid)) keptUnits++;
            }
          }
        },
      ),
      { numRuns: 80, seed: 21 },
    );
    // The price-only path ran (spot values moved with no event on the book), and the benchmark set
    // stepped (an untouched subnet's units are the very object of the last set) rather than recomputing.
    expect(repriced).toBeGreaterThan(20);
    expect(keptUnits).toBeGreaterThan(20);
  });

  it('a position holding no α keeps its very figures when its price moves, and equals a full computation', () => {
    const events = [
      ev('StakeAdded', { block: 10, netuid: 1, tao: 10n * TAO, alpha: 20n * A }),
      ev('StakeRemoved', { block: 20, netuid: 1, tao: 9n * TAO, alpha: 20n * A }),
      ev('StakeAdded', { block: 30, netuid: 2, tao: 5n * TAO, alpha: 7n * A }),
    ];
    const pools = (block: number, k: bigint) => [
      snap(block, 1, (500_000_000n * k) / 100n),
      snap(block, 2, (700_000_000n * k) / 100n),
    ];
    const history = [...pools(10, 100n), ...pools(20, 100n), ...pools(30, 100n)];
    const engine = createEngine({ events, checkpoints: [], snapshots: history, trackedColdkeys: ['C1'] });
    const moves = [pools(40, 103n), pools(50, 96n)];
    const position = (netuid: number) => engine.result().positions.find((p) => p.netuid === netuid);
    for (const snapshots of moves) {
      const [closed, held] = [position(1), position(2)];
      expect(engine.append({ events: [], checkpoints: [], snapshots })).toBe(true);
      expect(closed?.figures.alpha).toBe(0n);
      expect(position(1)?.figures).toBe(closed?.figures);
      expect(position(1)?.price).toEqual({
        netuid: 1,
        blockNumber: snapshots[0]?.blockNumber,
        price: snapshots[0]?.price,
      });
      expect(position(2)?.figures.spotValue).not.toBe(held?.figures.spotValue);
    }
    const full = createEngine({
      events,
      checkpoints: [],
      snapshots: [...history, ...moves.flat()],
      trackedColdkeys: ['C1'],
    });
    expect(engine.result()).toEqual(full.result());
  });
});
