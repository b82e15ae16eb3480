// Every pool snapshot keeps the registration block of the subnet at its netuid (NetworkRegisteredAt),
// read with the pools from storage and from get_all_dynamic_info at the head: what tells a netuid
// registered again after a pruning from the subnet it held before (docs/chain/swaps-and-dissolution.md).
// upgrade424 registers four subnets after its upgrade, so both genesis (0) and later blocks are checked.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe('subnet registration blocks at pool snapshots (upgrade424 seed 1)', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records each snapshot’s NetworkRegisteredAt as the chain set it, from storage and at the head', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    onTestFinished(() => backend.close());
    const rows = backend.db
      .prepare(
        'SELECT block_number, netuid, registered_at, price_source FROM subnet_snapshots ORDER BY block_number, netuid',
      )
      .all() as { block_number: bigint; netuid: bigint; registered_at: bigint | null; price_source: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const registeredAt = (netuid: number) => dn.world.chain.subnets.get(netuid)?.registeredAt;
    expect(rows.map((r) => [Number(r.netuid), r.registered_at === null ? null : Number(r.registered_at)])).toEqual(
      rows.map((r) => [Number(r.netuid), registeredAt(Number(r.netuid))]),
    );
    // Subnets registered during the history, and snapshots from both sources (storage, the runtime's list).
    expect(new Set(rows.filter((r) => Number(r.registered_at) > 0).map((r) => r.netuid)).size).toBeGreaterThanOrEqual(
      4,
    );
    const head = dn.truth().finalized;
    expect(rows.some((r) => Number(r.block_number) === head)).toBe(true);
    expect(rows.some((r) => Number(r.block_number) < head)).toBe(true);
  });
});
