/**
 * The ledger entries of one extrinsic's events (./normalize groups them): a lone event's entry
 * (`singleEntry`), the pairs a summary event ties together (moves, swaps, transfers), the StakeRemoved
 * that paid an alpha transaction fee, filled limit orders and lease dividends. Root-claim payouts are
 * in ./root-claim-entry.
 */
import { crossSubnetFeeSide, impliedPreFieldFee, SPEC_FEE_FIELD } from './runtime';
import type { LedgerFlag, LedgerKind } from '../vocab';
import { LedgerEntry, NO_FLAGS, type LedgerLeg, type StakeEvent } from './ledger';
import { addedLeg, burnedLeg, PLAIN_ADD, positionOf, removedLeg } from './legs';
import { basketClaimLeg, incentiveLeg, leaseDividendLeg } from './credit-legs';
import type { NormalizeOptions } from './normalize';
/** Entry anchored on `e` (its first source). `more` are further sources. */
function entry(
  kind: LedgerKind,
  e: StakeEvent,
  legs: LedgerLeg | LedgerLeg[],
  more: StakeEvent[] | null,
  flags: LedgerFlag[] = NO_FLAGS,
): LedgerEntry {
  return new LedgerEntry(kind, e, legs, more, flags);
}

/** A miner's auto-staked incentive; with no pool price before its block it counts 0 τ, flagged as a root claim's is. */
function incentiveEntry(e: StakeEvent, opts: NormalizeOptions): LedgerEntry {
  const leg = incentiveLeg(e, opts.prices);
  return entry('miner-incentive', e, leg, null, leg.spotTao === null ? ['missing-price'] : NO_FLAGS);
}

/**
 * The entry of an event that stands alone (or is left over in its extrinsic). RootClaimed is set
 * aside for the payouts of its block. Every kind is handled here: a kind added to the vocabulary
 * without a case fails typecheck (this function must return on every path).
 */
export function singleEntry(
  e: StakeEvent,
  opts: NormalizeOptions,
  rootClaimed: Map<number, StakeEvent[]>,
): LedgerEntry | null {
  const tracked = opts.trackedColdkeys.has(e.coldkey);
  switch (e.kind) {
    case 'StakeAdded':
      return tracked
        ? entry('buy', e, addedLeg(e, 'bought', 'trade', PLAIN_ADD, opts.prices), null, feeFlags(e))
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
    case 'StakeAndHotkeyTransferred':
    case 'TransactionFeePaidWithAlpha':
      // A summary or fee event without its Stake* events (e.g. the other side is not stored) carries no α.
      return null;
    case 'BasketClaimed':
      // The fund shares are sold and the TAO staked on root under the validator, silently: the root
      // position acquires it at that TAO (the shares' side is in ./baskets; docs/chain/baskets.md#claims).
      return tracked && e.hotkey !== null && e.tao > 0n ? entry('basket-claim', e, basketClaimLeg(e), null) : null;
    case 'SubnetLeaseDividendsDistributed':
      // Its α is in the StakeAdded normalizeGroup pairs it with; alone (that event not stored) it moves nothing.
      return null;
    case 'AutoStakeAdded':
      // No stake event carries this α: the event is the credit (docs/chain/emissions.md#miner-incentive-auto-staked).
      return tracked && e.hotkey !== null && e.netuid !== null && e.alpha > 0n ? incentiveEntry(e, opts) : null;
    case 'BasketStakedIn':
    case 'BasketClaimDustSkipped':
      // Fund shares only (./baskets): no stake position changes.
      return null;
    case 'StakeLocked':
    case 'LockMoved':
    case 'OrderExecuted':
    case 'OrderExecutedBatched':
    case 'HotkeySwapped':
    case 'HotkeySwappedOnSubnet':
    case 'ColdkeySwapped':
    case 'AddStakeBurn':
      // Runtime 397–424 mechanics (docs/chain/mechanics.md) that move no α of their own: a lock moves
      // none; a filled order's trade, add_stake_burn's buy and burn are the Stake*/AlphaBurned events of
      // the extrinsic; swaps and batched fills are silent effects (./effects).
      return null;
  }
}

/** Whether `e` alone is a plain buy or sell of a tracked wallet (the replay's fast path: ./legs `applyTradeEvent`). */
export function isPlainTrade(e: StakeEvent, opts: NormalizeOptions): boolean {
  return (e.kind === 'StakeAdded' || e.kind === 'StakeRemoved') && opts.trackedColdkeys.has(e.coldkey);
}

