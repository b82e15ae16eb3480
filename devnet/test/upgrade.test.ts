/** Runtime upgrades: every block decodes with its own runtime via api.at; live upgrades are announced. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { ensureMetadata, apiFor, RawClient, until } from './helpers.js';
import { startDevnet, SCENARIOS } from '../index.js';
import type { Devnet } from '../index.js';

let dn: Devnet;
let api: ApiPromise;

beforeAll(async () => {
  ensureMetadata();
  dn = await startDevnet({ scenario: 'upgrade', seed: 3, port: 0 });
  api = await apiFor(dn.url);
});
afterAll(async () => {
  await api?.disconnect();
  await dn?.close();
});

interface Rec {
  phase: { isApplyExtrinsic: boolean; asApplyExtrinsic: Codec; isInitialization: boolean };
  event: { section: string; method: string; data: Codec[] };
}

describe('runtime upgrades 233 → 315 → 343 → 393', () => {
  it('reports the runtime of each block and decodes truth events with it', async () => {
    const truth = dn.truth();
    expect(truth.specVersions.map((s) => s.spec)).toEqual([233, 315, 343, 393]);
    const bySpec = new Map<number, (typeof truth.events)[number]>();
    for (const e of truth.events) {
      if (e.kind !== 'StakeAdded' && e.kind !== 'StakeRemoved') continue;
      const spec = dn.world.chain.specAt(e.block);
      if (!bySpec.has(spec)) bySpec.set(spec, e);
    }
    expect([...bySpec.keys()].sort()).toEqual([233, 315, 343, 393]);
    for (const [spec, e] of bySpec) {
      const at = await api.at(dn.hashOf(e.block));
      expect((at as unknown as { runtimeVersion: { specVersion: Codec } }).runtimeVersion.specVersion.toString()).toBe(
        String(spec),
      );
      const recs = (await at.query['system']!['events']!()) as unknown as Rec[];
      const r = recs[e.eventIndex]!;
      expect(r.event.section).toBe('subtensorModule');
      expect(r.event.method).toBe(e.kind);
      expect(r.phase.asApplyExtrinsic.toString()).toBe(String(e.extrinsicIndex));
      const d = r.event.data.map((x) => x.toString());
      expect(d[0]).toBe(e.coldkey);
      expect(d[1]).toBe(e.hotkey);
      expect(d[2]).toBe(e.tao);
      expect(d[3]).toBe(e.alpha);
      expect(d[4]).toBe(String(e.netuid));
      // spec 233 StakeAdded has no fee field; later runtimes carry it.
      if (spec === 233) expect(d.length).toBe(5);
      else expect(d[5]).toBe(e.fee);
    }
  });

  it('announces upgrades with System.CodeUpdated in the block before, and state_getRuntimeVersion flips there', async () => {
    const c = await RawClient.open(dn.url);
    for (const { from, spec } of SCENARIOS['upgrade']!.specs.slice(1)) {
      const before = await c.result<{ specVersion: number }>('state_getRuntimeVersion', [dn.hashOf(from - 2)]);
      const after = await c.result<{ specVersion: number }>('state_getRuntimeVersion', [dn.hashOf(from - 1)]);
      expect(after.specVersion).toBe(spec);
      expect(before.specVersion).not.toBe(spec);
      const recs = (await (await api.at(dn.hashOf(from - 1))).query['system']!['events']!()) as unknown as Rec[];
      expect(recs.some((r) => r.event.section === 'system' && r.event.method === 'CodeUpdated')).toBe(true);
    }
    const versions = await c.result<string>('state_call', ['Metadata_metadata_versions', '0x', dn.hashOf(10)]);
    expect(versions).toBe('0x040f000000'); // spec 233: V15 only
    c.close();
  });

  it('root claims (≥ 334) emit RootClaimed{coldkey} only; the truth carries the payouts', async () => {
    const truth = dn.truth();
    const claim = truth.events.find((e) => e.kind === 'RootClaimKeep');
    expect(claim).toBeDefined();
    const recs = (await (await api.at(dn.hashOf(claim!.block))).query['system']!['events']!()) as unknown as Rec[];
    const r = recs[claim!.eventIndex]!;
    expect(r.event.method).toBe('RootClaimed');
    expect(r.phase.isInitialization).toBe(true);
    expect(r.event.data.map((x) => x.toString())).toEqual([claim!.coldkey]);
  });
});

describe('subnet registered mid-history', () => {
  it('is absent from get_all_dynamic_info before its registration block and announced by NetworkAdded', async () => {
    const late = [...dn.world.chain.subnets.values()].find((s) => s.registeredAt > 0)!;
    expect(late).toBeDefined();
    const r = late.registeredAt;
    const dyn = async (b: number) => {
      const at = await api.at(dn.hashOf(b));
      const call = at.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;
      return (await call['subnetInfoRuntimeApi']!['getAllDynamicInfo']!()) as unknown as { isSome: boolean }[];
    };
    expect((await dyn(r - 1)).length).toBe(late.netuid);
    expect((await dyn(r)).length).toBe(late.netuid + 1);
    expect((await dyn(r))[late.netuid]!.isSome).toBe(true);
    const recs = (await (await api.at(dn.hashOf(r))).query['system']!['events']!()) as unknown as Rec[];
    const added = recs.find((x) => x.event.method === 'NetworkAdded')!;
    expect(added.phase.isInitialization).toBe(true);
    expect(added.event.data[0]!.toString()).toBe(String(late.netuid));
    const q = (await api.at(dn.hashOf(r - 1))).query['subtensorModule'] as unknown as Record<
      string,
      (...a: unknown[]) => Promise<Codec>
    >;
    expect(((await q['networksAdded']!(late.netuid)) as unknown as { isTrue: boolean }).isTrue).toBe(false);
  });
});

describe('live upgrade', () => {
  it('notifies state_subscribeRuntimeVersion and serves the new metadata', async () => {
    const base = SCENARIOS['tiny']!;
    const live = await startDevnet({
      seed: 1,
      port: 0,
      scenario: {
        ...base,
        name: 'tiny-live-upgrade',
        blocks: 1_000,
        specs: [
          { from: 0, spec: 320 },
          { from: 1_003, spec: 343 },
        ],
      },
    });
    const c = await RawClient.open(live.url);
    await c.result('state_subscribeRuntimeVersion', []);
    await until(() => c.notifications.length === 1);
    expect((c.notifications[0]!.params.result as { specVersion: number }).specVersion).toBe(320);
    live.produceBlocks(3);
    await until(() => c.notifications.length === 2);
    expect((c.notifications[1]!.params.result as { specVersion: number }).specVersion).toBe(343);
    const meta = await c.result<string>('state_getMetadata', []);
    expect(meta.startsWith('0x6d657461')).toBe(true);
    c.close();
    await live.close();
  });
});
