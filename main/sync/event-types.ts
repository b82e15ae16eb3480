// The shapes sync decodes chain events into, and small helpers to read event fields.
import type { Codec } from '@polkadot/types-codec/types';
import { encodeAddress } from '@polkadot/util-crypto';
import type { StakeEventFact } from '../../shared/facts';
import type { ChainEventKind } from '../../shared/vocab';

export type { FeeUnit } from '../../shared/vocab';
/** A decoded stake event of a tracked coldkey (one row of stake_events). */
export type StakeEventRow = StakeEventFact;

/** Where in the block an event was emitted: block initialisation, extrinsic i, or finalisation. */
export type EventPhase = number | 'initialization' | 'finalization';

export interface DecodedEvent {
  index: number;
  extrinsicIndex: number | null;
  phase: EventPhase;
  section: string;
  method: string;
  data: Codec[];
  json: unknown;
  /**
   * Whether the event's first field is these 32 bytes, read from the record's bytes without decoding
   * it. Meaningful only for events whose every known shape starts with an AccountId32
   * (event-shapes.ts, checked for the runtime before its events are decoded).
   */
  firstAccountIs(publicKey: Uint8Array): boolean;
}

/**
 * A chain event that moved the tracked coldkey's α without a StakeAdded/StakeRemoved of its own;
 * sync turns it into per-position silent effects from the checkpoints around the block.
 */
export type SilentRef =
  | { kind: 'HotkeySwapped'; eventIndex: number; oldHotkey: string; newHotkey: string; netuid: number | null }
  | { kind: 'ColdkeySwapped'; eventIndex: number; oldColdkey: string; newColdkey: string }
  | { kind: 'NetworkRemoved'; eventIndex: number; netuid: number; payouts: bigint[] }
  | { kind: 'OrderExecutedBatched'; eventIndex: number; netuid: number; buy: boolean; alpha: bigint; tao: bigint }
  /** A migration rewrote the (hotkey, netuid) share pool's denominator: every position on it is revalued. */
  | { kind: 'SharePoolDenominatorReconciled'; eventIndex: number; hotkey: string; netuid: number };

/** A Balances.Transfer sync pairs with a chain event. */
export interface TransferRef {
  eventIndex: number;
  phase: EventPhase;
  from: string;
  to: string;
  amount: bigint;
}

/** A RootClaimed of the coldkey and the Swap-claim transfers (subnet account → root's) before it. */
export interface ClaimTransfers {
  eventIndex: number;
  transfers: TransferRef[];
}

export interface BlockEvents {
  rows: StakeEventRow[];
  silent: SilentRef[];
  claims: ClaimTransfers[];
}

export interface DecodeContext {
  coldkey: string;
  /** Hotkeys the coldkey has staked to: a swap of one of them moves its positions. */
  hotkeys: ReadonlySet<string>;
  /** Subnets the coldkey has held α on: their dissolution pays it out. */
  netuids: ReadonlySet<number>;
}

const ss58Cache = new Map<string, string>();
export const ss58 = (c: Codec | undefined): string => {
  const hex = c!.toHex();
  let address = ss58Cache.get(hex);
  if (!address) {
    if (ss58Cache.size > 50_000) ss58Cache.clear();
    ss58Cache.set(hex, (address = encodeAddress(c!.toU8a(), 42)));
  }
  return address;
};
export const big = (c: Codec | undefined): bigint => {
  if (!c) return 0n;
  const v = c as unknown as { toBigInt?: () => bigint; unwrap?: () => Codec };
  if (v.toBigInt) return v.toBigInt();
  if (v.unwrap) return big(v.unwrap());
  return BigInt(c.toString());
};
export const num = (c: Codec | undefined): number => Number(big(c));

/** The stake_events row fields every kind shares. */
export function baseRow(e: DecodedEvent, kind: ChainEventKind, coldkey: string): StakeEventRow {
  return {
    extrinsicIndex: e.extrinsicIndex,
    eventIndex: e.index,
    kind,
    coldkey,
    counterpartyColdkey: null,
    hotkey: null,
    netuid: null,
    destHotkey: null,
    destNetuid: null,
    tao: 0n,
    alpha: 0n,
    fee: 0n,
    feeUnit: null,
    raw: JSON.stringify({ section: e.section, method: e.method, data: e.json }),
  };
}
