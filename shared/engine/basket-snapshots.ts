/**
 * What a basket snapshot (a coldkey's owed shares and their value per fund, read at a checkpoint) says
 * about its positions (./baskets; docs/chain/baskets.md): funds a swap moved are carried to their new keys
 * first, then each fund's shares are compared with what the events explain. More shares: fund dividends
 * (or, after a coldkey swap from an untracked coldkey, shares that arrived); fewer: shares gone for no
 * reason an event gives, a realized loss of their basis.
 */
import type { BasketSnapshot } from './basket-types';
import { share, type BasketAcc, type BasketBook } from './basket-book';

export function applyBasketSnapshot(book: BasketBook, s: BasketSnapshot): void {
  const seen = new Set<string>();
  // A fund that vanished while another appeared with exactly its shares moved with a hotkey swap the
  // coldkey has no stake event or root position for (a holder of bought shares only): carry it.
  const listed = new Map(s.rows.map((r) => [r.hotkey, r]));
  for (const a of [...book.accs.values()]) {
    if (a.coldkey !== s.coldkey || a.shares === 0n || listed.has(a.hotkey)) continue;
    const moved = s.rows.find(
      (r) => r.shares === a.shares && (book.accs.get(`${s.coldkey}|${r.hotkey}`)?.shares ?? 0n) === 0n,
    );
    if (moved) book.carry(a, s.coldkey, moved.hotkey);
  }
  const arrived = book.arriving.delete(s.coldkey);
  // A coldkey swap between tracked wallets: a fund that left the old coldkey, or arrived at the new one
  // with at least the old coldkey's shares, moved with its basis.
  const newOf = book.swapped.get(s.coldkey);
  for (const a of newOf ? [...book.accs.values()] : []) {
    if (a.coldkey !== s.coldkey || a.shares === 0n || listed.has(a.hotkey)) continue;
    book.carry(a, newOf as string, a.hotkey);
  }
  for (const [old, to] of book.swapped) {
    if (to !== s.coldkey) continue;
    for (const r of s.rows) {
      const from = book.accs.get(`${old}|${r.hotkey}`);
      const here = book.accs.get(`${to}|${r.hotkey}`)?.shares ?? 0n;
      if (from && from.shares > 0n && r.shares - here >= from.shares) book.carry(from, to, r.hotkey);
    }
  }
  for (const r of s.rows) {
    seen.add(r.hotkey);
    observe(book, s, book.acc(s.coldkey, r.hotkey), r.shares, r.value, arrived);
  }
  for (const a of book.accs.values())
    if (a.coldkey === s.coldkey && !seen.has(a.hotkey) && (a.shares !== 0n || a.value !== 0n))
      observe(book, s, a, 0n, 0n, arrived);
  for (const a of book.accs.values()) if (a.coldkey === s.coldkey) a.seenAt = s.blockNumber;
  book.lastRead.set(s.coldkey, s.blockNumber);
}

/** The snapshot says `a` holds `shares` worth `value`: book the difference from what the events explain. */
function observe(book: BasketBook, s: BasketSnapshot, a: BasketAcc, shares: bigint, value: bigint, arrived: boolean) {
  const base = { blockNumber: s.blockNumber, timestamp: s.timestamp, source: null };
  const delta = shares - a.shares;
  if (delta > 0n && arrived) {
    // Shares that came with a coldkey swap from a coldkey not tracked: acquired at their value.
    const worth = share(value, delta, shares);
    a.basis += worth;
    book.addCost(a, worth, s.timestamp);
    a.f.taoIn += worth;
    book.record(a, { ...base, kind: 'transfer-in', tao: worth, shares: delta, basis: 0n, realized: 0n, income: 0n });
  } else if (delta > 0n) {
    // At the deposits' NAV where the chain's series says it (no claim or move since the last snapshot),
    // else at this snapshot's.
    book.accrue(a, base, book.credited(a, s.blockNumber) ?? share(value, delta, shares), delta);
  } else if (delta < 0n) {
    const gone = -delta;
    const basis = share(a.basis, gone, a.shares);
    const fiat = book.removeCost(a, gone, a.shares, 0n, s.timestamp);
    a.deferred -= share(a.deferred, gone, a.shares);
    a.deferredShares -= share(a.deferredShares, gone, a.shares);
    a.basis -= basis;
    a.f.realized -= basis;
    a.f.unexplainedShares += gone;
    const record = {
      ...base,
      kind: 'unexplained' as const,
      tao: 0n,
      shares: delta,
      basis,
      realized: -basis,
      income: 0n,
    };
    book.record(a, { ...record, ...(fiat && { fiat }) });
  }
  a.shares = shares;
  a.value = value;
}
