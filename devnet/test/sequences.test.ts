/** Event sequences per extrinsic (docs/chain/events.md) and fee sides per runtime (docs/chain/fees.md), at spec 343. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMetadata } from './helpers.js';
import { startDevnet, SCENARIOS } from '../index.js';
import type { Devnet, SubmitAction } from '../index.js';
import { ss58 } from '../chain/accounts.js';

let dn: Devnet;

beforeAll(async () => {
  ensureMetadata();
  dn = await startDevnet({
    scenario: { ...SCENARIOS['tiny']!, name: 'tiny-quiet', marketEvery: 1e12 },
    seed: 21,
    port: 0,
  });
});
afterAll(async () => {
  await dn?.close();
});

/** Submits one action, produces a block, returns the decoded-equivalent events of that extrinsic. */
function run(a: SubmitAction) {
  dn.submit(a);
  const b = dn.produceBlocks(1);
  const chain = dn.world.chain;
  const evs = chain.eventsOf(b).filter((e) => e.phase === 1);
  return evs.map((e) => (typeof e.event === 'string' ? e.event : `${e.event.name}`));
}
function lastXtEvents() {
  const chain = dn.world.chain;
  return chain.blocks.get(dn.head())!.xts[0]!.events;
}

describe('event sequences', () => {
  const user = () => dn.world.userColdkeys[0]!;
  const pos = () => {
    const chain = dn.world.chain;
    return chain
      .positionsOf(user())
      .find((p) => p.netuid !== 0 && chain.stake(p.hotkey, user(), p.netuid) > 1_000_000_000n)!;
  };

  it('cross-subnet move: StakeRemoved (alpha fee) → StakeAdded (fee 0) → StakeMoved, one phase', () => {
    const p = pos();
    const dest = dn.world.chain.subnets.has(p.netuid === 1 ? 2 : 1) ? (p.netuid === 1 ? 2 : 1) : 3;
    const seq = run({
      kind: 'move_stake',
      coldkey: ss58(user()),
      originHotkey: ss58(p.hotkey),
      destHotkey: ss58(p.hotkey),
      originNetuid: p.netuid,
      destNetuid: dest,
      alpha: 100_000_000n,
    });
    expect(seq).toEqual(['Withdraw', 'StakeRemoved', 'StakeAdded', 'StakeMoved', 'TransactionFeePaid', 'success']);
    const [rem, add, moved] = lastXtEvents();
    expect(rem!.args[5]).toBe((100_000_000n * 33n) / 65535n);
    expect(add!.args[5]).toBe(0n);
    expect(moved!.args[5]).toBe(rem!.args[2]); // tao moved = TAO out of the origin
    expect(add!.args[2]).toBe(rem!.args[2]);
  });

  it('root-origin move: origin fee 0, destination pays the TAO fee', () => {
    const chain = dn.world.chain;
    const root = chain.positionsOf(user()).find((p) => p.netuid === 0 && chain.stake(p.hotkey, user(), 0) > 0n)!;
    const seq = run({
      kind: 'move_stake',
      coldkey: ss58(user()),
      originHotkey: ss58(root.hotkey),
      destHotkey: ss58(root.hotkey),
      originNetuid: 0,
      destNetuid: 1,
      alpha: 1_000_000_000n,
    });
    expect(seq).toEqual(['Withdraw', 'StakeRemoved', 'StakeAdded', 'StakeMoved', 'TransactionFeePaid', 'success']);
    const [rem, add] = lastXtEvents();
    expect(rem!.args[5]).toBe(0n);
    expect(rem!.args[2]).toBe(1_000_000_000n); // root is 1:1
    expect(add!.args[5]).toBe((1_000_000_000n * 33n) / 65535n);
  });

  it('same-subnet transfer to another coldkey: fee 0 on both sides, tao = alpha × price, no pool change', () => {
    const chain = dn.world.chain;
    const p = pos();
    const other = dn.world.userColdkeys[1]!;
    // reserves of the next block before its extrinsics (per-block injection included)
    const y0 = chain.subnetTao(p.netuid, chain.head + 1);
    const price = chain.priceRao(p.netuid, chain.head + 1);
    const seq = run({
      kind: 'transfer_stake',
      coldkey: ss58(user()),
      destColdkey: ss58(other),
      hotkey: ss58(p.hotkey),
      originNetuid: p.netuid,
      destNetuid: p.netuid,
      alpha: 500_000_000n,
    });
    expect(seq).toEqual([
      'Withdraw',
      'StakeRemoved',
      'StakeAdded',
      'StakeTransferred',
      'TransactionFeePaid',
      'success',
    ]);
    const [rem, add, tr] = lastXtEvents();
    expect([rem!.args[0], add!.args[0]]).toEqual([user(), other]);
    expect([rem!.args[5], add!.args[5]]).toEqual([0n, 0n]);
    expect(rem!.args[2]).toBe((500_000_000n * price) / 1_000_000_000n);
    expect(tr!.args.slice(0, 2)).toEqual([user(), other]);
    expect(chain.subnetTao(p.netuid)).toBe(y0);
  });

  it('remove_stake leaving dust below the minimum also unstakes the remainder (second StakeRemoved)', () => {
    const chain = dn.world.chain;
    const p = pos();
    const have = chain.stake(p.hotkey, user(), p.netuid);
    const seq = run({
      kind: 'remove_stake',
      coldkey: ss58(user()),
      hotkey: ss58(p.hotkey),
      netuid: p.netuid,
      alpha: have - 1_000n,
    });
    expect(seq).toEqual(['Withdraw', 'StakeRemoved', 'StakeRemoved', 'TransactionFeePaid', 'success']);
    expect(chain.stake(p.hotkey, user(), p.netuid)).toBe(0n);
  });

  it('unstake_all: one StakeRemoved per subnet of the hotkey', () => {
    const chain = dn.world.chain;
    const p = pos();
    dn.submit({
      kind: 'swap_stake',
      coldkey: ss58(user()),
      hotkey: ss58(p.hotkey),
      originNetuid: p.netuid,
      destNetuid: p.netuid === 1 ? 2 : 1,
      alpha: 200_000_000n,
    });
    dn.produceBlocks(1);
    const n = chain
      .openOf(user())
      .filter((x) => x.hotkey === p.hotkey && chain.stake(x.hotkey, user(), x.netuid) > 0n).length;
    expect(n).toBeGreaterThanOrEqual(2);
    const seq = run({ kind: 'unstake_all', coldkey: ss58(user()), hotkey: ss58(p.hotkey) });
    expect(seq.filter((s) => s === 'StakeRemoved')).toHaveLength(n);
    expect(chain.openOf(user()).filter((x) => x.hotkey === p.hotkey)).toHaveLength(0);
  });

  it('submit() returns a handle telling where the action landed', () => {
    const p = pos();
    const ok = dn.submit({
      kind: 'add_stake',
      coldkey: ss58(user()),
      hotkey: ss58(p.hotkey),
      netuid: p.netuid,
      tao: 1_000_000_000n,
    });
    const bad = dn.submit({
      kind: 'add_stake',
      coldkey: ss58(user()),
      hotkey: ss58(p.hotkey),
      netuid: p.netuid,
      tao: 1n,
    });
    expect(ok.included()).toBeUndefined();
    const b = dn.produceBlocks(1);
    expect(ok.included()).toEqual({ block: b, extrinsicIndex: 1, ok: true });
    expect(bad.included()).toEqual({ block: b, extrinsicIndex: 2, ok: false });
    dn.reorg(1);
    expect(ok.included()?.ok).toBe(true); // re-included on the new fork
  });

  it('a failing call bumps the nonce and charges the fee, with ExtrinsicFailed and no stake event', () => {
    const chain = dn.world.chain;
    const p = pos();
    const before = chain.account(user());
    const seq = run({ kind: 'add_stake', coldkey: ss58(user()), hotkey: ss58(p.hotkey), netuid: p.netuid, tao: 10n });
    expect(seq).toEqual(['Withdraw', 'TransactionFeePaid', 'failed']);
    const after = chain.account(user());
    expect(after.nonce).toBe(before.nonce + 1);
    expect(after.free).toBe(before.free - 120_000n);
  });
});

