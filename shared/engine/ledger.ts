/**
 * Normalised ledger: raw stored chain events → ledger entries with per-position legs.
 *
 * Amount semantics per runtime are in ./runtime (facts §9D/§9E). Every leg carries the GROSS α
 * change of the position, the TAO flow (paid in gross of a TAO fee for acquisitions, received net
 * for disposals), the fee with its unit, and the spot-implied TAO value of the α at the pre-event
 * price (snapshot at block − 1) so friction (fees + slippage) can be separated from price effects.
 *
 * Grouping: events of one extrinsic (same block + extrinsicIndex) are processed together so the
 * StakeRemoved + StakeAdded pair can be labelled by its summary event (StakeMoved / StakeSwapped /
 * StakeTransferred), and the StakeRemoved that paid an alpha transaction fee (≥397) can be tied to
 * its TransactionFeePaidWithAlpha.
 *
 * What events cannot say (left to the checkpoint-based emission derivation, which books any gap as
 * emission or as an "unexplained" decrease): the limit-price refund inside StakeRemoved.alpha at
 * 283–394; "α requested" vs the actual decrease at 233–243; the silent alpha transaction fee at
 * 301–349; dust removed silently when the dust-clear unstake fails. Lease dividends (≥361
 * StakeRemoved+StakeAdded in on_initialize, SubnetLeaseDividendsDistributed) are not recognised yet:
 * they read as a sale by the lease coldkey and a purchase by the contributor.
 */
import {
  type FeeUnit,
  crossSubnetFeeSide,
  impliedPreFieldFee,
  removedAlphaIsNet,
  removeFeeUnit,
  taoFieldsNetOfFee,
  SPEC_FEE_FIELD,
} from './runtime';
import type { PriceBook } from './prices';
import type { ChainEventKind, LedgerKind, LegBasis, LegCategory } from '../vocab';

export type { ChainEventKind, LedgerKind, LegBasis, LegCategory } from '../vocab';
import { alphaToTao } from './units';

/**
 * One stored chain event, amounts exactly as the event carries them.
 * Field mapping per kind:
 * - StakeAdded/StakeRemoved: coldkey, hotkey, netuid, tao, alpha, fee (0n when the runtime had no fee field).
 * - StakeMoved: coldkey, hotkey = origin hotkey, netuid = origin, destHotkey, destNetuid, tao = tao_moved.
 * - StakeTransferred: coldkey = origin coldkey, counterpartyColdkey = destination coldkey, hotkey,
 *   netuid = origin, destNetuid, destHotkey null (same hotkey), tao = tao_moved.
 * - StakeSwapped: coldkey, hotkey, netuid = origin, destNetuid, destHotkey null, tao = tao_moved.
 * - AlphaRecycled/AlphaBurned: coldkey, hotkey, netuid, alpha = amount.
 * - RootClaimed: coldkey only (hotkey '' , netuid 0, amounts 0n).
 * - TransactionFeePaidWithAlpha: coldkey = who, alpha = alpha_fee, tao = tao_amount, netuid (−1 when the
 *   runtime's event had no netuid, i.e. 397–410), hotkey ''.
 */
export interface RawStakeEvent {
  /** Storage id (optional); drill-down falls back to "block-eventIndex". */
  id?: string | number;
  blockNumber: number;
  blockHash: string;
  /** ms since epoch */
  timestamp: number;
  specVersion: number;
  extrinsicIndex: number | null;
  eventIndex: number;
  kind: ChainEventKind;
  coldkey: string;
  counterpartyColdkey: string | null;
  hotkey: string;
  netuid: number;
  destHotkey: string | null;
  destNetuid: number | null;
  tao: bigint;
  alpha: bigint;
  fee: bigint;
}

