/**
 * Normalisation: stored chain events → ledger entries with per-position legs (./ledger).
 *
 * Grouping: events of one extrinsic (same block + extrinsicIndex) are processed together so the
 * StakeRemoved + StakeAdded pair can be labelled by its summary event (StakeMoved / StakeSwapped /
 * StakeTransferred), and the StakeRemoved that paid an alpha transaction fee (≥397) can be tied to
 * its TransactionFeePaidWithAlpha.
 *
 * What events cannot say (left to the checkpoint reconciliation, ./emissions): the limit-price
 * refund inside StakeRemoved.alpha at 283–394; "α requested" vs the actual decrease at 233–243; the
 * silent alpha transaction fee at 301–349; dust removed silently when the dust-clear unstake fails.
 * Lease dividends (≥361 StakeRemoved+StakeAdded in on_initialize, SubnetLeaseDividendsDistributed)
 * are not recognised yet: they read as a sale by the lease coldkey and a purchase by the contributor.
 */
import { crossSubnetFeeSide, impliedPreFieldFee, SPEC_FEE_FIELD } from './runtime';
import type { PriceBook } from './prices';
import type { LedgerKind } from '../vocab';
import { LedgerEntry, type LedgerLeg, type PositionEffect, type RootClaimPayout, type StakeEvent } from './ledger';
import { addedLeg, burnedLeg, positionOf, removedLeg } from './legs';
import { effectEntries } from './effects';
import { alphaToTao } from './units';

export interface NormalizeOptions {
  /** Coldkeys of the user's wallets: legs of other coldkeys are dropped; both-tracked transfers carry basis. */
  trackedColdkeys: ReadonlySet<string>;
  /** Root-claim payouts to merge in (amounts from checkpoints). */
  rootClaims?: readonly RootClaimPayout[];
  /** Snapshot prices for the spot-implied amounts (friction). */
  prices?: PriceBook;
  /** Silent position changes (swaps, dissolution, batched orders) to merge in at their blocks. */
  effects?: readonly PositionEffect[];
}

export function normalizeEvents(rawEvents: readonly StakeEvent[], opts: NormalizeOptions): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  streamLedger(rawEvents, opts, (e) => {
    out.push(e);
  });
  return out;
}

/**
 * Streaming form of `normalizeEvents`: entries are handed to `emit` one block at a time, in ledger
 * order, with `seq` set, so a caller can apply them without keeping the whole ledger alive
 * (a 1M-entry ledger that is retained costs the garbage collector more than computing it).
 * Root-claim payouts (ordered by their RootClaimed event, else last) and silent effects (./effects,
 * by the event that caused them) are merged at their block.
 * Returns the number of entries emitted.
 */
