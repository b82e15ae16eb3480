// The incremental path (Engine.append) against a full computation: a ledger is fed block by block and,
// after every block, the kept computation must equal one computed from scratch over the same facts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeBenchmarks, createEngine, type EngineSettings, type FactsDelta, type PortfolioInput } from './index';
import { computeWithAnalytics, type AnalyticsComputation } from './analytics/compute';
import type { FiatPriceRow } from './fiat';
import { METHODS, build, opArb } from './testing/random-ledger';
import { T0 } from './testing/fixtures';
import { hourly, incrementalSteps } from './testing/incremental';

const DAY = 86_400_000;

/**
 * What the cockpit reads of a computation, compared whole. The reference's benchmarks are computed
 * without the units an engine keeps between computations.
 */
function figuresOf(run: AnalyticsComputation, reference = false) {
  const e = run.engine;
  const figs = new Map(e.result().positions.map((p) => [p.key, { netuid: p.netuid, figures: p.figures }]));
  const benchmarks = reference ? computeBenchmarks(e.state, figs, e.prices) : run.benchmarks;
  return {
    pnl: e.result(),
    emissions: e.state.emissions,
    // The units' index is a function of the prices (compared through the values it gives).
    benchmarks: { ...benchmarks, units: Object.values(benchmarks.units).map(({ index: _, ...u }) => u) },
    series: run.series,
    ledgerSize: e.ledgerSize(),
    ledger: e.ledger(),
    friction: [...e.state.positions.values()].map((p) => run.observer.split(p)),
  };
}

/** Appends every block after the first `start` blocks one at a time; compares with a new computation each time. */
let refused = 0;
function checkStepwise(input: PortfolioInput, settings: EngineSettings, start: number): number {
  const { initial, deltas, upTo } = incrementalSteps(input, start);
  let run = computeWithAnalytics(initial, settings);
  let appended = 0;
  for (const { delta, block } of deltas) {
    const next = run.append(delta);
    if (next === null) {
      refused++;
      // Refused (fiat: a new as-of day): the caller computes anew.
      run = computeWithAnalytics(upTo(block), settings);
      continue;
    }
    appended++;
    run = next;
    expect(figuresOf(run)).toEqual(figuresOf(computeWithAnalytics(upTo(block), settings), true));
  }
  return appended;
}

/** The same facts with one block an hour (the as-of day changes along the ledger), every other day priced in fiat. */
function spreadOverDays(input: PortfolioInput): PortfolioInput {
  const fiatPrices: FiatPriceRow[] = [];
  // Every other day priced: the days without a price are listed, as in a full computation.
  for (let d = 0; d < 200; d += 2)
    fiatPrices.push({ date: new Date(T0 + d * DAY).toISOString().slice(0, 10), price: 300_00000000n + BigInt(d) });
  return { ...hourly(input), fiatPrices };
}

const opsArb = fc.array(opArb, { minLength: 1, maxLength: 30 });

describe('incremental path (Engine.append) equals a full computation after every appended block', () => {
  it('random ledgers, every method and reward treatment, from an empty or a partial start', () => {
    let appended = 0;
    fc.assert(
      fc.property(
        opsArb,
        fc.constantFrom(...METHODS),
        fc.constantFrom<'income' | 'zero'>('income', 'zero'),
        fc.integer({ min: 0, max: 5 }),
        (ops, method, rewards, start) => {
          appended += checkStepwise(build(ops, false), { method, rewards }, start);
        },
      ),
      { numRuns: 100, seed: 10 },
    );
    expect(refused).toBe(0);
    expect(appended).toBeGreaterThanOrEqual(200);
  });

  it('with fiat prices over several days (a new as-of day is refused and computed anew)', () => {
    let appended = 0;
    fc.assert(
      fc.property(opsArb, fc.constantFrom(...METHODS), (ops, method) => {
        appended += checkStepwise(spreadOverDays(build(ops, true)), { method, rewards: 'income' }, 1);
      }),
      { numRuns: 30, seed: 11 },
    );
    expect(appended).toBeGreaterThan(30);
  });

  it('with wallet groups', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        checkStepwise(
          build(ops, false),
          { method: 'fifo', rewards: 'income', walletGroups: { both: ['C1', 'C2'] } },
          0,
        );
      }),
      { numRuns: 20, seed: 12 },
    );
  });

  it('an engine without a series recorder (lone trades take the replay fast path) equals a full computation', () => {
    let appended = 0;
    fc.assert(
      fc.property(opsArb, fc.constantFrom(...METHODS), fc.integer({ min: 0, max: 5 }), (ops, method, start) => {
        const { initial, deltas, upTo } = incrementalSteps(build(ops, false), start);
        const engine = createEngine(initial, { method, rewards: 'income' });
        for (const { delta, block } of deltas) {
          expect(engine.append(delta)).toBe(true);
          appended++;
          const full = createEngine(upTo(block), { method, rewards: 'income' });
          expect(engine.result()).toEqual(full.result());
          expect(engine.ledgerSize()).toBe(full.ledgerSize());
        }
      }),
      { numRuns: 100, seed: 13 },
    );
    expect(appended).toBeGreaterThanOrEqual(150);
  });

  it('a result handed out before appends keeps its figures (kept lists are copied, never changed in place)', () => {
    const input = build(
      [
        { t: 'buy', c: 0, h: 0, n: 1, tao: 5_000, spec: 320 },
        { t: 'buy', c: 1, h: 1, n: 2, tao: 3_000, spec: 320 },
        { t: 'checkpointAll' },
        { t: 'sell', c: 0, h: 0, n: 1, pct: 40, spec: 320 },
        { t: 'price', n: 2, price: 3 },
        { t: 'buy', c: 1, h: 1, n: 2, tao: 1_000, spec: 320 },
      ],
      false,
    );
    const { initial, deltas } = incrementalSteps(input, 3);
    const engine = createEngine(initial);
    const before = engine.result();
    const copy = structuredClone(before);
    for (const { delta } of deltas) expect(engine.append(delta)).toBe(true);
    const after = engine.result();
    expect(after).toEqual(createEngine(input).result());
    // The appends changed both positions, their subnets, wallets and the total; the earlier result did not move.
    expect(after.positions.map((p) => p.figures.alpha)).not.toEqual(copy.positions.map((p) => p.figures.alpha));
    expect(after.total.figures.exitValue).not.toBe(copy.total.figures.exitValue);
    expect(before).toEqual(copy);
  });

  it('refuses, changing nothing, a fact at or before a folded block and an as-of engine', () => {
    const input = build(
      [
        { t: 'buy', c: 0, h: 0, n: 1, tao: 5_000, spec: 320 },
        { t: 'checkpointAll' },
        { t: 'sell', c: 0, h: 0, n: 1, pct: 40, spec: 320 },
        { t: 'checkpointAll' },
      ],
      false,
    );
    const { initial, deltas } = incrementalSteps(input, 2);
    const engine = createEngine(initial);
    const before = engine.result();
    const late = deltas[0]?.delta as FactsDelta;
    const early: FactsDelta = { ...late, events: [...late.events, ...initial.events.slice(0, 1)] };
    expect(engine.append(early)).toBe(false);
    expect(engine.result()).toEqual(before);
    expect(engine.foldedBlock()).toBe(Math.max(...initial.events.map((c) => c.blockNumber)));
    expect(createEngine(initial, { method: 'acb', rewards: 'income', asOfBlock: 10_000 }).append(late)).toBe(false);
    for (const { delta } of deltas) expect(engine.append(delta)).toBe(true);
    expect(engine.result()).toEqual(createEngine(input).result());
  });
});
