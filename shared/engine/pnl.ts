/**
 * PnL figures per position (coldkey, hotkey, netuid) and their aggregates (subnet, wallet, wallet
 * group, portfolio), from the replay state at its last block.
 *
 * Definitions (all TAO in rao, α in alpha-rao):
 * - costBasis: the book's (coldkey, netuid) remaining cost, split over its hotkeys by α held
 *   (floor shares, remainder to the largest holder — parts sum to the book exactly).
 * - spotValue = α × spot price; exitValue = what selling the α through the pool returns now, with the
 *   runtime's fee (aggregates sell each subnet's combined α in one swap, so exit is not additive).
 * - realized = Σ(proceeds − cost removed) over disposals (expenses have zero proceeds).
 * - unrealized = spotValue − costBasis.
 * - incomeTao = emissions (positive intervals) + root-claim payouts, TAO value at accrual.
 * - totalReturn = spotValue + taoOut − taoIn (flow based). For the portfolio (and any position without
 *   basis-carrying moves) totalReturn = realized + unrealized + (rewards 'income' ? incomeTao : 0).
 * - friction = Σ over legs of the gap to spot (paid above spot on acquisitions, received below spot on
 *   disposals: fees + slippage) + TAO value of alpha-paid fees + spot value of burned α.
 * - fiat: realized and income converted at the UTC day's TAO/fiat price of each event; spot and
 *   unrealized at the as-of day's price; days without a price are listed, never guessed.
 */
import type { PortfolioState, PositionAcc } from './state';
import type { PriceBook, PriceRef } from './prices';
import type { FiatBook } from './fiat';
import { quoteExit } from './runtime';
import { alphaToTao, impliedPrice, ratio, taoToFiat } from './units';

export const ADDITIVE_KEYS = [
  'alpha',
  'alphaBought',
  'alphaSold',
  'alphaTransferredIn',
  'alphaTransferredOut',
  'alphaEmitted',
  'alphaUnexplained',
  'alphaRootClaim',
  'alphaFeePaid',
  'alphaBurned',
  'alphaOpening',
  'openingTao',
  'emissionTao',
  'rootClaimTao',
  'incomeTao',
  'costBasis',
  'spotValue',
  'realized',
  'unrealized',
  'friction',
  'feesTao',
  'feesAlpha',
  'taoIn',
  'taoOut',
  'proceeds',
  'costAcquired',
  'costCarriedIn',
  'costCarriedOut',
  'totalReturn',
  'realizedFiat',
  'incomeFiat',
] as const;
export type AdditiveKey = (typeof ADDITIVE_KEYS)[number];
export type AdditiveFigures = Record<AdditiveKey, bigint>;

export interface Figures extends AdditiveFigures {
  /** Exit value (rao); see header. */
  exitValue: bigint;
  /** costBasis per whole α (rao per 1e9 alpha-rao); null when α is 0 or several subnets are mixed. */
  avgEntryPrice: bigint | null;
  /** totalReturn / taoIn, as a fraction (display only); null when nothing was put in. */
  totalReturnPct: number | null;
  spotValueFiat: bigint | null;
  unrealizedFiat: bigint | null;
  flags: FigureFlags;
}

export interface FigureFlags {
  /** Subnets without a snapshot price (their spot/exit values count as 0). */
  missingPrice: number[];
  /** Legs without a spot price, so their friction is unknown (counted 0). */
  frictionUnknownLegs: number;
  /** Legs with a fee that was charged but cannot be observed (252–256). */
  feesUnknown: number;
  /** Emission intervals valued without a price. */
  emissionsUnpriced: number;
  exitApproximate: boolean;
  /** Some fiat conversion lacked a day's price. */
  fiatIncomplete: boolean;
}

export interface PositionResult {
  key: string;
  coldkey: string;
  hotkey: string;
  netuid: number;
  price: PriceRef | null;
  figures: Figures;
}

export interface AggregateResult {
  key: string;
  kind: 'subnet' | 'wallet' | 'group' | 'total';
  figures: Figures;
  /** Member position keys (drill-down). */
  positions: string[];
}

