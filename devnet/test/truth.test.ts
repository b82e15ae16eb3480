/** The ground truth is exactly what a client decodes from System.Events, block by block, across runtimes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { ensureMetadata, apiFor } from './helpers.js';
import { startDevnet } from '../index.js';
import type { Devnet } from '../index.js';

const SILENT_CARRIER: Record<string, string[]> = {
  HotkeySwap: ['HotkeySwapped'],
  ColdkeySwap: ['ColdkeySwapped'],
  ColdkeySwapBalance: ['ColdkeySwapped'],
  // from 475 the payout is the settle phase's transfer
  DissolutionPayout: ['NetworkRemoved', 'Transfer'],
  BatchedFill: ['OrderExecuted'],
  BasketDividend: ['BasketDeposited'],
  ShareReconcile: ['SharePoolDenominatorReconciled'],
};
/** effects of a migration, which has no event: eventIndex −1 at the runtime's first block */
const MIGRATION = new Set(['BasketMigration', 'DustSwept']);

interface Rec {
  phase: { isApplyExtrinsic: boolean; asApplyExtrinsic: Codec; isInitialization: boolean };
  event: { section: string; method: string; data: Codec[] };
}

const STAKE = new Set([
  'StakeAdded',
  'StakeRemoved',
  'StakeMoved',
  'StakeTransferred',
  'StakeSwapped',
  'AlphaRecycled',
  'AlphaBurned',
]);

