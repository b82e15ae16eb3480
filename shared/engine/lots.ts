/**
 * Cost-basis books, one per (coldkey, netuid): the α of one subnet in one wallet is one asset,
 * whichever hotkey holds it (hotkeys are attribution only).
 *
 * Methods: ACB (average cost, default), FIFO, LIFO, HIFO (highest unit cost first).
 * Rounding (see ./units): cost removed with α = floor(cost × α_taken / α_of_lot_or_pool); the
 * remainder stays in the book, so removed + remaining == acquired exactly, for every method.
 *
 * Oversell: α can leave before the engine has booked it (emissions are booked at the next
 * checkpoint). The excess leaves at zero cost and is remembered as a deficit; the next acquisition
 * first covers the deficit and that part's cost is returned as a "late cost" for the caller to
 * realise immediately. This keeps realized + unrealized = proceeds + value − cost at all times.
 * An acquisition of 0 α holds nothing: its whole cost is late cost (a loss now), in every method.
 */

import type { CostBasisMethod } from '../vocab';
import { Totals } from './totals';

export type { CostBasisMethod } from '../vocab';

/** Receives α carried out before it was booked, with its cost, once the sender's book acquires it. */
export type Forward = (alpha: bigint, cost: bigint) => void;

export interface Lot {
  alpha: bigint;
  cost: bigint;
  /** Acquisition order (global ledger sequence; carried lots keep theirs). */
  order: number;
}

export interface LotBook {
  readonly method: CostBasisMethod;
  /** α in the book (excluding any deficit). */
  alpha(): bigint;
  /** Remaining cost basis (rao). */
  cost(): bigint;
  /** α disposed of before it was booked, not yet covered. */
  deficit(): bigint;
  /** Add α at `cost`. Returns the cost that covered a deficit, or all of it for 0 α (to realise now as a loss). */
  acquire(alpha: bigint, cost: bigint, order: number): bigint;
  /** Remove α; returns the cost basis removed. */
  dispose(alpha: bigint): bigint;
  /** Remove α as lots (basis carried to another book); α beyond the book is owed to `forward` when given. */
  take(alpha: bigint, forward?: Forward): Lot[];
  /** Add carried lots. Returns late cost covering a deficit (as `acquire`). */
  put(lots: readonly Lot[]): bigint;
  lots(): Lot[];
}

/** A book of `method`; its totals are cells of `totals` (a store of its own by default). */
export function createLotBook(method: CostBasisMethod, totals: Totals = new Totals(3)): LotBook {
  switch (method) {
    case 'acb':
      return new AverageCostBook(totals);
    case 'hifo':
      return new HighestCostBook(totals);
    case 'fifo':
    case 'lifo':
      return new LotListBook(method, totals);
  }
}

/**
 * What every book keeps: α held, its cost and the α sold beyond it (deficit), as three cells of a
 * typed store (./totals: no bigint kept per update); the replay gives its books the store of its
 * positions, so a book's cells sit next to its first position's.
 */
abstract class BookTotals {
  protected readonly at: number;
  constructor(protected readonly t: Totals) {
    this.at = t.alloc(3);
  }
  protected get a(): bigint {
    return this.t.get(this.at);
  }
  protected set a(v: bigint) {
    this.t.set(this.at, v);
  }
  protected get c(): bigint {
    return this.t.get(this.at + 1);
  }
  protected set c(v: bigint) {
    this.t.set(this.at + 1, v);
  }
  protected get d(): bigint {
    return this.t.get(this.at + 2);
  }
  protected set d(v: bigint) {
    this.t.set(this.at + 2, v);
  }
  alpha(): bigint {
    return this.a;
  }
  cost(): bigint {
    return this.c;
  }
  deficit(): bigint {
    return this.d;
  }
  /** α sold beyond what was held is waiting to be covered (compared on the cell: ./totals `positive`). */
  protected inDeficit(): boolean {
    return this.t.positive(this.at + 2);
  }
  /**
   * An acquisition covers the deficit first (that part's cost is the late cost, realised by the
   * caller, except what goes on to the books owed α): returns the α and cost left to book, and the late cost.
   */
  protected cover(alpha: bigint, cost: bigint): [bigint, bigint, bigint] {
    const d = this.d;
    const covered = alpha < d ? alpha : d;
    const part = covered === alpha ? cost : (cost * covered) / alpha;
    this.d = d - covered;
    let late = part;
    let left = covered;
    const fw = this.owed;
    while (fw !== null && fw.length > 0 && left > 0n) {
      const f = fw[0] as { alpha: bigint; to: Forward };
      const a = f.alpha < left ? f.alpha : left;
      const c = a === left ? late : (late * a) / left;
      if ((f.alpha -= a) === 0n) fw.shift();
      left -= a;
      late -= c;
      f.to(a, c);
    }
    return [alpha - covered, cost - part, late];
  }
  /** Part of the deficit: α carried out beyond the book, owed to `to` (covered first, in order). */
  private owed: { alpha: bigint; to: Forward }[] | null = null;
  protected owe(alpha: bigint, to: Forward | undefined): void {
    if (alpha > 0n && to) (this.owed ??= []).push({ alpha, to });
  }
}

