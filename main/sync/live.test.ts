// Live following keeps the head fresh without re-reading history: while blocks arrive, the head
// facts are refreshed at least once per tempo (360 blocks, or the held subnets' shorter tempo), and a followed wallet's head α equals the
// chain's StakeInfo even when only emission moved it (no stake event of the wallet in between).
// Blocks are produced one at a time and sync is awaited after each: no timing in pass/fail.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet, SubmitHandle } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { HEAD_EVERY_LIVE } from './run-once';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const tempDir = useTempDirs();

const TEMPO = 360;
/** Blocks followed after the backfill: more than two tempos. */
const FOLLOWED = 2 * TEMPO + 60;

interface StakeInfoLike {
  hotkey: { toString(): string };
  netuid: { toNumber(): number };
  stake: { toBigInt(): bigint };
}

/** A lock_stake of a tenth of the first subnet position the chain would let a user lock now. */
function submitLock(dn: Devnet): SubmitHandle {
  for (const cold of dn.coldkeys.map(fromSs58))
    for (const p of dn.chain.positionsOf(cold)) {
      const alpha = dn.chain.stake(p.hotkey, cold, p.netuid) / 10n;
      if (p.netuid !== 0 && dn.chain.locks.checkLock(cold, p.hotkey, p.netuid, alpha) === null)
        return dn.submit({ kind: 'lock_stake', coldkey: cold, hotkey: p.hotkey, netuid: p.netuid, alpha });
    }
  throw new Error('no user position of the scenario can be locked');
}

