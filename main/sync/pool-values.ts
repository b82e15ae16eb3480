// What reconciliation needs of a position's hotkey pool at a checkpoint (docs/chain/reconciliation.md):
// its value per share, TotalHotkeyAlpha over the share denominator (`TotalHotkeyShares` U64F64 while a
// V1 entry exists, which the chain's reads prefer, else `TotalHotkeySharesV2` SafeFloat;
// docs/chain/share-pools.md), whether the coldkey owns the hotkey (`Owner`), and the subnet's epoch
// counter (`SubnetEpochIndex` from 423; before it the fixed rule, docs/chain/epochs.md, with the
// subnet's `Tempo` at the block — a tempo changed inside an interval is not seen). The keys ride along
// with the multi-key read each checkpoint already makes; only keys of a position that read did not
// know cost one more request.
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { POOL_VALUE_SCALE } from '../../shared/engine/reconcile';
import type { PositionRow } from '../db/repos/chain-facts';
import type { BlockState, ChainReader } from './reader';
import { DEFAULT_TEMPO, keys, leUint } from './storage-keys';

type Pool = { hotkey: string; netuid: number };

/** The storage keys of the pools, hotkey owners and subnet epoch counters of `positions` (iterated once). */
export function poolValueKeys(positions: Iterable<Pool>): string[] {
  const out: string[] = [];
  const hotkeys = new Set<string>();
  const netuids = new Set<number>();
  for (const p of positions) {
    hotkeys.add(p.hotkey);
    if (p.netuid !== 0) netuids.add(p.netuid);
    out.push(
      keys.totalHotkeyAlpha(p.hotkey, p.netuid),
      keys.totalHotkeyShares(p.hotkey, p.netuid),
      keys.totalHotkeySharesV2(p.hotkey, p.netuid),
    );
  }
  for (const h of hotkeys) out.push(keys.owner(h));
  for (const n of netuids) out.push(keys.tempo(n), keys.subnetEpochIndex(n));
  return out;
}

const TWO_64 = 1n << 64n;

/** SafeFloat {mantissa: u128, exponent: i64} as [mantissa, exponent]. */
function safeFloat(hex: string): [bigint, bigint] {
  const mantissa = leUint(hex, 16);
  const raw = leUint(hex, 8, 16);
  return [mantissa, raw >= 1n << 63n ? raw - (1n << 64n) : raw];
}

/** TotalHotkeyAlpha / denominator × POOL_VALUE_SCALE, null without a pool. */
export function poolValueOf(values: ReadonlyMap<string, string | null>, hotkey: string, netuid: number): bigint | null {
  const total = leUint(values.get(keys.totalHotkeyAlpha(hotkey, netuid)) ?? null, 8);
  const v1 = values.get(keys.totalHotkeyShares(hotkey, netuid)) ?? null;
  if (v1) {
    const bits = leUint(v1, 16);
    return bits === 0n ? null : (total * TWO_64 * POOL_VALUE_SCALE) / bits;
  }
  const v2 = values.get(keys.totalHotkeySharesV2(hotkey, netuid)) ?? null;
  if (!v2) return null;
  const [m, e] = safeFloat(v2);
  if (m === 0n) return null;
  return e >= 0n ? (total * POOL_VALUE_SCALE) / (m * 10n ** e) : (total * POOL_VALUE_SCALE * 10n ** -e) / m;
}

/** First spec with stateful epochs and their counter, SubnetEpochIndex (docs/chain/epochs.md). */
export const STATEFUL_EPOCH_SPEC = 423;

