/**
 * Per-subnet and per-position figures from local snapshots and checkpoints:
 * - price change over 24 h / 7 d: spot price at the as-of block ÷ the last snapshot at least that long
 *   before the as-of time − 1 (null when no snapshot is that old, or it is of another subnet that had
 *   the netuid before a pruning; root is always 1:1);
 * - annualised emission yield: α emitted (positive emission intervals ending in the window) ÷ the α
 *   held on average over the window (time-weighted) × 365 ÷ window days; the window is the last 30
 *   whole UTC days and the as-of day so far, or since the position was first seen when that is later
 *   (at least one day of history is needed). The average, not the α held now: a position mostly sold
 *   within the window earned its emission on the α it held then, and over the α left it would read
 *   as a yield many times too high. The window starts at a midnight so that the α held can be kept
 *   per day rather than per change (./alpha-path).
 */
import type { EmissionRecord } from '../emissions';
import { sameSubnet, type PriceBook, type SubnetSnapshot } from '../prices';
import { ratio } from '../units';

const DAY_MS = 86_400_000;
export const YIELD_WINDOW_DAYS = 30;
export const YIELD_WINDOW_MS = YIELD_WINDOW_DAYS * DAY_MS;

/** Last snapshot of `netuid` with timestamp ≤ `ms` (and block ≤ `maxBlock`). */
export function snapshotAtTime(prices: PriceBook, netuid: number, ms: number, maxBlock: number): SubnetSnapshot | null {
  const series = prices.series(netuid);
  let lo = 0;
  let hi = series.length - 1;
  let found: SubnetSnapshot | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = series[mid] as SubnetSnapshot;
    if (s.timestamp <= ms && s.blockNumber <= maxBlock) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function priceChange(
  prices: PriceBook,
  netuid: number,
  asOf: { block: number; timestamp: number },
  hours: number,
): number | null {
  if (netuid === 0) return 0;
  const now = prices.snapshotAt(netuid, asOf.block);
  const then = snapshotAtTime(prices, netuid, asOf.timestamp - hours * 3_600_000, asOf.block);
  // A netuid registered again since then holds another subnet: no change to report.
  if (!now || !then || then.price === 0n || !sameSubnet(now, then)) return null;
  return ratio(now.price - then.price, then.price);
}

/**
 * `heldMs(from, to)`: ∫ α held dt over [from, to) in α-rao × ms (PositionObserver.alphaHeldMs, summed over
 * a subnet's positions for its row). Null when nothing is held now (the yield of what is held) or the
 * window is under a day.
 */
export function emissionYield(
  records: readonly EmissionRecord[],
  alphaNow: bigint,
  heldMs: (from: number, to: number) => bigint,
  asOfTimestamp: number,
  firstSeen: number | null,
): number | null {
  if (alphaNow <= 0n || firstSeen === null) return null;
  const start = Math.max(Math.floor(asOfTimestamp / DAY_MS) * DAY_MS - YIELD_WINDOW_MS, firstSeen);
  if (asOfTimestamp - start < DAY_MS) return null;
  let emitted = 0n;
  // α that appeared unexplained is kept as no-cost α, never income (state.ts `bookRecord`): not emitted.
  for (const r of records)
    if (r.kind === 'emission' && r.alpha > 0n && r.timestamp > start && r.timestamp <= asOfTimestamp)
      emitted += r.alpha;
  // emitted ÷ (∫α dt ÷ window ms) × 365 ÷ (window ms ÷ day ms): the window's length cancels out.
  return ratio(emitted * 365n * BigInt(DAY_MS), heldMs(start, asOfTimestamp));
}
