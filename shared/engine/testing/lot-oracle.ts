/**
 * An independent reference model of the engine's accounting (lot-oracle.test.ts compares the two), written
 * from the rules in shared/engine/README.md and the module headers, not from the books' code:
 * - one lot book per (coldkey, netuid), shared by its hotkeys; ACB pools, FIFO / LIFO take the earliest /
 *   latest acquisition, HIFO the highest unit cost (exact; ties: the later acquisition);
 * - cost removed with α = floor(cost × α taken / α of the lot or pool), the remainder stays;
 * - α sold beyond the book leaves at zero cost as a deficit; the next acquisition covers it first and
 *   that part's cost is realized at once (a late loss), except the part owed to a book the α was carried
 *   to, which goes there as a lot; an acquisition of 0 α is all late cost; α that comes back to a book
 *   while it hands α on (two books owing each other) is held there, not covered again;
 * - a same-subnet move between tracked positions carries lots and realizes nothing; a move between two
 *   hotkeys of one coldkey leaves the book as it was (hotkeys are attribution only);
 * - checkpoints: growth of a position that held α after some block of the interval before the
 *   checkpoint block (or at the previous checkpoint) is emission (income at the checkpoint price, a lot at
 *   that value under 'income', at 0 under 'zero'); other growth is unexplained (a lot at 0); a decrease is
 *   unexplained (disposed of at no proceeds); α at a first checkpoint at the history start is an opening
 *   lot at the checkpoint price, counted in taoIn.
 * The semantic operations (`Op`) are what the chain did, as the generator (./oracle-ledger) knows it: a
 * transfer to or from a stranger, a cross-subnet move, a coldkey swap with a stranger, a dissolution and a
 * batched fill are buys and sells at their TAO; a hotkey swap and a coldkey swap between watched wallets
 * are carries; α fees and burns are expenses; root claims are income.
 */
import type { CostBasisMethod, RewardTreatment } from '../../vocab';

export type Rewards = RewardTreatment;

/** One thing that happened, in replay order (block, then event order; checkpoints last in their block). */
export type Op =
  | { k: 'buy'; block: number; c: string; h: string; n: number; alpha: bigint; tao: bigint }
  | { k: 'sell'; block: number; c: string; h: string; n: number; alpha: bigint; tao: bigint }
  | { k: 'expense'; block: number; c: string; h: string; n: number; alpha: bigint }
  | { k: 'income'; block: number; c: string; h: string; n: number; alpha: bigint; tao: bigint }
  | { k: 'carry'; block: number; c: string; h: string; n: number; c2: string; h2: string; alpha: bigint; tao: bigint }
  | { k: 'cp'; block: number; c: string; h: string; n: number; alpha: bigint; opening: boolean };

interface Lot {
  alpha: bigint;
  cost: bigint;
  order: number;
  /** Insertion sequence: lots of equal order are taken first-in first (FIFO), last-in first (LIFO, HIFO). */
  seq: number;
}

let seqNo = 0;

export class RefBook {
  lots: Lot[] = [];
  deficit = 0n;
  owed: { alpha: bigint; to: (alpha: bigint, cost: bigint) => void }[] = [];
  private forwarding = false;
  constructor(readonly method: CostBasisMethod) {}

  alpha(): bigint {
    return this.lots.reduce((s, l) => s + l.alpha, 0n);
  }
  cost(): bigint {
    return this.lots.reduce((s, l) => s + l.cost, 0n);
  }

  private hold(alpha: bigint, cost: bigint, order: number): void {
    if (this.method === 'acb') {
      const pool = this.lots[0];
      if (pool) {
        pool.alpha += alpha;
        pool.cost += cost;
      } else this.lots.push({ alpha, cost, order: 0, seq: seqNo++ });
      return;
    }
    this.lots.push({ alpha, cost, order, seq: seqNo++ });
  }

  /** Index of the lot the method takes next. */
  private next(): number {
    let best = 0;
    for (let i = 1; i < this.lots.length; i++) {
      const x = this.lots[i] as Lot;
      const b = this.lots[best] as Lot;
      const later = x.order > b.order || (x.order === b.order && x.seq > b.seq);
      if (this.method === 'fifo' ? !later : this.method === 'lifo' ? later : false) best = i;
      if (this.method === 'hifo') {
        const l = x.cost * b.alpha;
        const r = b.cost * x.alpha;
        if (l > r || (l === r && later)) best = i;
      }
    }
    return best;
  }