/** A filled order's trade `t` with its order fee `o.fee` (TAO): paid on top of a buy, taken from a sale's proceeds. */
function orderEntry(t: StakeEvent, o: StakeEvent, opts: NormalizeOptions): LedgerEntry {
  const fee = o.fee;
  if (t.kind === 'StakeAdded') {
    const leg = addedLeg(t, 'bought', 'trade', PLAIN_ADD, opts.prices);
    const swapFee = leg.fee !== null && leg.feeUnit === 'tao' ? leg.fee + fee : leg.fee;
    return entry('buy', t, { ...leg, tao: leg.tao + fee, fee: swapFee }, [o], feeFlags(t));
  }
  // A sale's swap fee is in α: the TAO order fee shows in its proceeds (and so in friction) only.
  const leg = removedLeg(t, 'sold', 'trade', 'remove', opts.prices);
  return entry('sell', t, { ...leg, tao: leg.tao - fee }, [o], feeFlags(t));
}

function feeFlags(e: StakeEvent): LedgerFlag[] {
  return e.specVersion < SPEC_FEE_FIELD &&
    impliedPreFieldFee(e.specVersion, e.kind === 'StakeAdded' ? 'add' : 'remove') === null
    ? ['fee-unobservable']
    : NO_FLAGS;
}

/**
 * A summary of stake sent to another coldkey: StakeTransferred, or from ≈435 StakeAndHotkeyTransferred
 * (also to another hotkey; docs/chain/mechanics.md#transfer-with-hotkey-and-collateral). Both come after
 * the StakeRemoved + StakeAdded they label, with the destination coldkey as `counterpartyColdkey`.
 */
function toAnotherColdkey(s: StakeEvent): boolean {
  return s.kind === 'StakeTransferred' || s.kind === 'StakeAndHotkeyTransferred';
}

/** The last event of `group` before `x`, not yet `used`, that `test` accepts (the nearest one before it). */
function lastUnusedBefore(
  group: readonly StakeEvent[],
  used: readonly StakeEvent[],
  x: StakeEvent,
  test: (e: StakeEvent) => boolean,
): StakeEvent | undefined {
  let found: StakeEvent | undefined;
  for (const e of group) if (e.eventIndex < x.eventIndex && !used.includes(e) && test(e)) found = e;
  return found;
}

