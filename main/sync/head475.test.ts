// Valuations at the head on today's chain (basket475 ends at spec 475, whose metadata is V14: the app
// decodes its runtime-API answers with the bundled 455 definitions, docs/chain/rpc.md#v14-only-runtimes).
// @polkadot/api cannot call those APIs at 475 without the same definitions, so the reference here is the
// devnet's own model of each call (devnet/chain/api-swap.ts, api-stake-info.ts), read in-process: every
// held position's α, locked and available α, exit value (sim_swap_alpha_for_tao of the available α) and
// every subnet's current_alpha_price must be what sync recorded at the head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata, heldAt, type PositionExitRow } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const { simSwap } = await import('../../devnet/chain/api-swap');
const { stakeAvailability, subnetsAt } = await import('../../devnet/chain/api-stake-info');
const tempDir = useTempDirs();

describe.each([1, 2])('head facts at spec 475, basket475 seed %i', (seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records the chain’s α, locks, exit values and prices at the synced head', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const head = dn.truth().finalized;
    const chain = dn.world.chain;
    expect(chain.specAt(head)).toBe(475);
    expect((await backend.call('portfolio:get', undefined)).asOfBlock).toBe(head);

    let exits = 0;
    let locked = 0;
    for (const coldkey of dn.coldkeys) {
      const cold = fromSs58(coldkey);
      const held = heldAt(chain, coldkey, head);
      const rows = backend.db
        .prepare('SELECT * FROM position_exits WHERE coldkey = ? AND block_number = ? ORDER BY netuid, hotkey')
        .all(coldkey, head) as PositionExitRow[];
      expect(rows.map((r) => [r.hotkey, Number(r.netuid), r.alpha])).toEqual(
        held.map((p) => [p.hotkey, p.netuid, p.alpha]),
      );

      // Per subnet: the runtime's {total, locked, available} (get_stake_availability_for_coldkeys).
      const availability = stakeAvailability(chain, [cold], null, head).get(cold)!;
      const stakes = backend.db
        .prepare('SELECT netuid, total, locked, available FROM subnet_stakes WHERE coldkey = ? ORDER BY netuid')
        .all(coldkey) as { netuid: bigint; total: bigint; locked: bigint; available: bigint }[];
      expect(stakes.map((s) => Number(s.netuid))).toEqual([...new Set(held.map((p) => p.netuid))]);
      for (const s of stakes) {
        const chainSide = availability.get(Number(s.netuid));
        expect([Number(s.netuid), s.total, s.locked, s.available]).toEqual([
          Number(s.netuid),
          chainSide?.total,
          chainSide?.locked,
          chainSide?.available,
        ]);
        if (s.locked > 0n) locked++;
        // The positions on the subnet carry exactly its lock between them.
        expect(rows.filter((r) => r.netuid === s.netuid).reduce((a, r) => a + r.locked, 0n)).toBe(s.locked);
      }
      // Exit value: sim_swap_alpha_for_tao of what can be sold now (root's is the α itself).
      for (const r of rows) {
        expect(r.available).toBe(r.alpha - r.locked);
        const sim = simSwap(chain, Number(r.netuid), r.available, false, head);
        expect([r.hotkey, Number(r.netuid), r.exit_tao, r.exit_alpha_fee]).toEqual([
          r.hotkey,
          Number(r.netuid),
          BigInt(sim.taoAmount),
          BigInt(sim.alphaFee),
        ]);
        exits++;
      }
    }
    expect(exits).toBeGreaterThan(3);

    // Every subnet at the head, priced by current_alpha_price.
    const prices = backend.db
      .prepare('SELECT netuid, price FROM subnet_snapshots WHERE block_number = ? ORDER BY netuid')
      .all(head) as { netuid: bigint; price: bigint }[];
    expect(prices.map((p) => Number(p.netuid))).toEqual(subnetsAt(chain, head));
    for (const p of prices)
      expect([Number(p.netuid), p.price]).toEqual([Number(p.netuid), chain.priceRao(Number(p.netuid), head)]);
    console.log(`seed ${seed}: ${exits} exit values, ${locked} locked subnets, ${prices.length} prices at #${head}`);
    await backend.sync.close();
    backend.close();
  }, 120_000);
});
