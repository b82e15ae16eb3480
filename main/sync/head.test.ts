// Valuations at the head: after `sync --once` the portfolio's block is the synced finalized head,
// every held position's α is the chain's StakeInfo there, and its exit value is the runtime's own
// sim_swap_alpha_for_tao of the available α (asked here through @polkadot/api, not the app).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata, heldAt, type PositionExitRow } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe.each([
  ['upgrade', 1],
  ['tiny', 2],
  ['upgrade424', 1],
] as const)('head facts after sync --once, scenario %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  let api: ApiPromise;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
    api = await ApiPromise.create({ provider: new WsProvider(dn.url), noInitWarn: true });
  });
  afterAll(async () => {
    await api.disconnect();
    await dn.close();
  });

  it('values every held position at the synced head with the chain’s α and exit value', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const head = dn.truth().finalized;

    const view = await backend.call('portfolio:get', undefined);
    expect(view.asOfBlock).toBe(head);

    const chain = dn.world.chain;
    const at = await api.at(dn.hashOf(head));
    let exits = 0;
    let locks = 0;
    let heldPositions = 0;
    for (const coldkey of dn.coldkeys) {
      const heads = backend.db.prepare('SELECT block_number FROM head_checkpoints WHERE coldkey = ?').all(coldkey);
      expect(heads).toEqual([{ block_number: BigInt(head) }]);
      const held = heldAt(chain, coldkey, head);
      // A coldkey whose stake was swapped to another one holds nothing at the head.
      heldPositions += held.length;
      const checkpoint = backend.db
        .prepare(
          'SELECT hotkey, netuid, alpha FROM position_checkpoints WHERE coldkey = ? AND block_number = ? ORDER BY netuid, hotkey',
        )
        .all(coldkey, head) as { hotkey: string; netuid: bigint; alpha: bigint }[];
      expect(checkpoint.map((r) => ({ hotkey: r.hotkey, netuid: Number(r.netuid), alpha: r.alpha }))).toEqual(held);

      const rows = backend.db
        .prepare('SELECT * FROM position_exits WHERE coldkey = ? AND block_number = ? ORDER BY netuid, hotkey')
        .all(coldkey, head) as PositionExitRow[];
      expect(rows.map((r) => [r.hotkey, Number(r.netuid), r.alpha])).toEqual(
        held.map((p) => [p.hotkey, p.netuid, p.alpha]),
      );
      // The chain's own availability (spec ≥ 411), asked through @polkadot/api: netuid → {total, locked, available}.
      const availability = new Map<number, [bigint, bigint, bigint]>();
      const getAvailability = at.call.stakeInfoRuntimeApi?.getStakeAvailabilityForColdkeys;
      if (scenario === 'upgrade424') {
        if (!getAvailability) throw new Error('424 has get_stake_availability_for_coldkeys');
        const answer = (await getAvailability([coldkey], null)) as unknown as Map<
          unknown,
          Map<{ toNumber(): number }, Record<'total' | 'locked' | 'available', { toBigInt(): bigint }>>
        >;
        for (const perSubnet of answer.values())
          for (const [n, a] of perSubnet)
            availability.set(n.toNumber(), [a.total.toBigInt(), a.locked.toBigInt(), a.available.toBigInt()]);
      }
      const stakes = backend.db
        .prepare(
          'SELECT netuid, total, locked, available, locks_read FROM subnet_stakes WHERE coldkey = ? ORDER BY netuid',
        )
        .all(coldkey) as { netuid: bigint; total: bigint; locked: bigint; available: bigint; locks_read: bigint }[];
      const netuids = [...new Set(held.map((p) => p.netuid))];
      expect(stakes.map((s) => Number(s.netuid))).toEqual(netuids);
      for (const s of stakes) {
        const total = held.filter((p) => p.netuid === Number(s.netuid)).reduce((a, p) => a + p.alpha, 0n);
        // Before 411 there are no locks: everything is available.
        const [chainTotal, locked, available] = availability.get(Number(s.netuid)) ?? [total, 0n, total];
        expect([s.total, s.locked, s.available, s.locks_read]).toEqual([
          chainTotal,
          locked,
          available,
          scenario === 'upgrade424' ? 1n : 0n,
        ]);
        locks += locked > 0n ? 1 : 0;
        // The positions on the subnet carry exactly the subnet's lock between them.
        const onSubnet = rows.filter((r) => r.netuid === s.netuid);
        expect(onSubnet.reduce((a, r) => a + r.locked, 0n)).toBe(locked);
      }
      for (const r of rows) {
        expect(r.available).toBe(r.alpha - r.locked);
        const simulate = at.call.swapRuntimeApi?.simSwapAlphaForTao;
        if (!simulate) throw new Error('this runtime has no sim_swap_alpha_for_tao');
        const sim = (await simulate(Number(r.netuid), r.available)) as unknown as {
          taoAmount: { toBigInt(): bigint };
          alphaFee: { toBigInt(): bigint };
        };
        expect([r.exit_tao, r.exit_alpha_fee]).toEqual([sim.taoAmount.toBigInt(), sim.alphaFee.toBigInt()]);
        exits += 1;
      }
    }
    if (scenario === 'upgrade424') expect(locks).toBeGreaterThan(0);

    // Every subnet's price at the head is the runtime's current_alpha_price.
    const prices = backend.db
      .prepare('SELECT netuid, price, price_source FROM subnet_snapshots WHERE block_number = ? ORDER BY netuid')
      .all(head) as { netuid: bigint; price: bigint; price_source: string }[];
    expect(prices.length).toBeGreaterThan(2);
    const currentPrice = at.call.swapRuntimeApi?.currentAlphaPrice;
    if (!currentPrice) throw new Error('this runtime has no current_alpha_price');
    for (const p of prices) {
      const chainPrice = (await currentPrice(Number(p.netuid))) as unknown as { toBigInt(): bigint };
      expect([Number(p.netuid), p.price]).toEqual([Number(p.netuid), chainPrice.toBigInt()]);
      expect(p.price_source).toBe(scenario === 'tiny' ? 'reserves' : 'runtime'); // 343 has no current_alpha_price_all
    }
    expect(heldPositions).toBeGreaterThan(3);
    expect(exits).toBe(heldPositions);
    backend.close();
  }, 120_000);
});