export function normalizeGroup(
  group: StakeEvent[],
  opts: NormalizeOptions,
  out: LedgerEntry[],
  rootClaimed: Map<number, StakeEvent[]>,
): void {
  // Groups are a few events long: a list beats a Set (one per extrinsic) and its table.
  const used: StakeEvent[] = [];
  const tracked = opts.trackedColdkeys;
  const produced: LedgerEntry[] = [];

  // 1. Alpha-paid transaction fees (≥397): the payer's StakeRemoved (fee 0) whose TAO went to the block author.
  //    From 469 the unused part is bought back after dispatch and the event's α is net of it; the refund
  //    is taken to be a fee-0 StakeAdded of that position with exactly the α sold − the event's α
  //    (inferred, docs/chain/mechanics.md#alpha-paid-fees-after-424), and the fee is then that net α.
  for (const t of group) {
    if (t.kind !== 'TransactionFeePaidWithAlpha') continue;
    const cands = group.filter(
      (e) =>
        e.kind === 'StakeRemoved' &&
        !used.includes(e) &&
        e.coldkey === t.coldkey &&
        e.fee === 0n &&
        (t.netuid === null || e.netuid === t.netuid),
    );
    const refundOf = (r: StakeEvent) =>
      group.find(
        (e) =>
          e.kind === 'StakeAdded' &&
          !used.includes(e) &&
          e.coldkey === r.coldkey &&
          e.hotkey === r.hotkey &&
          e.netuid === r.netuid &&
          e.fee === 0n &&
          e.eventIndex > r.eventIndex &&
          e.eventIndex < t.eventIndex &&
          r.alpha - e.alpha === t.alpha,
      );
    const r = cands.find((e) => e.alpha === t.alpha) ?? cands.find((e) => refundOf(e) !== undefined) ?? cands[0];
    if (!r) continue;
    const refund = r.alpha === t.alpha ? undefined : refundOf(r);
    used.push(r, t);
    if (refund) used.push(refund);
    if (!tracked.has(r.coldkey)) continue;
    const leg = removedLeg(r, 'feePaid', 'expense', 'remove', opts.prices);
    // No proceeds for the user; the fee's TAO value is what the author (from 469: the subnet) received.
    const net = refund ? { alpha: leg.alpha + refund.alpha } : {};
    produced.push(
      entry('alpha-fee', r, { ...leg, ...net, tao: 0n, fee: t.tao, feeUnit: 'tao' }, refund ? [refund, t] : [t]),
    );
  }

  // 2. Limit orders filled one by one (≥423): the signer's StakeAdded/StakeRemoved before OrderExecuted is
  //    the trade, and the order fee (the row's fee: TAO the signer sent to the fee recipient) is part of
  //    its cost or comes off its proceeds (docs/chain/mechanics.md#limit-orders-423-pallet-limitorders).
  for (const o of group) {
    if (o.kind !== 'OrderExecuted') continue;
    used.push(o);
    const t = lastUnusedBefore(
      group,
      used,
      o,
      (e) =>
        (e.kind === 'StakeAdded' || e.kind === 'StakeRemoved') &&
        e.coldkey === o.coldkey &&
        e.netuid === o.netuid &&
        (o.hotkey === null || e.hotkey === o.hotkey),
    );
    if (!t) continue;
    used.push(t);
    if (tracked.has(t.coldkey)) produced.push(orderEntry(t, o, opts));
  }

  // 3. Summary events pair the origin StakeRemoved with the destination StakeAdded.
  for (const s of group) {
    if (s.kind !== 'StakeMoved' && s.kind !== 'StakeSwapped' && !toAnotherColdkey(s)) continue;
    used.push(s);
    const origin = positionOf(s);
    const destCold = toAnotherColdkey(s) ? (s.counterpartyColdkey ?? s.coldkey) : s.coldkey;
    const destHot = s.destHotkey ?? origin.hotkey;
    const destNet = s.destNetuid ?? origin.netuid;
    const r = group.find(
      (e) =>
        e.kind === 'StakeRemoved' &&
        !used.includes(e) &&
        e.eventIndex < s.eventIndex &&
        e.coldkey === origin.coldkey &&
        e.hotkey === origin.hotkey &&
        e.netuid === origin.netuid,
    );
    if (r) used.push(r);
    const a = group.find(
      (e) =>
        e.kind === 'StakeAdded' &&
        !used.includes(e) &&
        e.eventIndex < s.eventIndex &&
        (r === undefined || e.eventIndex > r.eventIndex) &&
        e.coldkey === destCold &&
        e.hotkey === destHot &&
        e.netuid === destNet,
    );
    if (a) used.push(a);
    const e = pairEntry(s, r ?? null, a ?? null, opts);
    if (e) produced.push(e);
  }

  // 4. Lease dividends (≥361): SubnetLeaseDividendsDistributed follows the fee-0 StakeAdded of the α it
  //    paid (the lease coldkey's StakeRemoved comes before that); the StakeAdded's TAO is the α's value
  //    at the pool price then (docs/chain/events.md#lease-dividends). The nearest such StakeAdded
  //    before it is its own: one block can pay several leases, or one lease twice to its beneficiary.
  for (const d of group) {
    if (d.kind !== 'SubnetLeaseDividendsDistributed') continue;
    used.push(d);
    const a = lastUnusedBefore(
      group,
      used,
      d,
      (e) => e.kind === 'StakeAdded' && e.coldkey === d.coldkey && e.alpha === d.alpha && e.fee === 0n,
    );
    if (!a) continue;
    used.push(a);
    if (tracked.has(a.coldkey)) produced.push(entry('lease-dividend', a, leaseDividendLeg(a), [d]));
  }

  // 5. Everything left is a plain buy / sell / burn. A second StakeRemoved of the same (cold, hot, netuid)
  //    in one extrinsic is the nominator "dust clear"; it is a sale like any other, flagged.
  for (let i = 0; i < group.length; i++) {
    const e = group[i] as StakeEvent;
    if (e.kind === 'StakeRemoved') {
      if (used.includes(e)) continue;
      const dust = group.some(
        (o, k) =>
          k < i &&
          o.kind === 'StakeRemoved' &&
          o.coldkey === e.coldkey &&
          o.hotkey === e.hotkey &&
          o.netuid === e.netuid,
      );
      if (!tracked.has(e.coldkey)) continue;
      const flags = [...feeFlags(e)];
      if (dust) flags.push('dust-clear');
      produced.push(entry('sell', e, removedLeg(e, 'sold', 'trade', 'remove', opts.prices), null, flags));
      continue;
    }
    if (used.includes(e)) continue;
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
  const flags: LedgerFlag[] = [];
  if (r === null && tracked.has(s.coldkey)) flags.push('missing-origin-event');
  const originNetuid = positionOf(s).netuid;
  const sameSubnet = (s.destNetuid ?? originNetuid) === originNetuid;
  const spec = s.specVersion;

  // Fee-side sanity check for cross-subnet moves (docs/chain/fees.md#move-fee-sides).
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
    const destCold = toAnotherColdkey(s) ? (s.counterpartyColdkey ?? s.coldkey) : s.coldkey;
    if (!tracked.has(destCold))
      return entry('transfer-out', anchor, { ...origin, category: 'transferOut' }, more, flags);
    // Own destination but no StakeAdded: the moved TAO was below the minimum stake (docs/chain/events.md); a sale.
    flags.push('move-without-destination');
    return entry('sell', anchor, origin, more, flags);
  }
  if (destTracked && dest) {
    return entry('transfer-in', anchor, { ...dest, category: 'transferIn' }, more, flags);
  }
  return null;
}
