// Devnet truth across 393 → 424 end to end, through sync and the engine (devnet upgrade424, seeds 1–3):
// the emission α the engine derives for every position and checkpoint interval equals the α the chain
// credited at the epochs inside it (the truth's `emissions`), and every silent position change the
// truth lists (batched limit-order fills, hotkey and coldkey swaps, dissolution payouts) is recorded and
// explained, so nothing is left unexplained beyond the share pool's rounding (docs/chain/reconciliation.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet, Truth } from '../../devnet/index';
import { createEngine, positionKey, type PortfolioInput } from '../../shared/engine';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

/** The truth's kinds for position changes no stake event of the coldkey carries. */
const SILENT_TRUTH_KINDS = new Set(['BatchedFill', 'HotkeySwap', 'ColdkeySwap', 'DissolutionPayout']);

/** α-rao a stake operation may shift a position by: the share pool's floor rounding, no event reports it. */
const ROUNDING = 2n;

/** |recorded| = the truth's α, up to rounding: the receiving side of a swap gets the pool's floor of it. */
const abs = (v: bigint) => (v < 0n ? -v : v);
const near = (recorded: bigint, truth: bigint) => {
  const gap = abs(recorded) - abs(truth);
  return gap >= -ROUNDING && gap <= ROUNDING;
};

describe.each([1, 2, 3])('devnet truth through sync and the engine, upgrade424 seed %i', (seed) => {
  let dn: Devnet;
  let truth: Truth;
  let input: PortfolioInput;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed, port: 0 });
    const backend = testBackend(tempDir());
    try {
      for (const [i, address] of dn.coldkeys.entries())
        await backend.dispatch('wallets:add', { address, label: `user ${i}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
      truth = dn.truth();
      input = loadPortfolioInput(backend.db, await backend.call('wallets:list'), 'USD');
    } finally {
      backend.close();
    }
  }, 300_000);
  afterAll(async () => {
    await dn.close();
  });

  it('emission α per interval equals the truth’s emissions; nothing else is unexplained', () => {
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    // The truth's emissions per position, in block order.
    const credited = new Map<string, { block: number; alpha: bigint }[]>();
    for (const e of truth.emissions) {
      const k = positionKey(e.coldkey, e.hotkey, e.netuid);
      credited.set(k, [...(credited.get(k) ?? []), { block: e.block, alpha: BigInt(e.alpha) }]);
    }
    // Stake operations per position and block (each may shift the α by the pool's rounding).
    const operations = new Map<string, number>();
    for (const e of input.events) {
      if (e.hotkey === null || e.netuid === null) continue;
      const k = positionKey(e.coldkey, e.hotkey, e.netuid);
      operations.set(k, (operations.get(k) ?? 0) + 1);
    }

    let intervals = 0;
    let withEmission = 0;
    let exact = 0;
    const off: string[] = [];
    for (const r of engine.state.emissions) {
      const k = positionKey(r.coldkey, r.hotkey, r.netuid);
      const paid = (credited.get(k) ?? [])
        .filter((e) => e.block > r.fromBlock && e.block <= r.toBlock)
        .reduce((s, e) => s + e.alpha, 0n);
      const gap = r.alpha - paid;
      const tolerance = ROUNDING * BigInt(1 + (operations.get(k) ?? 0));
      if (gap < -tolerance || gap > tolerance) off.push(`${k} (${r.fromBlock}, ${r.toBlock}]: ${r.alpha} vs ${paid}`);
      intervals++;
      if (paid > 0n) withEmission++;
      if (gap === 0n) exact++;
    }
    expect(off).toEqual([]);
    expect(intervals).toBeGreaterThan(100);
    expect(withEmission).toBeGreaterThan(50);
    expect(exact / intervals).toBeGreaterThan(0.9);

    // Total emission income in α: the truth's, up to rounding.
    const truthTotal = truth.emissions.reduce((s, e) => s + BigInt(e.alpha), 0n);
    const emitted = engine.result().total.figures.alphaEmitted;
    expect(emitted - truthTotal).toBeLessThanOrEqual(ROUNDING * BigInt(input.events.length));
    expect(truthTotal - emitted).toBeLessThanOrEqual(ROUNDING * BigInt(input.events.length));

    // No injection in this history: every unexplained record is rounding-sized.
    const unexplained = engine.state.emissions.filter((r) => r.kind === 'unexplained');
    expect(unexplained.filter((r) => r.alpha < -ROUNDING || r.alpha > ROUNDING)).toEqual([]);
  });

  it('every silent effect of the truth is recorded with its α and block', () => {
    const silent = truth.events.filter((e) => SILENT_TRUTH_KINDS.has(e.kind) && BigInt(e.alpha) !== 0n);
    expect(silent.length).toBeGreaterThan(0);
    const recorded = input.effects ?? [];
    const missing = silent.filter(
      (e) =>
        !recorded.some(
          (r) =>
            r.blockNumber === e.block &&
            r.netuid === e.netuid &&
            (r.hotkey === e.hotkey || r.hotkey === e.destHotkey) &&
            (r.coldkey === e.coldkey || r.coldkey === e.destColdkey) &&
            near(r.alpha, BigInt(e.alpha)),
        ),
    );
    expect(missing).toEqual([]);
    // And every recorded one is in the truth: nothing invented.
    const invented = recorded.filter(
      (r) => !silent.some((e) => e.block === r.blockNumber && e.netuid === r.netuid && near(r.alpha, BigInt(e.alpha))),
    );
    expect(invented).toEqual([]);
  });
});
