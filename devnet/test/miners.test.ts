/**
 * Miner incentive (scenario miners; devnet/README.md, Miners): every credit in the truth's
 * minerIncentives is the α the position gained at that epoch block, AutoStakeAdded (decoded with the real
 * metadata of the block's runtime) exactly for credits with a destination, none for the others; the
 * destination call and its storage (AutoStakeDestination, AutoStakeDestinationColdkeys, StakingHotkeys,
 * Owner) as a client reads them; the fresh destination position appears with the first credit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { RawClient, apiFor, ensureMetadata } from './helpers.js';
import { SCENARIOS, startDevnet } from '../index.js';
import type { Devnet } from '../index.js';
import { World } from '../chain/world.js';
import { ss58 } from '../chain/accounts.js';
import { buildTruth } from '../truth.js';
import type { MinerIncentive } from '../truth.js';

const MINERS = SCENARIOS['miners']!;
const LIST = MINERS.miners!.list;

interface EventRecord {
  phase: { isInitialization: boolean; isApplyExtrinsic: boolean; asApplyExtrinsic: Codec };
  event: { section: string; method: string; data: Codec[] & { names?: string[] } };
}
type Query = Record<string, (...a: unknown[]) => Promise<Codec>>;

beforeAll(() => ensureMetadata());

describe('miners scenario', () => {
  let dn: Devnet;
  let api: ApiPromise;
  let raw: RawClient;
  let credits: MinerIncentive[];

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'miners', seed: 1, port: 0 });
    api = await apiFor(dn.url);
    raw = await RawClient.open(dn.url);
    credits = dn.truth().minerIncentives!;
  });
  afterAll(async () => {
    raw?.close();
    await api?.disconnect();
    await dn?.close();
  });

  const eventsAt = async (b: number) =>
    (await (
      await api.at(dn.hashOf(b))
    ).query['system']!['events']!()) as unknown as EventRecord[];
  const queryAt = async (b: number) => (await api.at(dn.hashOf(b))).query['subtensorModule']! as unknown as Query;
  const userOf = (i: number) => dn.world.users[i]!.coldkey;
  const minerOf = (i: number) => dn.world.miners.all[i]!;

  it('builds deterministically; each owner is paid at every epoch of its subnet, to its miner until it sets a destination', () => {
    const build = (seed: number) => {
      const w = new World(seed, MINERS);
      w.genesis();
      w.generate(MINERS.blocks);
      return JSON.stringify(buildTruth(w.chain, 'x', w.chain.head - 2));
    };
    expect(build(1)).toBe(JSON.stringify(buildTruth(dn.chain, 'x', dn.chain.head - 2)));
    expect(build(2)).not.toBe(build(1));
    const c = dn.chain;
    LIST.forEach((m, i) => {
      const owner = ss58(userOf(m.user));
      const mine = credits.filter((x) => x.coldkey === owner);
      const epochs: number[] = [];
      for (let e = 1, b = c.epochs.epochBlock(m.netuid, 1); b <= c.head; e++, b = c.epochs.epochBlock(m.netuid, e))
        epochs.push(b);
      expect(mine.map((x) => x.block)).toEqual(epochs);
      expect(mine.every((x) => x.netuid === m.netuid && x.miner === ss58(minerOf(i).hotkey))).toBe(true);
      const at = m.destination?.at ?? Number.POSITIVE_INFINITY;
      for (const x of mine) {
        expect(x.event).toBe(x.block > at);
        // the epoch pays in block initialisation, before that block's destination call
        expect(x.hotkey === x.miner).toBe(x.block <= at);
      }
      if (m.destination) expect(mine.filter((x) => x.event).length).toBeGreaterThanOrEqual(15);
      else expect(mine.length).toBeGreaterThanOrEqual(15);
    });
  });

  it('each credit is the α its position gained at that block (±2 α-rao of share rounding)', () => {
    const c = dn.chain;
    let checked = 0;
    for (const x of credits) {
      const cold = dn.world.users.find((u) => ss58(u.coldkey) === x.coldkey)!.coldkey;
      const hot = [...c.owners.keys(), ...dn.world.validators.map((v) => v.hotkey)].find((h) => ss58(h) === x.hotkey)!;
      // a signed call of the owner on that position in the same block would move it too
      const acted = (c.blocks.get(x.block)?.xts ?? []).some((t) => t.signer === cold);
      if (acted) continue;
      const gained =
        c.stake(hot, cold, x.netuid, x.block) -
        c.stake(hot, cold, x.netuid, x.block - 1) -
        c.emissionAt(hot, cold, x.netuid, x.block);
      const d = gained - BigInt(x.alpha);
      expect(d <= 2n && d >= -2n, `${x.block} ${x.hotkey}: ${gained} vs ${x.alpha}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(credits.length - 5);
  });

  it('AutoStakeAdded is in System.Events, Initialization phase, exactly for the credits with a destination', async () => {
    const t = dn.truth();
    const blocks = [...new Set(credits.map((x) => x.block))];
    let seen = 0;
    for (const b of blocks) {
      const recs = await eventsAt(b);
      const auto = recs.filter((r) => r.event.method === 'AutoStakeAdded');
      const expected = credits.filter((x) => x.block === b && x.event);
      expect(auto.map((r) => r.event.data.map(String))).toEqual(
        expected.map((x) => [String(x.netuid), x.hotkey, x.miner, x.coldkey, x.alpha]),
      );
      for (const r of auto) {
        expect(r.phase.isInitialization).toBe(true);
        expect(r.event.section).toBe('subtensorModule');
        expect(r.event.data.names).toEqual(['netuid', 'destination', 'hotkey', 'owner', 'incentive']);
        // the truth's event line of that record
        const i = recs.indexOf(r);
        const line = t.events.find((e) => e.block === b && e.eventIndex === i)!;
        expect(line).toMatchObject({
          kind: 'AutoStakeAdded',
          extrinsicIndex: null,
          coldkey: r.event.data[3]!.toString(),
          hotkey: r.event.data[1]!.toString(),
          netuid: Number(r.event.data[0]!.toString()),
          alpha: r.event.data[4]!.toString(),
        });
        seen++;
      }
    }
    expect(seen).toBe(credits.filter((x) => x.event).length);
    expect(t.events.filter((e) => e.kind === 'AutoStakeAdded').length).toBe(seen);
    // both runtimes of the scenario emit it
    const specs = new Set(credits.filter((x) => x.event).map((x) => dn.chain.specAt(x.block)));
    expect([...specs].sort()).toEqual([393, 424]);
  });

  it('the destination call and storage: AutoStakeDestination(Coldkeys), AutoStakeDestinationSet, Owner, StakingHotkeys', async () => {
    for (const [i, m] of LIST.entries()) {
      const owner = userOf(m.user);
      const miner = minerOf(i);
      const q0 = await queryAt(1);
      expect((await q0['owner']!(miner.hotkey)).toString()).toBe(ss58(owner));
      expect(((await q0['stakingHotkeys']!(owner)).toJSON() as string[]).includes(ss58(miner.hotkey))).toBe(true);
      const d = m.destination;
      const last = await queryAt(dn.chain.head);
      if (!d) {
        expect((await last['autoStakeDestination']!(owner, m.netuid)).toJSON()).toBeNull();
        continue;
      }
      const dest = credits.find((x) => x.coldkey === ss58(owner) && x.event)!.hotkey;
      expect((await (await queryAt(d.at - 1))['autoStakeDestination']!(owner, m.netuid)).toJSON()).toBeNull();
      expect((await (await queryAt(d.at))['autoStakeDestination']!(owner, m.netuid)).toString()).toBe(dest);
      expect((await last['autoStakeDestinationColdkeys']!(dest, m.netuid)).toJSON()).toEqual([ss58(owner)]);
      expect(((await last['stakingHotkeys']!(owner)).toJSON() as string[]).includes(dest)).toBe(true);
      // the signed call and its event
      const block = await api.rpc.chain.getBlock(dn.hashOf(d.at));
      const xts = block.block.extrinsics.filter(
        (x) => x.method.method === 'setColdkeyAutoStakeHotkey' && x.signer.toString() === ss58(owner),
      );
      expect(xts.map((x) => x.method.args.map(String))).toEqual([[String(m.netuid), dest]]);
      const set = (await eventsAt(d.at)).filter((r) => r.event.method === 'AutoStakeDestinationSet');
      expect(set.map((r) => r.event.data.map(String))).toEqual([[ss58(owner), String(m.netuid), dest]]);
      expect(set[0]!.phase.isApplyExtrinsic).toBe(true);
      // the destination is a validator hotkey the owner does not own
      expect(dn.chain.owners.get(dn.world.validators.find((v) => ss58(v.hotkey) === dest)!.hotkey)).not.toBe(owner);
    }
  });

  it('a fresh destination position appears with the first credit; a held one already has nominated α', async () => {
    for (const m of LIST) {
      const d = m.destination;
      if (!d) continue;
      const owner = ss58(userOf(m.user));
      const first = credits.find((x) => x.coldkey === owner && x.event)!;
      const before = await queryAt(first.block - 1);
      const item = dn.chain.specAt(first.block) >= 424 ? 'alphaV2' : 'alpha';
      const key = (before[item] as unknown as { key(...a: unknown[]): string }).key(first.hotkey, owner, first.netuid);
      const pre = await raw.result('state_getStorage', [key, dn.hashOf(first.block - 1)]);
      if (d.kind === 'fresh') {
        expect(pre).toBeNull();
        // and no event of the owner touched it before
        const t = dn.truth();
        expect(t.events.some((e) => e.coldkey === owner && e.hotkey === first.hotkey && e.block < first.block)).toBe(
          false,
        );
      } else {
        expect(pre).not.toBeNull();
        const added = dn
          .truth()
          .events.filter((e) => e.coldkey === owner && e.hotkey === first.hotkey && e.kind === 'StakeAdded');
        expect(added[0]!.block).toBe(d.stakeAt);
      }
      expect(await raw.result('state_getStorage', [key, dn.hashOf(first.block)])).not.toBeNull();
    }
  });
});

describe('miners scenario on a seed whose owner targets every validator of the miner subnet', () => {
  it('builds, with one of them given up as the fresh destination (seed 2005 threw "no fresh destination")', () => {
    const m = LIST.find((x) => x.destination?.kind === 'fresh')!;
    const w = new World(2005, MINERS);
    w.genesis();
    const owner = w.users[m.user]!;
    const validators = (w.pairsByNet.get(m.netuid) ?? []).map((p) => p.hotkey);
    const targeted = owner.targets.filter((t) => t.netuid === m.netuid).map((t) => t.hotkey);
    expect(targeted).toHaveLength(validators.length - 1);
    w.generate(MINERS.blocks);
    const at = m.destination!.at;
    const dest = w.chain.getLog<string>('AutoStakeDestination', at, owner.coldkey, m.netuid);
    if (dest === undefined) throw new Error(`no destination set at block ${at}`);
    expect(validators).toContain(dest);
    expect(targeted).not.toContain(dest);
    // a fresh position: the owner has no shares there before the call, and has them at the end
    const shares = (b: number) =>
      (['Alpha', 'AlphaV2'] as const).map(
        (item) => w.chain.getLog<unknown>(item, b, dest, owner.coldkey, m.netuid) ?? null,
      );
    expect(shares(at - 1)).toEqual([null, null]);
    expect(shares(MINERS.blocks).some((v) => v !== null)).toBe(true);
  });
});
