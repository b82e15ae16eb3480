/**
 * The basket era (scenario basket475: 393 → 424 → 455 → 475; docs/chain/baskets.md): every event of
 * the 455 and 475 blocks decodes with the real metadata of its runtime; BetaBasketRuntimeApi,
 * StakeInfoRuntimeApi and SwapRuntimeApi answers decode with @polkadot/api at 455 and with the 455
 * types at 475 (which has no runtime-API section); consistency of shares, NAV, payouts and the truth.
 * Sequences: baskets-sequences.test.ts.
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
import { ss58 } from '../chain/accounts.js';
import type { Acc } from '../chain/accounts.js';
import { ESCROW } from '../chain/basket.js';
import { fundHotkeys } from '../chain/api-basket.js';
import { VENDORED_DIR } from '../scale/metadata-files.js';
import { runtimeFor } from '../scale/runtime.js';

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

describe.each([1, 2, 3])('basket era (basket475, seed %i)', (seed) => {
  let dn: Devnet;
  let api: ApiPromise;
  let raw: RawClient;

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
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

  it('serves 455 with its own V16 metadata and 475 with its V14 metadata and its own API versions', async () => {
    const at = async (b: number) =>
      raw.result<{ specVersion: number; apis: [string, number][] }>('state_getRuntimeVersion', [dn.hashOf(b)]);
    const v455 = await at(AT_455 + 10);
    const v475 = await at(AT_475 + 10);
    expect([v455.specVersion, v475.specVersion]).toEqual([455, 475]);
    expect(new Map(v455.apis).get(blake2AsHex('BetaBasketRuntimeApi', 64))).toBe(3);
    // 475's own Core_version (its System.Version constant): BetaBasketRuntimeApi moved to version 5
    expect(new Map(v475.apis).get(blake2AsHex('BetaBasketRuntimeApi', 64))).toBe(5);
    expect(new Map(v475.apis).get(blake2AsHex('StakeInfoRuntimeApi', 64))).toBe(
      new Map(v455.apis).get(blake2AsHex('StakeInfoRuntimeApi', 64)),
    );
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

  it('every BetaBasket, StakeInfo and Swap method the devnet answers decodes byte for byte with the 455 types, at 455 and at 475', async () => {
    const rt = runtimeFor(455);
    const rosa = dn.coldkeys[1]!;
    const hot = ss58(dn.chain.basketXt.claimable(hexAcc(rosa))[0]!);
    const latest = rt.metadata.asLatest as unknown as {
      apis: { name: Codec; methods: { name: Codec; inputs: { type: never }[] }[] }[];
    };
    const argFor = (type: string, i: number): unknown => {
      const raw = rt.registry.createTypeUnsafe(type, []).toRawType();
      if (raw.startsWith('Vec')) return raw.includes('u16') ? [1] : [rosa];
      if (raw === 'AccountId32' || raw.includes('AccountId'))
        return raw.startsWith('Vec') ? [rosa] : raw.startsWith('Option') ? null : i === 0 ? hot : rosa;
      if (raw.startsWith('Option')) return null;
      if (raw === 'u16') return 1;
      return 1_000_000_000;
    };
    const notSimulated = new Set(['get_beta_pricing', 'get_all_beta_pricing', 'get_beta_index']);
    let decoded = 0;
    for (const b of [AT_475 - 2, dn.head()]) {
      for (const api of latest.apis.filter((a) => /^(BetaBasket|StakeInfo|Swap)RuntimeApi$/.test(a.name.toString()))) {
        for (const m of api.methods) {
          const method = `${api.name.toString()}_${m.name.toString()}`;
          const def = rt.apiMethod(method)!;
          const args = u8aToHex(
            new Uint8Array(def.inputs.flatMap((t, i) => [...rt.registry.createTypeUnsafe(t, [argFor(t, i)]).toU8a()])),
          );
          const reply = await raw.call('state_call', [method, args, dn.hashOf(b)]);
          if (notSimulated.has(m.name.toString())) {
            expect(reply.error?.code).toBe(4003);
            continue;
          }
          const hex = reply.result as string;
          expect(hex, method).toMatch(/^0x/);
          const out = rt.registry.createTypeUnsafe(def.output, [hexToU8a(hex)]);
          expect(u8aToHex(out.toU8a()), method).toBe(hex); // every byte consumed
          decoded++;
        }
      }
    }
    expect(decoded).toBeGreaterThan(30);
  });

  it('at 475: α from AlphaV2 shares equals the runtime API stake (escrow and users); fund storage equals the book; no Alpha item', async () => {
    const c = dn.chain;
    const b = dn.head();
    const q = (await api.at(dn.hashOf(b))).query['subtensorModule']! as Record<
      string,
      (...a: unknown[]) => Promise<Codec>
    >;
    expect(q['alpha']).toBeUndefined();
    expect(q['totalHotkeyShares']).toBeUndefined();
    const rt = runtimeFor(455);
    const def = rt.apiMethod('StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid')!;
    let checked = 0;
    for (const cold of [ESCROW, ...c.tracked]) {
      for (const p of c.positionsOf(cold).filter((x) => c.stake(x.hotkey, cold, x.netuid, b) > 0n)) {
        const args = [ss58(p.hotkey), ss58(cold), p.netuid] as const;
        const input = u8aToHex(
          new Uint8Array(def.inputs.flatMap((t, i) => [...rt.registry.createTypeUnsafe(t, [args[i]]).toU8a()])),
        );
        const hex = await raw.result<string>('state_call', [
          `StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid`,
          input,
          dn.hashOf(b),
        ]);
        const info = rt.registry.createTypeUnsafe(def.output, [hexToU8a(hex)]) as unknown as {
          unwrap(): { stake: Codec };
        };
        const stake = BigInt(info.unwrap().stake.toString());
        const share = (await q['alphaV2']!(...args)) as unknown as { mantissa: Codec; exponent: Codec };
        const denom = (await q['totalHotkeySharesV2']!(args[0], p.netuid)) as unknown as {
          mantissa: Codec;
          exponent: Codec;
        };
        const total = BigInt((await q['totalHotkeyAlpha']!(args[0], p.netuid)).toString());
        const e = BigInt(share.exponent.toString()) - BigInt(denom.exponent.toString());
        const num = total * BigInt(share.mantissa.toString()) * (e > 0n ? 10n ** e : 1n);
        const value = num / (BigInt(denom.mantissa.toString()) * (e < 0n ? 10n ** -e : 1n));
        expect(value - stake, `${args.join(' ')}`).toBeGreaterThanOrEqual(-1n);
        expect(value - stake).toBeLessThanOrEqual(1n);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
    for (const hot of fundHotkeys(c, b)) {
      expect(BigInt((await q['basketShares']!(ss58(hot))).toString())).toBe(c.basket.shares(hot, b));
      expect(BigInt(((await q['basketTwr']!(ss58(hot))) as unknown as { bits: Codec }).bits.toString())).toBe(
        c.basket.twr(hot, b),
      );
      expect(BigInt(((await q['basketRate']!(ss58(hot))) as unknown as { bits: Codec }).bits.toString())).toBe(
        c.basket.rate(hot, b),
      );
      for (const cold of c.tracked)
        expect(BigInt((await q['basketClaimed']!(ss58(hot), ss58(cold))).toString())).toBe(
          c.basket.claimed(hot, cold, b),
        );
      for (const n of c.dividendSubnetsOf(hot))
        expect(BigInt((await q['pendingBasketDeposits']!(ss58(hot), n)).toString())).toBe(c.basket.pending(hot, n, b));
    }
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
});
