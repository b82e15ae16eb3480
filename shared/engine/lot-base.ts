/**
 * What every cost-basis book (./lots) shares: the types, the five cells of its totals, deficit cover
 * and the fiat cost each lot carries beside its TAO cost.
 *
 * Fiat cost (1e-8 fiat units, `FIAT_SCALE`): what the α cost in fiat on the day it was acquired (TAO
 * paid × that day's TAO/fiat price, floored; see ./state). It follows its α exactly as the TAO cost
 * does: a part of a lot takes `floor(fiat × α_taken / α_of_lot_or_pool)` and the remainder stays, it is
 * carried with the lots, and it covers a deficit with the α. `null` is a fiat cost that is not known
 * (bought on a day without a price): never guessed, whatever it is part of is unknown too. The order of
 * consumption is decided on TAO cost alone, so TAO figures do not depend on fiat prices.
 */
import type { CostBasisMethod } from '../vocab';
import type { Totals } from './totals';

/** Fiat cost (1e-8 fiat units); null when unknown (a day without a TAO/fiat price). */
export type FiatCost = bigint | null;

/** Receives α carried out before it was booked, with its cost, once the sender's book acquires it. */
export type Forward = (alpha: bigint, cost: bigint, fiat: FiatCost) => void;

export interface Lot {
  alpha: bigint;
  cost: bigint;
  /** Acquisition order (global ledger sequence; carried lots keep theirs). */
  order: number;
}

/** A lot with its fiat cost: what `take` hands from one book to another. */
export interface CarriedLot extends Lot {
  fiat: FiatCost;
}

export interface LotBook {
  readonly method: CostBasisMethod;
  /** α in the book (excluding any deficit). */
  alpha(): bigint;
  /** Remaining cost basis (rao). */
  cost(): bigint;
  /** Remaining fiat cost basis; null when some α in the book has an unknown one. */
  fiatCost(): FiatCost;
  /** α disposed of before it was booked, not yet covered. */
  deficit(): bigint;
  /**
   * Add α at `cost` (and `fiat`, 0 by default). Returns the cost that covered a deficit, or all of it
   * for 0 α (to realise now as a loss); its fiat part is `fiatOut()`.
   */
  acquire(alpha: bigint, cost: bigint, order: number, fiat?: FiatCost): bigint;
  /** Remove α; returns the cost basis removed (its fiat part is `fiatOut()`). */
  dispose(alpha: bigint): bigint;
  /** The fiat part of what the last `acquire`, `put` or `dispose` returned. */
  fiatOut(): FiatCost;
  /** Remove α as lots (basis carried to another book); α beyond the book is owed to `forward` when given. */
  take(alpha: bigint, forward?: Forward): CarriedLot[];
  /** Add carried lots. Returns late cost covering a deficit (as `acquire`). */
  put(lots: readonly CarriedLot[]): bigint;
  lots(): Lot[];
}

/** floor(fiat × part / whole); an unknown fiat cost stays unknown. */
export function fiatPart(fiat: FiatCost, part: bigint, whole: bigint): FiatCost {
  return fiat === null ? null : part === whole ? fiat : (fiat * part) / whole;
}

export function addFiat(x: FiatCost, y: FiatCost): FiatCost {
  return x === null || y === null ? null : y === 0n ? x : x + y;
}

export function subFiat(x: FiatCost, y: FiatCost): FiatCost {
  return x === null || y === null ? null : y === 0n ? x : x - y;
}

const A = 0; // α held
const C = 1; // its cost
const D = 2; // α sold beyond it (deficit)
const F = 3; // the known fiat cost of the α held
const U = 4; // α held whose fiat cost is unknown

/**
 * What every book keeps: α held, its cost, the α sold beyond it (deficit) and the fiat cost (known part,
 * and the α whose fiat cost is unknown), as cells of a typed store (./totals: no bigint kept per update);
 * the replay gives its books the store of its positions, so a book's cells sit next to its first position's.
 */
