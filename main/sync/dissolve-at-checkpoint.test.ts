// A 475 dissolution whose removal falls on a daily checkpoint block: between NetworkRemoved and the
// settle phase the subnet is gone from the price list but its pool storage and α rows stay
// (docs/chain/swaps-and-dissolution.md). Sync must price it from storage there, not stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata, eventLines } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { BLOCKS_PER_DAY } from './record-range';

ensureDevnetMetadata();
const { startDevnet, SCENARIOS } = await import('../../devnet/index');
const tempDir = useTempDirs();

const base = SCENARIOS.basket475!;
/** Truth lines that are not events or silent effects sync stores (as in basket-sync.test.ts). */
const NOT_DERIVED = /\|(BasketDividend|BasketMigration|DustSwept)\|/;
/**
 * A daily grid block inside the 475 era (from 12,000). The chain runs past it so that a wallet is quiet
 * there (quin's old coldkey after its swap at 14,000): only a quiet wallet gets a daily checkpoint, and
 * that checkpoint reads every subnet's pool (the bug: it stopped on the removed subnet's missing price).
 */
const DISSOLVE_AT = 3 * BLOCKS_PER_DAY;
const DISSOLVE_ON_CHECKPOINT = {
  ...base,
  name: 'basket475-dissolve-on-checkpoint',
  blocks: DISSOLVE_AT + 400,
  script: { ...base.script, dissolveAt: DISSOLVE_AT },
};

describe('475 dissolution on a daily checkpoint block', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: DISSOLVE_ON_CHECKPOINT, seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('syncs through it: the removed subnet is priced from its storage until the payout closes the position', async () => {
    const truth = dn.truth();
    const payouts = truth.events.filter((e) => e.kind === 'DissolutionPayout');
    expect(payouts.length).toBeGreaterThan(0);
    const netuid = payouts[0]!.netuid;
    // The settle phase comes after the removal, so the checkpoint block sees the subnet removed but not settled.
    expect(payouts.every((p) => p.block > DISSOLVE_AT)).toBe(true);

    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    const status = await backend.sync.syncOnce();
    expect(status.wallets.map((w) => [w.cursor, w.error ?? null])).toEqual(
      dn.coldkeys.map(() => [truth.finalized, null]),
    );
    for (const coldkey of dn.coldkeys) {
      const { stored, expected } = eventLines(backend.db, truth, coldkey);
      expect(stored.filter((l) => !NOT_DERIVED.test(l))).toEqual(expected.filter((l) => !NOT_DERIVED.test(l)));
    }
    const snapshot = backend.db
      .prepare('SELECT price, price_source AS source FROM subnet_snapshots WHERE netuid = ? AND block_number = ?')
      .get(netuid, DISSOLVE_AT) as { price: bigint; source: string } | undefined;
    expect(snapshot).toBeDefined();
    expect(snapshot!.source).not.toBe('runtime');
    expect(snapshot!.price).toBeGreaterThan(0n);
    backend.close();
  });
});