export interface PnlResult {
  asOfBlock: number;
  asOfTimestamp: number;
  positions: PositionResult[];
  subnets: AggregateResult[];
  wallets: AggregateResult[];
  groups: AggregateResult[];
  total: AggregateResult;
  /** UTC days that lacked a TAO/fiat price (null when no fiat prices were given). */
  fiatMissingDays: string[] | null;
}

export interface PnlContext {
  prices: PriceBook;
  fiat: FiatBook | null;
  /** Runtime spec for exit fees when the snapshot does not say. */
  specVersion: number;
  walletGroups: Readonly<Record<string, readonly string[]>>;
}

export function zeroAdditive(): AdditiveFigures {
  const f = {} as AdditiveFigures;
  for (const k of ADDITIVE_KEYS) f[k] = 0n;
  return f;
}

function emptyFlags(): FigureFlags {
  return {
    missingPrice: [],
    frictionUnknownLegs: 0,
    feesUnknown: 0,
    emissionsUnpriced: 0,
    exitApproximate: false,
    fiatIncomplete: false,
  };
}

/** Cost basis of each position of one book: floor shares by α, remainder to the largest holder. */
export function allocateBookCost(bookCost: bigint, members: readonly PositionAcc[]): Map<PositionAcc, bigint> {
  const out = new Map<PositionAcc, bigint>();
  let total = 0n;
  let largest: PositionAcc | undefined;
  for (const p of members) {
    const w = p.alpha > 0n ? p.alpha : 0n;
    total += w;
    if (!largest || w > (largest.alpha > 0n ? largest.alpha : 0n)) largest = p;
  }
  let given = 0n;
  for (const p of members) {
    const w = p.alpha > 0n ? p.alpha : 0n;
    const c = total === 0n ? 0n : (bookCost * w) / total;
    out.set(p, c);
    given += c;
  }
  if (largest) out.set(largest, (out.get(largest) ?? 0n) + bookCost - given);
  return out;
}

function specFor(ctx: PnlContext, netuid: number, block: number): number {
  return ctx.prices.snapshotAt(netuid, block)?.specVersion ?? ctx.specVersion;
}

export function positionFigures(
  p: PositionAcc,
  costBasis: bigint,
  block: number,
  ts: number,
  ctx: PnlContext,
): { figures: Figures; price: PriceRef | null } {
  const price = ctx.prices.priceAt(p.netuid, block);
  const spotValue = price ? alphaToTao(p.alpha, price.price) : 0n;
  const pool = ctx.prices.poolAt(p.netuid, block);
  const exit = pool ? quoteExit(p.alpha, pool, specFor(ctx, p.netuid, block)) : null;
  const flags = emptyFlags();
  if (!price && p.alpha !== 0n) flags.missingPrice.push(p.netuid);
  flags.frictionUnknownLegs = p.frictionUnknownLegs;
  flags.feesUnknown = p.feesUnknown;
  flags.emissionsUnpriced = p.emissionsUnpriced;
  flags.exitApproximate = exit?.approximate ?? false;
  flags.fiatIncomplete = p.fiatIncomplete;
  const unrealized = spotValue - costBasis;
  const totalReturn = spotValue + p.taoOut - p.taoIn;
  const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
  if (ctx.fiat && fiatPrice === null) flags.fiatIncomplete = true;
  const figures: Figures = {
    alpha: p.alpha,
    alphaBought: p.alphaBought,
    alphaSold: p.alphaSold,
    alphaTransferredIn: p.alphaTransferredIn,
    alphaTransferredOut: p.alphaTransferredOut,
    alphaEmitted: p.alphaEmitted,
    alphaUnexplained: p.alphaUnexplained,
    alphaRootClaim: p.alphaRootClaim,
    alphaFeePaid: p.alphaFeePaid,
    alphaBurned: p.alphaBurned,
    alphaOpening: p.alphaOpening,
    openingTao: p.openingTao,
    emissionTao: p.emissionTao,
    rootClaimTao: p.rootClaimTao,
    incomeTao: p.incomeTao,
    costBasis,
    spotValue,
    realized: p.realized,
    unrealized,
    friction: p.friction,
    feesTao: p.feesTao,
    feesAlpha: p.feesAlpha,
    taoIn: p.taoIn,
    taoOut: p.taoOut,
    proceeds: p.proceeds,
    costAcquired: p.costAcquired,
    costCarriedIn: p.costCarriedIn,
    costCarriedOut: p.costCarriedOut,
    totalReturn,
    realizedFiat: p.realizedFiat,
    incomeFiat: p.incomeFiat,
    exitValue: exit ? exit.tao : 0n,
    avgEntryPrice: impliedPrice(costBasis, p.alpha > 0n ? p.alpha : 0n),
    totalReturnPct: ratio(totalReturn, p.taoIn),
    spotValueFiat: fiatPrice === null ? null : taoToFiat(spotValue, fiatPrice),
    unrealizedFiat: fiatPrice === null ? null : taoToFiat(unrealized, fiatPrice),
    flags,
  };
  return { figures, price };
}

