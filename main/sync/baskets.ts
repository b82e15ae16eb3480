// A coldkey's basket positions at a checkpoint (runtimes 441+; docs/chain/baskets.md#value): per
// validator fund, the owed shares and what a claim would pay for them. Read only for coldkeys with
// root stake or basket activity (the caller decides), in one of two ways:
// - BetaBasketRuntimeApi.get_beta_portfolio(coldkey), one call, where the runtime offers it (the
//   bundled 455 definitions at a declared v3; docs/chain/rpc.md#v14-only-runtimes);
// - otherwise (real and devnet 475 declare v5) from storage: BasketShares, BasketRate and
//   BasketClaimed of the candidate funds (normally carried by the block's read, else one multi-key
//   read), the funds' holdings from get_stake_info_for_coldkey(ESCROW) and their pools (carried too),
//   and each holding's fee-free full sale in closed form.
import type { Codec } from '@polkadot/types-codec/types';
import { stringToU8a } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { quoteExit } from '../../shared/engine/runtime';
import type { BasketRow, PositionRow } from '../db/repos/chain-facts';
import { bigField, field, poolsFromState, readPositions } from './checkpoints';
import { accountArg, type BlockRuntime, type BlockState, type ChainReader } from './reader';
import { hasRuntimeMethod, runtimeFeatures } from './runtime-features';
import { keys, leInt, leUint, poolKeysOf, trailingAccount } from './storage-keys';

const API = 'BetaBasketRuntimeApi';
const METHOD = 'get_beta_portfolio';

/**
 * The one escrow coldkey of every fund: the sub-account "beta/esc" of the pallet id "subtensr".
 * Assumption (inferred, docs/chain/baskets.md#fund): the standard PalletId derivation
 * "modl" ‖ "subtensr" ‖ "beta/esc", zero-padded to 32 bytes.
 */
export const ESCROW = (() => {
  const out = new Uint8Array(32);
  out.set(stringToU8a('modlsubtensrbeta/esc'), 0);
  return encodeAddress(out, 42);
})();

/**
 * BasketRate's fractional bits. The metadata names a signed fixed-point `FixedI128` (a `bits` field)
 * without its fractional bits; 32 is an assumption (inferred), the devnet's (docs/chain/baskets.md#devnet).
 */
const RATE_ONE = 1n << 32n;

/** Whether this runtime answers get_beta_portfolio with a definition we have. */
export const readsBaskets = (runtime: BlockRuntime): boolean => hasRuntimeMethod(runtime.registry, API, METHOD);

/** Whether basket positions can be read at all here (the fund storage exists: spec ≥ 441). */
export const hasBaskets = (runtime: BlockRuntime): boolean => runtimeFeatures(runtime.registry).baskets;

const byHotkey = (a: BasketRow, b: BasketRow) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0);

/**
 * Every fund the coldkey is owed shares in: `beta` = owed shares, `value_tao` = their realizable TAO
 * value. Assumption (inferred, docs/chain/baskets.md#value): `value_tao` is what a claim would pay now
 * (get_basket_payout); the devnet answers both from the same figure.
 */
export async function readBasketsByApi(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  coldkey: string,
  block: number,
): Promise<BasketRow[]> {
  const what = `basket positions at block ${block}`;
  const result = await reader.runtimeCall(runtime, hash, API, METHOD, accountArg(coldkey), what);
  const rows: BasketRow[] = [];
  for (const p of result as unknown as Iterable<Codec>) {
    const shares = bigField(p, 'beta', what);
    if (shares === 0n) continue;
    rows.push({
      hotkey: encodeAddress(field(p, 'hotkey', what).toU8a(), 42),
      shares,
      value: bigField(p, 'valueTao', what),
    });
  }
  return rows.sort(byHotkey);
}

/** Answers by block hash, shared by the wallets of one reader (the newest few hundred blocks). */
function byBlock<T>(
  cache: WeakMap<ChainReader, Map<string, Promise<T>>>,
  reader: ChainReader,
  hash: string,
  read: () => Promise<T>,
): Promise<T> {
  let byHash = cache.get(reader);
  if (!byHash) cache.set(reader, (byHash = new Map()));
  let answer = byHash.get(hash);
  if (!answer) {
    answer = read();
    answer.catch(() => byHash.delete(hash));
    byHash.set(hash, answer);
    if (byHash.size > 512) byHash.delete(byHash.keys().next().value!);
  }
  return answer;
}

const fundLists = new WeakMap<ChainReader, Map<string, Promise<string[]>>>();
const escrowHoldings = new WeakMap<ChainReader, Map<string, Promise<PositionRow[]>>>();

/**
 * Every fund at the block `hash` (the keys of BasketShares, one paged request), so a fund moved by a
 * hotkey swap is found under its new hotkey even by a holder without root stake on it (no event of the
 * coldkey says so). Listed once per block for all wallets. A caller may pass the hash of a later block
 * whose list is known to be the same (no event in between could add, move or remove a fund:
 * ChangeFinder.fundsSteady).
 */
export const fundList = (reader: ChainReader, hash: string): Promise<string[]> =>
  byBlock(fundLists, reader, hash, () =>
    reader
      .keysPaged(keys.basketSharesPrefix(), hash, 'the validator funds')
      .then((ks) => ks.map((k) => encodeAddress(trailingAccount(k), 42))),
  );

