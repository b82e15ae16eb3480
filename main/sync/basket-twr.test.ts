// BasketTwr readings (docs/chain/baskets.md#baskettwr) across the devnet's basket era (basket475:
// 393 → 424 → 455 → 475): at every checkpoint of a coldkey with root stake, sync stores the
// total-return index of each of its validators' funds, and each stored value is the devnet's storage
// at that block. Nothing is read where the runtime has no BasketTwr (393, 424). The portfolio's
// "Your validator's fund" benchmark is built from them: its chart line ends at its card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { PortfolioView } from '../../shared/views';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const tempDir = useTempDirs();

describe.each([1, 2, 3])('basket475 seed %i: BasketTwr at checkpoints', (seed) => {
  let dn: Devnet;
  let backend: ReturnType<typeof testBackend>;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
    backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
  }, 120_000);
  afterAll(async () => {
    await backend.sync.close();
    backend.close();
    await dn.close();
  });

  it('stores, for every root validator of a coldkey at every basket-era checkpoint, the chain’s BasketTwr', () => {
    const chain = dn.world.chain;
    const rows = backend.db
      .prepare<[], { coldkey: string; hotkey: string; block_number: bigint; twr: string }>(
        'SELECT coldkey, hotkey, block_number, twr FROM basket_twr ORDER BY block_number',
      )
      .all();
    const specOf = backend.db.prepare<[bigint], { spec_version: bigint }>(
      'SELECT spec_version FROM blocks WHERE number = ?',
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(BigInt(r.twr), `${r.hotkey} at ${r.block_number}`).toBe(
        chain.basket.twr(fromSs58(r.hotkey), Number(r.block_number)),
      );
      // only runtimes that declare the item (455 and 475 here)
      expect(Number(specOf.get(r.block_number)?.spec_version)).toBeGreaterThanOrEqual(455);
    }
    // the funds earned dividends over the era: the series moved above 1.0 (2^64)
    expect(rows.some((r) => BigInt(r.twr) > 1n << 64n)).toBe(true);
    // every basket-era checkpoint of a coldkey holding root stake there has a reading of that validator
    const checkpoints = backend.db
      .prepare<[], { coldkey: string; hotkey: string; block_number: bigint }>(
        `SELECT c.coldkey, c.hotkey, c.block_number FROM position_checkpoints c JOIN blocks b ON b.number = c.block_number
         WHERE c.netuid = 0 AND b.spec_version >= 455`,
      )
      .all();
    expect(checkpoints.length).toBeGreaterThan(10);
    const read = new Set(rows.map((r) => `${r.coldkey}|${r.hotkey}|${r.block_number}`));
    const missing = checkpoints.filter((c) => !read.has(`${c.coldkey}|${c.hotkey}|${c.block_number}`));
    expect(missing).toEqual([]);
    // and every fund the coldkey held shares of there (basket positions)
    const shares = backend.db
      .prepare<[], { coldkey: string; hotkey: string; block_number: bigint }>(
        'SELECT coldkey, hotkey, block_number FROM basket_positions',
      )
      .all();
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.filter((c) => !read.has(`${c.coldkey}|${c.hotkey}|${c.block_number}`))).toEqual([]);
  });

  it('the validator-fund benchmark is available and its chart line ends at its card', async () => {
    const r = await backend.dispatch('portfolio:get', { method: 'acb', rewards: 'income' });
    if (!('data' in r)) throw new Error(r.error.message);
    const view = r.data as PortfolioView;
    const fund = view.total.benchmarks?.validatorFund;
    expect(fund?.available).toBe(true);
    // the history starts before the basket era: early flows wait as TAO until the first reading
    expect(fund?.complete).toBe(false);
    expect(view.daily.at(-1)?.benchmarks.validatorFund).toBe(fund?.benchmarkValue);
    expect(fund!.priceEffect + fund!.emissionEffect + fund!.frictionEffect - fund!.benchmarkGain).toBe(fund!.excess);
  });
});
