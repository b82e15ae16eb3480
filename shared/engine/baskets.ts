/**
 * Basket positions (runtimes 441+, docs/chain/baskets.md): "shares of validator H's fund", one per
 * (coldkey, validator hotkey). Replayed from the basket events sync stores and the basket snapshots it
 * reads at checkpoints (owed shares and what a claim would pay for them):
 *
 * - `BasketStakedIn{tao, shares}`: a purchase: shares += shares, cost basis, TAO in += tao, fees += tao − value.
 * - A snapshot whose owed shares exceed what the events explain: fund dividends (and at the 441 migration,
 *   the legacy claimable α turned into shares). The new shares are worth what their deposits credited
 *   (`opts.dividends`, from BasketTwr and the root stake: ./basket-dividends) where that is known, else
 *   `floor(value × new / owed)` at that snapshot. At accrual (default) that is income and their cost basis; at claim they carry no basis
 *   and the same amount is income when the claim happens (`deferredIncome` until then).
 * - `BasketClaimDustSkipped{forfeited}` then `BasketClaimed{tao}`: a claim burns the whole entitlement
 *   (docs/chain/baskets.md#claims), so every share is given up: the TAO staked on root is the proceeds
 *   (`taoOut`; the root position acquires it at that cost, extrinsic-entries.ts). The basis splits over
 *   the part paid and the part forfeited by TAO: realized = tao − basis of the paid part, and the dust is a
 *   realized loss of its basis (`dustLoss`).
 * - A snapshot with fewer shares than explained (no event says why): the missing shares leave at no
 *   proceeds with their share of the basis (`unexplainedShares`, a realized loss).
 *
 * Everything adds up: totalReturn = value + taoOut − taoIn = realized + unrealized + income, in both
 * timings (only when income is recognized differs). With zero-basis rewards new shares carry no basis in
 * either timing: totalReturn = realized + unrealized, income a memo inside them (as for emitted α).
 *
 * Shares minted by a flush in the claim's own block (the fund is flushed when touched) reach no read: their
 * credit since the last read, from BasketTwr, is income just before the claim, unless the read after the
 * claim still lists the fund with more than the one share a rebase's floor leaves (then a flush after the
 * claim may be in that interval too, and the claim's TAO stays its proceeds).
 */
import type { BasketIncomeTiming, RewardTreatment } from '../vocab';
import type { PositionEffect, StakeEvent } from './ledger';
import type { DividendBook } from './basket-dividends';
import type { FiatBook } from './fiat';
import type { BasketSnapshot, BasketResult, BasketSample } from './basket-types';
import { basketItems } from './basket-items';
import { BasketBook } from './basket-book';
import { applyBasketEvent, applyHotkeySwap } from './basket-events';
import { applyBasketSnapshot } from './basket-snapshots';

export * from './basket-types';
export { BASKET_EVENT_KINDS } from './basket-items';

export function computeBaskets(
  events: readonly StakeEvent[],
  snapshots: readonly BasketSnapshot[],
  opts: {
    timing: BasketIncomeTiming;
    /** Zero basis: fund dividends carry no cost basis (income is a memo inside realized/unrealized). */
    rewards?: RewardTreatment;
    /** Blocks (ascending) at which to sample the totals (`samples`: everything up to each block). */
    sampleBlocks?: readonly number[];
    trackedColdkeys: ReadonlySet<string>;
    asOfBlock?: number;
    /** Silent position changes: a hotkey swap's root effects say where a fund moved. */
    effects?: readonly PositionEffect[];
    /** Values new shares at their deposits' NAV where the chain's BasketTwr allows (./basket-dividends). */
    dividends?: DividendBook;
    /** TAO/fiat prices: each position then has lot-based fiat figures (`fiat`, ./basket-types `BasketFiat`). */
    fiat?: FiatBook | null;
  },
): BasketResult {
  const book = new BasketBook(opts);
  const items = basketItems(events, snapshots, opts);
  /** Reads by coldkey and block: whether a claim's own block left the fund owed anything. */
  const readAt = new Map(snapshots.map((s) => [`${s.coldkey}|${s.blockNumber}`, s]));
  const samples: BasketSample[] = [];
  const blocks = opts.sampleBlocks ?? [];
  for (const it of items) {
    while (samples.length < blocks.length && (blocks[samples.length] as number) < it.block) samples.push(book.sample());
    if (it.e) applyBasketEvent(book, it.e, opts.trackedColdkeys, readAt);
    else if (it.x) applyHotkeySwap(book, it.x);
    else if (it.s) applyBasketSnapshot(book, it.s);
  }
  while (samples.length < blocks.length) samples.push(book.sample());
  return { ...book.positions(), records: book.records, samples };
}
