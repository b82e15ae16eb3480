/** The chain's numbers agree with each other the way they do on subtensor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { ensureMetadata, apiFor } from './helpers.js';
import { startDevnet, SCENARIOS } from '../index.js';
import type { Devnet } from '../index.js';
import { epochBlock, epochsAt } from '../chain/emissions.js';
import { ss58 } from '../chain/accounts.js';

let dn: Devnet;
let api: ApiPromise;
type Big = { toBigInt(): bigint };
type Bits = { bits: Big };

beforeAll(async () => {
  ensureMetadata();
  // No market noise in live blocks, so a submitted action is alone in its pool.
  dn = await startDevnet({
    scenario: { ...SCENARIOS['tiny']!, name: 'tiny-quiet', marketEvery: 1e12 },
    seed: 11,
    port: 0,
  });
  api = await apiFor(dn.url);
});
afterAll(async () => {
  await api?.disconnect();
  await dn?.close();
});

/** Pre-397 share pool: floor((TotalHotkeyAlpha / TotalHotkeyShares) × share) in U64F64, dividing first. */
function alphaFromShares(total: bigint, denomBits: bigint, shareBits: bigint): bigint {
  if (denomBits === 0n) return 0n;
  const vps = ((total << 64n) << 64n) / denomBits;
  return ((vps * shareBits) >> 64n) >> 64n;
}

async function at(b: number) {
  const a = await api.at(dn.hashOf(b));
  return {
    q: a.query['subtensorModule'] as unknown as Record<string, (...x: unknown[]) => Promise<Codec>>,
    sys: a.query['system'] as unknown as Record<string, (...x: unknown[]) => Promise<Codec>>,
    call: a.call as unknown as Record<string, Record<string, (...x: unknown[]) => Promise<Codec>>>,
  };
}