class AverageCostBook extends BookTotals implements LotBook {
  readonly method = 'acb' as const;
  // The replay's hot path (one call per trade): the cells are updated in place.
  acquire(alpha: bigint, cost: bigint): bigint {
    if (alpha === 0n) return cost;
    const t = this.t;
    const i = this.at;
    let late = 0n;
    if (this.inDeficit()) [alpha, cost, late] = this.cover(alpha, cost);
    t.add(i, alpha);
    t.add(i + 1, cost);
    return late;
  }
  dispose(alpha: bigint): bigint {
    const t = this.t;
    const i = this.at;
    const a = t.get(i);
    if (alpha >= a) {
      const removed = t.get(i + 1);
      t.add(i + 2, alpha - a);
      t.set(i, 0n);
      t.set(i + 1, 0n);
      return removed;
    }
    const removed = (t.get(i + 1) * alpha) / a;
    t.sub(i, alpha);
    t.sub(i + 1, removed);
    return removed;
  }
  take(alpha: bigint, forward?: Forward): Lot[] {
    const taken = alpha < this.a ? alpha : this.a;
    const cost = this.dispose(alpha);
    this.owe(alpha - taken, forward);
    return [{ alpha: taken, cost, order: 0 }];
  }
  put(lots: readonly Lot[]): bigint {
    let late = 0n;
    for (const l of lots) if (l.alpha > 0n) late += this.acquire(l.alpha, l.cost);
    return late;
  }
  lots(): Lot[] {
    return this.a > 0n ? [{ alpha: this.a, cost: this.c, order: 0 }] : [];
  }
}

/**
 * FIFO / LIFO: lots kept in acquisition order (head index for FIFO to avoid shifting), consumed from
 * the head (FIFO) or the tail (LIFO).
 */
/**
 * A HIFO lot with its unit cost as a double, used only to order lots that clearly differ (relative gap
 * > 1e-13, far above the ≤ 4e-16 conversion + division error); anything closer is decided by exact bigint
 * cross-products, so the order is exact.
 */
interface HifoLot extends Lot {
  f: number;
}

function unitApprox(alpha: bigint, cost: bigint): number {
  return alpha === 0n ? 0 : Number(cost) / Number(alpha);
}

/** Books that keep individual lots: disposal, carry-out and carry-in all go through removeLots/acquire. */
abstract class LotKeepingBook extends BookTotals implements LotBook {
  abstract readonly method: CostBasisMethod;
  abstract acquire(alpha: bigint, cost: bigint, order: number): bigint;
  abstract lots(): Lot[];
  /** Remove α in the book's order; pushes the (partial) lots removed to `taken` when given. Returns the cost removed. */
  protected abstract removeLots(alpha: bigint, taken: Lot[] | null): bigint;

  dispose(alpha: bigint): bigint {
    return this.removeLots(alpha, null);
  }
  take(alpha: bigint, forward?: Forward): Lot[] {
    const taken: Lot[] = [];
    this.removeLots(alpha, taken);
    let got = 0n;
    for (const l of taken) got += l.alpha;
    this.owe(alpha - got, forward);
    return taken;
  }
  put(lots: readonly Lot[]): bigint {
    let late = 0n;
    for (const l of lots) if (l.alpha > 0n) late += this.acquire(l.alpha, l.cost, l.order);
    return late;
  }
}

class LotListBook extends LotKeepingBook {
  private list: Lot[] = [];
  private head = 0;
  constructor(
    readonly method: 'fifo' | 'lifo',
    totals: Totals,
  ) {
    super(totals);
  }

  acquire(alpha: bigint, cost: bigint, order: number): bigint {
    if (alpha === 0n) return cost;
    let late = 0n;
    if (this.inDeficit()) [alpha, cost, late] = this.cover(alpha, cost);
    if (alpha > 0n) this.insert({ alpha, cost, order });
    return late;
  }

