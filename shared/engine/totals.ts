/**
 * Running totals kept in one BigInt64Array instead of bigint fields of long-lived objects.
 *
 * Why: a bigint is a heap object, so `p.x += y` on an object that lives through the replay allocates
 * the sum, records an old-to-new pointer (write barrier) and makes every young collection copy the
 * totals still referenced; over 1M events that was a large share of the computation. A typed array
 * cell holds the 64-bit value itself, and V8 compiles `a[i] = BigInt.asIntN(64, a[i] + x)` to
 * machine integer arithmetic (no allocation at all).
 *
 * Exactness: amounts are bigint rao and must never wrap. A cell's value is `a[i]` plus a bigint carry
 * kept for the rare cell whose exact value left the signed 64-bit range (21M TAO is 2.1e16 rao, the
 * range ends at 9.2e18, but cumulative totals and fiat figures are unbounded in principle). `add`
 * detects a wrap (the truncated sum minus the addend is not the old value) and moves the exact sum
 * into the carry, so every read stays exact whatever the magnitudes.
 */

export class Totals {
  /** The cells (replaced by a larger array when `alloc` outgrows it: read it through this field). */
  cells: BigInt64Array;
  private used = 0;
  /** Exact excess over `cells[i]` of the cells that overflowed; null while none has. */
  private carry: Map<number, bigint> | null = null;

  constructor(capacity = 64) {
    this.cells = new BigInt64Array(capacity);
  }

  /** Reserve `n` zeroed cells; returns the first one's index. */
  alloc(n: number): number {
    const base = this.used;
    this.used += n;
    if (this.used > this.cells.length) {
      const grown = new BigInt64Array(Math.max(this.used, this.cells.length * 2));
      grown.set(this.cells);
      this.cells = grown;
    }
    return base;
  }

  get(i: number): bigint {
    const v = this.cells[i] as bigint;
    return this.carry === null ? v : v + (this.carry.get(i) ?? 0n);
  }

  set(i: number, v: bigint): void {
    const low = BigInt.asIntN(64, v);
    if (low === v) {
      this.cells[i] = v;
      this.carry?.delete(i);
      return;
    }
    this.cells[i] = 0n;
    (this.carry ??= new Map()).set(i, v);
  }

  add(i: number, x: bigint): void {
    const cells = this.cells;
    const old = cells[i] as bigint;
    const sum = BigInt.asIntN(64, old + x);
    // Exact when nothing wrapped (x itself may be any size: then sum − x differs from old too).
    if (sum - x === old) cells[i] = sum;
    else this.spill(i, old + x);
  }

  /** Whether cell `i` is above zero, compared in place while no cell has spilled (see `widen`). */
  positive(i: number): boolean {
    return this.carry === null ? (this.cells[i] as bigint) > 0n : this.get(i) > 0n;
  }

  /**
   * Widen the range [cells `lo`, `hi`] to include cell `v` (a position's α window). With no cell
   * spilled the cells are compared in place, which V8 does on the raw 64-bit values: `get` would make
   * a bigint of each, on every trade.
   */
  widen(v: number, lo: number, hi: number): void {
    if (this.carry === null) {
      const cells = this.cells;
      const x = cells[v] as bigint;
      if (x < (cells[lo] as bigint)) cells[lo] = x;
      if (x > (cells[hi] as bigint)) cells[hi] = x;
      return;
    }
    const x = this.get(v);
    if (x < this.get(lo)) this.set(lo, x);
    if (x > this.get(hi)) this.set(hi, x);
  }

  /** Subtract (the replay's disposals: no negated amount to allocate). */
  sub(i: number, x: bigint): void {
    const cells = this.cells;
    const old = cells[i] as bigint;
    const diff = BigInt.asIntN(64, old - x);
    if (diff + x === old) cells[i] = diff;
    else this.spill(i, old - x);
  }

  /** The cell's part `exact` outgrew: kept in the carry, the cell restarts at 0. */
  private spill(i: number, exact: bigint): void {
    const carry = (this.carry ??= new Map());
    carry.set(i, (carry.get(i) ?? 0n) + exact);
    this.cells[i] = 0n;
  }

  /** Whether any cell has overflowed (tests). */
  get spilled(): boolean {
    return this.carry !== null && this.carry.size > 0;
  }
}
