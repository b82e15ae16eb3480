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
 * α carried to another wallet's book before it was booked is owed there: the cover hands it on (./carry).
 * When two books owe each other, α that comes back to a book while it is handing α on is held there,
 * not covered again (./lot-base `cover`), so a cover never goes round the cycle more than once.
 */

import type { CostBasisMethod } from '../vocab';
import { Totals } from './totals';
import {
  BookTotals,
  LotKeepingBook,
  type CarriedLot,
  type FiatCost,
  type Forward,
  type Lot,
  type LotBook,
} from './lot-base';

export type { CostBasisMethod } from '../vocab';
export type { CarriedLot, FiatCost, Forward, Lot, LotBook } from './lot-base';

/** A book of `method`; its totals are cells of `totals` (a store of its own by default). */
export function createLotBook(method: CostBasisMethod, totals: Totals = new Totals(5)): LotBook {
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

class AverageCostBook extends BookTotals implements LotBook {
  readonly method = 'acb' as const;
  // The replay's hot path (one call per trade): the cells are updated in place.
  protected hold(alpha: bigint, cost: bigint, _order: number, fiat: FiatCost): void {
    const t = this.t;
    const i = this.at;
    t.add(i, alpha);
    t.add(i + 1, cost);
    this.holdFiat(alpha, fiat);
  }
  dispose(alpha: bigint): bigint {
    const t = this.t;
    const i = this.at;
    const a = t.get(i);
    this.out = this.poolFiat(alpha, a);
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
  take(alpha: bigint, forward?: Forward): CarriedLot[] {
    const taken = alpha < this.a ? alpha : this.a;
    const cost = this.dispose(alpha);
    this.owe(alpha - taken, forward);
    return [{ alpha: taken, cost, order: 0, fiat: this.out }];
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
interface HifoLot extends CarriedLot {
  f: number;
}

function unitApprox(alpha: bigint, cost: bigint): number {
  return alpha === 0n ? 0 : Number(cost) / Number(alpha);
}

class LotListBook extends LotKeepingBook {
  private list: CarriedLot[] = [];
  private head = 0;
  constructor(
    readonly method: 'fifo' | 'lifo',
    totals: Totals,
  ) {
    super(totals);
  }

  protected hold(alpha: bigint, cost: bigint, order: number, fiat: FiatCost): void {
    this.insert({ alpha, cost, order, fiat });
  }

  private insert(lot: CarriedLot): void {
    this.t.add(this.at, lot.alpha);
    this.t.add(this.at + 1, lot.cost);
    this.holdFiat(lot.alpha, lot.fiat);
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
  protected override removeLots(alpha: bigint, taken: CarriedLot[] | null): bigint {
    let need = alpha;
    let cost = 0n;
    const list = this.list;
    const fromHead = this.method === 'fifo';
    this.out = 0n;
    while (need > 0n && list.length > this.head) {
      const idx = fromHead ? this.head : list.length - 1;
      const lot = list[idx] as CarriedLot;
      const whole = lot.alpha <= need;
      const got = this.part(lot, need);
      need -= got.alpha;
      cost += got.cost;
      if (taken) taken.push(got);
      if (!whole) break;
      if (fromHead) {
        list[idx] = undefined as unknown as CarriedLot;
        this.head++;
      } else list.pop();
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

  protected hold(alpha: bigint, cost: bigint, order: number, fiat: FiatCost): void {
    this.t.add(this.at, alpha);
    this.t.add(this.at + 1, cost);
    this.holdFiat(alpha, fiat);
    this.push({ alpha, cost, order, fiat, f: unitApprox(alpha, cost) });
  }

  protected override removeLots(alpha: bigint, taken: CarriedLot[] | null): bigint {
    let need = alpha;
    let cost = 0n;
    this.out = 0n;
    while (need > 0n && this.heap.length > 0) {
      const lot = this.heap[0] as HifoLot;
      const whole = lot.alpha <= need;
      const got = this.part(lot, need);
      need -= got.alpha;
      cost += got.cost;
      if (taken) taken.push(whole ? { alpha: lot.alpha, cost: lot.cost, order: lot.order, fiat: lot.fiat } : got);
      if (whole) this.popTop();
      else lot.f = unitApprox(lot.alpha, lot.cost);
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
