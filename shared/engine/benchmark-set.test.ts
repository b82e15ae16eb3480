// The benchmark set an engine keeps between appends (./benchmark-set): after every appended block it
// equals a set computed with nothing kept, and it is made anew only where the block changed something.
import { describe, expect, it } from 'vitest';
import { computeBenchmarks, type Benchmarks, type BenchmarkSet } from './index';
import { computeWithAnalytics, type AnalyticsComputation } from './analytics/compute';
import { build, type Op } from './testing/random-ledger';
import { hourly, incrementalSteps } from './testing/incremental';
import { benchmarkIds } from '../vocab';

/** The set without the units' index objects (a function of the prices, compared through the values it gives). */
const comparable = (b: BenchmarkSet) => ({
  ...b,
  units: Object.values(b.units).map(({ index: _, ...u }) => u),
});

/** What a computation with nothing kept gives for the same engine state. */
function reference(run: AnalyticsComputation): BenchmarkSet {
  const e = run.engine;
  const figs = new Map(e.result().positions.map((p) => [p.key, { netuid: p.netuid, figures: p.figures }]));
  return computeBenchmarks(e.state, figs, e.prices);
}

const HISTORY: Op[] = [
  { t: 'buy', c: 0, h: 0, n: 1, tao: 5_000, spec: 320 },
  { t: 'buy', c: 0, h: 1, n: 1, tao: 2_000, spec: 320 },
  { t: 'buy', c: 1, h: 0, n: 2, tao: 3_000, spec: 320 },
  { t: 'buy', c: 1, h: 1, n: 0, tao: 4_000, spec: 320 },
  { t: 'checkpointAll' },
];

/** Each appended block, what it touches, and positions (coldkey|hotkey|netuid) whose figures must be kept (same object). */
const STEPS: { op: Op; what: string; kept: string[] }[] = [
  { op: { t: 'buy', c: 0, h: 0, n: 1, tao: 700, spec: 320 }, what: 'one position', kept: ['C2|H2|0', 'C2|H1|2'] },
  {
    op: { t: 'sell', c: 1, h: 0, n: 2, pct: 30, spec: 320 },
    what: 'a position alone in its subnet',
    kept: ['C2|H2|0', 'C1|H1|1', 'C1|H2|1'],
  },
  { op: { t: 'swap', c: 0, h: 1, n: 1, pct: 50, to: 2 }, what: 'two subnets', kept: ['C2|H2|0'] },
  {
    op: { t: 'buy', c: 0, h: 1, n: 2, tao: 900, spec: 320 },
    what: 'a new position',
    kept: ['C2|H2|0', 'C1|H1|1', 'C1|H2|1'],
  },
  { op: { t: 'price', n: 2, price: 3 }, what: 'a price snapshot (a new window)', kept: [] },
  { op: { t: 'buy', c: 1, h: 1, n: 0, tao: 1_000, spec: 320 }, what: 'a root stake', kept: [] },
  { op: { t: 'rootClaim', c: 1, h: 1, n: 1, milli: 40, keep: false }, what: 'a root claim', kept: [] },
  { op: { t: 'emit', c: 0, h: 0, n: 1, milli: 20, checkpoint: true }, what: 'emissions', kept: [] },
];

describe('the benchmark set kept between appends', () => {
  it('equals a set computed with nothing kept after every block, and keeps the figures of untouched positions', () => {
    const ops = [...HISTORY, ...STEPS.map((s) => s.op)];
    const input = hourly(build(ops, false));
    const { initial, deltas } = incrementalSteps(input, HISTORY.length);
    expect(deltas.length).toBeGreaterThanOrEqual(STEPS.length);
    let run = computeWithAnalytics(initial, { method: 'acb', rewards: 'income' });
    const keys = (r: AnalyticsComputation): string[] => [...r.benchmarks.positions.keys()];
    let reused = 0;
    for (const { delta } of deltas) {
      const before = new Map<string, Benchmarks>(run.benchmarks.positions);
      const next = run.append(delta);
      expect(next).not.toBeNull();
      run = next as AnalyticsComputation;
      expect(comparable(run.benchmarks)).toEqual(comparable(reference(run)));
      // Keys of the positions whose figures are the very object of the last computation.
      for (const k of keys(run)) if (before.get(k) === run.benchmarks.positions.get(k)) reused++;
    }
    // The appended blocks cross days.
    expect(new Set(input.events.map((e) => Math.floor(e.timestamp / 86_400_000))).size).toBeGreaterThan(1);
    expect(reused).toBeGreaterThan(0);
  });

  it.each(STEPS.filter((s) => s.kept.length > 0))('an append touching $what keeps the others', ({ op, kept }) => {
    const input = hourly(build([...HISTORY, op], false));
    const { initial, deltas } = incrementalSteps(input, HISTORY.length);
    const run = computeWithAnalytics(initial, { method: 'acb', rewards: 'income' });
    let next = run;
    for (const { delta } of deltas) next = next.append(delta) as AnalyticsComputation;
    expect(comparable(next.benchmarks)).toEqual(comparable(reference(next)));
    for (const k of kept) {
      expect(run.benchmarks.positions.has(k)).toBe(true);
      expect(next.benchmarks.positions.get(k)).toBe(run.benchmarks.positions.get(k));
    }
    // The touched positions were made anew.
    const remade = [...next.benchmarks.positions].filter(([k, b]) => run.benchmarks.positions.get(k) !== b);
    expect(remade.length).toBeGreaterThan(0);
  });

  it('an append touching one position visits only its subnet: the others keep their windows and sums', () => {
    const step = STEPS[0] as (typeof STEPS)[number];
    const input = hourly(build([...HISTORY, step.op], false));
    const { initial, deltas } = incrementalSteps(input, HISTORY.length);
    // The blocks before the step's own block (the history's checkpoints touch every position).
    const at = deltas.findIndex(({ delta }) => delta.events.length > 0);
    let run = computeWithAnalytics(initial, { method: 'acb', rewards: 'income' });
    for (const { delta } of deltas.slice(0, at)) run = run.append(delta) as AnalyticsComputation;
    const next = run.append((deltas[at] as (typeof deltas)[number]).delta) as AnalyticsComputation;
    expect(next.benchmarks.asOfBlock).toBeGreaterThan(run.benchmarks.asOfBlock);
    expect(comparable(next.benchmarks)).toEqual(comparable(reference(next)));
    // A set made by visiting every position rebuilds every subnet's windows; subnet 1 was touched.
    for (const netuid of [0, 2]) {
      expect(next.benchmarks.subnets.get(netuid)).toBe(run.benchmarks.subnets.get(netuid));
      for (const id of benchmarkIds)
        expect(next.benchmarks.units[id].bySubnet.get(netuid)).toBe(run.benchmarks.units[id].bySubnet.get(netuid));
    }
    expect(next.benchmarks.units.holdTao.bySubnet.get(1)).not.toBe(run.benchmarks.units.holdTao.bySubnet.get(1));
  });
});
