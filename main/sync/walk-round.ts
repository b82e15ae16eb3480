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
  /** Chains within the window this round: each pair (coldkey, hot) changed at its block v. */
  active: WalkStep[];
  /** Chains that step back this round: each reads block v − 1. */
  stepping: WalkStep[];
  /** The blocks whose hashes this round's reads need (one request). */
  hashes: number[];
}

/**
 * The span of blocks the walk steps in one round: a 16th of the range (of a stretch: walkSegments), at
 * least a day. Each round costs two round trips (its block hashes, then its reads) and a block-hash
 * request. Measured with one stretch on
 * `npm run bench:sync` (docs/chain/change-discovery.md#measured), 2.63 M blocks whose busiest chain has
 * 97 steps: a 64th took 140 rounds and 5,550 requests, a 32nd 116 and 5,520, a 24th 106 and 5,524, a
 * 16th 99 and 5,536, an 8th 97 and 5,630 (verification re-reads 383 at a 64th, 385 at a 24th, 439 at an
 * 8th: blocks read below a change block before its events were decoded; when windows came, stepping every
 * chain at once cost 631 more). A 16th against a 24th, alternated on a quiet machine: 14.8 and 14.6 s
 * against 15.7 and 14.8 s, 5,549 requests against 5,523 (1.49 and 1.48 per event + checkpoint).
 */
export function walkWindow(lo: number, hi: number): number {
  return Math.max(7_200, Math.ceil((hi - lo + 1) / 16));
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
  return { waiting, fresh, active, stepping, hashes: [...fresh, ...stepping.map((f) => f.v - 1)] };
}

/** A stretch of the range walked from its own top: the chains read at `hi` lead down to `lo`. */
export interface WalkSegment {
  lo: number;
  hi: number;
}

/**
 * The range cut into `count` stretches (fewer where a stretch would be under `minSpan` blocks),
 * highest first. A chain's value read at any block m is the coldkey's last stake block on that hotkey
 * at or below m, so a walk from m down finds exactly the changes in its stretch, and stretches need
 * not wait for each other: the walk takes as many rounds as the busiest chain has steps in one
 * stretch, not in the whole range, and each round of every stretch goes out together.
 */
export function walkSegments(lo: number, hi: number, count: number, minSpan: number): WalkSegment[] {
  const span = hi - lo + 1;
  const n = Math.max(1, Math.min(count, Math.floor(span / minSpan)));
  const out: WalkSegment[] = [];
  for (let k = 0; k < n; k++)
    out.push({ lo: hi - Math.floor((span * (k + 1)) / n) + 1, hi: hi - Math.floor((span * k) / n) });
  return out;
}

/** How a long range's walk is cut and sampled (tests of the stretches make them smaller). */
export interface WalkPlan {
  /** Stretches walked side by side, each at least `stretchMin` blocks (250,000: ~35 days). */
  stretches: number;
  stretchMin: number;
  /** StakeInfo before the walk at one block per `sampleSpacing` (50,000: ~7 days), at most `maxSamples`. */
  sampleSpacing: number;
  maxSamples: number;
}
export const WALK_PLAN: WalkPlan = { stretches: 4, stretchMin: 250_000, sampleSpacing: 50_000, maxSamples: 32 };

/**
 * The blocks below `hi` where the positions held are listed before the walk (StakeInfo, one call
 * each), evenly spaced; the stretches' tops are among them. A position the walk learns only from a
 * change block's events makes every block read before it incomplete (its keys were not in the
 * reads), and verification reads those blocks again; one that is held at any of these blocks is
 * in every read from the start.
 */
export function stakeSamples(lo: number, hi: number): number[] {
  return walkSegments(lo, hi, WALK_PLAN.maxSamples, WALK_PLAN.sampleSpacing)
    .slice(1)
    .map((s) => s.hi);
}