describe('consistency', () => {
  it('α from shares × TotalHotkeyAlpha / TotalHotkeyShares equals the runtime API stake for every position', async () => {
    const colds = [...dn.world.userColdkeys, ...dn.world.market.slice(0, 4)];
    let checked = 0;
    for (const b of [dn.head(), 3_333, 2_222, 1_111, 555]) {
      const { q, call } = await at(b);
      for (const cold of colds) {
        const infos = (await call['stakeInfoRuntimeApi']!['getStakeInfoForColdkey']!(cold)) as unknown as {
          hotkey: Codec;
          netuid: Codec;
          stake: Big;
        }[];
        for (const i of infos) {
          const n = Number(i.netuid.toString());
          const share = ((await q['alpha']!(i.hotkey, cold, n)) as unknown as Bits).bits.toBigInt();
          const total = ((await q['totalHotkeyAlpha']!(i.hotkey, n)) as unknown as Big).toBigInt();
          const denom = ((await q['totalHotkeyShares']!(i.hotkey, n)) as unknown as Bits).bits.toBigInt();
          expect(alphaFromShares(total, denom, share)).toBe(i.stake.toBigInt());
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('pool reserves change exactly as the constant-product swap math says (spec 343, FeeRate 33)', async () => {
    const cold = dn.world.userColdkeys[0]!;
    const pos = dn.world.chain.positionsOf(cold).find((p) => p.netuid !== 0)!;
    const netuid = pos.netuid;
    const before = async (b: number) => {
      const { q } = await at(b);
      return {
        y: ((await q['subnetTAO']!(netuid)) as unknown as Big).toBigInt(),
        x: ((await q['subnetAlphaIn']!(netuid)) as unknown as Big).toBigInt(),
        out: ((await q['subnetAlphaOut']!(netuid)) as unknown as Big).toBigInt(),
      };
    };
    const tao = 7_000_000_000n;
    dn.submit({ kind: 'add_stake', coldkey: ss58(cold), hotkey: ss58(pos.hotkey), netuid, tao });
    const b1 = dn.produceBlocks(1);
    // block b1 first injects the subnet's per-block emission (on_initialize), then swaps
    const sub = dn.chain.subnets.get(netuid)!;
    const inject = (p: { y: bigint; x: bigint; out: bigint }) => ({
      ...p,
      y: p.y + sub.taoInPerBlock,
      x: p.x + sub.alphaInPerBlock,
    });
    const p0 = inject(await before(b1 - 1));
    const p1 = await before(b1);
    const fee = (tao * 33n) / 65535n;
    const alpha = (p0.x * (tao - fee)) / (p0.y + tao - fee);
    expect(p1.y).toBe(p0.y + tao - fee);
    expect(p1.x).toBe(p0.x - alpha);
    const ev = dn.truth().events.filter((e) => e.block === b1);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      kind: 'StakeAdded',
      tao: String(tao),
      alpha: String(alpha),
      fee: String(fee),
      netuid,
    });

    const sell = alpha / 2n;
    dn.submit({ kind: 'remove_stake', coldkey: ss58(cold), hotkey: ss58(pos.hotkey), netuid, alpha: sell });
    const b2 = dn.produceBlocks(1);
    const p2 = await before(b2);
    const q1 = inject(p1);
    const afee = (sell * 33n) / 65535n;
    const taoOut = (q1.y * (sell - afee)) / (q1.x + sell - afee);
    expect(p2.x).toBe(q1.x + sell - afee);
    expect(p2.y).toBe(q1.y - taoOut);
    const ev2 = dn.truth().events.filter((e) => e.block === b2);
    expect(ev2[0]).toMatchObject({ kind: 'StakeRemoved', tao: String(taoOut), alpha: String(sell), fee: String(afee) });
  });

  it('emissions raise positions at epochs without events or share changes', async () => {
    const chain = dn.world.chain;
    const cold = dn.world.userColdkeys[0]!;
    const positions = chain
      .positionsOf(cold)
      .filter((p) => p.netuid !== 0 && chain.stake(p.hotkey, cold, p.netuid) > 0n);
    expect(positions.length).toBeGreaterThan(0);
    // Live blocks without any action: run past the next epoch of every position's subnet.
    const head0 = dn.head();
    const epochs = positions.map((p) => epochBlock(p.netuid, epochsAt(p.netuid, head0) + 1));
    dn.produceBlocks(Math.max(...epochs) - head0 + 1);
    for (const [i, p] of positions.entries()) {
      const e = epochs[i]!;
      const a = await at(e - 1);
      const c = await at(e);
      const s1 = ((await a.q['alpha']!(p.hotkey, cold, p.netuid)) as unknown as Bits).bits.toBigInt();
      const s2 = ((await c.q['alpha']!(p.hotkey, cold, p.netuid)) as unknown as Bits).bits.toBigInt();
      expect(s2).toBe(s1);
      const st = async (x: Awaited<ReturnType<typeof at>>) =>
        (
          (await x.call['stakeInfoRuntimeApi']!['getStakeInfoForHotkeyColdkeyNetuid']!(
            p.hotkey,
            cold,
            p.netuid,
          )) as unknown as { unwrap(): { stake: Big } }
        )
          .unwrap()
          .stake.toBigInt();
      expect(await st(c)).toBeGreaterThan(await st(a));
      const recs = (await c.sys['events']!()) as unknown as { event: { section: string } }[];
      expect(recs.every((r) => r.event.section === 'system')).toBe(true);
      // the truth's position sample at that epoch is the same number
      const sample = dn
        .truth()
        .positions.find(
          (x) => x.block === e && x.coldkey === ss58(cold) && x.hotkey === ss58(p.hotkey) && x.netuid === p.netuid,
        );
      expect(sample?.alpha).toBe(String(await st(c)));
    }
  });

  it('epochs pay the subnet owner cut and validator takes silently (shares issued at the current value per share)', async () => {
    const chain = dn.world.chain;
    const n = 1;
    const sub = chain.subnets.get(n)!;
    const e = epochBlock(n, epochsAt(n, 3_000));
    // the owner's alpha grows by the cut (plus the epoch's growth of what it already had); shares with it
    const gain =
      chain.stake(sub.ownerHotkey, sub.ownerColdkey, n, e) - chain.stake(sub.ownerHotkey, sub.ownerColdkey, n, e - 1);
    expect(gain >= 65_000_000_000n && gain < 66_000_000_000n).toBe(true);
    expect(chain.shares(sub.ownerHotkey, sub.ownerColdkey, n, e)).toBeGreaterThan(
      chain.shares(sub.ownerHotkey, sub.ownerColdkey, n, e - 1),
    );
    const c = await at(e);
    const recs = (await c.sys['events']!()) as unknown as { event: { section: string } }[];
    expect(recs.every((r) => r.event.section === 'system' || chain.blocks.has(e))).toBe(true);
    // a validator hotkey on the subnet: its owner's shares grow, TotalHotkeyShares with them
    const cold = dn.world.userColdkeys[0]!;
    const pos = chain.positionsOf(cold).find((p) => p.netuid === n && chain.stake(p.hotkey, cold, n, e - 1) > 0n);
    if (pos) {
      const owner = chain.owners.get(pos.hotkey)!;
      expect(chain.shares(pos.hotkey, owner, n, e)).toBeGreaterThan(chain.shares(pos.hotkey, owner, n, e - 1));
      expect(chain.shares(pos.hotkey, cold, n, e)).toBe(chain.shares(pos.hotkey, cold, n, e - 1));
    }
  });

  it('the nonce increments once per signed action', async () => {
    const cold = dn.world.userColdkeys[1]!;
    const chain = dn.world.chain;
    // history: nonce at b = signed extrinsics of the coldkey in blocks ≤ b
    for (const b of [500, 1_500, 2_500, dn.head()]) {
      let n = 0;
      for (const [blk, rec] of chain.blocks) if (blk <= b) n += rec.xts.filter((x) => x.signer === cold).length;
      const { sys } = await at(b);
      const acct = (await sys['account']!(cold)) as unknown as { nonce: { toNumber(): number } };
      expect(acct.nonce.toNumber()).toBe(n);
    }
    const { sys } = await at(dn.head());
    const n0 = ((await sys['account']!(cold)) as unknown as { nonce: { toNumber(): number } }).nonce.toNumber();
    const pos = chain.positionsOf(cold).find((p) => chain.stake(p.hotkey, cold, p.netuid) > 0n)!;
    dn.submit({
      kind: 'add_stake',
      coldkey: ss58(cold),
      hotkey: ss58(pos.hotkey),
      netuid: pos.netuid,
      tao: 1_000_000_000n,
    });
    dn.submit({
      kind: 'remove_stake',
      coldkey: ss58(cold),
      hotkey: ss58(pos.hotkey),
      netuid: pos.netuid,
      alpha: 1_000n,
    });
    const b = dn.produceBlocks(1);
    const after = await at(b);
    const n1 = ((await after.sys['account']!(cold)) as unknown as { nonce: { toNumber(): number } }).nonce.toNumber();
    expect(n1).toBe(n0 + 2);
  });
});
