/**
 * BetaBasketRuntimeApi answers at a past block list the funds of that block, including the fund of a
 * hotkey that a later hotkey swap moved away. The devnet generates the whole chain before serving it,
 * so an answer built from today's hotkey owners would drop that fund at every earlier block: basket475
 * seed 17, where olga's validator swaps its hotkey at 13,000, read "nothing owed" for her 10-τ
 * purchase at 8,500 and the app booked it as vanished shares.
 */
import { describe, expect, it } from 'vitest';
import { World } from '../chain/world.js';
import { scenario } from '../scenarios/index.js';
import { basketApi } from '../chain/api-basket.js';
import type { Acc } from '../chain/accounts.js';
import { ensureMetadata } from './helpers.js';

interface Listed {
  hotkey: Acc;
  beta: bigint;
}

describe.each([1, 17])('fund answers at blocks before a hotkey swap (basket475, seed %i)', (seed) => {
  it('get_beta_portfolio at the block before the swap lists what each staker is owed in the old fund', () => {
    ensureMetadata();
    const cfg = scenario('basket475');
    const world = new World(seed, cfg);
    world.genesis();
    world.generate(cfg.blocks);
    const chain = world.chain;
    const swaps = chain.truthEvents.filter((e) => e.kind === 'HotkeySwap');
    expect(swaps.length).toBeGreaterThan(0);
    let checked = 0;
    for (const swap of swaps) {
      const before = swap.block - 1;
      const old = swap.hotkey;
      for (const cold of chain.coldPositions.keys()) {
        const owed = chain.basket.owed(old, cold, before);
        const listed = basketApi(chain, 'get_beta_portfolio', { acc: () => cold }, before) as Listed[];
        const row = listed.find((p) => p.hotkey === old);
        expect(row?.beta ?? 0n).toBe(owed);
        if (owed > 0n) checked++;
      }
    }
    // At least one staker was owed shares in a fund that was swapped away later.
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