export function streamLedger(
  rawEvents: readonly StakeEvent[],
  opts: NormalizeOptions,
  emit: (e: LedgerEntry) => void,
): number {
  const sorted = isSorted(rawEvents) ? rawEvents : [...rawEvents].sort(compareRaw);
  const claims = (opts.rootClaims ?? []).filter((p) => opts.trackedColdkeys.has(p.coldkey));
  claims.sort((x, y) => x.blockNumber - y.blockNumber);
  const effects = (opts.effects ?? []).filter((f) => opts.trackedColdkeys.has(f.coldkey));
  effects.sort((x, y) => x.blockNumber - y.blockNumber || x.eventIndex - y.eventIndex);
  const rootClaimed = new Map<number, StakeEvent[]>();
  const buf: LedgerEntry[] = [];
  let ci = 0;
  let fi = 0;
  let seq = 0;
  const flush = (): void => {
    for (const e of buf) {
      e.seq = seq++;
      emit(e);
    }
    buf.length = 0;
  };
  const nextExtraBlock = (): number =>
    Math.min(
      (claims[ci] as RootClaimPayout | undefined)?.blockNumber ?? Number.POSITIVE_INFINITY,
      (effects[fi] as PositionEffect | undefined)?.blockNumber ?? Number.POSITIVE_INFINITY,
    );
  /** Root-claim payouts and silent effects of `block`, after its events, in event order. */
  const extrasAt = (block: number, blockEvents: readonly StakeEvent[]): void => {
    if (nextExtraBlock() !== block) return;
    const src = rootClaimed.get(block) ?? [];
    while (ci < claims.length && (claims[ci] as RootClaimPayout).blockNumber === block) {
      const p = claims[ci++] as RootClaimPayout;
      buf.push(
        rootClaimEntry(
          p,
          src.filter((e) => e.coldkey === p.coldkey),
          opts.prices,
        ),
      );
    }
    const start = fi;
    while (fi < effects.length && (effects[fi] as PositionEffect).blockNumber === block) fi++;
    if (fi > start) buf.push(...effectEntries(effects.slice(start, fi), blockEvents, opts.prices));
    buf.sort((x, y) => x.eventIndex - y.eventIndex);
  };
  const extrasBefore = (block: number): void => {
    for (let b = nextExtraBlock(); b < block; b = nextExtraBlock()) {
      extrasAt(b, []);
      flush();
    }
  };
  let i = 0;
  while (i < sorted.length) {
    const block = (sorted[i] as StakeEvent).blockNumber;
    const blockStart = i;
    extrasBefore(block);
    while (i < sorted.length && (sorted[i] as StakeEvent).blockNumber === block) {
      const first = sorted[i] as StakeEvent;
      let j = i + 1;
      let dup = false;
      while (j < sorted.length) {
        const e = sorted[j] as StakeEvent;
        if (e.blockNumber !== block || e.extrinsicIndex !== first.extrinsicIndex) break;
        if (e.eventIndex === (sorted[j - 1] as StakeEvent).eventIndex) dup = true;
        j++;
      }
      if (j === i + 1) {
        const one = singleEntry(first, opts, rootClaimed);
        if (one) buf.push(one);
      } else {
        // The same chain event stored twice (e.g. a StakeTransferred kept for both tracked coldkeys) counts once.
        const group = sorted.slice(i, j);
        normalizeGroup(
          dup ? group.filter((e, k) => k === 0 || e.eventIndex !== (group[k - 1] as StakeEvent).eventIndex) : group,
          opts,
          buf,
          rootClaimed,
        );
      }
      i = j;
    }
    extrasAt(block, nextExtraBlock() === block ? sorted.slice(blockStart, i) : []);
    if (rootClaimed.size > 0) rootClaimed.clear();
    flush();
  }
  extrasBefore(Number.POSITIVE_INFINITY);
  return seq;
}

function compareRaw(a: StakeEvent, b: StakeEvent): number {
  return a.blockNumber - b.blockNumber || a.eventIndex - b.eventIndex;
}

function isSorted(arr: readonly StakeEvent[]): boolean {
  for (let k = 1; k < arr.length; k++) if (compareRaw(arr[k - 1] as StakeEvent, arr[k] as StakeEvent) > 0) return false;
  return true;
}

/** Entry anchored on `e` (its first source). `more` are further sources. */
function entry(
  kind: LedgerKind,
  e: StakeEvent,
  legs: LedgerLeg | LedgerLeg[],
  more: StakeEvent[] | null,
  flags: string[] = NO_FLAGS,
): LedgerEntry {
  return new LedgerEntry(kind, e, legs, more, flags);
}

/** Shared empty flags list (frozen: entries that need flags get their own array). */
const NO_FLAGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The entry of an event that stands alone (or is left over in its extrinsic). RootClaimed is set
 * aside for the payouts of its block. Every kind is handled here: a kind added to the vocabulary
 * without a case fails typecheck (this function must return on every path).
 */
function singleEntry(
  e: StakeEvent,
  opts: NormalizeOptions,
  rootClaimed: Map<number, StakeEvent[]>,
): LedgerEntry | null {
  const tracked = opts.trackedColdkeys.has(e.coldkey);
  switch (e.kind) {
    case 'StakeAdded':
      return tracked
        ? entry('buy', e, addedLeg(e, 'bought', 'trade', { side: 'add' }, opts.prices), null, feeFlags(e))
        : null;
    case 'StakeRemoved':
      return tracked
        ? entry('sell', e, removedLeg(e, 'sold', 'trade', 'remove', opts.prices), null, feeFlags(e))
        : null;
    case 'AlphaRecycled':
      return tracked ? entry('recycle', e, burnedLeg(e, opts.prices), null) : null;
    case 'AlphaBurned':
      return tracked ? entry('burn', e, burnedLeg(e, opts.prices), null) : null;
    case 'RootClaimed': {
      let arr = rootClaimed.get(e.blockNumber);
      if (!arr) {
        arr = [];
        rootClaimed.set(e.blockNumber, arr);
      }
      arr.push(e);
      return null;
    }
    case 'StakeMoved':
    case 'StakeSwapped':
    case 'StakeTransferred':
    case 'TransactionFeePaidWithAlpha':
      // A summary or fee event without its Stake* events (e.g. the other side is not stored) carries no α.
      return null;
    case 'StakeLocked':
    case 'LockMoved':
    case 'OrderExecuted':
    case 'OrderExecutedBatched':
    case 'HotkeySwapped':
    case 'HotkeySwappedOnSubnet':
    case 'ColdkeySwapped':
    case 'AddStakeBurn':
      // Runtime 397–424 mechanics recorded by sync (docs/chain/mechanics.md); their ledger treatment,
      // with the silent α moves in silent_effects, is not implemented yet: no entry, as before.
      return null;
  }
}