describe('live following on the 424 scenario', () => {
  let dn: Devnet;
  let api: ApiPromise;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 2, port: 0 });
    api = await ApiPromise.create({ provider: new WsProvider(dn.url), noInitWarn: true });
  });
  afterAll(async () => {
    await api.disconnect();
    await dn.close();
  });

  /** The chain's StakeInfo of a coldkey at a block, summed per (hotkey, netuid), held positions only. */
  async function chainStake(coldkey: string, block: number): Promise<string[]> {
    const at = await api.at(dn.hashOf(block));
    const getStakeInfo = at.call.stakeInfoRuntimeApi?.getStakeInfoForColdkey;
    if (!getStakeInfo) throw new Error('this runtime has no get_stake_info_for_coldkey');
    const infos = (await getStakeInfo(coldkey)) as unknown as StakeInfoLike[];
    const sums = new Map<string, bigint>();
    for (const i of infos) {
      const k = `${i.netuid.toNumber()}|${i.hotkey.toString()}`;
      sums.set(k, (sums.get(k) ?? 0n) + i.stake.toBigInt());
    }
    return [...sums.entries()]
      .filter(([, a]) => a > 0n)
      .map(([k, a]) => `${k}|${a}`)
      .sort();
  }

  it('refreshes every wallet’s head at least once per tempo and its α equals StakeInfo after emission alone', async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    const cursor = () => {
      const row = backend.db.prepare('SELECT count(*) n, min(cursor) c FROM sync_state').get() as {
        n: bigint;
        c: bigint | null;
      };
      return Number(row.n) === dn.coldkeys.length ? Number(row.c ?? -1) : -1;
    };
    const caughtUp = async (target: number) => {
      // Bounded by iterations, not by time: sync answers each block in a handful of requests.
      for (let i = 0; i < 200_000 && cursor() < target; i++) await new Promise((r) => setTimeout(r, 5));
      expect(cursor()).toBeGreaterThanOrEqual(target);
    };
    await backend.sync.start();
    await caughtUp(dn.finalized());
    const start = dn.finalized();
    let lock: SubmitHandle | null = null;
    for (let i = 0; i < FOLLOWED; i++) {
      // A wallet locks a tenth of a subnet position a while after following began (no α moves).
      if (i === 100) lock = submitLock(dn);
      dn.produceBlocks(1);
      await caughtUp(dn.finalized());
    }
    expect(lock?.included()?.ok).toBe(true);
    const end = dn.finalized();
    expect(end - start).toBe(FOLLOWED);

    const headsOf = (coldkey: string) =>
      (
        backend.db
          .prepare('SELECT block_number b FROM head_checkpoints WHERE coldkey = ? ORDER BY block_number')
          .all(coldkey) as { b: bigint }[]
      ).map((r) => Number(r.b));
    const alphaAt = (coldkey: string, block: number) =>
      (
        backend.db
          .prepare(
            'SELECT netuid, hotkey, alpha FROM position_checkpoints WHERE coldkey = ? AND block_number = ? AND alpha > 0',
          )
          .all(coldkey, block) as { netuid: bigint; hotkey: string; alpha: bigint }[]
      )
        .map((r) => `${r.netuid}|${r.hotkey}|${r.alpha}`)
        .sort();

    /** Blocks after `from` where the coldkey's lock changed (StakeLocked, LockMoved recorded). */
    const lockBlocks = (coldkey: string, from: number) =>
      new Set(
        (
          backend.db
            .prepare(
              "SELECT DISTINCT block_number b FROM stake_events WHERE coldkey = ? AND block_number > ? AND kind IN ('StakeLocked', 'LockMoved')",
            )
            .all(coldkey, from) as { b: bigint }[]
        ).map((r) => Number(r.b)),
      );

    let emissionOnly = 0;
    let lockEvents = 0;
    for (const coldkey of dn.coldkeys) {
      // At least once per tempo: no stretch of the followed blocks goes longer without a refresh.
      const heads = [start, ...headsOf(coldkey).filter((b) => b > start), end];
      expect(heads.length).toBeGreaterThan(3);
      for (let i = 1; i < heads.length; i++) expect(heads[i]! - heads[i - 1]!).toBeLessThanOrEqual(HEAD_EVERY_LIVE);
      expect(HEAD_EVERY_LIVE).toBeLessThanOrEqual(TEMPO);

      // Every refreshed head holds the chain's StakeInfo at that block.
      const refreshed = headsOf(coldkey).filter((b) => b > start);
      // A lock event moves no α: the head is read again at its block (followed one block at a time),
      // else the last head's locks would pass for current until the next refresh.
      const locked = lockBlocks(coldkey, start);
      for (const b of locked) expect(refreshed).toContain(b);
      lockEvents += locked.size;
      for (const b of refreshed) expect(alphaAt(coldkey, b)).toEqual(await chainStake(coldkey, b));

      // Wallets without any stake event of their own while followed: their α moved by emission alone.
      const own = backend.db
        .prepare('SELECT count(*) n FROM stake_events WHERE coldkey = ? AND block_number > ?')
        .get(coldkey, start) as { n: bigint };
      const last = refreshed[refreshed.length - 1]!;
      if (own.n === 0n && JSON.stringify(alphaAt(coldkey, last)) !== JSON.stringify(alphaAt(coldkey, start)))
        emissionOnly += 1;
    }
    // The scenario has such a wallet, and lock events while followed: the checks above are not vacuous.
    expect(emissionOnly).toBeGreaterThan(0);
    expect(lockEvents).toBeGreaterThan(0);

    // A node that declares a shorter tempo (here every subnet's Tempo set to 120 from now on) gets
    // head refreshes that often once a refresh has read it.
    const SHORT = 120;
    for (const netuid of dn.chain.subnets.keys()) dn.chain.setLog('Tempo', SHORT, netuid);
    const from = dn.finalized();
    let shortened = 0;
    for (let i = 0; i < HEAD_EVERY_LIVE + 3 * SHORT; i++) {
      dn.produceBlocks(1);
      await caughtUp(dn.finalized());
    }
    for (const coldkey of dn.coldkeys) {
      const later = headsOf(coldkey).filter((b) => b > from);
      // The first refresh reads the short tempo; from then on refreshes are SHORT blocks apart, for a
      // wallet that holds α on a subnet (one holding nothing there has no epoch to follow).
      expect(later[0]! - from).toBeLessThanOrEqual(HEAD_EVERY_LIVE);
      const onSubnets = alphaAt(coldkey, later[0]!).some((line) => !line.startsWith('0|'));
      const every = onSubnets ? SHORT : HEAD_EVERY_LIVE;
      if (onSubnets) shortened += 1;
      expect(later.length).toBeGreaterThanOrEqual(onSubnets ? 3 : 1);
      // `every` blocks apart, or sooner at a lock event (which restarts the count).
      const locked = lockBlocks(coldkey, from);
      for (let i = 1; i < later.length; i++)
        if (!locked.has(later[i]!)) expect(later[i]! - later[i - 1]!).toBe(every);
        else expect(later[i]! - later[i - 1]!).toBeLessThanOrEqual(every);
      expect(dn.finalized() - later[later.length - 1]!).toBeLessThan(every);
    }
    expect(shortened).toBeGreaterThan(0);
    await backend.sync.close();
    backend.close();
  }, 900_000); // a hang guard only: the machine running the suite may be heavily loaded
});
