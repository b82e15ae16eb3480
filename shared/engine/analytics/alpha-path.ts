/**
 * A position's α held over time, integrated: α-rao × ms held since it was first seen, as a step
 * function that changes at each replayed entry or checkpoint that touched it. Besides where it stands
 * now, it keeps where it stood at the last change of each earlier day its window can still reach, so
 * the integral from any UTC midnight in that window (or from its first change) is exact, at a cost of
 * one record per position and active day rather than one per change.
 */
const DAY_MS = 86_400_000;

interface Mark {
  /** ms of a change; `alpha` held from then until the next one; `held` integrated up to it. */
  t: number;
  alpha: bigint;
  held: bigint;
}

export class AlphaPath {
  // The latest change, in the object itself (the replay notes one at every leg): none yet while t < 0.
  private t = -1;
  private alpha = 0n;
  private held = 0n;
  /** The last change of each earlier active day, oldest first (those before the window dropped). */
  private readonly days: Mark[] = [];

  /** `keepMs`: how far back from its latest change a window may start (whole days before that day). */
  constructor(private readonly keepMs: number) {}

  /** From `ts` on the position holds `alpha` (times come in replay order, never decreasing). */
  note(ts: number, alpha: bigint): void {
    const t = this.t;
    if (ts > t && t >= 0) {
      if (Math.floor(ts / DAY_MS) !== Math.floor(t / DAY_MS)) {
        this.days.push({ t, alpha: this.alpha, held: this.held });
        // Keep the mark in force at the earliest midnight a window can start from.
        const horizon = Math.floor(ts / DAY_MS) * DAY_MS - this.keepMs;
        while (this.days.length > 1 && (this.days[1] as Mark).t <= horizon) this.days.shift();
      }
      if (this.alpha !== 0n) this.held += this.alpha * BigInt(ts - t);
    }
    if (ts > t) this.t = ts;
    this.alpha = alpha;
  }

  /**
   * α-rao × ms held from first seen up to `at`: exact when `at` is a UTC midnight or a change time (as
   * `from` in `heldMs`), or no earlier than the last change.
   */
  private heldUpTo(at: number): bigint {
    if (this.t < 0) return 0n;
    if (at >= this.t) return this.held + this.alpha * BigInt(at - this.t);
    for (let i = this.days.length - 1; i >= 0; i--) {
      const mark = this.days[i] as Mark;
      if (mark.t <= at) return mark.held + mark.alpha * BigInt(at - mark.t);
    }
    return 0n;
  }

  /**
   * ∫ α dt over [from, to), in α-rao × ms. `from`: a UTC midnight no more than `keepMs` before the
   * day of the latest change, or a change time; `to`: no earlier than the latest change (the as-of).
   */
  heldMs(from: number, to: number): bigint {
    return this.heldUpTo(to) - this.heldUpTo(from);
  }
}
