/**
 * One aggregate's running sums (./aggregates): a member's change is applied as a difference, so the
 * incremental path costs the members that moved, not the aggregate's size.
 */
import { quoteExit } from './runtime';
import { impliedPrice } from './units';
import { FigureRecord } from './figure-record';
import {
  ADDITIVE_KEYS,
  emptyFigures,
  specFor,
  type AdditiveKey,
  type AggregateResult,
  type FigureFlags,
  type Figures,
  type PnlContext,
  type PositionResult,
} from './pnl';

/** The additive figures that moved between a member's old and new figures (new − old, nonzero only). */
export type FigureDiff = readonly (readonly [AdditiveKey, bigint])[];

/**
 * An aggregate's part on one subnet: the α its members hold there and that α's exit quote (null:
 * stale, quoted again by the next result). Position trackers keep their members' cells, so a reprice
 * reaches them without a lookup.
 */
export interface NetuidCell {
  readonly netuid: number;
  alpha: bigint;
  /** Positions of the aggregate on the subnet (one holds all its α there). */
  members: number;
  exit: bigint | null;
  /** In the aggregate's list of stale cells (at most once). */
  listed: boolean;
}

export function figureDiff(old: Figures | undefined, now: Figures): FigureDiff {
  const out: [AdditiveKey, bigint][] = [];
  for (const k of ADDITIVE_KEYS) {
    const d = old ? now[k] - old[k] : now[k];
    if (d !== 0n) out.push([k, d]);
  }
  return out;
}

/**
 * Zero figures made by the record's constructor. The record reads its first argument's fields: a
 * reprice hands it a position's figures, and sums of their hidden class keep those reads as fast as
 * they were (sums of another shape made a priced append's median about 1.2 ms slower).
 */
function zeroSums(): Figures {
  const z = emptyFigures();
  return new FigureRecord(z, 0n, 0n, 0n, 0n, null, z.flags, null);
}

/**
 * Running sums for one aggregate; a member's change is applied as a difference (incremental path), so
 * an append costs the figures that moved, not the aggregate's size.
 */
export class AggregateAcc {
  /**
   * The running sums of the members' figures (their additive ones are what `build` reads). A result's
   * figures are a record made from them, not a spread copy with the derived fields overwritten: a
   * sampling heap profile put a build at ~3.5 KB allocated with the copy, ~1.5 KB with the record
   * (docs/benchmarks.md). The sums are such a record too (`zeroSums`).
   */
  private readonly sums: Figures = zeroSums();
  /**
   * Spot value the members' reprices moved since `build` last folded it into the sums (and with it,
   * exactly, unrealized and total return): one addition per repriced member instead of three.
   */
  private moved = 0n;
  /** The subnets its members hold α on, each with that α and its exit quote (cells are never removed). */
  private readonly cells = new Map<number, NetuidCell>();
  readonly members = new Set<string>();
  /** Flag counters maintained incrementally (no pass over members when building a result). */
  private readonly missingPriceCount = new Map<number, number>();
  private flagCounts = {
    frictionUnknownLegs: 0,
    feesUnknown: 0,
    emissionsUnpriced: 0,
    exitApproximate: 0,
    fiatIncomplete: 0,
    fiatBasisUnknown: 0,
  };
  /** Cached result, dropped whenever a member changes (the incremental path rebuilds only those). */
  private cached: { day: number; result: AggregateResult } | null = null;
  /** The flags of the last result, kept until a member's flags change (flags are never changed once made). */
  private flags: FigureFlags | null = null;
  /**
   * `exitSum` is the sum of the cells' exit quotes; a quote is kept until a member of that subnet
   * changes (`change`: its α or, through a snapshot, its pool) or prices move (`invalidate`), so an
   * append that changes one position re-quotes one subnet and adds nothing up (bigint sums are exact in
   * any order). The cells whose quote is stale wait in `staleCells` for `build`.
   */
  private exitSum = 0n;
  private staleCells: NetuidCell[] = [];
  private sortedMembers: string[] | null = null;
  constructor(
    readonly key: string,
    readonly kind: AggregateResult['kind'],
  ) {}

  /** The cell of subnet `netuid` (made, with no α and a stale quote, on first use). */
  cell(netuid: number): NetuidCell {
    let c = this.cells.get(netuid);
    if (!c) {
      c = { netuid, alpha: 0n, members: 0, exit: null, listed: true };
      this.cells.set(netuid, c);
      this.staleCells.push(c);
    }
    return c;
  }

  /** The α its members hold on subnet `netuid`. */
  alphaOn(netuid: number): bigint {
    return this.cells.get(netuid)?.alpha ?? 0n;
  }

  /** A member's figures went from `old` (undefined: a new member) to `now`; `diff` = figureDiff(old, now). */
  change(old: PositionResult | undefined, now: PositionResult, diff: FigureDiff): void {
    this.cached = null;
    for (const [k, d] of diff) this.sums[k] += d;
    const c = this.cell(now.netuid);
    c.alpha += now.figures.alpha - (old ? old.figures.alpha : 0n);
    this.stale(c);
    this.countFlags(now.figures.flags, 1);
    if (old) this.countFlags(old.figures.flags, -1);
    else if (!this.members.has(now.key)) {
      this.members.add(now.key);
      c.members++;
      this.sortedMembers = null;
    }
  }