export abstract class BookTotals {
  protected readonly at: number;
  /** See `fiatOut`. */
  protected out: FiatCost = 0n;
  /** The fiat cost left to book after `cover`. */
  protected fiatLeft: FiatCost = 0n;
  constructor(protected readonly t: Totals) {
    this.at = t.alloc(5);
  }
  /** Book α the deficit left over (> 0) at its cost and fiat cost. */
  protected abstract hold(alpha: bigint, cost: bigint, order: number, fiat: FiatCost): void;
  // The replay's hot path (one call per trade).
  acquire(alpha: bigint, cost: bigint, order: number, fiat: FiatCost = 0n): bigint {
    if (alpha === 0n) {
      this.out = fiat;
      return cost;
    }
    this.out = 0n;
    let late = 0n;
    if (this.inDeficit() && !this.forwarding) {
      [alpha, cost, late] = this.cover(alpha, cost, fiat);
      fiat = this.fiatLeft;
    }
    if (alpha > 0n) this.hold(alpha, cost, order, fiat);
    return late;
  }
  protected get a(): bigint {
    return this.t.get(this.at + A);
  }
  protected set a(v: bigint) {
    this.t.set(this.at + A, v);
  }
  protected get c(): bigint {
    return this.t.get(this.at + C);
  }
  protected get d(): bigint {
    return this.t.get(this.at + D);
  }
  protected set d(v: bigint) {
    this.t.set(this.at + D, v);
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
  fiatOut(): FiatCost {
    return this.out;
  }
  fiatCost(): FiatCost {
    return this.t.positive(this.at + U) ? null : this.t.get(this.at + F);
  }
  /** α sold beyond what was held is waiting to be covered (compared on the cell: ./totals `positive`). */
  protected inDeficit(): boolean {
    return this.t.positive(this.at + D);
  }
  /** `alpha` at fiat cost `fiat` joins (or `leaves`) the book's fiat cells. */
  protected holdFiat(alpha: bigint, fiat: FiatCost, leaves = false): void {
    const i = fiat === null ? this.at + U : this.at + F;
    const x = fiat === null ? alpha : fiat;
    if (x === 0n) return;
    if (leaves) this.t.sub(i, x);
    else this.t.add(i, x);
  }
  /** The fiat cells' part for `alpha` of the `held` α of a pool (ACB): removed from the cells; null if any is unknown. */
  protected poolFiat(alpha: bigint, held: bigint): FiatCost {
    const t = this.t;
    const whole = alpha >= held;
    let removed: FiatCost = 0n;
    if (t.positive(this.at + F)) {
      removed = whole ? t.get(this.at + F) : (t.get(this.at + F) * alpha) / held;
      t.sub(this.at + F, removed);
    }
    if (!t.positive(this.at + U)) return removed;
    t.sub(this.at + U, whole ? t.get(this.at + U) : (t.get(this.at + U) * alpha) / held);
    return null;
  }
  /**
   * An acquisition covers the deficit first (that part's cost is the late cost, realised by the
   * caller, except what goes on to the books owed α): returns the α and cost left to book, and the late
   * cost; the fiat cost left to book is `fiatLeft`, the late fiat cost `out`.
   */
  protected cover(alpha: bigint, cost: bigint, fiat: FiatCost): [bigint, bigint, bigint] {
    const d = this.d;
    const covered = alpha < d ? alpha : d;
    const part = covered === alpha ? cost : (cost * covered) / alpha;
    const partFiat = fiatPart(fiat, covered, alpha);
    this.d = d - covered;
    let late = part;
    let lateFiat = partFiat;
    let left = covered;
    const fw = this.owed;
    // While it hands α on, α that comes back to this book through books that owe it in turn (two wallets
    // that each carried unbooked α to the other) is held here, not covered again: covering it would send it
    // round the cycle again, a chunk at a time until a deficit ran out, one stack frame per turn
    // (RangeError: an acquisition of 1 α-rao against debts of 10^6 α-rao; lot-oracle.test.ts). The debts
    // left are covered by the bookings still to come, as any deficit is.
    this.forwarding = true;
    try {
      while (fw !== null && fw.length > 0 && left > 0n) {
        const f = fw[0] as { alpha: bigint; to: Forward };
        const a = f.alpha < left ? f.alpha : left;
        const c = a === left ? late : (late * a) / left;
        const cf = fiatPart(lateFiat, a, left);
        if ((f.alpha -= a) === 0n) fw.shift();
        left -= a;
        late -= c;
        lateFiat = subFiat(lateFiat, cf);
        f.to(a, c, cf);
      }
    } finally {
      this.forwarding = false;
    }
    this.fiatLeft = subFiat(fiat, partFiat);
    this.out = lateFiat;
    return [alpha - covered, cost - part, late];
  }
  /** Part of the deficit: α carried out beyond the book, owed to `to` (covered first, in order). */
  private owed: { alpha: bigint; to: Forward }[] | null = null;
  /** Handing covered α on to the books owed it (see `cover`). */
  private forwarding = false;
  protected owe(alpha: bigint, to: Forward | undefined): void {
    if (alpha > 0n && to) (this.owed ??= []).push({ alpha, to });
  }
  put(lots: readonly CarriedLot[]): bigint {
    let late = 0n;
    let lateFiat: FiatCost = 0n;
    for (const l of lots)
      if (l.alpha > 0n) {
        late += this.acquire(l.alpha, l.cost, l.order, l.fiat);
        lateFiat = addFiat(lateFiat, this.out);
      }
    this.out = lateFiat;
    return late;
  }
}

/** Books that keep individual lots: disposal, carry-out and carry-in all go through removeLots/acquire. */
export abstract class LotKeepingBook extends BookTotals implements LotBook {
  abstract readonly method: CostBasisMethod;
  abstract lots(): Lot[];
  /**
   * Remove α in the book's order; pushes the (partial) lots removed to `taken` when given. Returns the
   * cost removed; its fiat cost is `out`.
   */
  protected abstract removeLots(alpha: bigint, taken: CarriedLot[] | null): bigint;

  dispose(alpha: bigint): bigint {
    return this.removeLots(alpha, null);
  }
  take(alpha: bigint, forward?: Forward): CarriedLot[] {
    const taken: CarriedLot[] = [];
    this.removeLots(alpha, taken);
    let got = 0n;
    for (const l of taken) got += l.alpha;
    this.owe(alpha - got, forward);
    return taken;
  }
  /** Take `need` α of `lot` (all of it when it has no more): the part removed, its fiat cost added to `out`. */
  protected part(lot: CarriedLot, need: bigint): CarriedLot {
    if (lot.alpha <= need) {
      this.holdFiat(lot.alpha, lot.fiat, true);
      this.out = addFiat(this.out, lot.fiat);
      return lot;
    }
    const cost = (lot.cost * need) / lot.alpha;
    const fiat = fiatPart(lot.fiat, need, lot.alpha);
    this.holdFiat(need, fiat, true);
    this.out = addFiat(this.out, fiat);
    lot.alpha -= need;
    lot.cost -= cost;
    lot.fiat = subFiat(lot.fiat, fiat);
    return { alpha: need, cost, order: lot.order, fiat };
  }
}
