/**
 * What each basket event does to the basket positions (./baskets; docs/chain/baskets.md#claims): a
 * purchase, a claim's dust estimate, a claim, a coldkey swap, and a hotkey swap's root effects.
 */
import type { PositionEffect, StakeEvent } from './ledger';
import type { BasketSnapshot } from './basket-types';
import { share, type BasketAcc, type BasketBook } from './basket-book';
import { addFiat, fiatPart, subFiat } from './lot-base';

const ref = (e: StakeEvent): string =>
  'id' in e && typeof e.id === 'number' ? String(e.id) : `${e.blockNumber}-${e.eventIndex}`;

/**
 * `readAt`: the snapshots by coldkey and block (`coldkey|block`), whether a claim's own block left the
 * fund owed anything.
 */
export function applyBasketEvent(
  book: BasketBook,
  e: StakeEvent,
  tracked: ReadonlySet<string>,
  readAt: ReadonlyMap<string, BasketSnapshot>,
): void {
  const base = { blockNumber: e.blockNumber, timestamp: e.timestamp, source: ref(e) };
  if (e.kind === 'ColdkeySwapped') {
    const to = e.counterpartyColdkey;
    if (to === null) return;
    if (!tracked.has(e.coldkey)) book.arriving.add(to);
    else if (!tracked.has(to))
      for (const a of [...book.accs.values()].filter((x) => x.coldkey === e.coldkey && x.shares > 0n))
        book.transferOut(a, base);
    // Between two tracked wallets the watermarks that moved show at the next snapshots (a fund whose
    // watermark stayed keeps its shares with the old coldkey): see ./basket-snapshots.
    else book.swapped.set(e.coldkey, to);
    return;
  }
  const a = book.acc(e.coldkey, e.hotkey as string);
  if (e.kind === 'BasketStakedIn') {
    a.shares += e.alpha;
    a.basis += e.tao;
    book.addCost(a, e.tao, e.timestamp);
    // The purchase adds at most its NAV (`tao − fee`) to what a claim would pay; the snapshot after it says.
    a.value += e.tao - e.fee;
    a.f.taoIn += e.tao;
    a.f.fees += e.fee;
    a.f.sharesBought += e.alpha;
    book.record(a, { ...base, kind: 'purchase', tao: e.tao, shares: e.alpha, basis: 0n, realized: 0n, income: 0n });
    return;
  }
  if (e.kind === 'BasketClaimDustSkipped') {
    a.pendingDust += e.tao;
    a.f.forfeitedEstimate += e.tao;
    return;
  }
  if (e.kind === 'BasketClaimed') applyClaim(book, a, e, readAt);
}

function applyClaim(book: BasketBook, a: BasketAcc, e: StakeEvent, readAt: ReadonlyMap<string, BasketSnapshot>) {
  const base = { blockNumber: e.blockNumber, timestamp: e.timestamp, source: ref(e) };
  // The claim flushes the fund first (docs/chain/baskets.md#deposits): shares that flush minted reach no
  // read, but BasketTwr from the last read to the claim's block says what they credited. That is income
  // before the disposal, not a gain in it. Only when the read after the claim owes nothing: a flush
  // after the claim in the same block would show there, on the new root stake. One share is not such a
  // flush: the claim's own root stake rebases the watermark, whose floor can leave one share
  // (docs/chain/baskets.md#devnet, "Rounding"), while a flush credits at least the claim threshold.
  const after = readAt.get(`${e.coldkey}|${e.blockNumber}`);
  const flushed = after?.rows.some((r) => r.hotkey === e.hotkey && r.shares > 1n)
    ? null
    : book.credited(a, e.blockNumber);
  if (flushed !== null && flushed > 0n) book.accrue(a, { ...base, source: null }, flushed, 0n);
  // At claim timing the deferred value is income now, and becomes basis just before the disposal.
  const income = a.deferred;
  if (income > 0n || a.deferredShares > 0n)
    book.record(a, { ...base, kind: 'income', tao: income, shares: a.deferredShares, basis: 0n, realized: 0n, income });
  if (!book.zero) {
    a.basis += income;
    book.addCost(a, income, e.timestamp);
  }
  a.f.income += income;
  a.deferred = 0n;
  a.deferredShares = 0n;
  // The forfeited part takes its share (by TAO) of the basis and of the shares given up.
  const dust = a.pendingDust;
  const dustBasis = share(a.basis, dust, e.tao + dust);
  const dustShares = share(a.shares, dust, e.tao + dust);
  const paidBasis = a.basis - dustBasis;
  const realized = e.tao - paidBasis;
  a.f.realized += realized - dustBasis;
  // Every share is given up (the dust's at no proceeds): all the fiat cost goes, the dust's share of it
  // (by TAO, as its basis) with no proceeds.
  const fiat = book.removeCost(a, a.shares, a.shares, e.tao, e.timestamp);
  const dustFiat = fiat ? fiatPart(fiat.basis, dust, e.tao + dust) : null;
  a.f.dustLoss += dustBasis;
  a.f.taoOut += e.tao;
  a.f.sharesClaimed += a.shares;
  a.f.claims += 1;
  book.record(a, {
    ...base,
    tao: e.tao,
    income: 0n,
    kind: 'claim',
    shares: dustShares - a.shares,
    basis: paidBasis,
    realized,
    ...(fiat && { fiat: { basis: subFiat(fiat.basis, dustFiat), realized: addFiat(fiat.realized, dustFiat) } }),
  });
  if (dust > 0n)
    book.record(a, {
      ...base,
      kind: 'dust',
      tao: dust,
      shares: -dustShares,
      basis: dustBasis,
      realized: -dustBasis,
      income: 0n,
      ...(fiat && { fiat: { basis: dustFiat, realized: dustFiat === null ? null : -dustFiat } }),
    });
  a.shares = 0n;
  a.basis = 0n;
  a.value = 0n;
  a.pendingDust = 0n;
  a.movedAt = e.blockNumber;
}

/** A hotkey swap's root effects: the fund's position moves from the old hotkey (α out) to the new (α in). */
export function applyHotkeySwap(book: BasketBook, xs: readonly PositionEffect[]): void {
  const from = xs.find((x) => x.alpha < 0n);
  const to = xs.find((x) => x.alpha > 0n);
  if (!from || !to) return;
  const a = book.accs.get(`${from.coldkey}|${from.hotkey}`);
  if (a) book.carry(a, to.coldkey, to.hotkey);
}
