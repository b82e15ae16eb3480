/**
 * The ledger's data: the chain events it reads (`StakeEvent`, the one stake-event type of
 * shared/facts.ts), root-claim payouts, and the entries with per-position legs that normalisation
 * (./normalize) produces. Every leg carries the GROSS α change of the position, the TAO flow (paid in
 * gross of a TAO fee for acquisitions, received net for disposals), the fee with its unit, and the
 * spot-implied TAO value of the α at the pre-event price (snapshot at block − 1) so friction (fees +
 * slippage) can be separated from price effects.
 */
import type { StakeEvent } from '../facts';
import type { FeeUnit, LedgerFlag, LedgerKind, LegBasis, LegCategory, SilentEffectKind } from '../vocab';

export type { StakeEvent, StoredStakeEvent } from '../facts';
export type { ChainEventKind, LedgerKind, LegBasis, LegCategory, SilentEffectKind } from '../vocab';

/** The chain's name for the event, "block-eventIndex" (as block explorers name events): the same in every database. */
export function chainEventId(e: StakeEvent): string {
  return `${e.blockNumber}-${e.eventIndex}`;
}

/** The event's stored id when it has one (a StoredStakeEvent), else its chain id. */
export function eventRef(e: StakeEvent): string {
  return 'id' in e && typeof e.id === 'number' ? String(e.id) : chainEventId(e);
}

/** Event index of an entry without a source event (a payout learnt from checkpoints): last in its block. */
export const MAX_EVENT_INDEX = Number.MAX_SAFE_INTEGER;

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

/**
 * A position change a chain event caused without a stake event of the coldkey (recorded by sync from
 * the positions around the block, docs/chain/mechanics.md): hotkey and coldkey swaps move α, a
 * dissolution takes it and pays TAO, a batched limit-order fill trades it.
 */
export interface PositionEffect {
  blockNumber: number;
  timestamp: number;
  /** Index of the chain event that caused it. */
  eventIndex: number;
  kind: SilentEffectKind;
  coldkey: string;
  hotkey: string;
  netuid: number;
  /** Signed α added to (+) or taken from (−) the position. */
  alpha: bigint;
  /** Signed TAO paid to (+) or taken from (−) the coldkey's free balance for it. */
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
  /**
   * Snapshot block the spot price came from; null when no snapshot priced it: either none was
   * available (`spotTao` null too) or the leg is on root, where α is TAO 1:1 (netuid 0, `spotTao` = |α|).
   */
  spotBlock: number | null;
}

/** Shared empty flags list (frozen: entries that need flags get their own array). */
export const NO_FLAGS: LedgerFlag[] = Object.freeze([]) as unknown as LedgerFlag[];

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
    private readonly first: StakeEvent | null,
    private readonly legData: LedgerLeg | LedgerLeg[],
    private readonly moreSources: StakeEvent[] | null,
    /** Irregularities worth showing (the vocabulary's ENTRY_FLAGS), or the silent change behind a lone side. */
    readonly flags: LedgerFlag[],
    /** Root-claim payout behind the entry (root-claim kinds only). */
    readonly payout?: RootClaimPayout,
    /** The silent position change behind the entry (swaps, dissolution, batched orders). */
    readonly effect?: PositionEffect,
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
  get sources(): StakeEvent[] {
    const out: StakeEvent[] = this.first ? [this.first] : [];
    if (this.moreSources) out.push(...this.moreSources);
    return out;
  }
  get blockNumber(): number {
    return this.first ? this.first.blockNumber : ((this.payout ?? this.effect) as RootClaimPayout).blockNumber;
  }
  get timestamp(): number {
    if (this.payout) return this.payout.timestamp;
    return this.first ? this.first.timestamp : (this.effect as PositionEffect).timestamp;
  }
  /**
   * The runtime and extrinsic of the entry's chain event: its first source, or for an entry built from a
   * position effect (swaps, a dissolution, a batched order fill) the event behind it. That event's
   * extrinsic is the entry's: "none (runtime hook)" beside a source event of extrinsic 1 contradicted itself.
   */
  get specVersion(): number {
    return (this.first ?? this.moreSources?.[0])?.specVersion ?? 0;
  }
  get extrinsicIndex(): number | null {
    return (this.first ?? this.moreSources?.[0])?.extrinsicIndex ?? null;
  }
  /** Event index used for ordering within the block (first source event; MAX for payouts without one). */
  get eventIndex(): number {
    if (this.first) return this.first.eventIndex;
    return this.effect ? this.effect.eventIndex : MAX_EVENT_INDEX;
  }
  /** Same entry with other legs (filtered views, e.g. per-position series). */
  withLegs(legs: LedgerLeg[]): LedgerEntry {
    const e = new LedgerEntry(this.kind, this.first, legs, this.moreSources, this.flags, this.payout, this.effect);
    e.seq = this.seq;
    return e;
  }
}
