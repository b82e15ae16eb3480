/** Same seed → same chain and same ground truth; another seed → another chain. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureMetadata } from './helpers.js';
import { World } from '../chain/world.js';
import { SCENARIOS } from '../scenarios/index.js';
import { buildTruth } from '../truth.js';
import { blockHash } from '../chain/headers.js';
import { Handlers } from '../rpc/handlers.js';

beforeAll(() => ensureMetadata());

function build(seed: number) {
  const w = new World(seed, SCENARIOS['tiny']!);
  w.genesis();
  w.generate(SCENARIOS['tiny']!.blocks);
  return w;
}

function fingerprint(w: World) {
  const h = new Handlers({ chain: w.chain, finalized: () => w.chain.head - 2, faults: () => ({}) });
  const keys = w.chain.keys();
  const sample = keys.filter((_, i) => i % 7 === 0);
  return {
    truth: JSON.stringify(buildTruth(w.chain, 'x', w.chain.head - 2)),
    hashes: [1, 100, 2_000, w.chain.head].map((b) => blockHash(w.chain, b)),
    storage: [500, 2_600, w.chain.head].map((b) => sample.map((k) => h.storageAt(k, b)).join()),
    events: [...w.chain.blocks.keys()].slice(0, 50).map((b) =>
      h.storageAt(
        keys.find((k) => w.chain.cells.get(k)?.item === 'SystemEvents')!,
        b,
      ),
    ),
  };
}

describe('determinism', () => {
  it('same seed gives the same chain and truth', () => {
    const a = fingerprint(build(5));
    const b = fingerprint(build(5));
    expect(a).toEqual(b);
    expect(JSON.parse(a.truth).events.length).toBeGreaterThan(10);
  });

  it('a different seed gives a different chain', () => {
    const a = fingerprint(build(5));
    const c = fingerprint(build(6));
    expect(c.truth).not.toEqual(a.truth);
    expect(c.hashes[1]).not.toEqual(a.hashes[1]);
  });
});

describe('determinism of live blocks', () => {
  it('same seed + same submissions → same live blocks, hashes and truth', () => {
    const live = (seed: number) => {
      const w = build(seed);
      w.chain.trackTouched = true;
      const cold = w.userColdkeys[0]!;
      const p = w.chain.positionsOf(cold).find((x) => w.chain.stake(x.hotkey, cold, x.netuid) > 0n)!;
      for (let i = 0; i < 20; i++) {
        if (i % 5 === 0)
          w.submit({ kind: 'add_stake', coldkey: cold, hotkey: p.hotkey, netuid: p.netuid, tao: 1_000_000_000n });
        w.produceNext();
      }
      return fingerprint(w);
    };
    expect(live(8)).toEqual(live(8));
  });
});

describe('incremental generation', () => {
  it('generating history in two steps gives the same chain as in one', () => {
    const cfg = SCENARIOS['tiny']!;
    const w = new World(5, cfg);
    w.genesis();
    w.generate(cfg.blocks - 2);
    w.chain.trackTouched = true;
    w.generate(cfg.blocks);
    expect(fingerprint(w)).toEqual(fingerprint(build(5)));
  });
});

describe('determinism at 424', () => {
  it.each([
    ['upgrade424', [6_500, 9_000], 'DissolutionPayout'],
    ['basket475', [9_000, 13_000], 'BasketClaimed'],
  ])('%s: same seed → same blocks, truth (with silent effects, emissions, locks) and storage', (name, at, kind) => {
    const run = (seed: number) => {
      const cfg = SCENARIOS[name]!;
      const w = new World(seed, cfg);
      w.genesis();
      w.generate(cfg.blocks);
      const h = new Handlers({ chain: w.chain, finalized: () => w.chain.head - 2, faults: () => ({}) });
      const keys = w.chain.keys().filter((_, i) => i % 11 === 0);
      return {
        truth: JSON.stringify(buildTruth(w.chain, 'x', w.chain.head - 2)),
        storage: [...at, w.chain.head].map((b) => keys.map((k) => h.storageAt(k, b)).join()),
      };
    };
    const a = run(8);
    expect(run(8)).toEqual(a);
    expect(run(9).truth).not.toEqual(a.truth);
    expect(JSON.parse(a.truth).events.some((e: { kind: string }) => e.kind === kind)).toBe(true);
  });
});

describe('a history stopped part-way (startDevnet historyTo)', () => {
  it.each([
    ['tiny', 2_600],
    ['basket475', 12_001],
  ])('%s stopped at %i: the blocks up to there are the full history’s', (name, stop) => {
    const cfg = SCENARIOS[name]!;
    const world = (head: number) => {
      const w = new World(3, cfg);
      w.genesis();
      w.generate(head - 2);
      w.chain.trackTouched = true;
      w.generate(head);
      return w;
    };
    const full = world(cfg.blocks);
    const part = world(stop);
    expect(part.chain.head).toBe(stop);
    const handlers = (w: World) =>
      new Handlers({ chain: w.chain, finalized: () => w.chain.head - 2, faults: () => ({}) });
    const [hf, hp] = [handlers(full), handlers(part)];
    const keys = full.chain.keys().filter((_, i) => i % 5 === 0);
    for (const b of [1, Math.floor(stop / 2), stop - 1, stop])
      expect(keys.map((k) => hp.storageAt(k, b)).join()).toEqual(keys.map((k) => hf.storageAt(k, b)).join());
    const upTo = (w: World) => buildTruth(w.chain, 'x', stop).events.filter((e) => e.block <= stop);
    expect(upTo(part)).toEqual(upTo(full));
    expect(upTo(full).length).toBeGreaterThan(10);
  });
});