/**
 * Epochs subnet `netuid` has run by the end of `block`: SubnetEpochIndex where the runtime keeps it,
 * else the fixed rule's count, ⌊(block + netuid + 2) / (tempo + 1)⌋, which steps at every block where
 * (block + netuid + 1) mod (tempo + 1) = tempo. The two counts differ at the 423 switch, which can only
 * make an interval look as if it held an epoch. Root has no epoch of its own: null. From 423 (`stateful`)
 * a subnet without the counter is unknown (null), not the fixed rule's count: a dissolved subnet's counter
 * is gone while its positions may still hold α (475 pays them out later), and the fixed count is no
 * match for the stateful one (demo seed 3: 378 against 378 hid the epoch at 136,676 before the
 * dissolution at 136,800, so its 0.47 α was booked unexplained).
 */
export function epochIndexOf(
  values: ReadonlyMap<string, string | null>,
  block: number,
  netuid: number,
  stateful = false,
): bigint | null {
  if (netuid === 0) return null;
  const index = values.get(keys.subnetEpochIndex(netuid)) ?? null;
  if (index) return leUint(index, 8);
  if (stateful) return null;
  const tempo = values.get(keys.tempo(netuid)) ?? null;
  const period = (tempo === null ? BigInt(DEFAULT_TEMPO) : leUint(tempo, 2)) + 1n;
  return (BigInt(block) + BigInt(netuid) + 2n) / period;
}

let lastKey: [string, string] | null = null;
/** The account's public key as lowercase hex (the last one kept: one coldkey's checkpoints come in a row). */
function publicKeyHex(address: string): string {
  if (lastKey?.[0] !== address) lastKey = [address, u8aToHex(decodeAddress(address))];
  return lastKey[1];
}

/**
 * The rows with their pool values, owner flags and epoch counters, from `state` (read with poolValueKeys of a set
 * that normally covers them) plus one read of whatever it lacks.
 */
export async function withPoolValues(
  reader: ChainReader,
  state: BlockState,
  coldkey: string,
  rows: PositionRow[],
): Promise<PositionRow[]> {
  if (rows.length === 0) return rows;
  const wanted = poolValueKeys(rows);
  const missing = wanted.filter((k) => !state.values.has(k));
  const extra =
    missing.length === 0
      ? null
      : (await reader.readBlock(state.number, missing, false, 'checkpoint pool values')).values;
  const get = (k: string) => (state.values.has(k) ? state.values.get(k) : extra?.get(k)) ?? null;
  // Nearly always the block's read has every key: its values as they are (a copy cost ~0.2 s a backfill).
  const values = extra ? new Map(wanted.map((k) => [k, get(k)])) : state.values;
  const me = publicKeyHex(coldkey);
  return rows.map((r) => {
    const owner = values.get(keys.owner(r.hotkey)) ?? null;
    return {
      ...r,
      poolValue: poolValueOf(values, r.hotkey, r.netuid),
      ownsHotkey: owner !== null && owner.toLowerCase() === me,
      epochIndex: epochIndexOf(values, state.number, r.netuid, (state.upgradeSpec ?? 0) >= STATEFUL_EPOCH_SPEC),
    };
  });
}

/**
 * `rows` (a change block's checkpoint) with a zero row, pool values included, for each position held at
 * the block before (`prior`) that the block emptied: StakeInfo lists no empty position, and without the
 * row the engine's interval would run on to the position's next row, over legs in several blocks
 * (docs/chain/reconciliation.md). The pools' keys ride on the same block read as the other positions'.
 */
export async function withEmptied(
  reader: ChainReader,
  state: BlockState,
  coldkey: string,
  prior: readonly PositionRow[],
  rows: PositionRow[],
): Promise<PositionRow[]> {
  const held = new Set(rows.map((r) => `${r.hotkey}|${r.netuid}`));
  const emptied = prior
    .filter((p) => p.alpha > 0n && !held.has(`${p.hotkey}|${p.netuid}`))
    .map((p) => ({ hotkey: p.hotkey, netuid: p.netuid, alpha: 0n }));
  if (emptied.length === 0) return rows;
  const zero = await withPoolValues(reader, state, coldkey, emptied);
  return [...rows, ...zero].sort(
    (a, b) => a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0),
  );
}
