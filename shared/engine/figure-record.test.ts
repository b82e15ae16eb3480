// Position figures and results are made by constructors (figure-record.ts) for the garbage collector's
// sake; everything that reads them (JSON on the wire, spreads, exports, the golden files) must see what
// the object literals gave: the same own properties, in the same order, and nothing else.
import { describe, expect, it } from 'vitest';
import { createEngine, type PortfolioInput } from './index';
import { emptyFigures } from './pnl';
import { A, TAO, ev, snap } from './testing/fixtures';

const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
    ev('StakeAdded', { block: 110, netuid: 2, tao: 4n * TAO, alpha: 8n * A }),
  ],
  checkpoints: [],
  snapshots: [snap(50, 1, TAO), snap(50, 2, TAO / 2n)],
};

describe('position records', () => {
  const engine = createEngine(input, { method: 'acb', rewards: 'income' });
  const before = engine.result();
  const benchmarksBefore = engine.benchmarks();
  // Prices move: the positions no event touched are repriced (PnlTracker.reprice, the other path).
  engine.append({ events: [], checkpoints: [], snapshots: [snap(120, 1, 2n * TAO), snap(120, 2, TAO)] });
  const after = engine.result();
  const benchmarksAfter = engine.benchmarks();
  const figureKeys = Object.keys(emptyFigures());

  it('figures have the literal’s keys in its order, from a full computation and from a reprice', () => {
    expect(figureKeys).toHaveLength(43);
    for (const r of [before, after]) {
      expect(r.positions).toHaveLength(2);
      for (const p of r.positions) expect(Object.keys(p.figures)).toEqual(figureKeys);
      for (const a of [r.total, ...r.subnets, ...r.wallets]) expect(Object.keys(a.figures)).toEqual(figureKeys);
    }
  });

  it('the reprice moved the price-dependent figures and kept the book’s', () => {
    const [was, now] = [before, after].map((r) => r.positions.find((p) => p.netuid === 1)?.figures);
    expect(was?.spotValue).toBe(10n * TAO);
    expect(now?.spotValue).toBe(20n * TAO);
    expect(now?.unrealized).toBe(10n * TAO);
    expect(now?.costBasis).toBe(was?.costBasis);
    expect(now?.taoIn).toBe(was?.taoIn);
  });

  it('results carry exactly the fields of a PositionResult and copy like plain objects', () => {
    for (const p of after.positions) {
      expect(Object.keys(p)).toEqual(['key', 'coldkey', 'hotkey', 'netuid', 'price', 'figures']);
      const plain = { ...p, figures: { ...p.figures } };
      expect(plain).toEqual(p);
      const viaJson = JSON.parse(JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
      expect(Object.keys(viaJson.figures)).toEqual(figureKeys);
      expect(structuredClone(p)).toEqual(plain);
    }
  });

  it('benchmark figures have the interface’s fields in its order, before and after the prices moved', () => {
    const fields = ['available', 'complete', 'benchmarkValue', 'betValue', 'excess', 'priceEffect', 'emissionEffect'];
    const expected = [...fields, 'frictionEffect', 'benchmarkGain'];
    for (const set of [benchmarksBefore, benchmarksAfter]) {
      expect(set.positions.size).toBe(2);
      for (const b of set.positions.values())
        for (const f of Object.values(b)) expect(Object.keys(f)).toEqual(expected);
    }
    const bet = (set: typeof benchmarksAfter) =>
      Object.values(set.positions.get(after.positions[0]!.key)!)[0]!.betValue;
    expect(bet(benchmarksAfter)).toBe(after.positions[0]!.figures.spotValue);
    expect(bet(benchmarksAfter)).not.toBe(bet(benchmarksBefore));
  });
});

describe('empty figures', () => {
  it('are copies of kept zero figures: changing one changes neither the next nor its flags', () => {
    const first = emptyFigures();
    first.taoIn += 5n;
    first.totalReturnPct = 0.5;
    first.flags.missingPrice.push(7);
    first.flags.fiatIncomplete = true;
    const next = emptyFigures();
    expect(next.taoIn).toBe(0n);
    expect(next.totalReturnPct).toBeNull();
    expect(next.flags).not.toBe(first.flags);
    expect(next.flags.missingPrice).toEqual([]);
    expect(next.flags.fiatIncomplete).toBe(false);
    expect(Object.keys(next)).toEqual(Object.keys(first));
  });
});