  /** Remove α in the method's order: the parts taken; α beyond the book joins the deficit. */
  take(alpha: bigint): Lot[] {
    let need = alpha;
    const out: Lot[] = [];
    while (need > 0n && this.lots.length > 0) {
      const i = this.next();
      const lot = this.lots[i] as Lot;
      if (lot.alpha <= need) {
        this.lots.splice(i, 1);
        out.push(lot);
        need -= lot.alpha;
      } else {
        const cost = (lot.cost * need) / lot.alpha;
        lot.alpha -= need;
        lot.cost -= cost;
        out.push({ alpha: need, cost, order: lot.order, seq: seqNo++ });
        need = 0n;
      }
    }
    if (this.lots.length === 1 && this.method === 'acb' && (this.lots[0] as Lot).alpha === 0n) this.lots = [];
    this.deficit += need;
    return out;
  }

  dispose(alpha: bigint): bigint {
    return this.take(alpha).reduce((s, l) => s + l.cost, 0n);
  }

  /** Add α at a cost; returns the late cost (covered deficit not owed elsewhere, or all of it for 0 α). */
  acquire(alpha: bigint, cost: bigint, order: number): bigint {
    if (alpha === 0n) return cost;
    let late = 0n;
    // α that comes back through books owing this one while it hands α on is held, not covered again.
    if (this.deficit > 0n && !this.forwarding) {
      const covered = alpha < this.deficit ? alpha : this.deficit;
      const part = covered === alpha ? cost : (cost * covered) / alpha;
      this.deficit -= covered;
      late = part;
      let left = covered;
      this.forwarding = true;
      while (this.owed.length > 0 && left > 0n) {
        const f = this.owed[0] as { alpha: bigint; to: (a: bigint, c: bigint) => void };
        const a = f.alpha < left ? f.alpha : left;
        const c = a === left ? late : (late * a) / left;
        f.alpha -= a;
        if (f.alpha === 0n) this.owed.shift();
        left -= a;
        late -= c;
        f.to(a, c);
      }
      this.forwarding = false;
      alpha -= covered;
      cost -= part;
    }
    if (alpha > 0n) this.hold(alpha, cost, order);
    return late;
  }
}

export interface RefPosition {
  key: string;
  c: string;
  h: string;
  n: number;
  alpha: bigint;
  realized: bigint;
  taoIn: bigint;
  taoOut: bigint;
  incomeTao: bigint;
  emissionTao: bigint;
  alphaEmitted: bigint;
  alphaUnexplained: bigint;
  alphaUnexplainedIn: bigint;
  alphaOpening: bigint;
  /** Largest α after a block with legs (or at the last checkpoint) in the open interval. */
  windowMax: bigint;
  legBlock: number;
}

/** The reference replay of `ops`; `priceAt(n, block)` is the latest snapshot price at or before the block. */
export class RefModel {
  readonly books = new Map<string, RefBook>();
  readonly positions = new Map<string, RefPosition>();
  /** Positions of each book in the order they opened. */
  readonly members = new Map<string, RefPosition[]>();
  private order = 0;
  constructor(
    readonly method: CostBasisMethod,
    readonly rewards: Rewards,
    readonly priceAt: (n: number, block: number) => bigint,
  ) {}

  book(c: string, n: number): RefBook {
    const k = `${c}|${n}`;
    let b = this.books.get(k);
    if (!b) {
      b = new RefBook(this.method);
      this.books.set(k, b);
      this.members.set(k, []);
    }
    return b;
  }

  pos(c: string, h: string, n: number): RefPosition {
    const key = `${c}|${h}|${n}`;
    let p = this.positions.get(key);
    if (!p) {
      this.book(c, n);
      p = {
        key,
        c,
        h,
        n,
        alpha: 0n,
        realized: 0n,
        taoIn: 0n,
        taoOut: 0n,
        incomeTao: 0n,
        emissionTao: 0n,
        alphaEmitted: 0n,
        alphaUnexplained: 0n,
        alphaUnexplainedIn: 0n,
        alphaOpening: 0n,
        windowMax: 0n,
        legBlock: -1,
      };
      this.positions.set(key, p);
      this.members.get(`${c}|${n}`)?.push(p);
    }
    return p;
  }

