/**
 * How much of a checkpoint's unexplained α change emission can account for (docs/chain/reconciliation.md).
 *
 * Emission never changes a nominator's shares: an epoch raises the hotkey pool's value per share
 * (TotalHotkeyAlpha / its share denominator, docs/chain/share-pools.md), so α that sat in the pool
 * through an interval grows by exactly the ratio of the pool's value per share at its two ends. The
 * α held at an epoch is the α after some block of the interval before the checkpoint block (epochs
 * pay in on_initialize, before the block's extrinsics); the replay tracks the smallest and largest
 * of those amounts, and emission lies between their growths. What the growth of the largest cannot
 * cover, or what falls short of the growth of the smallest, is unexplained, beyond the share pool's
 * rounding (`RECONCILE_TOLERANCE`).
 */

import type { PriceBook } from './prices';
import { SPEC_ROOT_CLAIMS } from './runtime';

/** Fixed-point scale of a pool's value per share (`PositionCheckpoint.poolValue`). */
export const POOL_VALUE_SCALE = 10n ** 30n;

/**
 * α-rao by which a position may differ from its pool's growth without being unexplained: the share
 * pool rounds each stake operation and each valuation by one or two α-rao (docs/chain/share-pools.md),
 * and this rule's own floor division adds one.
 */
export const RECONCILE_TOLERANCE = 10n;

/**
 * α-rao within which an unexplained change is the share pool's rounding of a stake operation
 * (docs/chain/reconciliation.md): the Portfolio page, the CLI report and the tax rows treat such a
 * change as rounding, not as something to review (the PnL JSON lists every one).
 */
export const SHARE_ROUNDING_ALPHA = 2n;

export const isShareRounding = (u: { alpha: bigint }): boolean =>
  u.alpha >= -SHARE_ROUNDING_ALPHA && u.alpha <= SHARE_ROUNDING_ALPHA;

/** What the replay knows about a position over one checkpoint interval. */
export interface AccrualWindow {
  /** Smallest and largest α the position had after a block of the interval before its last block. */
  alphaMin: bigint;
  alphaMax: bigint;
  /** Pool value per share at the interval's start and end (null: not read). */
  poolValueFrom: bigint | null;
  poolValueTo: bigint | null;
  /** The coldkey owns the hotkey: take and miner payouts add shares, so the pool's growth does not bound its income. */
  ownsHotkey: boolean;
  /**
   * The subnet's epoch counter at the interval's start and end (null: not read). Equal counters mean no
   * epoch ran in the interval, so nothing was paid to any position of the subnet, owned or not.
   */
  epochFrom: bigint | null;
  epochTo: bigint | null;
  /** The position held α at some time in the interval. */
  held: boolean;
  /** A root position with both ends from 334 on: no dividend raises root's value per share there. */
  rootClaimed?: boolean;
}

export interface DeltaSplit {
  /** Income (≥ 0). */
  emission: bigint;
  /** Signed α no rule explains. */
  unexplained: bigint;
}

/** The α `alpha` grows to when the pool's value per share goes from `from` to `to` (never negative growth). */
export function poolGrowth(alpha: bigint, from: bigint, to: bigint): bigint {
  if (alpha <= 0n || to <= from) return 0n;
  return (alpha * to) / from - alpha;
}

/**
 * Splits Δ = chain α − explained α of one interval into emission and unexplained α. Without both
 * pool values (facts recorded before sync read them, a position first seen at this checkpoint),
 * growth of held α is emission; for a position on its own hotkey in an interval that may hold an
 * epoch, any growth is (take, incentive and owner cut add shares whatever it held); everything else is
 * unexplained. Root (netuid 0) is bounded like any pool: its claims are ledger entries (root-claim
 * Swap/Keep up to 440, `basket-claim` from 441) and add shares at the pool's value, so only dividends
 * sold into root's `TotalHotkeyAlpha` (before 334) raise its value per share.
 */
export function splitDelta(delta: bigint, w: AccrualWindow): DeltaSplit {
  const from = w.poolValueFrom;
  const to = w.poolValueTo;
  // Root from 334 has no epoch counter, but nothing an epoch pays reaches a holder's root stake (dividends
  // are claimed): for a coldkey that does not own the hotkey it is an interval without epochs.
  const noEpoch = (w.epochFrom !== null && w.epochFrom === w.epochTo) || (w.rootClaimed === true && !w.ownsHotkey);
  const takesShares = w.ownsHotkey && !noEpoch;
  // An owner's take, incentive and owner cut are new shares whatever it held (docs/chain/emissions.md).
  const legacy: DeltaSplit =
    delta > 0n && (w.held || takesShares) ? { emission: delta, unexplained: 0n } : { emission: 0n, unexplained: delta };
  // No α after any block an epoch of the interval could have paid on (legs only in the checkpoint block,
  // after its epoch): nothing was earned, whatever the pool did.
  if (w.alphaMax <= 0n && !takesShares) return { emission: 0n, unexplained: delta };
  // The subnet's epoch counter read at both ends and equal: no epoch ran, nothing was paid to anyone on
  // it (owner or not), and what the position gained or lost is other stakers' rounding or unexplained.
  if (noEpoch) return { emission: 0n, unexplained: delta };
  if (takesShares || from === null || to === null || from <= 0n || to <= 0n) return legacy;
  const most = poolGrowth(w.alphaMax, from, to);
  if (delta > most + RECONCILE_TOLERANCE) return { emission: most, unexplained: delta - most };
  const least = poolGrowth(w.alphaMin, from, to);
  if (delta < least - RECONCILE_TOLERANCE) return { emission: least, unexplained: delta - least };
  return legacy;
}

/**
 * A root interval (from, to] whose ends both ran a runtime with root claims (≥ 334), as root's pool
 * snapshots at or before them say (an older snapshot reads as older runtime: never wrongly true).
 */
export function rootClaimed(prices: Pick<PriceBook, 'snapshotAt'>, netuid: number, from: number, to: number): boolean {
  return netuid === 0 && claimsAt(prices, from) && claimsAt(prices, to);
}

/** Root's runtime at block `b` had root claims (a function, not a closure per call: once per interval). */
function claimsAt(prices: Pick<PriceBook, 'snapshotAt'>, b: number): boolean {
  return b >= 0 && (prices.snapshotAt(0, b)?.specVersion ?? 0) >= SPEC_ROOT_CLAIMS;
}

/**
 * A share-pool reconcile (`SharePoolDenominatorReconciled`, the `share-reconcile` entry) rewrote the pool's
 * denominator: every holder's α moved by the same factor, `(α + change) / α`, in a migration before any
 * epoch of its block. The interval's starting value per share and the α held in it move by that factor
 * too, so the bound reads only the pool's growth besides the revaluation (docs/chain/reconciliation.md).
 */
export function revalue(
  state: { position(coldkey: string, hotkey: string, netuid: number): Revalued },
  leg: { coldkey: string; hotkey: string; netuid: number; alpha: bigint },
): void {
  const p = state.position(leg.coldkey, leg.hotkey, leg.netuid);
  if (p.alpha <= 0n || p.alpha + leg.alpha < 0n) return;
  const scale = (x: bigint) => (x * (p.alpha + leg.alpha)) / p.alpha;
  if (p.poolValue !== null) p.poolValue = scale(p.poolValue);
  p.windowMin = scale(p.windowMin);
  p.windowMax = scale(p.windowMax);
}

/** What `revalue` moves of a position (./position PositionAcc). */
interface Revalued {
  alpha: bigint;
  poolValue: bigint | null;
  windowMin: bigint;
  windowMax: bigint;
}
