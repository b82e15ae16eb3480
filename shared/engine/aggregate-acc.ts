/**
 * One aggregate's running sums (./aggregates): a member's change is applied as a difference, so the
 * incremental path costs the members that moved, not the aggregate's size.
 */
import { quoteExit } from './runtime';
import { impliedPrice, ratio, taoToFiat } from './units';
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

export function figureDiff(old: Figures | undefined, now: Figures): FigureDiff {
  const out: [AdditiveKey, bigint][] = [];
  for (const k of ADDITIVE_KEYS) {
    const d = old ? now[k] - old[k] : now[k];
    if (d !== 0n) out.push([k, d]);
  }
  return out;
}

/**
 * Running sums for one aggregate; a member's change is applied as a difference (incremental path), so
 * an append costs the figures that moved, not the aggregate's size.
 */
export class AggregateAcc {
  /**
   * The running sums, held in an object of the full figures' shape: a result's figures are a plain copy
   * of it with the derived fields overwritten. (A copy that adds properties, `{ ...sums, exitValue }`,
   * makes V8 build a new hidden class per copy: ~30 µs for these 39 fields, against <1 µs.)
   */
  private readonly sums: Figures = emptyFigures();
  readonly alphaByNetuid = new Map<number, bigint>();
  readonly members = new Set<string>();
  /** Flag counters maintained incrementally (no pass over members when building a result). */
  private readonly missingPriceCount = new Map<number, number>();
  private flagCounts = {
    frictionUnknownLegs: 0,
    feesUnknown: 0,
    emissionsUnpriced: 0,
    exitApproximate: 0,
    fiatIncomplete: 0,
  };
  /** Cached result, dropped whenever a member changes (the incremental path rebuilds only those). */
  private cached: { day: number; result: AggregateResult } | null = null;
  /**
   * Exit quote of the α held per subnet, kept until a member of that subnet changes (`change`: its α
   * or, through a snapshot, its pool) or prices move (`invalidate`). `exitSum` is their sum, so an
   * append that changes one position re-quotes one subnet and adds nothing up (bigint sums are exact
   * in any order).
   */
  private readonly exitByNetuid = new Map<number, bigint>();
  private exitSum = 0n;
  private readonly staleExit = new Set<number>();
  private sortedMembers: string[] | null = null;
  constructor(
    readonly key: string,
    readonly kind: AggregateResult['kind'],
  ) {}

  /** A member's figures went from `old` (undefined: a new member) to `now`; `diff` = figureDiff(old, now). */
  change(old: PositionResult | undefined, now: PositionResult, diff: FigureDiff): void {
    this.cached = null;
    for (const [k, d] of diff) this.sums[k] += d;
    const n = now.netuid;
    const dAlpha = now.figures.alpha - (old ? old.figures.alpha : 0n);
    const held = this.alphaByNetuid.get(n);
    if (held === undefined || dAlpha !== 0n) this.alphaByNetuid.set(n, (held ?? 0n) + dAlpha);
    this.staleExitOf(n);
    this.countFlags(now.figures.flags, 1);
    if (old) this.countFlags(old.figures.flags, -1);
    else if (!this.members.has(now.key)) {
      this.members.add(now.key);
      this.sortedMembers = null;
    }
  }

  /**
   * Members of subnet `netuid` were repriced (`PnlTracker.reprice`): their spot value moved by `d` in
   * all, and with it exactly their unrealized and total return (their other terms are the book's,
   * unchanged). The subnet's exit quote is stale.
   */
  repriced(netuid: number, d: bigint): void {
    this.cached = null;
    if (d !== 0n) {
      const s = this.sums;
      s.spotValue += d;
      s.unrealized += d;
      s.totalReturn += d;
    }
    if (!this.staleExit.has(netuid)) this.staleExitOf(netuid);
  }

  /**
   * After a reprice of subnet `netuid` (`PnlTracker.reprice`): `tao` is the exit quote of `alpha` α on
   * its pool now. Where that is all the α this aggregate holds on the subnet, it is the quote `build`
   * would make (the same α, pool and runtime), so it is kept instead of quoting again.
   */
  quoted(netuid: number, alpha: bigint, tao: bigint): void {
    if (!this.staleExit.has(netuid) || this.alphaByNetuid.get(netuid) !== alpha) return;
    this.staleExit.delete(netuid);
    this.exitByNetuid.set(netuid, tao);
    this.exitSum += tao;
  }

  /** A repriced member's flags went from `was` to `now` (its other figures: `repriced`). */
  reflagged(was: FigureFlags, now: FigureFlags): void {
    this.cached = null;
    this.countFlags(now, 1);
    this.countFlags(was, -1);
  }

  private staleExitOf(netuid: number): void {
    const quoted = this.exitByNetuid.get(netuid);
    if (quoted !== undefined) {
      this.exitSum -= quoted;
      this.exitByNetuid.delete(netuid);
    }
    this.staleExit.add(netuid);
  }

  private countFlags(fl: FigureFlags, d: 1 | -1): void {
    const c = this.flagCounts;
    c.frictionUnknownLegs += d * fl.frictionUnknownLegs;
    c.feesUnknown += d * fl.feesUnknown;
    c.emissionsUnpriced += d * fl.emissionsUnpriced;
    c.exitApproximate += fl.exitApproximate ? d : 0;
    c.fiatIncomplete += fl.fiatIncomplete ? d : 0;
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
    this.exitByNetuid.clear();
    this.exitSum = 0n;
    for (const n of this.alphaByNetuid.keys()) this.staleExit.add(n);
  }

  private build(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const s = this.sums;
    const c = this.flagCounts;
    const flags: FigureFlags = {
      missingPrice: [...this.missingPriceCount]
        .filter(([, k]) => k > 0)
        .map(([n]) => n)
        .sort((a, b) => a - b),
      frictionUnknownLegs: c.frictionUnknownLegs,
      feesUnknown: c.feesUnknown,
      emissionsUnpriced: c.emissionsUnpriced,
      exitApproximate: c.exitApproximate > 0,
      fiatIncomplete: c.fiatIncomplete > 0,
    };
    for (const netuid of this.staleExit) {
      const alpha = this.alphaByNetuid.get(netuid) ?? 0n;
      const pool = alpha === 0n ? null : ctx.prices.poolAt(netuid, block);
      const exit = pool ? quoteExit(alpha, pool, specFor(ctx, netuid, block)).tao : 0n;
      this.exitByNetuid.set(netuid, exit);
      this.exitSum += exit;
    }
    this.staleExit.clear();
    const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
    const figures: Figures = { ...s };
    figures.exitValue = this.exitSum;
    figures.avgEntryPrice =
      this.alphaByNetuid.size === 1 ? impliedPrice(s.costBasis, s.alpha > 0n ? s.alpha : 0n) : null;
    figures.totalReturnPct = ratio(s.totalReturn, s.taoIn);
    figures.spotValueFiat = fiatPrice === null ? null : taoToFiat(s.spotValue, fiatPrice);
    figures.unrealizedFiat = fiatPrice === null ? null : taoToFiat(s.unrealized, fiatPrice);
    figures.flags = flags;
    this.sortedMembers ??= [...this.members].sort();
    return { key: this.key, kind: this.kind, figures, positions: this.sortedMembers };
  }
}