/** Root-claim payout (spec ≥334), derived by sync from position checkpoints around RootClaimed. */
export interface RootClaimPayout {
  blockNumber: number;
  timestamp: number;
  coldkey: string;
  hotkey: string;
  /** Subnet whose root dividends were claimed. */
  netuid: number;
  mode: 'keep' | 'swap';
  /** keep: α added to (coldkey, hotkey, netuid). swap: α claimed before the swap (informational; may be 0n). */
  alpha: bigint;
  /** swap: TAO (rao) added to the coldkey's root stake on the same hotkey. keep: 0n. */
  tao: bigint;
}

export interface LedgerLeg {
  coldkey: string;
  hotkey: string;
  netuid: number;
  /** Signed GROSS change of the position's α (alpha-rao). */
  alpha: bigint;
  category: LegCategory;
  basis: LegBasis;
  /** TAO (rao): acquisitions = paid in gross (TAO fee included); disposals = received net; income = value at accrual. */
  tao: bigint;
  /** Fee charged on this leg; null when the runtime charged a fee that cannot be observed (252–256). */
  fee: bigint | null;
  feeUnit: FeeUnit;
  /** TAO value of |alpha| at the pre-event spot price; null when no snapshot was available. */
  spotTao: bigint | null;
  /** Snapshot block the spot price came from (−1 = root 1:1), null when none. */
  spotBlock: number | null;
}

/**
 * One ledger entry. Compact on purpose (a 1M-event ledger stays in memory): block/time/spec/extrinsic
 * come from the first source event (or the root-claim payout), and a single leg/source is stored
 * without an array; `legs` and `sources` build the arrays on access.
 */
export class LedgerEntry {
  /** Position in the ledger (0-based, block order). */
  seq = 0;
  constructor(
    readonly kind: LedgerKind,
    private readonly first: RawStakeEvent | null,
    private readonly legData: LedgerLeg | LedgerLeg[],
    private readonly moreSources: RawStakeEvent[] | null,
    /** Irregularities worth showing: 'dust-clear', 'fee-unobservable', 'unexpected-fee-side', … */
    readonly flags: string[],
    /** Root-claim payout behind the entry (root-claim kinds only). */
    readonly payout?: RootClaimPayout,
  ) {}

  get legCount(): number {
    return Array.isArray(this.legData) ? this.legData.length : 1;
  }
  /** The first leg without building an array (hot path of the replay). */
  get firstLeg(): LedgerLeg {
    return (Array.isArray(this.legData) ? this.legData[0] : this.legData) as LedgerLeg;
  }
  get legs(): LedgerLeg[] {
    return Array.isArray(this.legData) ? this.legData : [this.legData];
  }
  /** Source events (drill-down). Root-claim payouts reference the RootClaimed event when present. */
  get sources(): RawStakeEvent[] {
    const out: RawStakeEvent[] = this.first ? [this.first] : [];
    if (this.moreSources) out.push(...this.moreSources);
    return out;
  }
  get blockNumber(): number {
    return this.first ? this.first.blockNumber : (this.payout as RootClaimPayout).blockNumber;
  }
  get timestamp(): number {
    return this.payout ? this.payout.timestamp : (this.first as RawStakeEvent).timestamp;
  }
  get specVersion(): number {
    return this.first ? this.first.specVersion : 0;
  }
  get extrinsicIndex(): number | null {
    return this.first ? this.first.extrinsicIndex : null;
  }
  /** Event index used for ordering within the block (first source event; MAX for payouts without one). */
  get eventIndex(): number {
    return this.first ? this.first.eventIndex : MAX_EVENT_INDEX;
  }
  /** Same entry with other legs (filtered views, e.g. per-position series). */
  withLegs(legs: LedgerLeg[]): LedgerEntry {
    const e = new LedgerEntry(this.kind, this.first, legs, this.moreSources, this.flags, this.payout);
    e.seq = this.seq;
    return e;
  }
}

export interface NormalizeOptions {
  /** Coldkeys of the user's wallets: legs of other coldkeys are dropped; both-tracked transfers carry basis. */
  trackedColdkeys: ReadonlySet<string>;
  /** Root-claim payouts to merge in (amounts from checkpoints). */
  rootClaims?: readonly RootClaimPayout[];
  /** Snapshot prices for the spot-implied amounts (friction). */
  prices?: PriceBook;
}

