/**
 * Sequences of the basket era (scenario basket475; docs/chain/baskets.md): claims, dust forfeits,
 * stake_into_basket, the 441 migration, root-only LastColdkeyHotkeyStakeBlock, the 473 retirement and
 * phased dissolution, the truth's completeness for basket events and the root-only staker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { startDevnet } from '../index.js';
import type { Devnet } from '../index.js';
import { deriveAccount, ss58, subnetAccount } from '../chain/accounts.js';
import { fundHotkeys } from '../chain/api-basket.js';
import type { Acc } from '../chain/accounts.js';
import { runtimeFor } from '../scale/runtime.js';
import { storageKey } from '../scale/keys.js';
import type { EventRec } from '../chain/types.js';
import { namesPosition } from '../truth-positions';

const AT_455 = 8_000;
const AT_475 = 12_000;
const hexAcc = (a: string): Acc => u8aToHex(decodeAddress(a)) as Acc;

describe.each([1, 2])('basket-era sequences (basket475, seed %i)', (seed) => {
  let dn: Devnet;

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
  });
  afterAll(async () => {
    await dn?.close();
  });

  it('claim_root: per validator [transfers] BasketClaimed, then RootClaimed{coldkey, Σ tao}; root stake grows by tao with no Stake event', () => {
    const c = dn.chain;
    let claims = 0;
    for (const [b, rec] of c.blocks) {
      if (b < AT_455) continue;
      for (const xt of rec.xts) {
        if (xt.action.kind !== 'claim_root' || !xt.ok) continue;
        const ev = xt.events.filter((e) => e.pallet === 'SubtensorModule');
        const root = ev[ev.length - 1]!;
        expect(root.name).toBe('RootClaimed');
        const claimed = ev.filter((e) => e.name === 'BasketClaimed');
        const sum = claimed.reduce((s, e) => s + (e.args[2] as bigint), 0n);
        expect(root.args).toEqual([xt.action.coldkey, sum]);
        expect(ev.some((e) => e.name === 'StakeAdded' || e.name === 'StakeRemoved')).toBe(false);
        // alone on the coldkey in its block: root stake grew by exactly each validator's tao
        const solo = rec.xts.filter((x) => x.signer === xt.action.coldkey).length === 1 && rec.init.length <= 1;
        if (solo) {
          for (const e of claimed) {
            const [hot, cold, tao] = e.args as [Acc, Acc, bigint];
            expect(c.stake(hot, cold, 0, b) - c.stake(hot, cold, 0, b - 1)).toBe(tao);
          }
          claims++;
        }
      }
    }
    expect(claims).toBeGreaterThan(3);
  });

  it('a dust claim forfeits exactly the skipped rows and pays the rest', () => {
    const c = dn.chain;
    let dust = 0;
    for (const [b, rec] of c.blocks) {
      if (b < AT_475) continue;
      for (const xt of rec.xts)
        for (const [i, e] of xt.events.entries()) {
          if (e.name !== 'BasketClaimDustSkipped') continue;
          const [hot, cold, rows, forfeited] = e.args as [Acc, Acc, number, bigint];
          expect(rows).toBeGreaterThan(0);
          expect(forfeited).toBeGreaterThan(0n);
          expect(forfeited).toBeLessThan(100_000n * BigInt(rows));
          const next = xt.events[i + 1]!;
          expect(next.name).toBe('BasketClaimed');
          expect(next.args.slice(0, 2)).toEqual([hot, cold]);
          dust++;
        }
    }
    expect(dust).toBeGreaterThan(0);
  });

  it('stake_into_basket: TAO to the subnet accounts, BasketStakedIn, no Stake event, no StakeInfo row for the buyer', () => {
    const c = dn.chain;
    let n = 0;
    for (const [b, rec] of c.blocks) {
      if (b < AT_455) continue;
      for (const xt of rec.xts) {
        const a = xt.action;
        if (a.kind !== 'stake_into_basket' || !xt.ok) continue;
        const ev = xt.events.filter((e) => e.name !== 'BasketDeposited');
        const stakedIn = ev.find((e) => e.name === 'BasketStakedIn')!;
        const [hot, cold, tao, value, shares] = stakedIn.args as [Acc, Acc, bigint, bigint, bigint];
        expect([hot, cold, tao]).toEqual([a.hotkey, a.coldkey, a.tao]);
        expect(value).toBeLessThanOrEqual(tao);
        expect(shares).toBeGreaterThan(0n);
        const paid = ev.filter((e) => e.name === 'Transfer' && e.args[0] === cold);
        expect(paid.reduce((s, e) => s + (e.args[2] as bigint), 0n)).toBe(tao);
        for (const t of paid) expect([...c.subnets.keys()].map(subnetAccount)).toContain(t.args[1]);
        expect(ev.some((e) => e.name === 'StakeAdded')).toBe(false);
        expect(c.stake(hot, cold, 0, b)).toBe(c.stake(hot, cold, 0, b - 1));
        n++;
      }
    }
    expect(n).toBeGreaterThan(3);
  });

  it('every basket-era event of a tracked coldkey is in the truth at its index', () => {
    const c = dn.chain;
    const t = dn.truth();
    const at = new Set(t.events.map((e) => `${e.block}|${e.eventIndex}|${e.kind}`));
    const tracked = new Set([...c.tracked]);
    const coldkeysOf = (e: EventRec): Acc[] => {
      switch (e.name) {
        case 'RootClaimed':
          return [e.args[0] as Acc];
        case 'BasketClaimed':
        case 'BasketStakedIn':
        case 'BasketClaimDustSkipped':
          return [e.args[1] as Acc];
        case 'StakeAndHotkeyTransferred':
          return [e.args[0] as Acc, e.args[1] as Acc];
        case 'CollateralLocked':
          return e.meta?.coldkey ? [e.meta.coldkey] : [];
        default:
          return [];
      }
    };
    let n = 0;
    for (const b of [...c.blocks.keys()].filter((x) => x >= AT_455)) {
      c.eventsOf(b).forEach(({ event }, i) => {
        if (typeof event === 'string' || !coldkeysOf(event).some((k) => tracked.has(k))) return;
        expect(at, `${b} ${i} ${event.name}`).toContain(`${b}|${i}|${event.name}`);
        n++;
      });
    }
    expect(n).toBeGreaterThan(10);
  });

  it('the 441 migration turns legacy claimable root α into fund shares; RootClaimType and auto-claims are gone', () => {
    const c = dn.chain;
    const t = dn.truth();
    const migrated = t.events.filter(namesPosition).filter((e) => e.kind === 'BasketMigration');
    expect(migrated.length).toBeGreaterThan(0);
    for (const m of migrated) expect(m.block).toBe(AT_455);
    // the migrated shares are granted through the watermark: negative right after
    for (const cold of new Set(migrated.map((m) => hexAcc(m.coldkey))))
      for (const hot of new Set(migrated.map((m) => hexAcc(m.hotkey))))
        if (c.stake(hot, cold, 0, AT_455) > 0n) expect(c.basket.claimed(hot, cold, AT_455)).toBeLessThan(0n);
    // no auto-claim in the basket era: every RootClaimed comes from a signed claim_root
    for (const [b, rec] of c.blocks)
      if (b >= AT_455) expect(rec.init.some((e) => e.name === 'RootClaimed')).toBe(false);
    expect(runtimeFor(455).storageType('SubtensorModule', 'RootClaimType')).toBeNull();
  });

  it('LastColdkeyHotkeyStakeBlock is written only by root stake changes and claims from 441', () => {
    const c = dn.chain;
    let subnet = 0;
    let rootWrites = 0;
    for (const [b, rec] of c.blocks) {
      if (b < AT_455) continue;
      for (const xt of rec.xts) {
        const a = xt.action;
        if (!xt.ok) continue;
        if (a.kind === 'add_stake' || a.kind === 'remove_stake') {
          const cell = c.read(storageKey('LastColdkeyHotkeyStakeBlock', a.coldkey, a.hotkey), b)?.value;
          if (a.netuid !== 0) {
            if (cell !== BigInt(b)) subnet++;
            else if (c.stake(a.hotkey, a.coldkey, 0, b) === c.stake(a.hotkey, a.coldkey, 0, b - 1))
              throw new Error(`subnet op wrote it at ${b}`);
          } else {
            expect(cell).toBe(BigInt(b));
            rootWrites++;
          }
        }
      }
    }
    expect(subnet).toBeGreaterThan(10);
    expect(rootWrites).toBeGreaterThan(0);
  });

  it('475: Alpha and TotalHotkeyShares retired (no V1 row left), phased dissolution ends with NetworkDissolveCleanupCompleted', () => {
    const c = dn.chain;
    const v1 = c.keys().filter((k) => {
      const cell = c.cells.get(k);
      return (
        cell !== undefined && (cell.item === 'Alpha' || cell.item === 'TotalHotkeyShares') && c.read(k, AT_475) !== null
      );
    });
    expect(v1).toEqual([]);
    const removed = [...c.blocks].find(([, r]) =>
      r.xts.some((x) => x.events.some((e) => e.name === 'NetworkRemoved')),
    )!;
    const [b] = removed;
    const netuid = removed[1].xts.flatMap((x) => x.events).find((e) => e.name === 'NetworkRemoved')!.args[0] as number;
    const settle = c.blocks
      .get(b + 1)!
      .init.filter((e) => e.name === 'Transfer' && e.args[0] === subnetAccount(netuid));
    expect(settle.length).toBeGreaterThan(0);
    expect(c.blocks.get(b + 2)!.init.map((e: EventRec) => e.name)).toContain('NetworkDissolveCleanupCompleted');
    expect(
      removed[1].xts.flatMap((x) => x.events).some((e) => e.name === 'Transfer' && e.args[0] === subnetAccount(netuid)),
    ).toBe(false);
  });

  it('the root-only staker’s root stake is explained by its events, auto-claims before 441 and root claims after', () => {
    const c = dn.chain;
    const t = dn.truth();
    const rosa = dn.coldkeys[1]!;
    const cold = hexAcc(rosa);
    const mine = t.events.filter((e) => e.coldkey === rosa);
    let root = 0n;
    for (const e of mine) {
      if (e.netuid !== 0 && e.kind !== 'RootClaimSwap') continue;
      if (e.kind === 'StakeAdded') root += BigInt(e.alpha);
      if (e.kind === 'StakeRemoved') root -= BigInt(e.alpha) + (e.block >= 4_000 ? BigInt(e.fee) : 0n);
      if (e.kind === 'RootClaimSwap' || e.kind === 'RootClaimed') root += BigInt(e.tao);
    }
    const now = [...(c.coldPositions.get(cold) ?? [])]
      .filter((k) => k.endsWith('|0'))
      .reduce((s, k) => s + c.stake(k.split('|')[0] as Acc, cold, 0), 0n);
    const genesis = [...(c.coldPositions.get(cold) ?? [])]
      .filter((k) => k.endsWith('|0'))
      .reduce((s, k) => s + c.stake(k.split('|')[0] as Acc, cold, 0, 0), 0n);
    expect(now - genesis).toBe(root);
    expect(mine.filter((e) => e.kind === 'RootClaimed').length).toBeGreaterThan(2);
  });

  it('the coldkey swap at 475 moves every fund watermark of the old coldkey, one lowered by a purchase included', () => {
    const c = dn.chain;
    const b = 14_000;
    const swap = c.blocks.get(b)!.xts.find((x) => x.action.kind === 'swap_coldkey' && x.ok)!;
    const { oldColdkey: old, newColdkey: next } = swap.action as { oldColdkey: Acc; newColdkey: Acc };
    let moved = 0;
    let bought = 0;
    for (const hot of new Set([...fundHotkeys(c, b - 1), ...fundHotkeys(c, b)])) {
      const w = c.basket.claimed(hot, old, b - 1);
      expect(c.basket.claimed(hot, old, b)).toBe(0n);
      expect(c.basket.owed(hot, old, b)).toBe(0n);
      expect(c.basket.claimed(hot, next, b)).toBe(w + c.basket.claimed(hot, next, b - 1));
      if (w !== 0n) moved++;
      // a watermark below zero holds shares bought with stake_into_basket (13,800): they move with it
      if (w < 0n) {
        bought++;
        expect(c.basket.owed(hot, next, b)).toBeGreaterThanOrEqual(c.basket.owed(hot, old, b - 1));
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(bought).toBeGreaterThan(0);
  });

  it('a queued dividend keeps the root stake it accrued with: between epochs only a deposit changes it', () => {
    const c = dn.chain;
    const blocks = [...c.blocks.keys()].filter((b) => b > AT_455).sort((a, b) => a - b);
    let stakeChanges = 0;
    for (const hot of fundHotkeys(c, dn.head())) {
      for (const n of c.dividendSubnetsOf(hot)) {
        for (const b of blocks) {
          if (c.epochs.epochsAt(n, b) !== c.epochs.epochsAt(n, b - 1)) continue;
          const was = c.basket.pending(hot, n, b - 1);
          const now = c.basket.pending(hot, n, b);
          // A deposit empties the queue; anything else, a root stake change included, leaves it as it was.
          if (now !== 0n) expect(now).toBe(was);
          if (was > 0n && c.basket.rootStake(hot, b) !== c.basket.rootStake(hot, b - 1)) stakeChanges++;
        }
      }
    }
    // Root stake changes with dividends queued: the blocks the rule is about (quin's add_stake on seed 49).
    expect(stakeChanges).toBeGreaterThan(0);
  });

  it('a live hotkey swap of a root validator moves its fund: owed shares unchanged, no dividend counted twice', () => {
    const c = dn.chain;
    const hot = fundHotkeys(c, dn.head()).find((h) => c.owners.has(h))!;
    const owner = c.owners.get(hot)!;
    const stakers = [...c.coldPositions.keys()].filter((k) => c.basket.owed(hot, k) > 0n);
    expect(stakers.length).toBeGreaterThan(0);
    const next = deriveAccount(`swap-test:${seed}`);
    c.basket.flush(hot, c.dividendSubnetsOf(hot)); // nothing queued left to compare against
    const subnets = c.dividendSubnetsOf(hot);
    expect(subnets.length).toBeGreaterThan(0);
    const before = new Map(stakers.map((k) => [k, c.basket.owed(hot, k)]));
    const shares = c.basket.shares(hot);
    const h = dn.submit({ kind: 'swap_hotkey', coldkey: ss58(owner), hotkey: ss58(hot), newHotkey: ss58(next) });
    dn.produceBlocks(1);
    expect(h.included()?.ok).toBe(true);
    expect(c.basket.shares(next)).toBe(shares);
    expect(c.basket.shares(hot)).toBe(0n);
    for (const k of stakers) expect(c.basket.owed(next, k)).toBe(before.get(k));
    // the new hotkey's queue starts at the swap: nothing is pending yet, so nothing is deposited twice
    for (const n of subnets) expect(c.basket.pending(next, n)).toBe(0n);
  });
});
