/**
 * Differential test: the engine against an independent reference model of its accounting
 * (testing/lot-oracle.ts) over seeded random histories (testing/oracle-ledger.ts): stakes, partial and
 * full unstakes, moves across hotkeys and subnets, transfers to the other watched wallet and to
 * strangers, hotkey and coldkey swaps, dissolutions, batched fills, emissions and unexplained changes through checkpoints, α-paid fees, burns, root claims,
 * opening balances, several extrinsics per block, amounts from 1 rao to 10^19.
 */
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  type CostBasisMethod,
  type Engine,
  type EngineSettings,
  type PortfolioInput,
  type PositionResult,
} from './index';
import { computeWithAnalytics } from './analytics/compute';
import { RefModel, type RefPosition, type Rewards } from './testing/lot-oracle';
import { generate, type History } from './testing/oracle-ledger';

const METHODS: CostBasisMethod[] = ['acb', 'fifo', 'lifo', 'hifo'];
const REWARDS: Rewards[] = ['income', 'zero'];
const SEEDS = Array.from({ length: 64 }, (_, i) => 1 + i * 7919);
const STEPS = 60;
/** Seeds for each of the other paths (they cost more). */
const EXTRA = 12;

/**
 * How the engine is driven: one computation, the cockpit's (entries for every trade, observers), live
 * sync's (./index `append`), or as of a block inside the history (positions may then hold α sold before
 * it was booked: negative α).
 */
type Path = 'engine' | 'analytics' | 'append' | 'asOf';
/** The as-of block of the 'asOf' path: that of the event 60 % into the history. */
const asOfBlock = (h: History): number => h.input.events[Math.floor(h.input.events.length * 0.6)]?.blockNumber ?? 0;
function run(input: PortfolioInput, settings: EngineSettings, path: Path): Engine {
  if (path === 'engine' || path === 'asOf') return createEngine(input, settings);
  if (path === 'analytics') return computeWithAnalytics(input, settings).engine;
  // The facts up to the middle block first, then the rest appended (./index `append`).
  const blocks = input.events.map((e) => e.blockNumber);
  const mid = blocks[Math.floor(blocks.length / 2)] ?? 0;
  const at = <T extends { blockNumber: number }>(xs: readonly T[], later: boolean): T[] =>
    xs.filter((x) => x.blockNumber > mid === later);
  const facts = (later: boolean) => ({
    events: at(input.events, later),
    checkpoints: at(input.checkpoints, later),
    snapshots: at(input.snapshots, later),
    rootClaims: at(input.rootClaims ?? [], later),
    effects: at(input.effects ?? [], later),
  });
  const engine = createEngine({ ...input, ...facts(false) }, settings);
  if (!engine.append(facts(true))) throw new Error('append refused');
  return engine;
}

function priceOf(h: History): (n: number, block: number) => bigint {
  return (n, block) => {
    if (n === 0) return 1_000_000_000n;
    let p = 0n;
    for (const s of h.prices.get(n) ?? []) if (s.block <= block) p = s.price;
    return p;
  };
}

const FIELDS = [
  'alpha',
  'realized',
  'taoIn',
  'taoOut',
  'incomeTao',
  'emissionTao',
  'alphaEmitted',
  'alphaUnexplained',
  'alphaUnexplainedIn',
  'alphaOpening',
] as const;

/** The engine's and the model's figures of every position, and the differences (empty when they agree). */
function compare(h: History, method: CostBasisMethod, rewards: Rewards, path: Path = 'engine'): string[] {
  let engine: Engine;
  try {
    engine = run(h.input, path === 'asOf' ? { method, rewards, asOfBlock: asOfBlock(h) } : { method, rewards }, path);
  } catch (e) {
    return [`engine threw ${String(e)}`];
  }
  const res = engine.result();
  const priceAt = priceOf(h);
  const model = new RefModel(method, rewards, priceAt);
  const end = path === 'asOf' ? asOfBlock(h) : Number.POSITIVE_INFINITY;
  for (const op of h.ops) if (op.block <= end) model.apply(op);
  const basis = model.costBasis();
  const last = engine.state.lastBlock;
  const diffs: string[] = [];
  const byKey = new Map<string, PositionResult>(res.positions.map((p) => [p.key, p]));
  const total: Record<string, bigint> = {};
  for (const p of model.positions.values()) {
    const f = byKey.get(p.key)?.figures;
    if (!f) {
      diffs.push(`${p.key}: no engine position`);
      continue;
    }
    const want: Record<string, bigint> = Object.fromEntries(
      FIELDS.map((k) => [k, p[k as keyof RefPosition] as bigint]),
    );
    want.costBasis = basis.get(p.key) ?? 0n;
    // Every division floors (./units), also the value of α sold before it was booked (negative α).
    const v = p.alpha * priceAt(p.n, last);
    want.spotValue = v / 1_000_000_000n - (v < 0n && v % 1_000_000_000n !== 0n ? 1n : 0n);
    want.unrealized = want.spotValue - want.costBasis;
    want.totalReturn = want.spotValue + p.taoOut - p.taoIn;
    for (const [k, v] of Object.entries(want)) {
      total[k] = (total[k] ?? 0n) + v;
      const got = f[k as keyof typeof f];
      if (got !== v) diffs.push(`${p.key} ${k}: engine ${String(got)} model ${v}`);
    }
  }
  if (byKey.size !== model.positions.size) diffs.push(`positions: engine ${byKey.size} model ${model.positions.size}`);
  const t = res.total.figures;
  for (const [k, v] of Object.entries(total)) {
    const got = t[k as keyof typeof t];
    if (got !== v) diffs.push(`total ${k}: engine ${String(got)} model ${v}`);
  }
  for (const [k, b] of model.books) {
    const eb = engine.state.books.get(k);
    const got = eb ? [eb.alpha(), eb.cost(), eb.deficit()] : null;
    const want = [b.alpha(), b.cost(), b.deficit];
    if (JSON.stringify(got?.map(String)) !== JSON.stringify(want.map(String)))
      diffs.push(`book ${k}: engine ${String(got)} model ${String(want)}`);
    // Never a negative (or empty) lot, never a cost below zero.
    for (const l of eb?.lots() ?? [])
      if (l.alpha <= 0n || l.cost < 0n) diffs.push(`book ${k}: lot ${l.alpha}/${l.cost}`);
  }
  return diffs;
}

describe('the engine agrees with an independent reference model of its accounting', () => {
  for (const method of METHODS) {
    for (const rewards of REWARDS) {
      it(`${method}, rewards ${rewards}: ${SEEDS.length} seeded histories of ${STEPS} steps`, () => {
        const failures: string[] = [];
        for (const seed of SEEDS) {
          const d = compare(generate(seed, STEPS), method, rewards);
          if (d.length > 0) failures.push(`seed ${seed}: ${d.slice(0, 4).join('; ')}`);
        }
        expect(failures.slice(0, 10)).toEqual([]);
      });
    }
  }
  // The same figures whichever way the engine is driven (fewer seeds: these paths cost more).
  for (const path of ['analytics', 'append', 'asOf'] as const) {
    it(`${path} path, every method and treatment: ${EXTRA} histories`, () => {
      const failures: string[] = [];
      for (const seed of SEEDS.slice(0, EXTRA))
        for (const method of METHODS)
          for (const rewards of REWARDS) {
            const d = compare(generate(seed, STEPS), method, rewards, path);
            if (d.length > 0) failures.push(`seed ${seed} ${method} ${rewards}: ${d.slice(0, 4).join('; ')}`);
          }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});
