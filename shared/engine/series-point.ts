/**
 * The sums behind a series point (./timeseries): value, cost basis, realized, income and net flow,
 * per subnet and in total, kept as running sums once the recorder goes live (the incremental path:
 * live sync finishes the series after every appended block, each finish making the as-of point).
 *
 * A point sums every position and lot book. Between two points only the positions and books that the
 * replayed items named change (a leg names its position and book, a checkpoint its position), so
 * their last contributions are taken out of the sums and their new ones added; a subnet whose price
 * at the point's block differs from the one its positions were valued at is revalued whole. A new
 * position or book makes the sums anew (the order of `bySubnet` is the positions' order). The sums
 * are exact (bigint), so a point equals the one made by visiting everything
 * (shared/engine/incremental.test.ts compares every finish with a series recorded anew).
 */
import { bookKey } from './position';
import type { PositionAcc, PortfolioState } from './state';
import type { ReplayItem } from './replay';
import { alphaToTao } from './units';

/** Cumulative figures of one subnet at a point (./timeseries SubnetPoint). */
export interface PointSums {
  value: bigint;
  costBasis: bigint;
  realizedCum: bigint;
  incomeCum: bigint;
  netInvested: bigint;
}

const zero = (): PointSums => ({ value: 0n, costBasis: 0n, realizedCum: 0n, incomeCum: 0n, netInvested: 0n });

/** A position's last contribution to the sums. */
interface Part {
  realized: bigint;
  income: bigint;
  flow: bigint;
  value: bigint;
}

export class RunningSums {
  private readonly parts = new Map<PositionAcc, Part>();
  private readonly costs = new Map<string, { cost: bigint; sums: PointSums | undefined }>();
  private readonly bySubnet = new Map<number, PointSums>();
  private readonly members = new Map<number, PositionAcc[]>();
  /** The price each subnet's positions were valued at. */
  private readonly priced = new Map<number, bigint | null>();
  private total = zero();
  private positions = new Set<PositionAcc>();
  private books = new Set<string>();
  /** The price book's snapshot count and the block of the last point (prices are the same while both allow). */
  private added = -1;
  private block = -1;

  constructor(private readonly state: PortfolioState) {}

  /** An item was replayed: note the positions and books it named. */
  note(item: ReplayItem): void {
    const s = this.state;
    if (item.kind === 'checkpoint') {
      const c = item.checkpoint;
      const p = s.find(c.coldkey, c.hotkey, c.netuid);
      if (p) this.positions.add(p);
      this.books.add(bookKey(c.coldkey, c.netuid));
      return;
    }
    const e = item.entry;
    const legs = e.legCount === 1 ? [e.firstLeg] : e.legs;
    for (const l of legs) {
      const p = s.find(l.coldkey, l.hotkey, l.netuid);
      if (p) this.positions.add(p);
      this.books.add(bookKey(l.coldkey, l.netuid));
    }
  }

  /** The sums at `block` (its prices), per subnet in the positions' order, and in total. */
  at(block: number): { total: PointSums; bySubnet: Map<number, PointSums> } {
    const s = this.state;
    const prices = s.opts.prices;
    if (this.parts.size === 0 && s.positions.size > 0) this.rebuild(block);
    else {
      const samePrices = prices.added === this.added && Math.min(block, this.block) >= prices.lastBlock;
      if (!samePrices)
        for (const [netuid, list] of this.members) {
          const price = prices.priceAt(netuid, block)?.price ?? null;
          if (price === this.priced.get(netuid)) continue;
          this.priced.set(netuid, price);
          for (const p of list) this.positions.add(p);
        }
      for (const p of this.positions) if (!this.update(p)) return this.rebuild(block);
      for (const bk of this.books) if (!this.updateBook(bk)) return this.rebuild(block);
      if (this.parts.size !== s.positions.size || this.costs.size !== s.books.size) return this.rebuild(block);
    }
    this.positions = new Set();
    this.books = new Set();
    this.added = prices.added;
    this.block = block;
    return this.copy();
  }

  private copy(): { total: PointSums; bySubnet: Map<number, PointSums> } {
    const bySubnet = new Map<number, PointSums>();
    for (const [netuid, sums] of this.bySubnet) bySubnet.set(netuid, { ...sums });
    return { total: { ...this.total }, bySubnet };
  }

  /** Take `p`'s last part out and add its part now; false when it is new (the sums are made anew). */
  private update(p: PositionAcc): boolean {
    const last = this.parts.get(p);
    const sums = this.bySubnet.get(p.netuid);
    if (!last || !sums) return false;
    const now = this.partOf(p);
    for (const into of [sums, this.total]) {
      into.realizedCum += now.realized - last.realized;
      into.incomeCum += now.income - last.income;
      into.netInvested += now.flow - last.flow;
      into.value += now.value - last.value;
    }
    this.parts.set(p, now);
    return true;
  }

  private updateBook(bk: string): boolean {
    const last = this.costs.get(bk);
    const book = this.state.books.get(bk);
    if (!last || !book) return !book;
    const cost = book.cost();
    if (last.sums) last.sums.costBasis += cost - last.cost;
    this.total.costBasis += cost - last.cost;
    last.cost = cost;
    return true;
  }

  private partOf(p: PositionAcc): Part {
    const price = this.priced.get(p.netuid) ?? null;
    const value = p.alpha === 0n || price === null ? 0n : alphaToTao(p.alpha, price);
    return { realized: p.realized, income: p.incomeTao, flow: p.taoIn - p.taoOut, value };
  }

  /** Every position and book visited, in the state's order. */
  private rebuild(block: number): { total: PointSums; bySubnet: Map<number, PointSums> } {
    const s = this.state;
    for (const m of [this.parts, this.costs, this.bySubnet, this.members, this.priced]) m.clear();
    this.total = zero();
    for (const p of s.positions.values()) {
      let sums = this.bySubnet.get(p.netuid);
      if (!sums) {
        sums = zero();
        this.bySubnet.set(p.netuid, sums);
        this.members.set(p.netuid, []);
        this.priced.set(p.netuid, s.opts.prices.priceAt(p.netuid, block)?.price ?? null);
      }
      this.members.get(p.netuid)?.push(p);
      const part = this.partOf(p);
      this.parts.set(p, part);
      for (const into of [sums, this.total]) {
        into.realizedCum += part.realized;
        into.incomeCum += part.income;
        into.netInvested += part.flow;
        into.value += part.value;
      }
    }
    for (const [key, b] of s.books) {
      const cost = b.cost();
      const netuid = s.bookPositions.get(key)?.[0]?.netuid;
      const sums = netuid === undefined ? undefined : this.bySubnet.get(netuid);
      this.costs.set(key, { cost, sums });
      this.total.costBasis += cost;
      if (sums) sums.costBasis += cost;
    }
    this.positions = new Set();
    this.books = new Set();
    this.added = s.opts.prices.added;
    this.block = block;
    return this.copy();
  }
}
