// α from share storage against the runtime call it replaces at checkpoints (main/sync/stake-from-storage.ts):
// on the upgrade424 devnet (393 with V1 shares → 424 with AlphaV2 and the lazy migration, a hotkey
// swap, a coldkey swap and a dissolution) and on basket475 (→ 455 with basket funds → 475 with V1
// retired, the 464 reconcile and generation stamps), seeds 1–2, at blocks spread over each runtime,
// every answer from storage equals get_stake_info_for_coldkey row for row, set_code blocks are left
// to the call, and a corrupted denominator or stamp is caught (the comparison can fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ChainClient } from '../chain/client';
import type { PositionRow } from '../db/repos/chain-facts';
import { ensureDevnetMetadata } from '../test/devnet';
import { ESCROW } from './baskets';
import { readPositions } from './checkpoints';
import { poolValueKeys } from './pool-values';
import { ChainReader, type BlockState } from './reader';
import { shareKeysOf, stakeFromStorage } from './stake-from-storage';
import { keys } from './storage-keys';
import { namesPosition } from '../../devnet/truth-positions';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');

type Pos = { hotkey: string; netuid: number };
type Sample = { s: BlockState; spec: number; coldkey: string; list: Pos[]; rows: PositionRow[] };

/** Every answer from storage at `blocks` compared with the call; returns what storage answered. */
async function compare(dn: Devnet, client: ChainClient, blocks: number[], setCodeBlocks: number[]) {
  const reader = new ChainReader(client, 8);
  const truth = dn.truth();
  const samples: Sample[] = [];
  const specs = new Set<number>();
  for (const coldkey of dn.coldkeys) {
    const known = new Map<string, Pos>();
    const add = (hotkey: string, netuid: number) => known.set(`${hotkey}|${netuid}`, { hotkey, netuid });
    for (const p of truth.positions) if (p.coldkey === coldkey) add(p.hotkey, p.netuid);
    for (const e of truth.events.filter(namesPosition)) {
      if (e.coldkey !== coldkey && e.destColdkey !== coldkey) continue;
      add(e.hotkey, e.netuid);
      if (e.destHotkey !== undefined || e.destNetuid !== undefined)
        add(e.destHotkey ?? e.hotkey, e.destNetuid ?? e.netuid);
    }
    // Every hotkey × subnet pair (most with no α), so that from 441 no staking hotkey lacks a known pair.
    const netuids = [...new Set([...known.values()].map((p) => p.netuid))];
    for (const hotkey of new Set([...known.values()].map((p) => p.hotkey))) for (const n of netuids) add(hotkey, n);
    const list = [...known.values()];
    const wanted = [...shareKeysOf(coldkey, list), ...poolValueKeys(list), ...netuids.map(keys.subnetTao)];
    const states: BlockState[] = await Promise.all(blocks.map((b) => reader.readBlock(b, wanted, false)));
    await reader.readBlock(truth.finalized, [], false); // a later read of the last runtime
    for (const s of states) {
      const runtime = await reader.runtimeFor(s);
      const fromStorage = stakeFromStorage(s, runtime.specVersion, reader.sameRuntimeAfter(s), coldkey, list);
      if (setCodeBlocks.includes(s.number)) {
        expect(fromStorage, `the set_code block ${s.number} is left to the runtime call`).toBeNull();
        continue;
      }
      if (fromStorage === null) continue;
      const call = await readPositions(reader, runtime, s.hash, coldkey, s.number);
      expect({ block: s.number, coldkey, rows: fromStorage }).toEqual({ block: s.number, coldkey, rows: call });
      samples.push({ s, spec: runtime.specVersion, coldkey, list, rows: call });
      specs.add(runtime.specVersion);
    }
  }
  return { samples, specs, reader };
}

async function withDevnet(scenario: string, seed: number, run: (dn: Devnet, client: ChainClient) => Promise<void>) {
  const dn = await startDevnet({ scenario, seed, port: 0 });
  const client = new ChainClient({ endpoint: dn.url, reconnect: false });
  await client.connect();
  try {
    await run(dn, client);
  } finally {
    await client.close();
    await dn.close();
  }
}

describe('α from share storage (upgrade424 devnet)', () => {
  /** Block 5,999 enacts 424 (set_code): a call there runs the new code, storage holds V1 shares. */
  const SET_CODE_BLOCK = 5_999;
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
    const blocks = [...Array.from({ length: 40 }, (_, i) => 150 + i * 290), SET_CODE_BLOCK - 1, SET_CODE_BLOCK];
    const { samples } = await compare(dn, client, blocks, [SET_CODE_BLOCK]);
    // Storage answers nearly everywhere (a position outside StakingHotkeys or a dissolved subnet is left to the call).
    expect(samples.length).toBeGreaterThan(dn.coldkeys.length * (blocks.length - 2) * 0.8);
    expect(samples.reduce((n, x) => n + x.rows.length, 0)).toBeGreaterThan(100);
  });
});

