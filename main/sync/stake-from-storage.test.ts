// α from share storage against the runtime call it replaces at checkpoints (main/sync/stake-from-storage.ts):
// on the upgrade424 devnet (393 with V1 shares → 424 with AlphaV2 and the lazy migration, a hotkey
// swap, a coldkey swap and a dissolution), at blocks spread over both runtimes, every answer from
// storage equals get_stake_info_for_coldkey row for row, and the set_code block is left to the call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ChainClient } from '../chain/client';
import { ensureDevnetMetadata } from '../test/devnet';
import { readPositions } from './checkpoints';
import { poolValueKeys } from './pool-values';
import { ChainReader, type BlockState } from './reader';
import { shareKeysOf, stakeFromStorage } from './stake-from-storage';
import { keys } from './storage-keys';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');

/** Block 5,999 enacts 424 (set_code): a call there runs the new code, storage holds V1 shares. */
const SET_CODE_BLOCK = 5_999;

describe('α from share storage (upgrade424 devnet)', () => {
  let dn: Devnet;
  let client: ChainClient;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 1, port: 0 });
    client = new ChainClient({ endpoint: dn.url, reconnect: false });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await dn.close();
  });

  it('equals get_stake_info_for_coldkey wherever it answers', async () => {
    const reader = new ChainReader(client, 8);
    const truth = dn.truth();
    const blocks = [...Array.from({ length: 40 }, (_, i) => 150 + i * 290), SET_CODE_BLOCK - 1, SET_CODE_BLOCK];
    let answered = 0;
    let positionsSeen = 0;
    for (const coldkey of dn.coldkeys) {
      const known = new Map<string, { hotkey: string; netuid: number }>();
      const add = (hotkey: string, netuid: number) => known.set(`${hotkey}|${netuid}`, { hotkey, netuid });
      for (const p of truth.positions) if (p.coldkey === coldkey) add(p.hotkey, p.netuid);
      for (const e of truth.events) {
        if (e.coldkey !== coldkey && e.destColdkey !== coldkey) continue;
        add(e.hotkey, e.netuid);
        if (e.destHotkey !== undefined || e.destNetuid !== undefined)
          add(e.destHotkey ?? e.hotkey, e.destNetuid ?? e.netuid);
      }
      const list = [...known.values()];
      const netuids = [...new Set(list.map((p) => p.netuid))];
      const wanted = [...shareKeysOf(coldkey, list), ...poolValueKeys(list), ...netuids.map(keys.subnetTao)];
      const states: BlockState[] = await Promise.all(blocks.map((b) => reader.readBlock(b, wanted, false)));
      await reader.readBlock(truth.finalized, [], false); // a later read of the last runtime
      for (const s of states) {
        const runtime = await reader.runtimeFor(s);
        const fromStorage = stakeFromStorage(s, runtime.specVersion, reader.sameRuntimeAfter(s), coldkey, list);
        if (s.number === SET_CODE_BLOCK) {
          expect(fromStorage, 'the set_code block is left to the runtime call').toBeNull();
          continue;
        }
        if (fromStorage === null) continue;
        const call = await readPositions(reader, runtime, s.hash, coldkey, s.number);
        expect({ block: s.number, coldkey, rows: fromStorage }).toEqual({ block: s.number, coldkey, rows: call });
        answered += 1;
        positionsSeen += call.length;
      }
    }
    // Storage answers nearly everywhere (a position outside StakingHotkeys or a dissolved subnet is left to the call).
    expect(answered).toBeGreaterThan(dn.coldkeys.length * (blocks.length - 2) * 0.8);
    expect(positionsSeen).toBeGreaterThan(100);
  });
});
