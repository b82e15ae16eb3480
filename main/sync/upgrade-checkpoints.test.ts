// Runtime-upgrade checkpoints (issues 8/12, docs/chain/reconciliation.md#runtime-upgrade-checkpoints):
// sync checkpoints every held position at the first block of each new runtime in the synced range (the
// devnet's upgrades: upgrade424 393 → 424 @6,000; basket475 → 424 @4,000, → 455 @8,000, → 475 @12,000),
// equal to the chain's α there. (The 475 migration's share-pool reconciles change no tracked coldkey's α
// on basket475 seeds 1–3, so their booking as `share-reconcile` is covered by the engine's unit tests.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { Backend } from '../backend';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

const UPGRADES = { upgrade424: [6_000], basket475: [4_000, 8_000, 12_000] } as const;

for (const scenario of ['upgrade424', 'basket475'] as const) {
  describe(`checkpoints at runtime upgrades (${scenario} seed 1)`, () => {
    let dn: Devnet;
    let backend: Backend;
    beforeAll(async () => {
      ensureDevnetMetadata();
      const { startDevnet } = await import('../../devnet/index');
      dn = await startDevnet({ scenario, seed: 1, port: 0 });
      backend = testBackend(tempDir());
      for (const [i, address] of dn.coldkeys.entries())
        await backend.dispatch('wallets:add', { address, label: `user ${i}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
    }, 300_000);
    afterAll(async () => {
      await backend.sync.close();
      backend.close();
      await dn.close();
    });

    it('holds a checkpoint row at each upgrade block for every held position, equal to the chain', async () => {
      const { fromSs58 } = await import('../../devnet/chain/accounts');
      const chain = dn.world.chain;
      let checked = 0;
      for (const cold of dn.coldkeys) {
        const first = backend.db
          .prepare('SELECT MIN(block_number) AS b FROM position_checkpoints WHERE coldkey = ?')
          .get(cold) as { b: bigint | null };
        const known = backend.db
          .prepare('SELECT DISTINCT hotkey, netuid FROM position_checkpoints WHERE coldkey = ?')
          .all(cold) as { hotkey: string; netuid: bigint }[];
        for (const u of UPGRADES[scenario]) {
          if (first.b === null || u <= Number(first.b)) continue;
          const onChain = known
            .map((p) => ({
              hotkey: p.hotkey,
              netuid: Number(p.netuid),
              alpha: chain.stake(fromSs58(p.hotkey), fromSs58(cold), Number(p.netuid), u),
            }))
            .filter((p) => p.alpha !== 0n);
          const rows = (
            backend.db
              .prepare(
                'SELECT hotkey, netuid, alpha FROM position_checkpoints WHERE coldkey = ? AND block_number = ? AND alpha != 0',
              )
              .safeIntegers()
              .all(cold, u) as { hotkey: string; netuid: bigint; alpha: bigint }[]
          ).map((r) => ({ hotkey: r.hotkey, netuid: Number(r.netuid), alpha: r.alpha }));
          const order = (a: { hotkey: string; netuid: number }, b: { hotkey: string; netuid: number }) =>
            a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : 1);
          expect({ cold, u, rows: rows.sort(order) }).toEqual({ cold, u, rows: onChain.sort(order) });
          checked += onChain.length;
        }
      }
      expect(checked).toBeGreaterThan(3);
    });
  });
}