/** Running sums for one aggregate; supports removing a position's old figures (incremental path). */
export class AggregateAcc {
  readonly sums = zeroAdditive();
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
  private sortedMembers: string[] | null = null;
  constructor(
    readonly key: string,
    readonly kind: AggregateResult['kind'],
  ) {}

  apply(pos: PositionResult, sign: 1n | -1n): void {
    const f = pos.figures;
    this.cached = null;
    if (sign === 1n) for (const k of ADDITIVE_KEYS) this.sums[k] += f[k];
    else for (const k of ADDITIVE_KEYS) this.sums[k] -= f[k];
    this.alphaByNetuid.set(pos.netuid, (this.alphaByNetuid.get(pos.netuid) ?? 0n) + sign * f.alpha);
    const d = sign === 1n ? 1 : -1;
    const fl = f.flags;
    const c = this.flagCounts;
    c.frictionUnknownLegs += d * fl.frictionUnknownLegs;
    c.feesUnknown += d * fl.feesUnknown;
    c.emissionsUnpriced += d * fl.emissionsUnpriced;
    c.exitApproximate += fl.exitApproximate ? d : 0;
    c.fiatIncomplete += fl.fiatIncomplete ? d : 0;
    for (const n of fl.missingPrice) this.missingPriceCount.set(n, (this.missingPriceCount.get(n) ?? 0) + d);
    if (sign === 1n && !this.members.has(pos.key)) {
      this.members.add(pos.key);
      this.sortedMembers = null;
    }
  }

  /**
   * Cached until a member changes (apply) — prices only change through snapshots, which refresh every
   * position. The cache key is the UTC day when fiat prices matter (as-of day price).
   */
  result(block: number, ts: number, ctx: PnlContext): AggregateResult {
    const day = ctx.fiat ? Math.floor(ts / 86_400_000) : 0;
    if (this.cached && this.cached.day === day) return this.cached.result;
    const result = this.build(block, ts, ctx);
    this.cached = { day, result };
    return result;
  }

  /** Drop the cached result (e.g. new snapshots moved prices). */
  invalidate(): void {
    this.cached = null;
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
    let exitValue = 0n;
    for (const [netuid, alpha] of this.alphaByNetuid) {
      if (alpha === 0n) continue;
      const pool = ctx.prices.poolAt(netuid, block);
      if (pool) exitValue += quoteExit(alpha, pool, specFor(ctx, netuid, block)).tao;
    }
    const netuids = [...this.alphaByNetuid.keys()];
    const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
    const figures: Figures = {
      ...s,
      exitValue,
      avgEntryPrice: netuids.length === 1 ? impliedPrice(s.costBasis, s.alpha > 0n ? s.alpha : 0n) : null,
      totalReturnPct: ratio(s.totalReturn, s.taoIn),
      spotValueFiat: fiatPrice === null ? null : taoToFiat(s.spotValue, fiatPrice),
      unrealizedFiat: fiatPrice === null ? null : taoToFiat(s.unrealized, fiatPrice),
      flags,
    };
    this.sortedMembers ??= [...this.members].sort();
    return { key: this.key, kind: this.kind, figures, positions: this.sortedMembers };
  }
}