  /**
   * Members on cell `c`'s subnet were repriced (`PnlTracker.reprice`): their spot value moved by `d` in
   * all, and with it exactly their unrealized and total return (their other terms are the book's,
   * unchanged). The subnet's exit quote is stale.
   */
  repriced(c: NetuidCell, d: bigint): void {
    this.cached = null;
    if (d !== 0n) this.moved += d;
    this.stale(c);
  }

  /**
   * After a reprice of cell `c`'s subnet (`PnlTracker.reprice`): `tao` is the exit quote of a member's
   * α on its pool now. Where the member is the aggregate's only one on the subnet, that is all the α
   * it holds there and the quote `build` would make (the same α, pool and runtime), so it is kept
   * instead of quoting again. (Told by the count, not by comparing α: the cell's α is a bigint the
   * replay left far away in memory, a cache miss per member.)
   */
  quoted(c: NetuidCell, tao: bigint): void {
    if (c.members === 1) this.quotedAll(c, tao);
  }

  /** After a reprice of cell `c`'s subnet: `tao` is the exit quote of all the α on it (the cell's α). */
  quotedAll(c: NetuidCell, tao: bigint): void {
    if (c.exit !== null) return;
    c.exit = tao;
    this.exitSum += tao;
  }

  /** A repriced member's flags went from `was` to `now` (its other figures: `repriced`). */
  reflagged(was: FigureFlags, now: FigureFlags): void {
    this.cached = null;
    this.countFlags(now, 1);
    this.countFlags(was, -1);
  }

  /** Cell `c`'s quote no longer holds: dropped from the sum, and `build` quotes again. */
  private stale(c: NetuidCell): void {
    if (c.exit === null) return;
    this.exitSum -= c.exit;
    c.exit = null;
    if (!c.listed) {
      c.listed = true;
      this.staleCells.push(c);
    }
  }

  private countFlags(fl: FigureFlags, d: 1 | -1): void {
    this.flags = null;
    const c = this.flagCounts;
    c.frictionUnknownLegs += d * fl.frictionUnknownLegs;
    c.feesUnknown += d * fl.feesUnknown;
    c.emissionsUnpriced += d * fl.emissionsUnpriced;
    c.exitApproximate += fl.exitApproximate ? d : 0;
    c.fiatIncomplete += fl.fiatIncomplete ? d : 0;
    c.fiatBasisUnknown += fl.fiatBasisUnknown ? d : 0;
    for (const n of fl.missingPrice) this.missingPriceCount.set(n, (this.missingPriceCount.get(n) ?? 0) + d);
  }

  /**
   * Cached until a member changes (`change`) — prices only change through snapshots, which refresh every
   * position. The cache key is the UTC day when fiat prices matter (as-of day price).
   */
  result(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const day = ctx.fiat ? Math.floor(ts / 86_400_000) : 0;
    if (this.cached && this.cached.day === day) return this.cached.result;
    const result = this.build(block, ts, ctx);
    this.cached = { day, result };
    return result;
  }

  /** Drop the cached result and every exit quote (e.g. the runtime's fee changed). */
  invalidate(): void {
    this.cached = null;
    for (const c of this.cells.values()) this.stale(c);
  }

  /** The members' flags from the counters. */
  private flagsNow(): FigureFlags {
    const c = this.flagCounts;
    return {
      missingPrice: [...this.missingPriceCount]
        .filter(([, k]) => k > 0)
        .map(([n]) => n)
        .sort((a, b) => a - b),
      frictionUnknownLegs: c.frictionUnknownLegs,
      feesUnknown: c.feesUnknown,
      emissionsUnpriced: c.emissionsUnpriced,
      exitApproximate: c.exitApproximate > 0,
      fiatIncomplete: c.fiatIncomplete > 0,
      fiatBasisUnknown: c.fiatBasisUnknown > 0,
    };
  }

  private build(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const s = this.sums;
    if (this.moved !== 0n) {
      s.spotValue += this.moved;
      s.unrealized += this.moved;
      s.totalReturn += this.moved;
      this.moved = 0n;
    }
    const flags = (this.flags ??= this.flagsNow());
    for (const cell of this.staleCells) {
      cell.listed = false;
      if (cell.exit !== null) continue; // quoted since it went stale (`quoted`)
      const pool = cell.alpha === 0n ? null : ctx.prices.poolAt(cell.netuid, block);
      cell.exit = pool ? quoteExit(cell.alpha, pool, specFor(ctx, cell.netuid, block)).tao : 0n;
      this.exitSum += cell.exit;
    }
    this.staleCells = [];
    const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
    // Made as a position's figures are (./figure-record): its unrealized and total return are derived
    // from the sums, the values the running sums hold (each member's are its spot value less its cost
    // basis, and plus its flows: bigint sums are exact).
    const avgEntryPrice = this.cells.size === 1 ? impliedPrice(s.costBasis, s.alpha > 0n ? s.alpha : 0n) : null;
    const { costBasis, costBasisFiat, spotValue } = s;
    const figures = new FigureRecord(
      s,
      costBasis,
      costBasisFiat,
      spotValue,
      this.exitSum,
      fiatPrice,
      flags,
      avgEntryPrice,
    );
    this.sortedMembers ??= [...this.members].sort();
    return { key: this.key, kind: this.kind, figures, positions: this.sortedMembers };
  }
}