describe.each([
  ['upgrade424', 5],
  ['upgrade', 9],
  ['tiny', 4],
  ['demo', 2],
  ['basket475', 2],
  ['lease', 1],
  ['miners', 1],
] as const)('ground truth vs decoded System.Events (%s, seed %i)', (scenario, seed) => {
  let dn: Devnet;
  let api: ApiPromise;

  beforeAll(async () => {
    ensureMetadata();
    dn = await startDevnet({ scenario, seed, port: 0 });
    api = await apiFor(dn.url);
  });
  afterAll(async () => {
    await api?.disconnect();
    await dn?.close();
  });

  it('every truth event is at its index with its fields, and no tracked stake event is missing', async () => {
    const truth = dn.truth();
    const tracked = new Set(truth.coldkeys);
    const blocks = [...new Set(truth.events.map((e) => e.block))];
    // also blocks where nothing tracked happened must not contain tracked stake events
    const chainBlocks = [...dn.world.chain.blocks.keys()].filter((b, i) => i % (scenario === 'demo' ? 97 : 9) === 0);
    let matched = 0;
    for (const b of [...new Set([...blocks, ...chainBlocks])].sort((x, y) => x - y)) {
      const recs = (await (await api.at(dn.hashOf(b))).query['system']!['events']!()) as unknown as Rec[];
      const mine = truth.events.filter((e) => e.block === b);
      for (const e of mine) {
        if (e.eventIndex === -1) {
          expect(MIGRATION).toContain(e.kind);
          expect(truth.specVersions.map((v) => v.from)).toContain(b);
          matched++;
          continue;
        }
        const r = recs[e.eventIndex]!;
        expect(r, `block ${b} index ${e.eventIndex}`).toBeDefined();
        if (e.kind === 'RootClaimKeep' || e.kind === 'RootClaimSwap') {
          expect(r.event.method).toBe('RootClaimed');
          expect(r.phase.isInitialization).toBe(true);
          continue;
        }
        // silent effects point at the one event that stands for them
        const carrier = SILENT_CARRIER[e.kind];
        if (carrier) {
          expect(carrier).toContain(r.event.method);
          matched++;
          continue;
        }
        expect(r.event.method).toBe(e.kind);
        // block initialisation (lease dividends) or the extrinsic's phase
        if (e.extrinsicIndex === null) expect(r.phase.isInitialization).toBe(true);
        else expect(r.phase.asApplyExtrinsic.toString()).toBe(String(e.extrinsicIndex));
        const d = r.event.data.map((x) => x.toString());
        if (e.kind === 'StakeAdded' || e.kind === 'StakeRemoved') {
          expect(d.slice(0, 5)).toEqual([e.coldkey, e.hotkey, e.tao, e.alpha, String(e.netuid)]);
        } else if (e.kind === 'StakeTransferred') {
          expect(d).toEqual([e.coldkey, e.destColdkey, e.hotkey, String(e.netuid), String(e.destNetuid), e.tao]);
        } else if (e.kind === 'StakeMoved') {
          expect(d).toEqual([e.coldkey, e.hotkey, String(e.netuid), e.destHotkey, String(e.destNetuid), e.tao]);
        } else if (e.kind === 'AlphaRecycled' || e.kind === 'AlphaBurned') {
          expect(d).toEqual([e.coldkey, e.hotkey, e.alpha, String(e.netuid)]);
        } else if (e.kind === 'SubnetLeaseDividendsDistributed') {
          // {lease_id, contributor, alpha}: the event names no position
          expect([d[1], d[2], e.hotkey, e.netuid, e.tao]).toEqual([e.coldkey, e.alpha, null, null, '0']);
        } else if (e.kind === 'AutoStakeAdded') {
          // {netuid, destination, hotkey (the miner), owner, incentive}
          expect([d[0], d[1], d[3], d[4], e.tao]).toEqual([String(e.netuid), e.hotkey, e.coldkey, e.alpha, '0']);
        } else if (e.kind === 'StakeSwapped') {
          expect(d).toEqual([e.coldkey, e.hotkey, String(e.netuid), String(e.destNetuid), e.tao]);
        }
        matched++;
      }
      recs.forEach((r, i) => {
        if (r.event.section !== 'subtensorModule' || !STAKE.has(r.event.method)) return;
        const d = r.event.data.map((x) => x.toString());
        const touches =
          r.event.method === 'StakeTransferred' ? tracked.has(d[0]!) || tracked.has(d[1]!) : tracked.has(d[0]!);
        if (touches)
          expect(
            mine.some((e) => e.eventIndex === i),
            `block ${b} event ${i} ${r.event.method} missing from truth`,
          ).toBe(true);
      });
      // every signed extrinsic is bracketed by its fee events and ends with ExtrinsicSuccess/Failed
      for (const r of recs.filter((x) => x.phase.isApplyExtrinsic && Number(x.phase.asApplyExtrinsic.toString()) > 0)) {
        expect(['balances', 'subtensorModule', 'transactionPayment', 'system', 'limitOrders']).toContain(
          r.event.section,
        );
      }
    }
    expect(matched).toBeGreaterThan(50);
    if (scenario !== 'tiny')
      expect(truth.events.some((e) => e.kind === 'AlphaRecycled' || e.kind === 'AlphaBurned')).toBe(true);
  }, 240_000); // the demo's three weeks of blocks, read one by one through @polkadot/api: slow on a loaded machine

  it('positions in the truth equal the runtime API stake at their epoch blocks', async () => {
    const truth = dn.truth();
    const step = Math.max(1, Math.floor(truth.positions.length / 40));
    const sample = truth.positions.filter((_, i) => i % step === 0);
    let checked = 0;
    for (const p of sample) {
      const at = await api.at(dn.hashOf(p.block));
      const call = at.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;
      // a V14-only runtime (475) gives @polkadot/api no runtime-API signatures (see devnet/test/baskets.test.ts)
      if (!call['stakeInfoRuntimeApi']) continue;
      checked++;
      const infos = (await call['stakeInfoRuntimeApi']!['getStakeInfoForColdkey']!(p.coldkey)) as unknown as {
        hotkey: Codec;
        netuid: Codec;
        stake: Codec;
      }[];
      const hit = infos.find((i) => i.hotkey.toString() === p.hotkey && i.netuid.toString() === String(p.netuid));
      expect(hit?.stake.toString()).toBe(p.alpha);
    }
    expect(checked).toBeGreaterThan(5);
  });
});
