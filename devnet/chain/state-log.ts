/**
 * Per-key change logs: the value of a storage key at block B is the last change at or before B
 * (binary search). This is what lets a year of history live in memory without one copy of the
 * state per block.
 */
export class ChangeLog<V> {
  readonly blocks: number[] = [];
  readonly values: (V | undefined)[] = [];
  /** Bumped by every write and truncation (lets a reader keep what it derived from the log until then). */
  writes = 0;
  /** Bumped by every write and truncation of any log: nothing derived from logs is stale while it is unchanged. */
  static allWrites = 0;

  /** Index of the last change at or before `block`, or -1 (into `blocks` and `values`). */
  indexAt(block: number): number {
    const b = this.blocks;
    let lo = 0;
    let hi = b.length - 1;
    if (hi < 0 || (b[0] as number) > block) return -1;
    if ((b[hi] as number) <= block) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((b[mid] as number) <= block) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Block of the last change at or before `block` (or undefined). */
  changedAt(block: number): number | undefined {
    const i = this.indexAt(block);
    return i < 0 ? undefined : this.blocks[i];
  }

  at(block: number): V | undefined {
    const i = this.indexAt(block);
    return i < 0 ? undefined : this.values[i];
  }

  latest(): V | undefined {
    return this.values[this.values.length - 1];
  }

  /** Record `value` (undefined = deleted) from `block` on. Blocks must be non-decreasing. */
  set(block: number, value: V | undefined): void {
    const n = this.blocks.length;
    const last = this.blocks[n - 1];
    if (last !== undefined && last > block) throw new Error(`change log: write at ${block} after ${last}`);
    this.writes++;
    ChangeLog.allWrites++;
    if (last === block) this.values[n - 1] = value;
    else {
      this.blocks.push(block);
      this.values.push(value);
    }
  }

  /** Drop every change after `block` (reorg rollback). Returns true if the log is now empty. */
  truncateAfter(block: number): boolean {
    this.writes++;
    ChangeLog.allWrites++;
    while (this.blocks.length && (this.blocks[this.blocks.length - 1] as number) > block) {
      this.blocks.pop();
      this.values.pop();
    }
    return this.blocks.length === 0;
  }

  /** Blocks at which the value changed within [from, to]. */
  changesBetween(from: number, to: number): number[] {
    return this.blocks.filter((b) => b >= from && b <= to);
  }
}
