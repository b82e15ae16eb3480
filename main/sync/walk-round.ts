// The rounds of ChangeFinder's walk down the LastColdkeyHotkeyStakeBlock chains
// (docs/chain/change-discovery.md): which chains step together and which blocks each round reads.

/** One hotkey's chain: the coldkey's last stake block on that hotkey at or below the walk so far. */
export interface WalkStep {
  hot: string;
  v: number;
}

export interface WalkRound {
  /** Chains more than a window below the highest: they wait for a later round. */
  waiting: WalkStep[];
  /** Change blocks first found in this round (their events are decoded in it). */
  fresh: number[];
  /** Chains that step back this round: each reads block v − 1. */
  stepping: WalkStep[];
  /** The blocks whose hashes this round's reads need (one request). */
  hashes: number[];
}

/**
 * The span of blocks the walk steps in one round: a 64th of the range, at least a day.
 * Measured on `npm run bench:sync` (docs/chain/change-discovery.md#measured): a 64th took 140 rounds
 * instead of 97 (+46 block-hash requests) and spared 631 verification re-reads; a 128th or a 256th
 * spared no more re-reads and cost more hash requests.
 */
export function walkWindow(lo: number, hi: number): number {
  return Math.max(7_200, Math.ceil((hi - lo + 1) / 64));
}

/**
 * The next round of the walk over `frontier` (chains outside [lo, hi] are done), or null when none
 * is left. The chains step from the highest block down, a window at a time: a position learned from
 * the events at a change block X is then in the reads at every block below X that later rounds
 * make. Stepping every chain at once read many blocks below X before X was decoded, and
 * verification read them all again for the new position's keys. Adds the round's fresh blocks to
 * `found`.
 */
export function walkRound(
  frontier: readonly WalkStep[],
  lo: number,
  hi: number,
  window: number,
  found: Set<number>,
): WalkRound | null {
  const live = frontier.filter((f) => f.v >= lo && f.v <= hi);
  if (live.length === 0) return null;
  const highest = Math.max(...live.map((f) => f.v));
  const waiting = live.filter((f) => f.v < highest - window);
  const active = live.filter((f) => f.v >= highest - window);
  const fresh = [...new Set(active.map((f) => f.v))].filter((b) => !found.has(b));
  for (const b of fresh) found.add(b);
  const stepping = active.filter((f) => f.v - 1 >= lo);
  return { waiting, fresh, stepping, hashes: [...fresh, ...stepping.map((f) => f.v - 1)] };
}