describe('spec 233 (flat fee era)', () => {
  it('add/remove pay 50,000 rao that stays in SubnetTAO; events are net; no LastColdkeyHotkeyStakeBlock', async () => {
    const old = await startDevnet({
      scenario: {
        ...SCENARIOS['upgrade']!,
        name: 'flat-quiet',
        blocks: 1_000,
        marketEvery: 1e12,
        specs: [{ from: 0, spec: 233 }],
      },
      seed: 5,
      port: 0,
    });
    try {
      const chain = old.world.chain;
      const cold = old.world.userColdkeys[0]!;
      const hot = chain.subnets.get(1)!.ownerHotkey;
      const y0 = chain.subnetTao(1, chain.head + 1);
      const x0 = chain.subnetAlphaIn(1, chain.head + 1);
      const tao = 3_000_000_000n;
      old.submit({ kind: 'add_stake', coldkey: ss58(cold), hotkey: ss58(hot), netuid: 1, tao });
      old.produceBlocks(1);
      const alpha = (x0 * (tao - 50_000n)) / (y0 + tao - 50_000n);
      expect(chain.subnetTao(1)).toBe(y0 + tao);
      expect(chain.subnetAlphaIn(1)).toBe(x0 - alpha);
      const [added] = chain.blocks.get(old.head())!.xts[0]!.events;
      expect(added!.args.slice(2, 6)).toEqual([tao - 50_000n, alpha, 1, 50_000n]);
      const y1 = chain.subnetTao(1, chain.head + 1);
      const x1 = chain.subnetAlphaIn(1, chain.head + 1);
      const sell = alpha / 2n;
      old.submit({ kind: 'remove_stake', coldkey: ss58(cold), hotkey: ss58(hot), netuid: 1, alpha: sell });
      old.produceBlocks(1);
      const gross = (y1 * sell) / (x1 + sell);
      expect(chain.subnetTao(1)).toBe(y1 - (gross - 50_000n));
      const [removed] = chain.blocks.get(old.head())!.xts[0]!.events;
      expect(removed!.args[2]).toBe(gross - 50_000n);
      const c = old.truth();
      expect(c.events.filter((e) => e.block > 1_000).map((e) => e.kind)).toEqual(['StakeAdded', 'StakeRemoved']);
      expect(chain.cells.size).toBeGreaterThan(0);
      expect([...chain.cells.values()].some((cell) => cell.item === 'LastColdkeyHotkeyStakeBlock')).toBe(false);
    } finally {
      await old.close();
    }
  });
});