  /** A leg of `p` in `block`: the α after an earlier block with legs is α an epoch may have paid on. */
  private leg(p: RefPosition, block: number): void {
    if (p.legBlock >= 0 && p.legBlock !== block && p.alpha > p.windowMax) p.windowMax = p.alpha;
    p.legBlock = block;
  }

  private acquire(p: RefPosition, alpha: bigint, cost: bigint): void {
    p.realized -= this.book(p.c, p.n).acquire(alpha, cost, this.order++);
  }

  apply(op: Op): void {
    if (op.k === 'cp') return this.checkpoint(op);
    const p = this.pos(op.c, op.h, op.n);
    const book = this.book(op.c, op.n);
    if (op.k === 'carry') {
      const q = this.pos(op.c2, op.h2, op.n);
      this.leg(p, op.block);
      this.leg(q, op.block);
      p.alpha -= op.alpha;
      q.alpha += op.alpha;
      p.taoOut += op.tao;
      q.taoIn += op.tao;
      if (op.c === op.c2) return; // one book: hotkeys are attribution only
      const dest = this.book(op.c2, op.n);
      const held = book.alpha();
      const lots = book.take(op.alpha);
      if (op.alpha > held) {
        book.owed.push({
          alpha: op.alpha - held,
          to: (a, c) => void (q.realized -= dest.acquire(a, c, this.order++)),
        });
      }
      for (const l of lots) q.realized -= dest.acquire(l.alpha, l.cost, l.order);
      return;
    }
    this.leg(p, op.block);
    if (op.k === 'buy') {
      p.alpha += op.alpha;
      p.taoIn += op.tao;
      this.acquire(p, op.alpha, op.tao);
    } else if (op.k === 'sell') {
      p.alpha -= op.alpha;
      p.taoOut += op.tao;
      p.realized += op.tao - book.dispose(op.alpha);
    } else if (op.k === 'expense') {
      p.alpha -= op.alpha;
      p.realized -= book.dispose(op.alpha);
    } else {
      p.alpha += op.alpha;
      p.incomeTao += op.tao;
      this.acquire(p, op.alpha, this.rewards === 'income' ? op.tao : 0n);
    }
  }

  private checkpoint(cp: Extract<Op, { k: 'cp' }>): void {
    const p = this.pos(cp.c, cp.h, cp.n);
    if (p.legBlock >= 0 && p.legBlock < cp.block && p.alpha > p.windowMax) p.windowMax = p.alpha;
    const held = p.windowMax > 0n;
    const delta = cp.alpha - p.alpha;
    p.windowMax = cp.alpha;
    p.legBlock = -1;
    p.alpha = cp.alpha;
    const value = (delta * this.priceAt(cp.n, cp.block)) / 1_000_000_000n;
    if (delta > 0n && cp.opening) {
      p.alphaOpening += delta;
      p.taoIn += value;
      this.acquire(p, delta, value);
    } else if (delta > 0n && held) {
      p.alphaEmitted += delta;
      p.incomeTao += value;
      p.emissionTao += value;
      this.acquire(p, delta, this.rewards === 'income' ? value : 0n);
    } else if (delta > 0n) {
      p.alphaUnexplainedIn += delta;
      this.acquire(p, delta, 0n);
    } else if (delta < 0n) {
      p.alphaUnexplained -= delta;
      p.realized -= this.book(cp.c, cp.n).dispose(-delta);
    }
  }

  /** Each position's cost basis: its book's cost split by α held, floored, the remainder to the largest (first). */
  costBasis(): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const [k, ps] of this.members) {
      const cost = (this.books.get(k) as RefBook).cost();
      const w = (p: RefPosition): bigint => (p.alpha > 0n ? p.alpha : 0n);
      const total = ps.reduce((s, p) => s + w(p), 0n);
      let given = 0n;
      let largest: RefPosition | undefined;
      for (const p of ps) {
        const c = total === 0n ? 0n : (cost * w(p)) / total;
        out.set(p.key, c);
        given += c;
        if (!largest || w(p) > w(largest)) largest = p;
      }
      if (largest) out.set(largest.key, (out.get(largest.key) as bigint) + cost - given);
    }
    return out;
  }
}
