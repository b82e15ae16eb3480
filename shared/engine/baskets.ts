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
 * claim still lists the fund (then a flush after the claim may be in that interval too, and the claim's TAO
 * stays its proceeds).
 */
import type { BasketIncomeTiming, RewardTreatment } from '../vocab';
import type { PositionEffect, StakeEvent } from './ledger';
import type { DividendBook } from './basket-dividends';
import {
  BASKET_FIGURE_KEYS,
  emptyBasketFigures,
  type BasketSnapshot,
  type BasketRecord,
  type BasketPositionResult,
  type BasketResult,
  type BasketSample,
} from './basket-types';

export * from './basket-types';

export const BASKET_EVENT_KINDS: ReadonlySet<string> = new Set([
  'BasketStakedIn',
  'BasketClaimed',
  'BasketClaimDustSkipped',
  'ColdkeySwapped',
]);

class Acc {
  shares = 0n;
  value = 0n;
  basis = 0n;
  deferred = 0n;
  /** Claim timing: shares accrued since the last claim (their income comes with it). */
  deferredShares = 0n;
  /** Forfeited TAO estimate of a dust event waiting for its BasketClaimed. */
  pendingDust = 0n;
  seenAt = -1; // block of the last snapshot of its coldkey, and (movedAt) of its last claim or carry (−1: none)
  movedAt = -1;
  readonly f = emptyBasketFigures();
  constructor(
    readonly coldkey: string,
    readonly hotkey: string,
  ) {}
}

/** floor(whole × part / total), 0 when total is 0. */
const share = (whole: bigint, part: bigint, total: bigint): bigint => (total === 0n ? 0n : (whole * part) / total);

