/**
 * Emission income per position between consecutive checkpoints (docs/chain/emissions.md,
 * docs/chain/reconciliation.md):
 *   emitted = α_end − α_start − Σ bought + Σ sold(gross) − in + out − root-claim Keep (− …)
 * i.e. the checkpoint α minus the α the ledger explains. No per-staker reward event exists.
 * Before a position's first checkpoint its α is taken as 0 (history is rebuilt from the first stake).
 * Valued at the pool price of the checkpoint block (latest snapshot at or before it) = TAO value at accrual.
 * A negative result (silent α fee at 301–349, hotkey swap, share-pool rounding) is kept signed and
 * booked by the engine as an unexplained decrease, not as negative income.
 */
import type { PositionRow } from '../facts';
import type { LedgerEntry } from './ledger';
import type { PriceBook, PriceRef } from './prices';
import { alphaToTao } from './units';

/** A position's α after a block, with what sync read about its hotkey pool (../facts PositionRow). */
export interface PositionCheckpoint extends PositionRow {
  blockNumber: number;
  timestamp: number;
  coldkey: string;
}

export interface EmissionRecord {
  id: number;
  coldkey: string;
  hotkey: string;
  netuid: number;
  /** Interval (fromBlock, toBlock]; fromBlock −1 = before the first checkpoint. */
  fromBlock: number;
  toBlock: number;
  timestamp: number;
  /** Signed α not explained by the ledger in the interval. */
  alpha: bigint;
  /**
   * 'emission': epoch accrual on α the position held. 'unexplained': a change no rule explains — a
   * decrease, an increase on a position that held no α during the interval (nothing staked earns
   * nothing), or growth beyond what the hotkey pool's value per share explains (./reconcile) — kept
   * apart, never booked as income (docs/chain/reconciliation.md). One interval can have one of each.
   */
  kind: 'emission' | 'unexplained';
  /** TAO value at the checkpoint price (0n when the price is missing; see `price`). */
  tao: bigint;
  price: PriceRef | null;
}

export function positionKey(coldkey: string, hotkey: string, netuid: number): string {
  return `${coldkey}|${hotkey}|${netuid}`;
}

/** One emission record from the α the ledger explains (`explained`) and the checkpoint α. */
export function emissionAt(
  id: number,
  cp: PositionCheckpoint,
  fromBlock: number,
  explained: bigint,
  prices: PriceBook,
  held = true,
): EmissionRecord {
  const alpha = cp.alpha - explained;
  return recordAt(id, cp, fromBlock, alpha, alpha > 0n && held ? 'emission' : 'unexplained', prices);
}

/** One record of `alpha` of the given kind for the interval (fromBlock, cp.blockNumber], valued at the checkpoint price. */
export function recordAt(
  id: number,
  cp: PositionCheckpoint,
  fromBlock: number,
  alpha: bigint,
  kind: EmissionRecord['kind'],
  prices: PriceBook,
): EmissionRecord {
  const price = prices.priceAt(cp.netuid, cp.blockNumber);
  return {
    id,
    coldkey: cp.coldkey,
    hotkey: cp.hotkey,
    netuid: cp.netuid,
    fromBlock,
    toBlock: cp.blockNumber,
    timestamp: cp.timestamp,
    alpha,
    kind,
    tao: price ? alphaToTao(alpha, price.price) : 0n,
    price,
  };
}

/**
 * Standalone derivation (no lots): every checkpoint interval of every tracked position.
 * Ledger entries at a checkpoint's block count as inside the interval (checkpoints are post-block).
 */
export function deriveEmissions(
  ledger: readonly LedgerEntry[],
  checkpoints: readonly PositionCheckpoint[],
  prices: PriceBook,
  trackedColdkeys?: ReadonlySet<string>,
): EmissionRecord[] {
  const cps = [...checkpoints].sort((a, b) => a.blockNumber - b.blockNumber);
  const explained = new Map<string, bigint>();
  const lastBlock = new Map<string, number>();
  const out: EmissionRecord[] = [];
  let li = 0;
  for (const cp of cps) {
    if (trackedColdkeys && !trackedColdkeys.has(cp.coldkey)) continue;
    while (li < ledger.length && (ledger[li] as LedgerEntry).blockNumber <= cp.blockNumber) {
      for (const leg of (ledger[li] as LedgerEntry).legs) {
        const k = positionKey(leg.coldkey, leg.hotkey, leg.netuid);
        explained.set(k, (explained.get(k) ?? 0n) + leg.alpha);
      }
      li++;
    }
    const k = positionKey(cp.coldkey, cp.hotkey, cp.netuid);
    const rec = emissionAt(out.length, cp, lastBlock.get(k) ?? -1, explained.get(k) ?? 0n, prices);
    out.push(rec);
    explained.set(k, cp.alpha);
    lastBlock.set(k, cp.blockNumber);
  }
  return out;
}