export function eventRef(e: RawStakeEvent): string {
  return e.id !== undefined ? String(e.id) : `${e.blockNumber}-${e.eventIndex}`;
}

const MAX_EVENT_INDEX = Number.MAX_SAFE_INTEGER;

/** Normalise raw events (any order) into ledger entries ordered by (block, eventIndex). */
export function normalizeEvents(rawEvents: readonly RawStakeEvent[], opts: NormalizeOptions): LedgerEntry[] {
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
 * Root-claim payouts are merged at their block (ordered by their RootClaimed event, else last).
 * Returns the number of entries emitted.
 */
export function streamLedger(
  rawEvents: readonly RawStakeEvent[],
  opts: NormalizeOptions,
  emit: (e: LedgerEntry) => void,
): number {
  const sorted = isSorted(rawEvents) ? rawEvents : [...rawEvents].sort(compareRaw);
  const claims = (opts.rootClaims ?? []).filter((p) => opts.trackedColdkeys.has(p.coldkey));
  claims.sort((x, y) => x.blockNumber - y.blockNumber);
  const rootClaimed = new Map<number, RawStakeEvent[]>();
  const buf: LedgerEntry[] = [];
  let ci = 0;
  let seq = 0;
  const flush = (): void => {
    for (const e of buf) {
      e.seq = seq++;
      emit(e);
    }
    buf.length = 0;
  };
  const claimsBefore = (block: number): void => {
    while (ci < claims.length && (claims[ci] as RootClaimPayout).blockNumber < block)
      buf.push(rootClaimEntry(claims[ci++] as RootClaimPayout, [], opts.prices));
    flush();
  };
  let i = 0;
  while (i < sorted.length) {
    const block = (sorted[i] as RawStakeEvent).blockNumber;
    if (ci < claims.length && (claims[ci] as RootClaimPayout).blockNumber < block) claimsBefore(block);
    while (i < sorted.length && (sorted[i] as RawStakeEvent).blockNumber === block) {
      const first = sorted[i] as RawStakeEvent;
      let j = i + 1;
      let dup = false;
      while (j < sorted.length) {
        const e = sorted[j] as RawStakeEvent;
        if (e.blockNumber !== block || e.extrinsicIndex !== first.extrinsicIndex) break;
        if (e.eventIndex === (sorted[j - 1] as RawStakeEvent).eventIndex) dup = true;
        j++;
      }
      if (j === i + 1) normalizeSingle(first, opts, buf, rootClaimed);
      else {
        // The same chain event stored twice (e.g. a StakeTransferred kept for both tracked coldkeys) counts once.
        const group = sorted.slice(i, j);
        normalizeGroup(
          dup ? group.filter((e, k) => k === 0 || e.eventIndex !== (group[k - 1] as RawStakeEvent).eventIndex) : group,
          opts,
          buf,
          rootClaimed,
        );
      }
      i = j;
    }
    if (ci < claims.length && (claims[ci] as RootClaimPayout).blockNumber === block) {
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
      buf.sort((x, y) => x.eventIndex - y.eventIndex);
    }
    if (rootClaimed.size > 0) rootClaimed.clear();
    flush();
  }
  claimsBefore(Number.POSITIVE_INFINITY);
  return seq;
}

function compareRaw(a: RawStakeEvent, b: RawStakeEvent): number {
  return a.blockNumber - b.blockNumber || a.eventIndex - b.eventIndex;
}

function isSorted(arr: readonly RawStakeEvent[]): boolean {
  for (let k = 1; k < arr.length; k++)
    if (compareRaw(arr[k - 1] as RawStakeEvent, arr[k] as RawStakeEvent) > 0) return false;
  return true;
}

/** Entry anchored on `e` (its first source). `more` are further sources. */
function entry(
  kind: LedgerKind,
  e: RawStakeEvent,
  legs: LedgerLeg | LedgerLeg[],
  more: RawStakeEvent[] | null,
  flags: string[] = NO_FLAGS,
): LedgerEntry {
  return new LedgerEntry(kind, e, legs, more, flags);
}

/** Fill a leg's pre-event spot value of |alpha| (snapshot at block − 1). */
function withSpot(leg: LedgerLeg, prices: PriceBook | undefined, block: number): LedgerLeg {
  if (!prices) return leg;
  const a = leg.alpha < 0n ? -leg.alpha : leg.alpha;
  if (leg.netuid === 0) {
    leg.spotTao = a;
    leg.spotBlock = -1;
    return leg;
  }
  const s = prices.snapshotRefAt(leg.netuid, block - 1);
  if (s === null) return leg;
  leg.spotTao = alphaToTao(a, s.price);
  leg.spotBlock = s.blockNumber;
  return leg;
}

/** Shared empty flags list (frozen: entries that need flags get their own array). */
const NO_FLAGS: string[] = Object.freeze([]) as unknown as string[];

type AddContext = { side: 'add' } | { side: 'move' | 'move-same-subnet'; originTaoNet: bigint | null };

/** Acquisition leg from a StakeAdded: gross TAO paid, α received, TAO fee. */
export function addedLeg(
  e: RawStakeEvent,
  category: LegCategory,
  basis: LegBasis,
  ctx: AddContext,
  prices?: PriceBook,
): LedgerLeg {
  let tao = e.tao;
  let fee: bigint | null = e.fee;
  if (taoFieldsNetOfFee(e.specVersion)) {
    // Before v3 StakeAdded.tao is net of the TAO fee.
    if (e.specVersion < SPEC_FEE_FIELD) {
      fee = impliedPreFieldFee(e.specVersion, ctx.side);
      if (fee === null && ctx.side !== 'add' && ctx.originTaoNet !== null) {
        // 252–256 move: the TAO leaving the origin (net) is what entered the destination (gross).
        fee = ctx.originTaoNet - e.tao;
      }
    }
    tao = fee === null ? e.tao : e.tao + fee;
  }
  return withSpot(
    {
      coldkey: e.coldkey,
      hotkey: e.hotkey,
      netuid: e.netuid,
      alpha: e.alpha,
      category,
      basis,
      tao,
      fee,
      feeUnit: 'tao',
      spotTao: null,
      spotBlock: null,
    },
    prices,
    e.blockNumber,
  );
}

/** Disposal leg from a StakeRemoved: gross α leaving, net TAO received, fee (TAO before v3, α from v3). */
export function removedLeg(
  e: RawStakeEvent,
  category: LegCategory,
  basis: LegBasis,
  side: 'remove' | 'move' | 'move-same-subnet',
  prices?: PriceBook,
): LedgerLeg {
  const unit = removeFeeUnit(e.specVersion);
  let fee: bigint | null = e.fee;
  if (e.specVersion < SPEC_FEE_FIELD) fee = impliedPreFieldFee(e.specVersion, side);
  // ≥397 the event carries the NET α swapped; the position lost α + fee.
  const gross = removedAlphaIsNet(e.specVersion) ? e.alpha + e.fee : e.alpha;
  return withSpot(
    {
      coldkey: e.coldkey,
      hotkey: e.hotkey,
      netuid: e.netuid,
      alpha: -gross,
      category,
      basis,
      tao: e.tao,
      fee,
      feeUnit: unit,
      spotTao: null,
      spotBlock: null,
    },
    prices,
    e.blockNumber,
  );
}

function normalizeSingle(
  e: RawStakeEvent,
  opts: NormalizeOptions,
  out: LedgerEntry[],
  rootClaimed: Map<number, RawStakeEvent[]>,
): void {
  const tracked = opts.trackedColdkeys.has(e.coldkey);
  switch (e.kind) {
    case 'StakeAdded':
      if (tracked)
        out.push(entry('buy', e, addedLeg(e, 'bought', 'trade', { side: 'add' }, opts.prices), null, feeFlags(e)));
      return;
    case 'StakeRemoved':
      if (tracked) out.push(entry('sell', e, removedLeg(e, 'sold', 'trade', 'remove', opts.prices), null, feeFlags(e)));
      return;
    case 'AlphaRecycled':
    case 'AlphaBurned':
      if (tracked) out.push(burnEntry(e, opts.prices));
      return;
    case 'RootClaimed': {
      let arr = rootClaimed.get(e.blockNumber);
      if (!arr) {
        arr = [];
        rootClaimed.set(e.blockNumber, arr);
      }
      arr.push(e);
      return;
    }
    case 'StakeMoved':
    case 'StakeSwapped':
    case 'StakeTransferred':
    case 'TransactionFeePaidWithAlpha':
      // A summary or fee event without its Stake* events (e.g. the other side is not stored) carries no α.
      return;
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
      return;
  }
}

function feeFlags(e: RawStakeEvent): string[] {
  return e.specVersion < SPEC_FEE_FIELD &&
    impliedPreFieldFee(e.specVersion, e.kind === 'StakeAdded' ? 'add' : 'remove') === null
    ? ['fee-unobservable']
    : NO_FLAGS;
}

function burnEntry(e: RawStakeEvent, prices?: PriceBook): LedgerEntry {
  const leg = withSpot(
    {
      coldkey: e.coldkey,
      hotkey: e.hotkey,
      netuid: e.netuid,
      alpha: -e.alpha,
      category: 'burned',
      basis: 'expense',
      tao: 0n,
      fee: 0n,
      feeUnit: 'alpha',
      spotTao: null,
      spotBlock: null,
    },
    prices,
    e.blockNumber,
  );
  return entry(e.kind === 'AlphaRecycled' ? 'recycle' : 'burn', e, leg, null);
}

function normalizeGroup(
  group: RawStakeEvent[],
  opts: NormalizeOptions,
  out: LedgerEntry[],
  rootClaimed: Map<number, RawStakeEvent[]>,
): void {
  const used = new Set<RawStakeEvent>();
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
        (t.netuid < 0 || e.netuid === t.netuid),
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
    const originCold = s.coldkey;
    const destCold = s.kind === 'StakeTransferred' ? (s.counterpartyColdkey ?? s.coldkey) : s.coldkey;
    const destHot = s.destHotkey ?? s.hotkey;
    const destNet = s.destNetuid ?? s.netuid;
    const r = group.find(
      (e) =>
        e.kind === 'StakeRemoved' &&
        !used.has(e) &&
        e.eventIndex < s.eventIndex &&
        e.coldkey === originCold &&
        e.hotkey === s.hotkey &&
        e.netuid === s.netuid,
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
    normalizeSingle(e, opts, produced, rootClaimed);
  }
  produced.sort((x, y) => x.eventIndex - y.eventIndex);
  for (const p of produced) out.push(p);
}

function pairEntry(
  s: RawStakeEvent,
  r: RawStakeEvent | null,
  a: RawStakeEvent | null,
  opts: NormalizeOptions,
): LedgerEntry | null {
  const tracked = opts.trackedColdkeys;
  const originTracked = r !== null && tracked.has(r.coldkey);
  const destTracked = a !== null && tracked.has(a.coldkey);
  const sources = [r, a, s].filter((x): x is RawStakeEvent => x !== null);
  const anchor = sources[0] as RawStakeEvent;
  const more = sources.slice(1);
  const flags: string[] = [];
  if (r === null && tracked.has(s.coldkey)) flags.push('missing-origin-event');
  const sameSubnet = (s.destNetuid ?? s.netuid) === s.netuid;
  const spec = s.specVersion;

  // Fee-side sanity check for cross-subnet moves (facts §9A item 3).
  if (!sameSubnet && r && a && spec >= 297) {
    const side = crossSubnetFeeSide(spec, s.netuid);
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

function rootClaimEntry(p: RootClaimPayout, src: RawStakeEvent[], prices?: PriceBook): LedgerEntry {
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
