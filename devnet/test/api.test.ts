/** A stock @polkadot/api connects and reads every storage item and runtime API, at head and in the past. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { ensureMetadata, apiFor, RawClient, until } from './helpers.js';
import { startDevnet } from '../index.js';
import type { Devnet } from '../index.js';
import { ss58 } from '../chain/accounts.js';
import { GENESIS_HASH } from '../chain/chain.js';
import { epochBlock, epochsAt } from '../chain/emissions.js';

let dn: Devnet;
let api: ApiPromise;

beforeAll(async () => {
  ensureMetadata();
  dn = await startDevnet({ scenario: 'tiny', seed: 7, port: 0 });
  api = await apiFor(dn.url);
});
afterAll(async () => {
  await api?.disconnect();
  await dn?.close();
});

type Q = Record<string, (...a: unknown[]) => Promise<Codec>>;
type Bits = { bits: { toBigInt(): bigint } };
const sm = () => api.query['subtensorModule'] as unknown as Q;

describe('connect', () => {
  it('looks like finney', async () => {
    expect(api.genesisHash.toHex()).toBe(GENESIS_HASH);
    expect(api.runtimeVersion.specName.toString()).toBe('node-subtensor');
    expect(api.runtimeVersion.specVersion.toNumber()).toBe(343);
    expect((await api.rpc.system.chain()).toString()).toBe('Bittensor');
    expect(api.registry.chainSS58).toBe(42);
    expect(api.registry.chainDecimals[0]).toBe(9);
    const head = await api.rpc.chain.getHeader();
    expect(head.number.toNumber()).toBe(dn.head());
    const fin = await api.rpc.chain.getFinalizedHead();
    expect(fin.toHex()).toBe(dn.hashOf(dn.head() - 2));
    const health = await api.rpc.system.health();
    expect(health.isSyncing.isFalse).toBe(true);
  });

  it('answers unknown methods with -32601 and lists rpc methods', async () => {
    const c = await RawClient.open(dn.url);
    const r = await c.call('author_doesNotExist', []);
    expect(r.error).toEqual({ code: -32601, message: 'Method not found' });
    const m = await c.result<{ methods: string[] }>('rpc_methods');
    expect(m.methods).toContain('state_subscribeStorage');
    expect(m.methods).toContain('chain_subscribeNewHead');
    expect(await c.result('system_name')).toBeTypeOf('string');
    expect(await c.result('system_version')).toBeTypeOf('string');
    c.close();
  });
});

describe('JSON-RPC transport', () => {
  it('answers batch requests with an array of responses', async () => {
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(dn.url);
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send(
      JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] },
        { jsonrpc: '2.0', id: 2, method: 'nope_nope', params: [] },
      ]),
    );
    const out = JSON.parse(await reply) as { id: number; result?: unknown; error?: { code: number } }[];
    expect(out).toHaveLength(2);
    expect(out.find((x) => x.id === 1)?.result).toBe('Bittensor');
    expect(out.find((x) => x.id === 2)?.error?.code).toBe(-32601);
    ws.close();
  });
});

describe('storage and runtime APIs', () => {
  it('reads every staking item at head and at historical blocks, matching the chain model', async () => {
    const chain = dn.world.chain;
    const cold = dn.world.userColdkeys[0] as string;
    const positions = chain.positionsOf(cold);
    expect(positions.length).toBeGreaterThan(1);
    const blocks = [dn.head(), 3_000, 2_400, 1_200, 361];
    for (const b of blocks) {
      const at = await api.at(dn.hashOf(b));
      const q = at.query['subtensorModule'] as unknown as Q;
      for (const p of positions) {
        const shares = (await q['alpha']!(p.hotkey, cold, p.netuid)) as unknown as { bits: { toBigInt(): bigint } };
        expect(shares.bits.toBigInt()).toBe(chain.shares(p.hotkey, cold, p.netuid, b));
        const tha = (await q['totalHotkeyAlpha']!(p.hotkey, p.netuid)) as unknown as { toBigInt(): bigint };
        expect(tha.toBigInt()).toBe(chain.totalHotkeyAlpha(p.hotkey, p.netuid, b));
        const ths = (await q['totalHotkeyShares']!(p.hotkey, p.netuid)) as unknown as { bits: { toBigInt(): bigint } };
        expect(ths.bits.toBigInt()).toBe(chain.totalHotkeyShares(p.hotkey, p.netuid, b));
      }
      for (const n of [0, 1, 2, 3]) {
        expect(((await q['subnetTAO']!(n)) as unknown as { toBigInt(): bigint }).toBigInt()).toBe(
          chain.subnetTao(n, b),
        );
        expect(((await q['subnetAlphaIn']!(n)) as unknown as { toBigInt(): bigint }).toBigInt()).toBe(
          chain.subnetAlphaIn(n, b),
        );
        expect(((await q['subnetAlphaOut']!(n)) as unknown as { toBigInt(): bigint }).toBigInt()).toBe(
          chain.subnetAlphaOut(n, b),
        );
      }
      const hk = (await q['stakingHotkeys']!(cold)) as unknown as Codec[];
      expect(hk.map((h) => h.toString())).toEqual(chain.stakingHotkeys(cold, b).map(ss58));
      const acct = (await at.query['system']!['account']!(cold)) as unknown as {
        nonce: { toNumber(): number };
        data: { free: { toBigInt(): bigint } };
      };
      expect(acct.nonce.toNumber()).toBe(chain.account(cold, b).nonce);
      expect(acct.data.free.toBigInt()).toBe(chain.account(cold, b).free);
      const now = (await at.query['timestamp']!['now']!()) as unknown as { toBigInt(): bigint };
      expect(now.toBigInt()).toBe(chain.timestampAt(b));
    }
  });

  it('serves LastColdkeyHotkeyStakeBlock as a per-coldkey linked list and enumerates its keys', async () => {
    const cold = dn.world.userColdkeys[0] as string;
    const q = sm();
    const entries = await (
      q['lastColdkeyHotkeyStakeBlock'] as unknown as { entries(c: string): Promise<[{ args: Codec[] }, Codec][]> }
    ).entries(ss58(cold));
    expect(entries.length).toBeGreaterThan(0);
    for (const [k, v] of entries) {
      const last = Number((v as unknown as { unwrap(): Codec }).unwrap().toString());
      expect(last).toBeGreaterThan(0);
      const evs = (await (
        await api.at(dn.hashOf(last))
      ).query['system']!['events']!()) as unknown as {
        event: { section: string; method: string; data: Codec[] };
      }[];
      const hot = k.args[1]?.toString();
      expect(
        evs.some(
          (e) =>
            e.event.section === 'subtensorModule' &&
            e.event.method.startsWith('Stake') &&
            e.event.data.some((d) => d.toString() === hot),
        ),
      ).toBe(true);
    }
  });

  it('runtime APIs: stake info, dynamic info, alpha price — at head and in the past', async () => {
    const chain = dn.world.chain;
    const cold = dn.world.userColdkeys[0] as string;
    for (const b of [dn.head(), 2_600, 1_000]) {
      const at = await api.at(dn.hashOf(b));
      const call = at.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;
      const infos = (await call['stakeInfoRuntimeApi']!['getStakeInfoForColdkey']!(cold)) as unknown as {
        hotkey: Codec;
        netuid: Codec;
        stake: { toBigInt(): bigint };
      }[];
      const expected = chain.positionsOf(cold).filter((p) => chain.stake(p.hotkey, cold, p.netuid, b) > 0n);
      expect(infos.length).toBe(expected.length);
      for (const i of infos) {
        expect(i.stake.toBigInt()).toBe(chain.stake(String(i.hotkey.toHex()), cold, Number(i.netuid.toString()), b));
      }
      const dyn = (await call['subnetInfoRuntimeApi']!['getAllDynamicInfo']!()) as unknown as {
        isSome: boolean;
        unwrap(): {
          taoIn: { toBigInt(): bigint };
          alphaIn: { toBigInt(): bigint };
          subnetVolume: { toBigInt(): bigint };
          taoInEmission: { toBigInt(): bigint };
          netuid: Codec;
        };
      }[];
      expect(dyn.length).toBe(4);
      const q = at.query['subtensorModule'] as unknown as Q;
      for (const d of dyn) {
        const v = d.unwrap();
        const n = Number(v.netuid.toString());
        expect(v.taoIn.toBigInt()).toBe(chain.subnetTao(n, b));
        expect(v.alphaIn.toBigInt()).toBe(chain.subnetAlphaIn(n, b));
        expect(v.subnetVolume.toBigInt()).toBe(
          ((await q['subnetVolume']!(n)) as unknown as { toBigInt(): bigint }).toBigInt(),
        );
        if (n > 0 && b === dn.head()) expect(v.subnetVolume.toBigInt()).toBeGreaterThan(0n);
        expect(v.taoInEmission.toBigInt()).toBe(chain.subnets.get(n)!.taoInPerBlock);
        // between writes the reserves grow by the per-block injection
        if (n > 0 && b === dn.head())
          expect(chain.subnetTao(n, b + 1) - chain.subnetTao(n, b)).toBe(chain.subnets.get(n)!.taoInPerBlock);
      }
      const one = (await call['subnetInfoRuntimeApi']!['getDynamicInfo']!(2)) as unknown as {
        unwrap(): { alphaOut: { toBigInt(): bigint } };
      };
      expect(one.unwrap().alphaOut.toBigInt()).toBe(chain.subnetAlphaOut(2, b));
      const price = (await call['swapRuntimeApi']!['currentAlphaPrice']!(1)) as unknown as { toBigInt(): bigint };
      expect(price.toBigInt()).toBe((chain.subnetTao(1, b) * 1_000_000_000n) / chain.subnetAlphaIn(1, b));
      const rootPrice = (await call['swapRuntimeApi']!['currentAlphaPrice']!(0)) as unknown as { toBigInt(): bigint };
      expect(rootPrice.toBigInt()).toBe(1_000_000_000n);
    }
  });

  it("StakeInfo.emission is the hotkey's AlphaDividendsPerSubnet; TotalHotkeyAlphaLastEpoch is the value at the last epoch", async () => {
    const chain = dn.world.chain;
    const cold = dn.world.userColdkeys[0] as string;
    const b = 3_500;
    const at = await api.at(dn.hashOf(b));
    const q = at.query['subtensorModule'] as unknown as Q;
    const call = at.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;
    const infos = (await call['stakeInfoRuntimeApi']!['getStakeInfoForColdkey']!(cold)) as unknown as {
      hotkey: Codec;
      netuid: Codec;
      emission: { toBigInt(): bigint };
    }[];
    let nonzero = 0;
    for (const i of infos) {
      const n = Number(i.netuid.toString());
      const div = ((await q['alphaDividendsPerSubnet']!(n, i.hotkey)) as unknown as { toBigInt(): bigint }).toBigInt();
      expect(div).toBe(i.emission.toBigInt());
      if (div > 0n) nonzero++;
      const last = (
        (await q['totalHotkeyAlphaLastEpoch']!(i.hotkey, n)) as unknown as { toBigInt(): bigint }
      ).toBigInt();
      expect(last).toBe(chain.totalHotkeyAlpha(i.hotkey.toHex(), n, epochBlock(n, epochsAt(n, b))));
    }
    expect(nonzero).toBeGreaterThan(0);
  });

  it('Swap v3 price storage (AlphaSqrtPrice², SwapV3Initialized, FeeRate) agrees with the reserves', async () => {
    const chain = dn.world.chain;
    for (const b of [dn.head(), 1_500]) {
      const at = await api.at(dn.hashOf(b));
      const swap = at.query['swap'] as unknown as Q;
      for (const n of [1, 2, 3]) {
        const sqrt = ((await swap['alphaSqrtPrice']!(n)) as unknown as Bits).bits.toBigInt();
        const price = (sqrt * sqrt) >> 128n; // U64F64² → integer part of TAO per alpha × 2^0
        const exact = (chain.subnetTao(n, b) << 64n) / chain.subnetAlphaIn(n, b);
        // compare in 2^-64 units with the rounding of one sqrt step
        const sq = (sqrt * sqrt) >> 64n;
        expect(exact - sq >= 0n && exact - sq < (sqrt >> 62n) + 4n).toBe(true);
        expect(price).toBe(chain.subnetTao(n, b) / chain.subnetAlphaIn(n, b));
        expect(((await swap['swapV3Initialized']!(n)) as unknown as { isTrue: boolean }).isTrue).toBe(true);
        expect(((await swap['feeRate']!(n)) as unknown as Codec).toString()).toBe('33');
      }
    }
  });

  it('state_queryStorageAt, getKeysPaged paging and chain_getBlock extrinsics', async () => {
    const c = await RawClient.open(dn.url);
    const cold = dn.world.userColdkeys[0] as string;
    const key = api.query['system']!['account']!.key(cold);
    const res = await c.result<{ block: string; changes: [string, string | null][] }[]>('state_queryStorageAt', [
      [key],
      dn.hashOf(1_000),
    ]);
    expect(res[0]?.block).toBe(dn.hashOf(1_000));
    expect(res[0]?.changes[0]?.[1]).toMatch(/^0x/);
    const prefix = api.query['subtensorModule']!['alpha']!.keyPrefix();
    const page1 = await c.result<string[]>('state_getKeysPaged', [prefix, 5, null]);
    const page2 = await c.result<string[]>('state_getKeysPaged', [prefix, 5, page1[4]]);
    expect(page1.length).toBe(5);
    expect(page2[0]! > page1[4]!).toBe(true);
    const t = dn.truth();
    const ev = t.events.find((e) => e.kind === 'StakeAdded')!;
    const block = await api.rpc.chain.getBlock(dn.hashOf(ev.block));
    const xt = block.block.extrinsics[ev.extrinsicIndex!]!;
    expect(xt.isSigned).toBe(true);
    expect(xt.signer.toString()).toBe(ev.coldkey);
    expect(block.block.extrinsics[0]!.method.method).toBe('set');
    c.close();
  });
});

describe('live mode', () => {
  it('new and finalized head subscriptions and storage subscriptions notify on new blocks', async () => {
    const cold = dn.world.userColdkeys[1]!;
    const heads: number[] = [];
    const finalized: number[] = [];
    const nonces: number[] = [];
    const unsubHeads = await api.rpc.chain.subscribeNewHeads((h) => {
      heads.push(h.number.toNumber());
    });
    const unsubFin = await api.rpc.chain.subscribeFinalizedHeads((h) => {
      finalized.push(h.number.toNumber());
    });
    const unsubAcct = await (
      api.query['system']!['account'] as unknown as (
        a: string,
        cb: (v: { nonce: { toNumber(): number } }) => void,
      ) => Promise<() => void>
    )(cold, (v) => nonces.push(v.nonce.toNumber()));
    await until(() => heads.length >= 1 && finalized.length >= 1 && nonces.length >= 1);
    const h0 = dn.head();
    const chain = dn.world.chain;
    const pos = chain.positionsOf(cold).find((p) => chain.stake(p.hotkey, cold, p.netuid) > 0n)!;
    dn.submit({
      kind: 'add_stake',
      coldkey: ss58(cold),
      hotkey: ss58(pos.hotkey),
      netuid: pos.netuid,
      tao: 1_000_000_000n,
    });
    dn.produceBlocks(1);
    await until(() => heads.includes(h0 + 1) && finalized.includes(h0 - 1) && nonces.length >= 2);
    expect(nonces[nonces.length - 1]).toBe(nonces[0]! + 1);
    unsubHeads();
    unsubFin();
    unsubAcct();
  });
});
