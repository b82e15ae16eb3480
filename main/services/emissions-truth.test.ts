// End to end: devnet → sync into SQLite → accounting engine over the stored facts. The
// emission α the engine derives for every position and interval equals the α the chain actually
// credited at the epochs inside that interval (read from the devnet's own state). Exactly, except
// that each stake operation in the interval may shift the position by the share pool's rounding
// (< 1 alpha-rao, docs/chain/share-pools.md), which no event reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const { isEpochBlock } = await import('../../devnet/chain/emissions');
const tempDir = useTempDirs();
const ALL_NETUIDS = Array.from({ length: 129 }, (_, n) => n);

describe.each([
  ['tiny', 1],
  ['upgrade', 2],
] as const)('engine emissions vs chain truth, scenario %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('derives, per position and interval, the α the chain credited silently (exact up to share-pool rounding)', async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();

    const input = loadPortfolioInput(backend.db, await backend.call('wallets:list'), 'USD');
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const chain = dn.world.chain;
    // Blocks where something besides emissions moved a position's α: its own events and payouts.
    const touched = new Set<string>();
    for (const e of input.events) {
      touched.add(`${e.coldkey}|${e.hotkey}|${e.netuid}|${e.blockNumber}`);
      if (e.destNetuid !== null)
        touched.add(
          `${e.counterpartyColdkey ?? e.coldkey}|${e.destHotkey ?? e.hotkey}|${e.destNetuid}|${e.blockNumber}`,
        );
    }
    for (const p of input.rootClaims ?? []) {
      touched.add(`${p.coldkey}|${p.hotkey}|${p.mode === 'keep' ? p.netuid : 0}|${p.blockNumber}`);
    }

    let compared = 0;
    let exact = 0;
    let nonZero = 0;
    for (const record of engine.state.emissions) {
      if (record.fromBlock < 0) continue;
      const hot = fromSs58(record.hotkey);
      const cold = fromSs58(record.coldkey);
      // α that moved at blocks without the position's own operations is what the chain credited
      // silently (epochs; for root before 334 also every subnet's epoch, as root dividends).
      const touchedBlocks: number[] = [];
      for (let b = record.fromBlock + 1; b <= record.toBlock; b++) {
        if (touched.has(`${record.coldkey}|${record.hotkey}|${record.netuid}|${b}`)) touchedBlocks.push(b);
      }
      const stake = (b: number) => chain.stake(hot, cold, record.netuid, b);
      let credited = stake(record.toBlock) - stake(record.fromBlock);
      for (const b of touchedBlocks) credited -= stake(b) - stake(b - 1);
      const operations = touchedBlocks.length;
      // A block that both credits emissions and carries the position's own operation mixes the two
      // in one state change: such intervals cannot be split from the outside, so they are skipped.
      const emitsAt = (b: number) =>
        record.netuid === 0 ? ALL_NETUIDS.some((n) => isEpochBlock(n, b)) : isEpochBlock(record.netuid, b);
      const clean = !touchedBlocks.some(emitsAt);
      if (!clean) continue;
      const gap = record.alpha - credited;
      const within = gap >= -BigInt(operations) && gap <= BigInt(operations);
      expect({
        position: `${record.hotkey}/${record.netuid}`,
        from: record.fromBlock,
        to: record.toBlock,
        operations,
        within,
      }).toEqual({
        position: `${record.hotkey}/${record.netuid}`,
        from: record.fromBlock,
        to: record.toBlock,
        operations,
        within: true,
      });
      compared++;
      if (gap === 0n) exact++;
      if (credited !== 0n) nonZero++;
      if (operations === 0) expect(record.alpha).toBe(credited);
    }
    expect(compared).toBeGreaterThan(50);
    expect(nonZero).toBeGreaterThan(10);
    // Rounding is the exception, not the rule.
    expect(exact / compared).toBeGreaterThan(0.9);
    backend.close();
  });
});
