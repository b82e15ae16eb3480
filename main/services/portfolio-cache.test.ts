// Live sync through the portfolio cache: blocks produced by the devnet after the backfill are synced
// one batch at a time; each time the kept computation folds only the new facts in (the engine's
// incremental path) and its view must equal a computation from scratch over the same database.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { toWire } from '../../shared/wire';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import { PortfolioCache } from './portfolio-cache';
import { computePortfolioView, type PortfolioQuery } from './portfolio-model';
import { namesPosition } from '../../devnet/truth-positions';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

// basket475: the head runs 475, so new blocks also bring BasketTwr readings and basket positions.
describe.each(['tiny', 'basket475'])('portfolio cache under live sync (%s)', (scenario) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('folds each synced batch of new blocks in, with the figures of a full computation', async () => {
    const backend = testBackend(tempDir());
    onTestFinished(() => backend.close());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
    const cache = new PortfolioCache(backend.db, backend.bus);
    const wallets = () => walletsRepo(backend.db).list();
    const settings = () => settingsRepo(backend.db).get();
    const queries: PortfolioQuery[] = [
      { method: 'acb', rewards: 'income' },
      { method: 'hifo', rewards: 'zero' },
    ];
    const same = (query: PortfolioQuery): void => {
      const kept = cache.get(wallets(), settings(), query);
      const fresh = computePortfolioView(backend.db, wallets(), settings(), query);
      expect(toWire(kept.view)).toBe(toWire(fresh.view));
      expect(toWire(kept.engine.ledger())).toBe(toWire(fresh.engine.ledger()));
    };
    // An as-of computation is never continued: it is computed anew after every batch.
    const asOf: PortfolioQuery = { method: 'fifo', rewards: 'income', asOfBlock: dn.finalized() - 100 };
    for (const q of [...queries, asOf]) same(q);
    expect(cache.stats.full).toBe(queries.length + 1);

    const trades = dn
      .truth()
      .events.filter(namesPosition)
      .filter((e) => e.kind === 'StakeAdded' && e.netuid !== 0);
    const eventsBefore = (await backend.call('events:list', { limit: 100_000 })).length;
    const twrRows = () =>
      Number(backend.db.prepare<[], { n: bigint }>('SELECT COUNT(*) AS n FROM basket_twr').get()?.n);
    const twrBefore = twrRows();
    for (let step = 0; step < 6; step++) {
      const t = trades[step % trades.length]!;
      dn.submit(
        step % 2 === 0
          ? {
              kind: 'add_stake',
              coldkey: t.coldkey,
              hotkey: t.hotkey,
              netuid: t.netuid,
              tao: 2_000_000_000n + BigInt(step),
            }
          : { kind: 'remove_stake', coldkey: t.coldkey, hotkey: t.hotkey, netuid: t.netuid, alpha: 100_000_000n },
      );
      dn.produceBlocks(1 + (step % 3));
      await backend.sync.syncOnce();
      for (const q of [...queries, asOf]) same(q);
    }
    expect((await backend.call('events:list', { limit: 100_000 })).length).toBeGreaterThan(eventsBefore);
    // On the basket era the batches brought validator-fund readings, folded in like every other fact.
    if (scenario === 'basket475') expect(twrRows()).toBeGreaterThan(twrBefore);
    // Every batch went through the incremental path; nothing was computed anew.
    expect(cache.stats.full).toBe(queries.length + 1 + 6);
    expect(cache.stats.incremental).toBe(6 * queries.length);

    // Where a wallet's history begins decides its opening balances (PortfolioInput.historyStarts): a
    // start that moves (a wallet's first sync sets it) is a new computation, never an append.
    const coldkey = dn.coldkeys[0]!;
    const row = backend.db
      .prepare<[string], { first_block: bigint | null }>('SELECT first_block FROM sync_state WHERE coldkey = ?')
      .get(coldkey);
    expect(row?.first_block).not.toBeNull();
    backend.db.prepare('UPDATE sync_state SET first_block = first_block + 1 WHERE coldkey = ?').run(coldkey);
    backend.bus.emit('data:changed', { tables: ['position_checkpoints'] });
    const full = cache.stats.full;
    same(queries[0]!);
    expect(cache.stats.full).toBe(full + 1);
  });
});