function feeFlags(e: StakeEvent): string[] {
  return e.specVersion < SPEC_FEE_FIELD &&
    impliedPreFieldFee(e.specVersion, e.kind === 'StakeAdded' ? 'add' : 'remove') === null
    ? ['fee-unobservable']
    : NO_FLAGS;
}

function normalizeGroup(
  group: StakeEvent[],
  opts: NormalizeOptions,
  out: LedgerEntry[],
  rootClaimed: Map<number, StakeEvent[]>,
): void {
  const used = new Set<StakeEvent>();
  const tracked = opts.trackedColdkeys;
  const produced: LedgerEntry[] = [];

  // 1. Alpha-paid transaction fees (≥397): the payer's StakeRemoved (fee 0) whose TAO went to the block author.
  for (const t of group) {
    if (t.kind !== 'TransactionFeePaidWithAlpha') continue;
    const cands = group.filter(
      (e) =>
        e.kind === 'StakeRemoved' &&
        !used.has(e) &&
        e.coldkey === t.coldkey &&
        e.fee === 0n &&
        (t.netuid === null || e.netuid === t.netuid),
    );
    const r = cands.find((e) => e.alpha === t.alpha) ?? cands[0];
    if (!r) continue;
    used.add(r);
    used.add(t);
    if (!tracked.has(r.coldkey)) continue;
    const leg = removedLeg(r, 'feePaid', 'expense', 'remove', opts.prices);
    // No proceeds for the user; the fee's TAO value is what the author received.
    produced.push(entry('alpha-fee', r, { ...leg, tao: 0n, fee: t.tao, feeUnit: 'tao' }, [t]));
  }

  // 2. Summary events pair the origin StakeRemoved with the destination StakeAdded.
  for (const s of group) {
    if (s.kind !== 'StakeMoved' && s.kind !== 'StakeSwapped' && s.kind !== 'StakeTransferred') continue;
    used.add(s);
    const origin = positionOf(s);
    const destCold = s.kind === 'StakeTransferred' ? (s.counterpartyColdkey ?? s.coldkey) : s.coldkey;
    const destHot = s.destHotkey ?? origin.hotkey;
    const destNet = s.destNetuid ?? origin.netuid;
    const r = group.find(
      (e) =>
        e.kind === 'StakeRemoved' &&
        !used.has(e) &&
        e.eventIndex < s.eventIndex &&
        e.coldkey === origin.coldkey &&
        e.hotkey === origin.hotkey &&
        e.netuid === origin.netuid,
    );
    if (r) used.add(r);
    const a = group.find(
      (e) =>
        e.kind === 'StakeAdded' &&
        !used.has(e) &&
        e.eventIndex < s.eventIndex &&
        (r === undefined || e.eventIndex > r.eventIndex) &&
        e.coldkey === destCold &&
        e.hotkey === destHot &&
        e.netuid === destNet,
    );
    if (a) used.add(a);
    const e = pairEntry(s, r ?? null, a ?? null, opts);
    if (e) produced.push(e);
  }

  // 3. Everything left is a plain buy / sell / burn. A second StakeRemoved of the same (cold, hot, netuid)
  //    in one extrinsic is the nominator "dust clear"; it is a sale like any other, flagged.
  const seenRemoved = new Set<string>();
  for (const e of group) {
    if (e.kind === 'StakeRemoved') {
      const k = `${e.coldkey}|${e.hotkey}|${e.netuid}`;
      const dust = seenRemoved.has(k);
      seenRemoved.add(k);
      if (used.has(e)) continue;
      if (!tracked.has(e.coldkey)) continue;
      const flags = [...feeFlags(e)];
      if (dust) flags.push('dust-clear');
      produced.push(entry('sell', e, removedLeg(e, 'sold', 'trade', 'remove', opts.prices), null, flags));
      continue;
    }
    if (used.has(e)) continue;
    const one = singleEntry(e, opts, rootClaimed);
    if (one) produced.push(one);
  }
  produced.sort((x, y) => x.eventIndex - y.eventIndex);
  for (const p of produced) out.push(p);
}

