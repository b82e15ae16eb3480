// Subnet labels after a backfill (ledger-facts subnetLabels: each subnet's latest recorded name and symbol):
// every subnet recorded has its token symbol and its name, one dissolved before the head too (basket475 seed
// 303: subnet 7 at 15,000), read from storage with the pools: the name from the subnet's identity
// (`SubnetIdentitiesV3`, runtimes from 315, or `SubnetName` at 233; docs/chain/change-discovery.md#subnet-names),
// as the head's get_all_dynamic_info gives it. Every snapshot row read from storage carries the name too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ledgerFactsRepo } from '../db/repos/ledger-facts';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

// upgrade crosses 233 (the name in SubnetName) → 315 (in the identity) → 343 → 393, with a subnet registered late.
describe.each([
  ['basket475', 1],
  ['basket475', 303],
  ['upgrade', 1],
] as const)('subnet labels after a backfill, %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('every subnet recorded has its symbol and its name, one dissolved before the head too', async () => {
    const backend = testBackend(tempDir());
    try {
      for (const [i, address] of dn.coldkeys.entries())
        await backend.dispatch('wallets:add', { address, label: `user ${i}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
      const { db } = backend;
      const labels = ledgerFactsRepo(db).subnetLabels();
      const all = <T>(sql: string) => db.prepare(sql).all() as T[];
      const recorded = all<{ netuid: bigint }>('SELECT DISTINCT netuid FROM subnet_snapshots ORDER BY netuid');
      expect(labels.map((l) => l.netuid)).toEqual(recorded.map((r) => Number(r.netuid)));
      // The devnet names subnet n `subnet-n` and gives it a Greek symbol (devnet/chain/genesis.ts).
      const defs = dn.world.chain.subnets;
      const [{ head }] = all<{ head: bigint }>('SELECT MAX(block_number) AS head FROM subnet_snapshots') as [
        { head: bigint },
      ];
      const atHead = new Set(
        all<{ netuid: bigint }>(`SELECT netuid FROM subnet_snapshots WHERE block_number = ${head}`).map((r) =>
          Number(r.netuid),
        ),
      );
      for (const l of labels) {
        expect([l.netuid, l.symbol]).toEqual([l.netuid, defs.get(l.netuid)!.symbol]);
        expect([l.netuid, l.name]).toEqual([l.netuid, defs.get(l.netuid)!.name]);
      }
      if (scenario === 'basket475' && seed === 303)
        expect(labels.filter((l) => !atHead.has(l.netuid)).map((l) => l.netuid)).toContain(7);
      // Not the head's names alone: every snapshot read from storage names its subnet, at every runtime (233's
      // SubnetName, the identity after), but a dissolved subnet's once its identity is removed.
      const rows = all<{ netuid: bigint; block: bigint; name: string | null }>(
        'SELECT netuid, block_number AS block, name FROM subnet_snapshots',
      );
      const unnamed = rows.filter((r) => r.name === null).map((r) => Number(r.netuid));
      expect(unnamed.filter((n) => atHead.has(n))).toEqual([]);
      for (const r of rows)
        if (r.name !== null) expect([r.netuid, r.name]).toEqual([r.netuid, defs.get(Number(r.netuid))!.name]);
    } finally {
      backend.close();
    }
  }, 120_000);
});