/**
 * Keeps position results and aggregates in step with a PortfolioState. `refresh(positions)` recomputes
 * only the given positions (and the other hotkeys of their books, whose cost share may change) and
 * patches every aggregate they belong to: O(touched) per new event.
 */
export class PnlTracker {
  readonly positionResults = new Map<string, PositionResult>();
  readonly subnets = new Map<number, AggregateAcc>();
  readonly wallets = new Map<string, AggregateAcc>();
  readonly groups = new Map<string, AggregateAcc>();
  readonly total = new AggregateAcc('total', 'total');
  private readonly groupsOfWallet = new Map<string, string[]>();
  private sortedKeys: string[] | null = null;

  constructor(
    readonly state: PortfolioState,
    readonly ctx: PnlContext,
  ) {
    for (const [g, members] of Object.entries(ctx.walletGroups)) {
      this.groups.set(g, new AggregateAcc(g, 'group'));
      for (const w of members) {
        const list = this.groupsOfWallet.get(w) ?? [];
        list.push(g);
        this.groupsOfWallet.set(w, list);
      }
    }
  }

  private aggregatesOf(p: PositionAcc): AggregateAcc[] {
    let sn = this.subnets.get(p.netuid);
    if (!sn) {
      sn = new AggregateAcc(`SN${p.netuid}`, 'subnet');
      this.subnets.set(p.netuid, sn);
    }
    let w = this.wallets.get(p.coldkey);
    if (!w) {
      w = new AggregateAcc(p.coldkey, 'wallet');
      this.wallets.set(p.coldkey, w);
    }
    const out = [this.total, sn, w];
    for (const g of this.groupsOfWallet.get(p.coldkey) ?? []) out.push(this.groups.get(g) as AggregateAcc);
    return out;
  }

  /** Recompute all positions of the books of `touched` (or every book when omitted). */
  refresh(touched?: Iterable<PositionAcc>): void {
    const books = new Set<string>();
    if (touched) for (const p of touched) books.add(`${p.coldkey}|${p.netuid}`);
    else {
      for (const k of this.state.bookPositions.keys()) books.add(k);
      for (const a of [this.total, ...this.subnets.values(), ...this.wallets.values(), ...this.groups.values()])
        a.invalidate();
    }
    const block = this.state.lastBlock;
    const ts = this.state.lastTimestamp;
    for (const bk of books) {
      const members = this.state.bookPositions.get(bk) ?? [];
      const book = this.state.books.get(bk);
      const costs = allocateBookCost(book ? book.cost() : 0n, members);
      for (const p of members) {
        const aggs = this.aggregatesOf(p);
        const old = this.positionResults.get(p.key);
        if (old) for (const a of aggs) a.apply(old, -1n);
        else this.sortedKeys = null;
        const { figures, price } = positionFigures(p, costs.get(p) ?? 0n, block, ts, this.ctx);
        const res: PositionResult = {
          key: p.key,
          coldkey: p.coldkey,
          hotkey: p.hotkey,
          netuid: p.netuid,
          price,
          figures,
        };
        this.positionResults.set(p.key, res);
        for (const a of aggs) a.apply(res, 1n);
      }
    }
  }

  private sortedResults<T extends string | number>(
    m: Map<T, AggregateAcc>,
    block: number,
    ts: number,
  ): AggregateResult[] {
    const keys = [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return keys.map((k) => (m.get(k) as AggregateAcc).result(block, ts, this.ctx));
  }

  result(): PnlResult {
    const block = this.state.lastBlock;
    const ts = this.state.lastTimestamp;
    return {
      asOfBlock: block,
      asOfTimestamp: ts,
      positions: (this.sortedKeys ??= [...this.positionResults.keys()].sort()).map(
        (k) => this.positionResults.get(k) as PositionResult,
      ),
      subnets: this.sortedResults(this.subnets, block, ts),
      wallets: this.sortedResults(this.wallets, block, ts),
      groups: this.sortedResults(this.groups, block, ts),
      total: this.total.result(block, ts, this.ctx),
      fiatMissingDays: this.ctx.fiat ? this.ctx.fiat.missing() : null,
    };
  }
}