function pairEntry(
  s: StakeEvent,
  r: StakeEvent | null,
  a: StakeEvent | null,
  opts: NormalizeOptions,
): LedgerEntry | null {
  const tracked = opts.trackedColdkeys;
  const originTracked = r !== null && tracked.has(r.coldkey);
  const destTracked = a !== null && tracked.has(a.coldkey);
  const sources = [r, a, s].filter((x): x is StakeEvent => x !== null);
  const anchor = sources[0] as StakeEvent;
  const more = sources.slice(1);
  const flags: string[] = [];
  if (r === null && tracked.has(s.coldkey)) flags.push('missing-origin-event');
  const originNetuid = positionOf(s).netuid;
  const sameSubnet = (s.destNetuid ?? originNetuid) === originNetuid;
  const spec = s.specVersion;

  // Fee-side sanity check for cross-subnet moves (facts §9A item 3).
  if (!sameSubnet && r && a && spec >= 297) {
    const side = crossSubnetFeeSide(spec, originNetuid);
    if ((side === 'origin' && a.fee !== 0n) || (side === 'destination' && r.fee !== 0n))
      flags.push('unexpected-fee-side');
  }
  if (spec < SPEC_FEE_FIELD && spec >= 252 && !sameSubnet) flags.push('fee-unobservable');

  const side = sameSubnet ? 'move-same-subnet' : 'move';
  const origin = r ? removedLeg(r, 'sold', 'trade', side, opts.prices) : null;
  const dest = a ? addedLeg(a, 'bought', 'trade', { side, originTaoNet: r ? r.tao : null }, opts.prices) : null;

  if (originTracked && destTracked && origin && dest) {
    if (sameSubnet) {
      // Same subnet (hotkey move, or transfer between two tracked wallets): basis carries.
      const kind: LedgerKind = r.coldkey === a.coldkey ? 'move' : 'internal-transfer';
      return entry(
        kind,
        anchor,
        [
          { ...origin, category: 'transferOut', basis: 'carry' },
          { ...dest, category: 'transferIn', basis: 'carry' },
        ],
        more,
        flags,
      );
    }
    return entry('swap', anchor, [origin, dest], more, flags);
  }
  if (originTracked && origin) {
    // To an untracked coldkey: a transfer out. Its StakeAdded belongs to the other coldkey and is
    // usually not stored at all, so it is not required here.
    const destCold = s.kind === 'StakeTransferred' ? (s.counterpartyColdkey ?? s.coldkey) : s.coldkey;
    if (!tracked.has(destCold))
      return entry('transfer-out', anchor, { ...origin, category: 'transferOut' }, more, flags);
    // Own destination but no StakeAdded: the moved TAO was below the minimum stake (facts §9F); a sale.
    flags.push('move-without-destination');
    return entry('sell', anchor, origin, more, flags);
  }
  if (destTracked && dest) {
    return entry('transfer-in', anchor, { ...dest, category: 'transferIn' }, more, flags);
  }
  return null;
}

function rootClaimEntry(p: RootClaimPayout, src: StakeEvent[], prices?: PriceBook): LedgerEntry {
  const first = src[0] ?? null;
  const more = src.length > 1 ? src.slice(1) : null;
  if (p.mode === 'keep') {
    // Income α on the subnet, valued at the pool price of the claim block (post-state snapshot).
    const price = prices?.priceAt(p.netuid, p.blockNumber);
    const value = price ? alphaToTao(p.alpha, price.price) : null;
    const leg: LedgerLeg = {
      coldkey: p.coldkey,
      hotkey: p.hotkey,
      netuid: p.netuid,
      alpha: p.alpha,
      category: 'rootClaim',
      basis: 'income',
      tao: value ?? 0n,
      fee: 0n,
      feeUnit: 'alpha',
      spotTao: value,
      spotBlock: price ? price.blockNumber : null,
    };
    return new LedgerEntry('root-claim-keep', first, leg, more, value === null ? ['missing-price'] : NO_FLAGS, p);
  }
  // Swap: the α dividend is sold fee-less and the TAO added to root stake (α == TAO on root).
  const leg: LedgerLeg = {
    coldkey: p.coldkey,
    hotkey: p.hotkey,
    netuid: 0,
    alpha: p.tao,
    category: 'rootClaim',
    basis: 'income',
    tao: p.tao,
    fee: 0n,
    feeUnit: 'tao',
    spotTao: p.tao,
    spotBlock: -1,
  };
  return new LedgerEntry('root-claim-swap', first, leg, more, NO_FLAGS, p);
}
