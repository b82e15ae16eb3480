/**
 * The basket era (scenario basket475: 393 → 424 → 455 → 475; docs/chain/baskets.md): every event of
 * the 455 and 475 blocks decodes with the real metadata of its runtime; BetaBasketRuntimeApi,
 * StakeInfoRuntimeApi and SwapRuntimeApi answers decode with @polkadot/api at 455 and with the 455
 * types at 475 (which has no runtime-API section); claim, stake-into-basket, migration, dissolution
 * and retirement sequences; consistency of shares, NAV, payouts and the truth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { apiFor, RawClient } from './helpers.js';
import { startDevnet } from '../index.js';
import type { Devnet } from '../index.js';
import { ss58, subnetAccount } from '../chain/accounts.js';
import type { Acc } from '../chain/accounts.js';
import { ESCROW } from '../chain/basket.js';
import { fundHotkeys } from '../chain/api-basket.js';
import { VENDORED_DIR } from '../scale/metadata-files.js';
import { runtimeFor } from '../scale/runtime.js';
import { storageKey } from '../scale/keys.js';
import type { EventRec } from '../chain/types.js';

const AT_455 = 8_000;
const AT_475 = 12_000;
const EVENTS_KEY = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7';

function registryOf(file: string): TypeRegistry {
  const raw = gunzipSync(readFileSync(join(VENDORED_DIR, file)));
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, raw), undefined, undefined, true);
  return registry;
}

const hexAcc = (a: string): Acc => u8aToHex(decodeAddress(a)) as Acc;
type Call = Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>>;

describe('basket era (basket475)', () => {
  let dn: Devnet;
  let api: ApiPromise;
  let raw: RawClient;

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed: 1, port: 0 });
    api = await apiFor(dn.url);
    raw = await RawClient.open(dn.url);
  });
  afterAll(async () => {
    raw?.close();
    await api?.disconnect();
    await dn?.close();
  });

  /** Every event of the blocks in [from, to) through the real metadata; returns the names seen. */
  async function decodeAll(registry: TypeRegistry, from: number, to: number): Promise<Set<string>> {
    const seen = new Set<string>();
    for (const b of [...dn.chain.blocks.keys()].filter((x) => x >= from && x < to)) {
      const hex = await raw.result<string>('state_getStorage', [EVENTS_KEY, dn.hashOf(b)]);
      const vec = registry.createType('Vec<EventRecord>', hex);
      expect(vec.toHex()).toBe(hex); // every byte consumed
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
        const want = (e.args as unknown[]).map((a) =>
          typeof a === 'string' && a.startsWith('0x') ? ss58(a as Acc) : String(a),
        );
        if (
          e.pallet === 'SubtensorModule' &&
          /^(Basket|RootClaimed|StakeAndHotkey|Collateral|SharePool|NetworkDissolve)/.test(e.name)
        )
          expect(rec.event.data.map((d) => d.toString())).toEqual(want);
      });
    }
    return seen;
  }

  it('serves 455 with its own V16 metadata and 475 with its V14 metadata and the 455 API versions', async () => {
    const at = async (b: number) =>
      raw.result<{ specVersion: number; apis: [string, number][] }>('state_getRuntimeVersion', [dn.hashOf(b)]);
    const v455 = await at(AT_455 + 10);
    const v475 = await at(AT_475 + 10);
    expect([v455.specVersion, v475.specVersion]).toEqual([455, 475]);
    expect(new Map(v455.apis).get(blake2AsHex('BetaBasketRuntimeApi', 64))).toBe(3);
    expect(v475.apis).toEqual(v455.apis);
    const md455 = await raw.result<string>('state_call', [
      'Metadata_metadata_at_version',
      '0x10000000',
      dn.hashOf(AT_455 + 10),
    ]);
    expect(
      md455.endsWith(
        gunzipSync(readFileSync(join(VENDORED_DIR, 'finney_spec455_metadata_v16.scale.gz'))).toString('hex'),
      ),
    ).toBe(true);
    const md475 = await raw.result<string>('state_getMetadata', [dn.hashOf(AT_475 + 10)]);
    expect(md475.slice(2)).toBe(
      gunzipSync(readFileSync(join(VENDORED_DIR, 'finney_spec475_metadata_v14.scale.gz'))).toString('hex'),
    );
  });

  it('every event of the 455 and the 475 blocks decodes with that runtime’s real metadata, fields as deposited', async () => {
    const seen455 = await decodeAll(registryOf('finney_spec455_metadata_v16.scale.gz'), AT_455, AT_475);
    const seen475 = await decodeAll(registryOf('finney_spec475_metadata_v14.scale.gz'), AT_475, dn.head() + 1);
    for (const name of [
      'BasketDeposited',
      'BasketStakedIn',
      'BasketClaimed',
      'RootClaimed',
      'StakeAndHotkeyTransferred',
      'CollateralLocked',
      'TransactionFeePaidWithAlpha',
    ])
      expect(seen455, name).toContain(name);
    for (const name of [
      'BasketDeposited',
      'BasketClaimed',
      'BasketClaimDustSkipped',
      'RootClaimed',
      'SharePoolDenominatorReconciled',
      'NetworkRemoved',
      'NetworkDissolveCleanupCompleted',
      'HotkeySwapped',
      'ColdkeySwapped',
      'CollateralLocked',
    ])
      expect(seen475, name).toContain(name);
  });

  it('runtime APIs at 455 decode with @polkadot/api and equal the fund book; at 475 they answer with the 455 types', async () => {
    const c = dn.chain;
    const b = 11_999;
    const apiAt = (await api.at(dn.hashOf(b))) as unknown as { call: Call };
    const rosa = dn.coldkeys[1]!;
    const hot = c.basketXt.claimable(hexAcc(rosa))[0]!;
    const payout = await apiAt.call['betaBasketRuntimeApi']!['getBasketPayout']!(ss58(hot), rosa);
    expect(BigInt(payout.toString())).toBe(c.basket.payout(hot, hexAcc(rosa), b));
    expect(c.basket.payout(hot, hexAcc(rosa), b)).toBeGreaterThan(0n);
    const basket = (await apiAt.call['betaBasketRuntimeApi']!['getValidatorBasket']!(
      ss58(hot),
    )) as unknown as Codec[][];
    expect(basket.map((r) => r.map((x) => x.toString()))).toEqual(
      c.basket.rows(hot, b).map((r) => [String(r.netuid), String(r.alpha), String(r.tao)]),
    );
    const pos = (await apiAt.call['betaBasketRuntimeApi']!['getBetaPosition']!(ss58(hot), rosa)) as unknown as {
      unwrap(): { beta: Codec; valueTao: Codec };
    };
    expect(BigInt(pos.unwrap().beta.toString())).toBe(c.basket.owed(hot, hexAcc(rosa), b));
    expect(BigInt(pos.unwrap().valueTao.toString())).toBe(c.basket.payout(hot, hexAcc(rosa), b));
    const portfolio = (await apiAt.call['betaBasketRuntimeApi']!['getBetaPortfolio']!(rosa)) as unknown as unknown[];
    expect(portfolio.length).toBeGreaterThan(0);
    const avail = await apiAt.call['stakeInfoRuntimeApi']!['getStakeAvailabilityForColdkeys']!([rosa], null);
    expect(avail.toHex().length).toBeGreaterThan(4);
    const price = await apiAt.call['swapRuntimeApi']!['currentAlphaPrice']!(1);
    expect(BigInt(price.toString())).toBe(c.priceRao(1, b));
    // 475: raw state_call, decoded with the 455 output type
    const rt455 = runtimeFor(455);
    const b475 = dn.head();
    const hot475 = c.basketXt.claimable(hexAcc(rosa))[0]!;
    const args = u8aToHex(new Uint8Array([...decodeAddress(ss58(hot475)), ...decodeAddress(rosa)]));
    const hex = await raw.result<string>('state_call', [
      'BetaBasketRuntimeApi_get_basket_payout',
      args,
      dn.hashOf(b475),
    ]);
    const out = rt455.registry.createTypeUnsafe(rt455.apiMethod('BetaBasketRuntimeApi_get_basket_payout')!.output, [
      hexToU8a(hex),
    ]);
    expect(BigInt(out.toString())).toBe(c.basket.payout(hot475, hexAcc(rosa), b475));
    const escrowHex = await raw.result<string>('state_call', [
      'StakeInfoRuntimeApi_get_stake_info_for_coldkey',
      u8aToHex(decodeAddress(ss58(ESCROW))),
      dn.hashOf(b475),
    ]);
    const escrow = rt455.registry.createTypeUnsafe(
      rt455.apiMethod('StakeInfoRuntimeApi_get_stake_info_for_coldkey')!.output,
      [hexToU8a(escrowHex)],
    ) as unknown as {
      hotkey: Codec;
      netuid: Codec;
      stake: Codec;
    }[];
    // the escrow's StakeInfo rows are exactly the funds' holdings
    const rows = escrow
      .filter((r) => BigInt(r.stake.toString()) > 0n)
      .map((r) => `${r.hotkey.toString()}|${r.netuid.toString()}|${r.stake.toString()}`);
    const book = fundHotkeys(c, b475).flatMap((h) =>
      c.basket.rows(h, b475).map((r) => `${ss58(h)}|${r.netuid}|${r.alpha}`),
    );
    expect(rows.sort()).toEqual(book.sort());
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

  it('the 441 migration turns legacy claimable root α into fund shares; RootClaimType and auto-claims are gone', () => {
    const c = dn.chain;
    const t = dn.truth();
    const migrated = t.events.filter((e) => e.kind === 'BasketMigration');
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

  it('consistency: owed shares sum to at most the fund’s shares; payouts to at most its NAV; the truth’s samples equal the book', () => {
    const c = dn.chain;
    const t = dn.truth();
    const head = dn.head();
    for (const hot of fundHotkeys(c, head)) {
      let owed = 0n;
      let paid = 0n;
      for (const cold of c.coldPositions.keys()) {
        owed += c.basket.owed(hot, cold, head);
        paid += c.basket.payout(hot, cold, head);
      }
      expect(owed).toBeLessThanOrEqual(c.basket.shares(hot, head));
      expect(paid).toBeLessThanOrEqual(c.basket.nav(hot, head));
      // shares × NAV per share: the owed shares are worth their part of the fund
      expect(owed * c.basket.nav(hot, head)).toBeGreaterThanOrEqual(
        paid * c.basket.shares(hot, head) - c.basket.shares(hot, head) * 8n,
      );
    }
    expect(t.baskets!.length).toBeGreaterThan(20);
    for (const s of t.baskets!.filter((_, i) => i % 7 === 0)) {
      expect(s.shares).toBe(c.basket.owed(hexAcc(s.hotkey), hexAcc(s.coldkey), s.block).toString());
      expect(s.payout).toBe(c.basket.payout(hexAcc(s.hotkey), hexAcc(s.coldkey), s.block).toString());
    }
    for (const f of t.funds!) expect(BigInt(f.twr)).toBeGreaterThanOrEqual(1n << 64n);
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
});