  private insert(lot: Lot): void {
    this.t.add(this.at, lot.alpha);
    this.t.add(this.at + 1, lot.cost);
    const list = this.list;
    const last = list[list.length - 1];
    if (list.length === this.head || (last && this.before(last, lot))) {
      list.push(lot);
      return;
    }
    let lo = this.head;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(list[mid] as Lot, lot)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, lot);
  }

  /** Acquisition order (carried lots keep theirs, so they may land in the middle). */
  private before(x: Lot, y: Lot): boolean {
    return x.order <= y.order;
  }

  /** Remove α; returns the cost removed. Taken lots go to `taken` when given (carry). */
  protected override removeLots(alpha: bigint, taken: Lot[] | null): bigint {
    let need = alpha;
    let cost = 0n;
    const list = this.list;
    const fromHead = this.method === 'fifo';
    while (need > 0n && list.length > this.head) {
      const idx = fromHead ? this.head : list.length - 1;
      const lot = list[idx] as Lot;
      if (lot.alpha <= need) {
        need -= lot.alpha;
        cost += lot.cost;
        if (taken) taken.push(lot);
        if (fromHead) {
          list[idx] = undefined as unknown as Lot;
          this.head++;
        } else list.pop();
      } else {
        const part = (lot.cost * need) / lot.alpha;
        if (taken) taken.push({ alpha: need, cost: part, order: lot.order });
        lot.alpha -= need;
        lot.cost -= part;
        cost += part;
        need = 0n;
      }
    }
    if (this.head > 1024 && this.head * 2 > list.length) {
      this.list = list.slice(this.head);
      this.head = 0;
    }
    this.t.sub(this.at, alpha - need);
    this.t.sub(this.at + 1, cost);
    if (need > 0n) this.t.add(this.at + 2, need);
    return cost;
  }

  lots(): Lot[] {
    return this.list.slice(this.head).map((l) => ({ alpha: l.alpha, cost: l.cost, order: l.order }));
  }
}

/**
 * HIFO as a max-heap on unit cost (ties: the later acquisition first). A partly consumed top lot keeps
 * the remainder of its cost, so its unit cost can only rise and it stays on top: no re-heapify needed.
 */
class HighestCostBook extends LotKeepingBook {
  readonly method = 'hifo' as const;
  private heap: HifoLot[] = [];

  private static higher(x: HifoLot, y: HifoLot): boolean {
    const fx = x.f;
    const fy = y.f;
    if (fx > fy * (1 + 1e-13)) return true;
    if (fy > fx * (1 + 1e-13)) return false;
    const l = x.cost * y.alpha;
    const r = y.cost * x.alpha;
    return l > r || (l === r && x.order > y.order);
  }

  private push(lot: HifoLot): void {
    const h = this.heap;
    h.push(lot);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as HifoLot;
      if (!HighestCostBook.higher(lot, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = lot;
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop() as HifoLot;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && HighestCostBook.higher(h[r] as HifoLot, h[l] as HifoLot) ? r : l;
      if (!HighestCostBook.higher(h[child] as HifoLot, last)) break;
      h[i] = h[child] as HifoLot;
      i = child;
    }
    h[i] = last;
  }

  acquire(alpha: bigint, cost: bigint, order: number): bigint {
    if (alpha === 0n) return cost;
    let late = 0n;
    if (this.inDeficit()) [alpha, cost, late] = this.cover(alpha, cost);
    if (alpha > 0n) {
      this.t.add(this.at, alpha);
      this.t.add(this.at + 1, cost);
      this.push({ alpha, cost, order, f: unitApprox(alpha, cost) });
    }
    return late;
  }

  protected override removeLots(alpha: bigint, taken: Lot[] | null): bigint {
    let need = alpha;
    let cost = 0n;
    while (need > 0n && this.heap.length > 0) {
      const lot = this.heap[0] as HifoLot;
      if (lot.alpha <= need) {
        need -= lot.alpha;
        cost += lot.cost;
        if (taken) taken.push({ alpha: lot.alpha, cost: lot.cost, order: lot.order });
        this.popTop();
      } else {
        const part = (lot.cost * need) / lot.alpha;
        if (taken) taken.push({ alpha: need, cost: part, order: lot.order });
        lot.alpha -= need;
        lot.cost -= part;
        lot.f = unitApprox(lot.alpha, lot.cost);
        cost += part;
        need = 0n;
      }
    }
    this.t.sub(this.at, alpha - need);
    this.t.sub(this.at + 1, cost);
    if (need > 0n) this.t.add(this.at + 2, need);
    return cost;
  }

  /** Lots in consumption order (highest unit cost first). */
  lots(): Lot[] {
    return [...this.heap]
      .sort((x, y) => (HighestCostBook.higher(x, y) ? -1 : HighestCostBook.higher(y, x) ? 1 : 0))
      .map((l) => ({ alpha: l.alpha, cost: l.cost, order: l.order }));
  }
}