const ref = (e: StakeEvent): string =>
  'id' in e && typeof e.id === 'number' ? String(e.id) : `${e.blockNumber}-${e.eventIndex}`;

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
  },
): BasketResult {
  const asOf = opts.asOfBlock ?? Number.MAX_SAFE_INTEGER;
  const zero = opts.rewards === 'zero';
  const accs = new Map<string, Acc>();
  const records: BasketRecord[] = [];
  /** Block of each coldkey's last snapshot: a fund absent from it was owed nothing there. */
  const lastRead = new Map<string, number>();
  const acc = (coldkey: string, hotkey: string): Acc => {
    const k = `${coldkey}|${hotkey}`;
    let a = accs.get(k);
    if (!a) {
      accs.set(k, (a = new Acc(coldkey, hotkey)));
      // Its first shares then accrued since that snapshot, so BasketTwr can value them too.
      a.seenAt = lastRead.get(coldkey) ?? -1;
    }
    return a;
  };
  const record = (a: Acc, r: Omit<BasketRecord, 'coldkey' | 'hotkey' | 'position'>) =>
    records.push({ coldkey: a.coldkey, hotkey: a.hotkey, position: `${a.coldkey}|${a.hotkey}`, ...r });

  // Events of a block come before the snapshot read at that block (sync reads it after the block).
  type Item = { block: number; order: number; e?: StakeEvent; s?: BasketSnapshot; x?: PositionEffect[] };
  const items: Item[] = [];
  const involved = (e: StakeEvent) =>
    opts.trackedColdkeys.has(e.coldkey) ||
    (e.counterpartyColdkey !== null && opts.trackedColdkeys.has(e.counterpartyColdkey));
  for (const e of events)
    if (
      BASKET_EVENT_KINDS.has(e.kind) &&
      involved(e) &&
      (e.hotkey !== null || e.kind === 'ColdkeySwapped') &&
      e.blockNumber <= asOf
    )
      items.push({ block: e.blockNumber, order: e.eventIndex, e });
  // A hotkey swap moves the fund with the hotkey (docs/chain/baskets.md#swaps): its root effects pair the
  // old hotkey (α out) with the new one (α in) at one event.
  const swaps = new Map<string, PositionEffect[]>();
  for (const x of opts.effects ?? [])
    if (x.kind === 'HotkeySwapped' && x.netuid === 0 && opts.trackedColdkeys.has(x.coldkey) && x.blockNumber <= asOf) {
      const k = `${x.blockNumber}|${x.eventIndex}|${x.coldkey}`;
      swaps.set(k, [...(swaps.get(k) ?? []), x]);
    }
  for (const xs of swaps.values()) items.push({ block: xs[0]!.blockNumber, order: xs[0]!.eventIndex, x: xs });
  for (const s of snapshots)
    if (opts.trackedColdkeys.has(s.coldkey) && s.blockNumber <= asOf)
      items.push({ block: s.blockNumber, order: Number.MAX_SAFE_INTEGER, s });
  items.sort((x, y) => x.block - y.block || x.order - y.order);

  /** Coldkeys whose next snapshot's new shares arrived from an untracked coldkey (a coldkey swap). */
  const arriving = new Set<string>();
  /** Coldkey swaps between tracked wallets: old → new. */
  const swapped = new Map<string, string>();
  /**
   * Moves a position to another (coldkey, hotkey): a rename, no gain or loss. Its history goes with it (TAO
   * in/out, income, realized, the counts and its records), as a hotkey swap keeps a subnet position's
   * history under the new hotkey, so per position realized + unrealized + income = total return across it.
   */
  const carry = (from: Acc, coldkey: string, hotkey: string) => {
    if (from.coldkey === coldkey && from.hotkey === hotkey) return;
    const to = acc(coldkey, hotkey);
    to.shares += from.shares;
    to.value += from.value;
    to.basis += from.basis;
    to.deferred += from.deferred;
    to.deferredShares += from.deferredShares;
    to.pendingDust += from.pendingDust;
    from.shares = from.value = from.basis = from.deferred = from.deferredShares = from.pendingDust = 0n;
    for (const k of BASKET_FIGURE_KEYS) {
      to.f[k] += from.f[k];
      from.f[k] = 0n;
    }
    to.f.claims += from.f.claims;
    from.f.claims = 0;
    const [was, now] = [`${from.coldkey}|${from.hotkey}`, `${coldkey}|${hotkey}`];
    for (const r of records) if (r.position === was) r.position = now;
    to.seenAt = -1;
  };
  /** Shares leave the tracked wallets at their value (a coldkey swap to a coldkey not tracked). */
  const transferOut = (a: Acc, base: Pick<BasketRecord, 'blockNumber' | 'timestamp' | 'source'>) => {
    const realized = a.value - a.basis;
    a.f.taoOut += a.value;
    a.f.realized += realized;
    record(a, { ...base, kind: 'transfer-out', tao: a.value, shares: -a.shares, basis: a.basis, realized, income: 0n });
    a.shares = a.value = a.basis = a.deferred = a.deferredShares = 0n;
  };
  const applySwap = (xs: PositionEffect[]) => {
    const from = xs.find((x) => x.alpha < 0n);
    const to = xs.find((x) => x.alpha > 0n);
    if (!from || !to) return;
    const a = accs.get(`${from.coldkey}|${from.hotkey}`);
    if (a) carry(a, to.coldkey, to.hotkey);
  };

  /** What the fund's deposits credited `a` since its last read, where BasketTwr says (./basket-dividends). */
  const credited = (a: Acc, block: number): bigint | null =>
    a.seenAt >= 0 && a.movedAt <= a.seenAt && a.seenAt < block
      ? (opts.dividends?.credited(a.coldkey, a.hotkey, a.seenAt, block) ?? null)
      : null;
  /** New shares worth `worth`: income now (accrual) or with the next claim. */
  const accrue = (
    a: Acc,
    base: Pick<BasketRecord, 'blockNumber' | 'timestamp' | 'source'>,
    worth: bigint,
    n: bigint,
  ) => {
    a.f.sharesAccrued += n;
    if (opts.timing === 'accrual') {
      if (!zero) a.basis += worth;
      a.f.income += worth;
      record(a, { ...base, kind: 'income', tao: worth, shares: n, basis: 0n, realized: 0n, income: worth });
    } else {
      a.deferred += worth;
      a.deferredShares += n;
    }
  };
  /** Reads by coldkey and block: whether a claim's own block left the fund owed anything. */
  const readAt = new Map(snapshots.map((s) => [`${s.coldkey}|${s.blockNumber}`, s]));

  const applyEvent = (e: StakeEvent) => {
    if (e.kind === 'ColdkeySwapped') {
      const to = e.counterpartyColdkey;
      if (to === null) return;
      const base = { blockNumber: e.blockNumber, timestamp: e.timestamp, source: ref(e) };
      if (!opts.trackedColdkeys.has(e.coldkey)) arriving.add(to);
      else if (!opts.trackedColdkeys.has(to))
        for (const a of [...accs.values()].filter((x) => x.coldkey === e.coldkey && x.shares > 0n))
          transferOut(a, base);
      // Between two tracked wallets the watermarks that moved show at the next snapshots (a fund whose
      // watermark stayed keeps its shares with the old coldkey): see applySnapshot.
      else swapped.set(e.coldkey, to);
      return;
    }
    const a = acc(e.coldkey, e.hotkey as string);
    const base = { blockNumber: e.blockNumber, timestamp: e.timestamp, source: ref(e) };
    if (e.kind === 'BasketStakedIn') {
      a.shares += e.alpha;
      a.basis += e.tao;
      // The purchase adds at most its NAV (`tao − fee`) to what a claim would pay; the snapshot after it says.
      a.value += e.tao - e.fee;
      a.f.taoIn += e.tao;
      a.f.fees += e.fee;
      a.f.sharesBought += e.alpha;
      record(a, { ...base, kind: 'purchase', tao: e.tao, shares: e.alpha, basis: 0n, realized: 0n, income: 0n });
      return;
    }
    if (e.kind === 'BasketClaimDustSkipped') {
      a.pendingDust += e.tao;
      a.f.forfeitedEstimate += e.tao;
      return;
    }
    if (e.kind === 'BasketClaimed') {
      // The claim flushes the fund first (docs/chain/baskets.md#deposits): shares that flush minted reach no
      // read, but BasketTwr from the last read to the claim's block says what they credited. That is income
      // before the disposal, not a gain in it. Only when the read after the claim owes nothing: a flush
      // after the claim in the same block would show there, on the new root stake.
      const after = readAt.get(`${e.coldkey}|${e.blockNumber}`);
      const flushed = after?.rows.some((r) => r.hotkey === e.hotkey && r.shares > 0n)
        ? null
        : credited(a, e.blockNumber);
      if (flushed !== null && flushed > 0n) accrue(a, { ...base, source: null }, flushed, 0n);
      // At claim timing the deferred value is income now, and becomes basis just before the disposal.
      const income = a.deferred;
      if (income > 0n || a.deferredShares > 0n)
        record(a, {
          ...base,
          kind: 'income',
          tao: income,
          shares: a.deferredShares,
          basis: 0n,
          realized: 0n,
          income,
        });
      if (!zero) a.basis += income;
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
      a.f.dustLoss += dustBasis;
      a.f.taoOut += e.tao;
      a.f.sharesClaimed += a.shares;
      a.f.claims += 1;
      const claim = { ...base, tao: e.tao, income: 0n };
      record(a, { ...claim, kind: 'claim', shares: dustShares - a.shares, basis: paidBasis, realized });
      if (dust > 0n)
        record(a, {
          ...base,
          kind: 'dust',
          tao: dust,
          shares: -dustShares,
          basis: dustBasis,
          realized: -dustBasis,
          income: 0n,
        });
      a.shares = 0n;
      a.basis = 0n;
      a.value = 0n;
      a.pendingDust = 0n;
      a.movedAt = e.blockNumber;
    }
  };

  const applySnapshot = (s: BasketSnapshot) => {
    const seen = new Set<string>();
    // A fund that vanished while another appeared with exactly its shares moved with a hotkey swap the
    // coldkey has no stake event or root position for (a holder of bought shares only): carry it.
    const listed = new Map(s.rows.map((r) => [r.hotkey, r]));
    for (const a of [...accs.values()]) {
      if (a.coldkey !== s.coldkey || a.shares === 0n || listed.has(a.hotkey)) continue;
      const moved = s.rows.find(
        (r) => r.shares === a.shares && (accs.get(`${s.coldkey}|${r.hotkey}`)?.shares ?? 0n) === 0n,
      );
      if (moved) carry(a, s.coldkey, moved.hotkey);
    }
    const arrived = arriving.delete(s.coldkey);
    // A coldkey swap between tracked wallets: a fund that left the old coldkey, or arrived at the new one
    // with at least the old coldkey's shares, moved with its basis.
    const newOf = swapped.get(s.coldkey);
    for (const a of newOf ? [...accs.values()] : []) {
      if (a.coldkey !== s.coldkey || a.shares === 0n || listed.has(a.hotkey)) continue;
      carry(a, newOf as string, a.hotkey);
    }
    for (const [old, to] of swapped) {
      if (to !== s.coldkey) continue;
      for (const r of s.rows) {
        const from = accs.get(`${old}|${r.hotkey}`);
        const here = accs.get(`${to}|${r.hotkey}`)?.shares ?? 0n;
        if (from && from.shares > 0n && r.shares - here >= from.shares) carry(from, to, r.hotkey);
      }
    }
    const observe = (a: Acc, shares: bigint, value: bigint) => {
      const base = { blockNumber: s.blockNumber, timestamp: s.timestamp, source: null };
      const delta = shares - a.shares;
      if (delta > 0n && arrived) {
        // Shares that came with a coldkey swap from a coldkey not tracked: acquired at their value.
        const worth = share(value, delta, shares);
        a.basis += worth;
        a.f.taoIn += worth;
        record(a, { ...base, kind: 'transfer-in', tao: worth, shares: delta, basis: 0n, realized: 0n, income: 0n });
      } else if (delta > 0n) {
        // At the deposits' NAV where the chain's series says it (no claim or move since the last snapshot),
        // else at this snapshot's.
        accrue(a, base, credited(a, s.blockNumber) ?? share(value, delta, shares), delta);
      } else if (delta < 0n) {
        const gone = -delta;
        const basis = share(a.basis, gone, a.shares);
        a.deferred -= share(a.deferred, gone, a.shares);
        a.deferredShares -= share(a.deferredShares, gone, a.shares);
        a.basis -= basis;
        a.f.realized -= basis;
        a.f.unexplainedShares += gone;
        record(a, { ...base, kind: 'unexplained', tao: 0n, shares: delta, basis, realized: -basis, income: 0n });
      }
      a.shares = shares;
      a.value = value;
    };
    for (const r of s.rows) {
      seen.add(r.hotkey);
      observe(acc(s.coldkey, r.hotkey), r.shares, r.value);
    }
    for (const a of accs.values())
      if (a.coldkey === s.coldkey && !seen.has(a.hotkey) && (a.shares !== 0n || a.value !== 0n)) observe(a, 0n, 0n);
    for (const a of accs.values()) if (a.coldkey === s.coldkey) a.seenAt = s.blockNumber;
    lastRead.set(s.coldkey, s.blockNumber);
  };

  const samples: BasketSample[] = [];
  const blocks = opts.sampleBlocks ?? [];
  const sample = (): BasketSample => {
    const t: BasketSample = { value: 0n, costBasis: 0n, realized: 0n, income: 0n, taoIn: 0n, taoOut: 0n };
    for (const a of accs.values()) {
      t.value += a.value;
      t.costBasis += a.basis;
      t.realized += a.f.realized;
      t.income += a.f.income;
      t.taoIn += a.f.taoIn;
      t.taoOut += a.f.taoOut;
    }
    return t;
  };
  for (const it of items) {
    while (samples.length < blocks.length && (blocks[samples.length] as number) < it.block) samples.push(sample());
    if (it.e) applyEvent(it.e);
    else if (it.x) applySwap(it.x);
    else if (it.s) applySnapshot(it.s);
  }

  while (samples.length < blocks.length) samples.push(sample());
  const total = emptyBasketFigures();
  const positions: BasketPositionResult[] = [];
  for (const [key, a] of [...accs.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const f = a.f;
    f.shares = a.shares;
    f.value = a.value;
    f.costBasis = a.basis;
    f.deferredIncome = a.deferred;
    f.unrealized = a.value - a.basis;
    f.totalReturn = a.value + f.taoOut - f.taoIn;
    positions.push({ key, coldkey: a.coldkey, hotkey: a.hotkey, figures: f });
    for (const k of BASKET_FIGURE_KEYS) total[k] += f[k];
    total.claims += f.claims;
  }
  return { positions, total, records, samples };
}
