// Prices recomputed from storage at change blocks (the balancer formula, spec ≥ 423) equal the
// runtime's current_alpha_price at that block, asked here through @polkadot/api; on subnets whose
// weight left ½ they differ from tao_in/alpha_in, which sync therefore never stores there.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { PERQUINTILL, reservesPrice } from './prices';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe('balancer prices from storage (upgrade424 seed 2)', () => {
  let dn: Devnet;
  let api: ApiPromise;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 2, port: 0 });
    api = await ApiPromise.create({ provider: new WsProvider(dn.url), noInitWarn: true });
  });
  afterAll(async () => {
    await api.disconnect();
    await dn.close();
  });

  it('equal current_alpha_price at every snapshot block, and are not the reserves ratio where q ≠ ½', async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
    const rows = backend.db
      .prepare(
        `SELECT s.block_number, s.netuid, s.tao_in, s.alpha_in, s.price, s.balancer_quote
         FROM subnet_snapshots s WHERE s.price_source = 'balancer' ORDER BY s.block_number, s.netuid`,
      )
      .all() as {
      block_number: bigint;
      netuid: bigint;
      tao_in: bigint;
      alpha_in: bigint;
      price: bigint;
      balancer_quote: bigint;
    }[];
    expect(rows.length).toBeGreaterThan(100);
    let skewed = 0;
    for (const r of rows) {
      const at = await api.at(dn.hashOf(Number(r.block_number)));
      const currentPrice = at.call.swapRuntimeApi?.currentAlphaPrice;
      if (!currentPrice) throw new Error('no current_alpha_price');
      const chain = ((await currentPrice(Number(r.netuid))) as unknown as { toBigInt(): bigint }).toBigInt();
      expect(`${r.block_number}/${r.netuid}: ${r.price}`).toBe(`${r.block_number}/${r.netuid}: ${chain}`);
      if (r.netuid !== 0n && r.balancer_quote !== PERQUINTILL / 2n) {
        skewed += 1;
        expect(r.price).not.toBe(reservesPrice(Number(r.netuid), r.tao_in, r.alpha_in));
      }
    }
    expect(skewed).toBeGreaterThan(20);
    backend.close();
  }, 180_000);
});