/**
 * Pallets whose events in a block leave the fund list as it was unless one names a basket, a swap or a
 * dissolution. A fund is created by a deposit or a purchase into an empty fund (BasketDeposited,
 * BasketStakedIn), moved by a hotkey swap (HotkeySwapped, BasketSwapped) and written off or emptied
 * with Basket* events (docs/chain/baskets.md#deposits, #swaps); migrations run at runtime upgrades,
 * which the caller excludes. A limit order's execution is the signer's own stake events
 * (docs/chain/limit-orders.md), whose fund effects are Basket* events too. Root calls (Sudo,
 * Scheduler, governance) may write storage with no event of their own, so any other pallet's event
 * counts as a possible change.
 */
const QUIET_PALLETS = new Set([
  'system',
  'balances',
  'transactionPayment',
  'subtensorModule',
  'limitOrders',
  'utility',
  'proxy',
]);
const FUND_EVENT = /basket|hotkeyswap|coldkeyswap|dissol|networkremoved|migrat/i;

/** No event of the block could have added, moved or removed a fund (so the list before it is the same). */
export const fundsUnchangedBy = (events: readonly { section: string; method: string }[]): boolean =>
  events.every((e) => QUIET_PALLETS.has(e.section) && !FUND_EVENT.test(e.method));

/**
 * The keys a storage read of the coldkey's positions in these funds takes: BasketShares, BasketRate
 * and the coldkey's BasketClaimed of each. They ride in the block reads change discovery and daily
 * checkpoints make anyway (main/sync/checkpoint-pairs.ts), so a checkpoint reads only the funds those
 * lacked.
 */
export const basketKeysOf = (coldkey: string, hotkeys: readonly string[]): string[] =>
  hotkeys.flatMap((h) => [keys.basketShares(h), keys.basketRate(h), keys.basketClaimed(h, coldkey)]);

/** `s` with the values of `wanted` too: those its read lacked in one more request (none when it has them all). */
async function withKeys(reader: ChainReader, s: BlockState, wanted: readonly string[], purpose: string) {
  const missing = wanted.filter((k) => !s.values.has(k));
  if (missing.length === 0) return s;
  const extra = await reader.readBlock(s.number, missing, false, purpose);
  return { ...s, values: new Map([...s.values, ...extra.values]) };
}

/**
 * The same from storage, over every fund (and the candidates `hotkeys`): owed = floor(BasketRate · root stake) − BasketClaimed, at least 0; value = Σ over the
 * fund's holdings of floor(holding's fee-free full sale × owed / BasketShares), the root slot 1:1 —
 * the claim payout of docs/chain/baskets.md#claims where the sale of a slice is not below its share of
 * the quote. The closed-form sale is within a few rao of the runtime's (shared/engine/runtime.ts).
 * `fundsHash`: the block whose fund list is the one at `s` (fundList). Watermarks and pools come from the values read
 * with `s` where it has them (storage at a block never changes), the rest in one more read each.
 */
export async function readBasketsFromStorage(
  reader: ChainReader,
  runtime: BlockRuntime,
  s: BlockState,
  coldkey: string,
  positions: readonly PositionRow[],
  hotkeys: readonly string[],
  fundsHash: string = s.hash,
): Promise<BasketRow[]> {
  const root = new Map(positions.filter((p) => p.netuid === 0).map((p) => [p.hotkey, p.alpha]));
  const listed = await fundList(reader, fundsHash);
  const funds = [...new Set([...hotkeys, ...root.keys(), ...listed])].sort();
  const { values } = await withKeys(reader, s, basketKeysOf(coldkey, funds), 'basket watermarks');
  const owed = new Map<string, { shares: bigint; total: bigint }>();
  for (const h of funds) {
    const total = leUint(values.get(keys.basketShares(h)) ?? null, 8);
    const rate = leInt(values.get(keys.basketRate(h)) ?? null, 16);
    const claimed = leInt(values.get(keys.basketClaimed(h, coldkey)) ?? null, 16);
    const gross = (rate * (root.get(h) ?? 0n)) / RATE_ONE;
    if (total > 0n && gross - claimed > 0n) owed.set(h, { shares: gross - claimed, total });
  }
  if (owed.size === 0) return [];
  // Every fund's holdings, one call per block for all wallets.
  const all = await byBlock(escrowHoldings, reader, s.hash, () =>
    readPositions(reader, runtime, s.hash, ESCROW, s.number),
  );
  const holdings = all.filter((p) => owed.has(p.hotkey));
  const netuids = [...new Set(holdings.map((p) => p.netuid).filter((n) => n !== 0))].sort((a, b) => a - b);
  const poolState = await withKeys(reader, s, netuids.flatMap(poolKeysOf), 'basket holdings');
  const pools = new Map(poolsFromState(poolState, netuids, runtime).map((p) => [p.netuid, p]));
  const rows: BasketRow[] = [];
  for (const [hotkey, o] of owed) {
    let value = 0n;
    for (const h of holdings.filter((x) => x.hotkey === hotkey)) {
      const pool = pools.get(h.netuid);
      const sale =
        h.netuid === 0 ? h.alpha : pool ? quoteExit(h.alpha, { ...pool, feeRate: 0n }, runtime.specVersion).tao : 0n;
      value += (sale * o.shares) / o.total;
    }
    rows.push({ hotkey, shares: o.shares, value });
  }
  return rows.sort(byHotkey);
}
