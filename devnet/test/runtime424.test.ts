/**
 * Runtime 424 (scenario upgrade424, 393 → 424): the real 424 V16 metadata and its API versions,
 * every event of the 424 blocks decoded with @polkadot/types straight from the vendored metadata,
 * the stake event sequences with Balances transfers, balancer prices, AlphaV2 shares, runtime API
 * answers against state, the epoch cap, and sim_swap against an actual remove_stake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { apiFor, RawClient } from './helpers.js';
import { startDevnet, SCENARIOS } from '../index.js';
import type { Devnet } from '../index.js';
import { BLOCK_AUTHOR, ss58, subnetAccount, toAcc } from '../chain/accounts.js';
import { VENDORED_DIR } from '../scale/metadata-files.js';
import type { EventRec } from '../chain/types.js';

const U = 6_000;

function registry424(): TypeRegistry {
  const raw = gunzipSync(readFileSync(join(VENDORED_DIR, 'finney_spec424_metadata_v16.scale.gz')));
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, raw), undefined, undefined, true);
  return registry;
}

type Call = Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;

describe('runtime 424 (upgrade424)', () => {
  let dn: Devnet;
  let api: ApiPromise;
  let raw: RawClient;

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 3, port: 0 });
    api = await apiFor(dn.url);
    raw = await RawClient.open(dn.url);
  });
  afterAll(async () => {
    raw?.close();
    await api?.disconnect();
    await dn?.close();
  });

  it('serves 424 with its own V16 metadata and the API versions it declares', async () => {
    const v = await raw.result<{ specVersion: number; apis: [string, number][] }>('state_getRuntimeVersion', []);
    expect(v.specVersion).toBe(424);
    const apis = new Map(v.apis);
    expect(apis.get(blake2AsHex('StakeInfoRuntimeApi', 64))).toBe(1);
    expect(apis.get(blake2AsHex('SubnetInfoRuntimeApi', 64))).toBe(2);
    expect(apis.get(blake2AsHex('Core', 64))).toBe(5);
    const at16 = await raw.result<string>('state_call', ['Metadata_metadata_at_version', '0x10000000']);
    const vendored = gunzipSync(readFileSync(join(VENDORED_DIR, 'finney_spec424_metadata_v16.scale.gz')));
    expect(at16.endsWith(vendored.toString('hex'))).toBe(true);
    const before = await raw.result<{ specVersion: number }>('state_getRuntimeVersion', [dn.hashOf(U - 2)]);
    expect(before.specVersion).toBe(393);
  });

  it('every event of every 424 block decodes with the real 424 metadata to what the chain deposited', async () => {
    const registry = registry424();
    const key = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7';
    const seen = new Set<string>();
    const blocks = [...dn.chain.blocks.keys()].filter((b) => b >= U);
    for (const b of blocks) {
      const hex = await raw.result<string>('state_getStorage', [key, dn.hashOf(b)]);
      const vec = registry.createType('Vec<EventRecord>', hex);
      expect(vec.toHex()).toBe(hex); // every byte consumed, nothing left over
      const decoded = vec as unknown as { event: { section: string; method: string; data: Codec[] } }[];
      const expected = dn.chain.eventsOf(b);
      expect(decoded.length).toBe(expected.length);
      decoded.forEach((rec, i) => {
        const e = expected[i]!.event;
        if (typeof e === 'string') return;
        expect(`${rec.event.section}.${rec.event.method}`).toBe(
          `${e.pallet[0]!.toLowerCase()}${e.pallet.slice(1)}.${e.name}`,
        );
        seen.add(e.name);
        if (e.name === 'StakeAdded' || e.name === 'StakeRemoved' || e.name === 'Transfer') {
          const want = (e.args as unknown[]).map((a) =>
            typeof a === 'string' && a.startsWith('0x') ? ss58(a) : String(a),
          );
          expect(rec.event.data.map((d) => d.toString())).toEqual(want);
        }
      });
    }
    for (const name of ['StakeAdded', 'StakeRemoved', 'Transfer', 'EpochDeferred', 'RootClaimed', 'NetworkAdded'])
      expect(seen, name).toContain(name);
  });

  it('add_stake and remove_stake at 424: transfers, gross tao_staked, net α with an α fee, position −(α + fee)', () => {
    const c = dn.chain;
    let adds = 0;
    let removes = 0;
    for (const [b, rec] of c.blocks) {
      if (b < U) continue;
      for (const xt of rec.xts) {
        const ev = xt.events;
        const a = xt.action;
        if (!xt.ok || xt.alphaFee) continue;
        if (a.kind === 'add_stake' && a.netuid !== 0) {
          const [t1, t2, added] = ev as [EventRec, EventRec, EventRec];
          expect([t1.name, t2.name, added.name]).toEqual(['Transfer', 'Transfer', 'StakeAdded']);
          expect(t1.args).toEqual([a.coldkey, subnetAccount(a.netuid), added.args[2]]);
          expect(t2.args).toEqual([subnetAccount(a.netuid), BLOCK_AUTHOR, added.args[5]]);
          expect(added.args[5] as bigint).toBeGreaterThan(0n);
          adds++;
        }
        if (a.kind === 'remove_stake' && a.netuid !== 0 && ev.length >= 3) {
          const removed = ev.find((e) => e.name === 'StakeRemoved')!;
          const [, , tao, alpha, , fee] = removed.args as [string, string, bigint, bigint, number, bigint];
          expect(ev[0]!.args).toEqual([subnetAccount(a.netuid), a.coldkey, tao]);
          expect(ev[1]!.args[0]).toBe(subnetAccount(a.netuid));
          expect(ev[1]!.args[1]).toBe(BLOCK_AUTHOR);
          // alone in its block on this position: the position fell by net α + fee
          // (no epoch, no other call touching the coldkey, nothing in on_initialize)
          const others = rec.xts.filter(
            (x) => x !== xt && (x.signer === a.coldkey || x.action.kind === 'limit_orders'),
          );
          const quiet = others.length === 0 && rec.init.length === 0 && !c.epochs.isEpochBlock(a.netuid, b);
          if (quiet && ev.filter((e) => e.name === 'StakeRemoved').length === 1) {
            // ±1: the value read back from SafeFloat shares is floored before and after
            const fell = c.stake(a.hotkey, a.coldkey, a.netuid, b - 1) - c.stake(a.hotkey, a.coldkey, a.netuid, b);
            expect(fell - (alpha + fee)).toBeGreaterThanOrEqual(-1n);
            expect(fell - (alpha + fee)).toBeLessThanOrEqual(1n);
            removes++;
          }
        }
      }
    }
    expect(adds).toBeGreaterThan(10);
    expect(removes).toBeGreaterThan(5);
  });

  it('current_alpha_price is ((1−q)/q)·SubnetTAO/SubnetAlphaIn from storage, and differs from SubnetTAO/SubnetAlphaIn', async () => {
    const call = api.call as unknown as Call;
    let skewed = 0;
    for (let n = 1; n <= 9; n++) {
      if (!dn.chain.subnetExists(n, dn.head())) continue;
      const q = BigInt(
        ((await api.query['swap']!['swapBalancer']!(n)) as unknown as { quote: Codec }).quote.toString(),
      );
      const y = BigInt((await api.query['subtensorModule']!['subnetTAO']!(n)).toString());
      const x = BigInt((await api.query['subtensorModule']!['subnetAlphaIn']!(n)).toString());
      const price = BigInt((await call['swapRuntimeApi']!['currentAlphaPrice']!(n)).toString());
      const exact = ((10n ** 18n - q) * y * 10n ** 9n) / (q * x);
      expect(exact - price).toBeGreaterThanOrEqual(0n);
      expect(exact - price).toBeLessThanOrEqual(2n); // U64F64 truncation, step by step
      const naive = (y * 10n ** 9n) / x;
      if ((naive > price ? naive - price : price - naive) * 100n > price) skewed++;
    }
    expect(skewed).toBeGreaterThan(0);
  });

  it('AlphaV2: a position written at 424 lost its Alpha entry; AlphaV2 over TotalHotkeySharesV2 gives the runtime API stake', async () => {
    const call = api.call as unknown as Call;
    let checked = 0;
    for (const cold of dn.coldkeys) {
      const infos = (await call['stakeInfoRuntimeApi']!['getStakeInfoForColdkey']!(cold)) as unknown as {
        hotkey: Codec;
        netuid: Codec;
        stake: Codec;
      }[];
      for (const i of infos) {
        const args = [i.hotkey.toString(), cold, i.netuid.toString()];
        const v2 = (await api.query['subtensorModule']!['alphaV2']!(...args)) as unknown as {
          mantissa: Codec;
          exponent: Codec;
        };
        const m = BigInt(v2.mantissa.toString());
        if (m === 0n) continue; // an untouched pre-424 position still reads through V1
        const v1 = await api.query['subtensorModule']!['alpha']!(...args);
        expect(BigInt((v1 as unknown as { bits: Codec }).bits.toString())).toBe(0n);
        const denom = (await api.query['subtensorModule']!['totalHotkeySharesV2']!(
          i.hotkey.toString(),
          i.netuid.toString(),
        )) as unknown as { mantissa: Codec; exponent: Codec };
        const total = BigInt(
          (
            await api.query['subtensorModule']!['totalHotkeyAlpha']!(i.hotkey.toString(), i.netuid.toString())
          ).toString(),
        );
        // value = total · share / denominator, with share = m·10^e
        const e = BigInt(v2.exponent.toString()) - BigInt(denom.exponent.toString());
        const num = total * m * (e > 0n ? 10n ** e : 1n);
        const den = BigInt(denom.mantissa.toString()) * (e < 0n ? 10n ** -e : 1n);
        const value = num / den;
        const stake = BigInt(i.stake.toString());
        expect(value - stake).toBeGreaterThanOrEqual(-1n);
        expect(value - stake).toBeLessThanOrEqual(1n);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('stake availability and lock APIs answer from state with the 424 types', async () => {
    const call = api.call as unknown as Call;
    const cold = dn.coldkeys[0]!;
    const avail = (await call['stakeInfoRuntimeApi']!['getStakeAvailabilityForColdkeys']!(
      [cold],
      null,
    )) as unknown as Map<Codec, Map<Codec, { total: Codec; locked: Codec; available: Codec }>>;
    const perSubnet = [...avail.values()][0]!;
    expect(perSubnet.size).toBeGreaterThan(0);
    for (const [n, a] of perSubnet) {
      const netuid = Number(n.toString());
      const total = dn.chain.locks.totalOnSubnet(toAcc(cold), netuid, dn.head());
      expect(BigInt(a.total.toString())).toBe(total);
      expect(BigInt(a.available.toString())).toBe(total - BigInt(a.locked.toString()));
    }
    const lock = await call['stakeInfoRuntimeApi']!['getColdkeyLock']!(cold, 1);
    expect((lock as unknown as { isNone: boolean }).isNone).toBe(true);
    const next = await call['subnetInfoRuntimeApi']!['getNextEpochStartBlock']!(1);
    expect(Number((next as unknown as { unwrap(): Codec }).unwrap().toString())).toBe(
      dn.chain.epochs.nextEpochStart(1, dn.head()),
    );
  });

  it('the epoch cap: the fifth subnet due in one block is deferred (EpochDeferred) and its epoch runs a block later', () => {
    const c = dn.chain;
    const deferred = [...c.blocks].flatMap(([b, r]) =>
      r.init.filter((e) => e.name === 'EpochDeferred').map((e) => ({ b, args: e.args as [number, bigint, bigint] })),
    );
    expect(deferred.length).toBeGreaterThanOrEqual(3);
    const first = deferred[0]!;
    const due = [1, 6, 7, 8, 9].filter((n) => c.epochs.isEpochBlock(n, first.b));
    expect(due).toHaveLength(2);
    const [n, from, to] = first.args;
    expect(from).toBe(BigInt(first.b));
    expect(to).toBe(BigInt(first.b + 1));
    expect(c.epochs.isEpochBlock(n, first.b)).toBe(false);
    // deferred again or run at the next block
    expect(c.epochs.isEpochBlock(n, first.b + 1) || deferred.some((d) => d.b === first.b + 1 && d.args[0] === n)).toBe(
      true,
    );
  });
});

describe('sim_swap_alpha_for_tao equals the remove_stake that follows (424, weight ≠ ½, quiet pools)', () => {
  it('tao, net α and α fee of the StakeRemoved equal the simulation', async () => {
    const dn = await startDevnet({
      scenario: { ...SCENARIOS['upgrade424']!, quietPoolsFrom: 11_000, marketEvery: 1e12 },
      seed: 3,
      port: 0,
    });
    const api = await apiFor(dn.url);
    try {
      const call = api.call as unknown as Call;
      let compared = 0;
      for (const cold of dn.coldkeys) {
        for (const p of dn.chain.openOf(toAcc(cold))) {
          if (p.netuid === 0) continue;
          const have = dn.chain.stake(p.hotkey, toAcc(cold), p.netuid, dn.head());
          const alpha =
            (have < dn.chain.locks.available(toAcc(cold), p.netuid)
              ? have
              : dn.chain.locks.available(toAcc(cold), p.netuid)) / 3n;
          if (alpha === 0n) continue;
          const sim = (await call['swapRuntimeApi']!['simSwapAlphaForTao']!(p.netuid, alpha)) as unknown as Record<
            string,
            Codec
          >;
          const h = dn.submit({ kind: 'remove_stake', coldkey: cold, hotkey: ss58(p.hotkey), netuid: p.netuid, alpha });
          dn.produceBlocks(1);
          const at = h.included()!;
          const rec = dn.chain.blocks.get(at.block)!;
          // an auto root claim in on_initialize sells α into a pool before the extrinsic: not comparable
          if (rec.init.length > 0 || at.extrinsicIndex !== 1 || !at.ok || rec.xts[0]!.alphaFee) continue;
          const removed = rec.xts[0]!.events.find((e) => e.name === 'StakeRemoved')!;
          expect(String(removed.args[2])).toBe(sim['taoAmount']!.toString());
          expect(String(removed.args[3])).toBe(sim['alphaAmount']!.toString());
          expect(String(removed.args[5])).toBe(sim['alphaFee']!.toString());
          expect(dn.chain.balancer.quote(p.netuid, at.block)).not.toBe(500_000_000_000_000_000n);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(2);
    } finally {
      await api.disconnect();
      await dn.close();
    }
  });
});
