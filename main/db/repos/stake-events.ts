// The stake_events row: its columns, its SQLite shape and the one mapper from a row to a
// StoredStakeEvent. Every reader of stored events goes through `stakeEventFromRow`, which refuses
// a kind or fee unit this version does not know rather than passing it on unchecked.
import type { StoredStakeEvent } from '../../../shared/facts';
import { CHAIN_EVENT_KINDS, FEE_UNITS, isIdOf } from '../../../shared/vocab';

/** Columns read for a StoredStakeEvent (the audit JSON in `raw` is left out). */
export const STAKE_EVENT_COLUMNS = `id, block_number, block_hash, extrinsic_index, event_index, spec_version, timestamp, kind,
  coldkey, counterparty_coldkey, hotkey, netuid, dest_hotkey, dest_netuid, tao, alpha, fee, fee_unit`;

/** A stake_events row as better-sqlite3 returns it (safe integers). */
export interface StakeEventDbRow {
  id: bigint;
  block_number: bigint;
  block_hash: string;
  extrinsic_index: bigint | null;
  event_index: bigint;
  spec_version: bigint;
  timestamp: bigint;
  kind: string;
  coldkey: string;
  counterparty_coldkey: string | null;
  hotkey: string | null;
  netuid: bigint | null;
  dest_hotkey: string | null;
  dest_netuid: bigint | null;
  tao: bigint;
  alpha: bigint;
  fee: bigint;
  fee_unit: string | null;
}

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

export function stakeEventFromRow(r: StakeEventDbRow): StoredStakeEvent {
  if (!isIdOf(CHAIN_EVENT_KINDS, r.kind)) {
    throw new Error(`Stored event ${r.id} has kind "${r.kind}", which this version of Taofolio does not know.`);
  }
  if (r.fee_unit !== null && !isIdOf(FEE_UNITS, r.fee_unit)) {
    throw new Error(`Stored event ${r.id} has fee unit "${r.fee_unit}", which this version of Taofolio does not know.`);
  }
  return {
    id: Number(r.id),
    blockNumber: Number(r.block_number),
    blockHash: r.block_hash,
    timestamp: Number(r.timestamp),
    specVersion: Number(r.spec_version),
    extrinsicIndex: num(r.extrinsic_index),
    eventIndex: Number(r.event_index),
    kind: r.kind,
    coldkey: r.coldkey,
    counterpartyColdkey: r.counterparty_coldkey,
    hotkey: r.hotkey,
    netuid: num(r.netuid),
    destHotkey: r.dest_hotkey,
    destNetuid: num(r.dest_netuid),
    tao: r.tao,
    alpha: r.alpha,
    fee: r.fee,
    feeUnit: r.fee_unit,
  };
}
