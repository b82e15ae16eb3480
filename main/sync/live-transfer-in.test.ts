// Live following sees a stake transfer IN onto a hotkey the wallet already stakes to, on a subnet it
// holds nothing on there. From 441 nothing but that pair's shares shows it: the sender signs (the
// receiver's nonce stays), StakingHotkeys already lists the hotkey and LastColdkeyHotkeyStakeBlock
// records root only. The discovery that lists a wallet's positions runs once, at the first run's
// head, so a follower that read only the known positions' keys missed the block: the α appeared at a
// later checkpoint with no purchase (soak test on the demo devnet, block 151,314: 88.6 α).
// Blocks are produced one at a time and sync is awaited after each: no timing in pass/fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ss58, toAcc } from '../../devnet/chain/accounts';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe('live following: a stake transfer in onto a known hotkey, new subnet (475)', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records the receiver’s StakeAdded in the block the α arrived', async () => {
    const chain = dn.chain;
    const held = (cold: string) =>
      chain.positionsOf(toAcc(cold)).filter((p) => chain.stake(p.hotkey, toAcc(cold), p.netuid) > 0n);
    // The receiver: a user with a subnet position; the sender: another user with free TAO.
    const receiver = dn.coldkeys.find((c) => held(c).some((p) => p.netuid !== 0))!;
    const sender = dn.coldkeys.find((c) => c !== receiver && chain.account(toAcc(c)).free > 10_000_000_000n)!;
    expect(receiver).toBeDefined();
    expect(sender).toBeDefined();
    const mine = held(receiver).filter((p) => p.netuid !== 0);
    const hotkey = mine[0]!.hotkey;
    const netuid = [...chain.subnets.keys()].find(
      (n) => n !== 0 && !mine.some((p) => p.hotkey === hotkey && p.netuid === n),
    )!;
    expect(netuid).toBeDefined();
    // The sender stakes onto that pair first (before the wallet's backfill).
    const staked = dn.submit({ kind: 'add_stake', coldkey: sender, hotkey: ss58(hotkey), netuid, tao: 5_000_000_000n });
    dn.produceBlocks(1);
    expect(staked.included()?.ok).toBe(true);

    const backend = testBackend(tempDir());
    await backend.dispatch('wallets:add', { address: receiver, label: 'receiver' });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    const cursor = () =>
      Number(
        (backend.db.prepare('SELECT cursor c FROM sync_state').get() as { c: bigint | null } | undefined)?.c ?? -1,
      );
    const caughtUp = async (target: number) => {
      // Bounded by iterations, not by time: sync answers each block in a handful of requests.
      for (let i = 0; i < 200_000 && cursor() < target; i++) await new Promise((r) => setTimeout(r, 5));
      expect(cursor()).toBeGreaterThanOrEqual(target);
    };
    await backend.sync.start();
    await caughtUp(dn.finalized());

    const alpha = chain.stake(hotkey, toAcc(sender), netuid) / 2n;
    const transfer = dn.submit({
      kind: 'transfer_stake',
      coldkey: sender,
      destColdkey: receiver,
      hotkey: ss58(hotkey),
      originNetuid: netuid,
      destNetuid: netuid,
      alpha,
    });
    for (let i = 0; i < 4; i++) {
      dn.produceBlocks(1);
      await caughtUp(dn.finalized());
    }
    const at = transfer.included();
    expect(at?.ok).toBe(true);
    expect(chain.stake(hotkey, toAcc(receiver), netuid)).toBeGreaterThan(0n);

    const rows = backend.db
      .prepare('SELECT kind, hotkey, netuid FROM stake_events WHERE coldkey = ? AND block_number = ?')
      .all(receiver, at!.block) as { kind: string; hotkey: string; netuid: bigint }[];
    expect(rows.map((r) => `${r.kind}|${r.hotkey}|${r.netuid}`)).toContain(`StakeAdded|${ss58(hotkey)}|${netuid}`);
    await backend.sync.close();
    backend.close();
  }, 600_000); // a hang guard only: the machine running the suite may be heavily loaded
});