describe('α from share storage (basket475 devnet: 455 and 475 segments)', () => {
  /** basket475 enacts 455 at 8,000 and 475 at 12,000: set_code in 7,999 and 11,999. */
  const SET_CODE_BLOCKS = [7_999, 11_999];
  const blocks = [
    ...Array.from({ length: 20 }, (_, i) => 8_050 + i * 195),
    ...Array.from({ length: 20 }, (_, i) => 12_050 + i * 195),
    ...SET_CODE_BLOCKS,
    ...SET_CODE_BLOCKS.map((b) => b + 1),
  ];

  for (const seed of [1, 2])
    it(`seed ${seed}: equals get_stake_info_for_coldkey wherever it answers; a break is caught`, async () => {
      await withDevnet('basket475', seed, async (dn, client) => {
        const { samples, specs, reader } = await compare(dn, client, blocks, SET_CODE_BLOCKS);
        expect([...specs].sort()).toEqual([455, 475]);
        for (const spec of [455, 475]) {
          const at = samples.filter((x) => x.spec === spec);
          expect(at.length, `answers at ${spec}`).toBeGreaterThan(dn.coldkeys.length * 20 * 0.7);
          expect(
            at.reduce((n, x) => n + x.rows.length, 0),
            `positions at ${spec}`,
          ).toBeGreaterThan(40);
        }
        // Deliberate breaks, on the first 475 answer with a position: a denominator changed by a few
        // per cent must change the answer (the comparison above can fail), and a share row
        // stamped in an older pool generation, or the escrow coldkey, is left to the call.
        const x = samples.find((y) => y.spec === 475 && y.rows.length > 0)!;
        const p = x.rows[0]!;
        const edited = (k: string, v: string | null): BlockState => ({
          ...x.s,
          values: new Map([...x.s.values, [k, v]]),
        });
        const denomKey = keys.totalHotkeySharesV2(p.hotkey, p.netuid);
        const denom = x.s.values.get(denomKey)!;
        // Mantissa bit 64 flipped: a change of ≈2⁶⁴ in a mantissa within (10²⁰, 10²¹], i.e. 2–18 %.
        const byte8 = (parseInt(denom.slice(18, 20), 16) ^ 1).toString(16).padStart(2, '0');
        const bumped = `${denom.slice(0, 18)}${byte8}${denom.slice(20)}`;
        const broken = stakeFromStorage(edited(denomKey, bumped), 475, true, x.coldkey, x.list);
        expect(broken, 'a different denominator gives a different α').not.toEqual(x.rows);
        const stale = edited(keys.alphaSharePoolEpoch(p.hotkey, p.netuid), '0x0100000000000000');
        expect(stakeFromStorage(stale, 475, true, x.coldkey, x.list)).toBeNull();
        expect(stakeFromStorage(x.s, 475, true, ESCROW, x.list)).toBeNull();
        expect(stakeFromStorage(x.s, 432, true, x.coldkey, x.list), 'runtimes never simulated').toBeNull();
        expect(reader.sameRuntimeAfter(x.s)).toBe(true);
        // A pair with neither share row needs only those two keys (the other pairs change discovery
        // reads from 441, main/sync/checkpoint-pairs.ts); a pair whose row was not read, or a row
        // without its pool keys, is left to the call.
        const rowKeys = (q: Pos) => [
          keys.alpha(q.hotkey, x.coldkey, q.netuid),
          keys.alphaV2(q.hotkey, x.coldkey, q.netuid),
        ];
        const empty = x.list.filter((q) => rowKeys(q).every((k) => (x.s.values.get(k) ?? null) === null));
        expect(empty.length, 'pairs without a share row').toBeGreaterThan(0);
        const lean = new Map(x.s.values);
        for (const q of empty)
          for (const k of [...shareKeysOf(x.coldkey, [q]).slice(3), ...poolValueKeys([q]).slice(0, 3)]) lean.delete(k);
        expect(stakeFromStorage({ ...x.s, values: lean }, 475, true, x.coldkey, x.list)).toEqual(x.rows);
        const unread = new Map(lean);
        unread.delete(rowKeys(empty[0]!)[1]!);
        expect(stakeFromStorage({ ...x.s, values: unread }, 475, true, x.coldkey, x.list)).toBeNull();
        const noPool = new Map(x.s.values);
        noPool.delete(keys.totalHotkeyAlpha(p.hotkey, p.netuid));
        expect(stakeFromStorage({ ...x.s, values: noPool }, 475, true, x.coldkey, x.list)).toBeNull();
      });
    }, 240_000);
});