describe('spec 393 (fees to the block author, ≥ 385)', () => {
  it('remove_stake: the alpha fee is sold fee-less after the swap and its TAO leaves the pool', async () => {
    const dn393 = await startDevnet({
      scenario: {
        ...SCENARIOS['upgrade']!,
        name: 'v393-quiet',
        blocks: 1_000,
        marketEvery: 1e12,
        specs: [{ from: 0, spec: 393 }],
      },
      seed: 6,
      port: 0,
    });
    try {
      const chain = dn393.world.chain;
      const cold = dn393.world.userColdkeys[0]!;
      const hot = chain.subnets.get(1)!.ownerHotkey;
      dn393.submit({ kind: 'add_stake', coldkey: ss58(cold), hotkey: ss58(hot), netuid: 1, tao: 5_000_000_000n });
      dn393.produceBlocks(1);
      const have = chain.stake(hot, cold, 1);
      const y = chain.subnetTao(1, chain.head + 1);
      const x = chain.subnetAlphaIn(1, chain.head + 1);
      const sell = have / 2n;
      dn393.submit({ kind: 'remove_stake', coldkey: ss58(cold), hotkey: ss58(hot), netuid: 1, alpha: sell });
      dn393.produceBlocks(1);
      const fee = (sell * 33n) / 65535n;
      const taoOut = (y * (sell - fee)) / (x + sell - fee);
      const feeTao = ((y - taoOut) * fee) / (x + sell - fee + fee);
      expect(chain.subnetAlphaIn(1)).toBe(x + sell);
      expect(chain.subnetTao(1)).toBe(y - taoOut - feeTao);
      const [removed] = chain.blocks.get(dn393.head())!.xts[0]!.events;
      expect(removed!.args.slice(2, 6)).toEqual([taoOut, sell, 1, fee]);
    } finally {
      await dn393.close();
    }
  });
});
