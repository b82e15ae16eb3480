/**
 * PnL figures per position (coldkey, hotkey, netuid) and their aggregates (subnet, wallet, wallet
 * group, portfolio), from the replay state at its last block.
 *
 * Definitions (all TAO in rao, α in alpha-rao):
 * - costBasis: the book's (coldkey, netuid) remaining cost, split over its hotkeys by α held
 *   (floor shares, remainder to the largest holder — parts sum to the book exactly).
 * - spotValue = α × spot price; exitValue = what selling the α through the pool returns now, with the
 *   runtime's fee (aggregates sell each subnet's combined α in one swap, so exit is not additive).
 * - realized = Σ(proceeds − cost removed) over disposals (expenses have zero proceeds); a position's are its
 *   own disposals, with the cost removed from the shared (coldkey, netuid) book by the method, not from a
 *   book per hotkey, so positions add up to their wallet (hotkey-attribution.test.ts).
 * - unrealized = spotValue − costBasis.
 * - incomeTao = emissions (positive intervals) + root-claim payouts + lease dividends + auto-staked miner
 *   incentive, TAO value at accrual.
 * - totalReturn = spotValue + taoOut − taoIn (flow based). For the portfolio (and any position without
 *   basis-carrying moves) totalReturn = realized + unrealized + (rewards 'income' ? incomeTao : 0).
 * - friction = Σ over legs of the gap to spot (paid above spot on acquisitions, received below spot on
 *   disposals: fees + slippage) + TAO value of alpha-paid fees + spot value of burned α.
 * - fiat: realizedFiat = Σ over disposals (fiat proceeds: TAO received × the sale day's TAO/fiat price −
 *   the fiat cost of the lots taken: TAO paid × the TAO/fiat price of the day each was acquired; ./lot-base),
 *   not realized × the sale day's price; reward lots' fiat cost is their fiat value when received under
 *   'income', 0 under 'zero'; a carry keeps it. incomeFiat at the day received. costBasisFiat: the
 *   book's fiat cost split over its hotkeys by α held, as costBasis. spotValueFiat at the as-of day's price;
 *   unrealizedFiat = spotValueFiat − costBasisFiat (null when a lot held has an unknown fiat cost:
 *   `fiatBasisUnknown`). Each conversion floors. Days without a price are listed, never guessed: a
 *   disposal whose proceeds or lots lack one adds nothing to realizedFiat and sets `fiatIncomplete`.
 */
import type { PositionAcc } from './state';
import type { PriceBook, PriceRef } from './prices';
import type { FiatBook } from './fiat';
import { quoteExit } from './runtime';
import { alphaToTao } from './units';
import { FigureRecord } from './figure-record';

export const ADDITIVE_KEYS = [
  'alpha',
  'alphaBought',
  'alphaSold',
  'alphaTransferredIn',
  'alphaTransferredOut',
  'alphaEmitted',
  'alphaUnexplained',
  'alphaUnexplainedIn',
  'alphaRootClaim',
  'alphaLeaseDividend',
  'alphaIncentive',
  'alphaFeePaid',
  'alphaBurned',
  'alphaOpening',
  'openingTao',
  'emissionTao',
  'rootClaimTao',
  'leaseDividendTao',
  'incentiveTao',
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
  'costBasisFiat',
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
  /** Some α held was acquired on a day without a TAO/fiat price: its fiat cost is unknown, unrealizedFiat null. */
  fiatBasisUnknown: boolean;
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

/**
 * The zero sums, made once and kept; `zeroAdditive` copies them. Made anew at each call (key by key, or
 * the empty figures as a spread of them with more fields), they came out with a hidden class of their
 * own at every call once a full computation had run, and the figure record's constructor, which reads
 * its first argument's fields (aggregate-acc.ts `zeroSums`), met 161 classes in one priced run: every
 * load in it went megamorphic (docs/benchmarks.md). A copy of a kept object keeps that object's class.
 */
const ZERO_ADDITIVE: AdditiveFigures = (() => {
  const f = {} as AdditiveFigures;
  for (const k of ADDITIVE_KEYS) f[k] = 0n;
  return f;
})();

export function zeroAdditive(): AdditiveFigures {
  return { ...ZERO_ADDITIVE };
}

export function emptyFlags(): FigureFlags {
  return {
    missingPrice: [],
    frictionUnknownLegs: 0,
    feesUnknown: 0,
    emissionsUnpriced: 0,
    exitApproximate: false,
    fiatIncomplete: false,
    fiatBasisUnknown: false,
  };
}

/** Figures of nothing held, made once and kept (`emptyFigures` copies them, as `zeroAdditive` its sums). */
const EMPTY_FIGURES: Figures = {
  ...ZERO_ADDITIVE,
  exitValue: 0n,
  avgEntryPrice: null,
  totalReturnPct: null,
  spotValueFiat: null,
  unrealizedFiat: null,
  flags: emptyFlags(),
};

/** Figures of nothing held: every sum zero, nothing derived, no flags (a flags object of their own). */
export function emptyFigures(): Figures {
  return { ...EMPTY_FIGURES, flags: emptyFlags() };
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

export function specFor(ctx: PnlContext, netuid: number, block: number): number {
  return ctx.prices.snapshotAt(netuid, block)?.specVersion ?? ctx.specVersion;
}

export function positionFigures(
  p: PositionAcc,
  costBasis: bigint,
  /** The position's share of its book's fiat cost; null when the book's is unknown. */
  costBasisFiat: bigint | null,
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
  if (costBasisFiat === null) flags.fiatIncomplete = flags.fiatBasisUnknown = true;
  const fiatPrice = ctx.fiat ? ctx.fiat.priceOn(ts) : null;
  if (ctx.fiat && fiatPrice === null) flags.fiatIncomplete = true;
  const record = new FigureRecord(p, costBasis, costBasisFiat ?? 0n, spotValue, exit ? exit.tao : 0n, fiatPrice, flags);
  // A price move reads these of every position (aggregates.ts `reprice`), and its figures keep pointing
  // at them. The position's own were made over the whole replay and lie scattered over the old
  // generation, a cache miss each read; copies made here lie beside the record (docs/benchmarks.md).
  record.alpha = -(-record.alpha);
  record.taoIn = -(-record.taoIn);
  record.taoOut = -(-record.taoOut);
  return { figures: record, price };
}

/**
 * What `positionFigures` gives for a position whose book no event touched since `old` (its α, cost
 * basis and flows are those of `old`) when only its subnet's price and pool moved: the book's figures
 * and cost basis are `old`'s, the price-dependent ones are recomputed. The fiat price is the same day's
 * (an append that reaches a new day is refused), so a missing fiat price was already flagged in `old`.
 */
export function repriced(
  old: Figures,
  netuid: number,
  price: PriceRef | null,
  exit: { tao: bigint; approximate: boolean } | null,
  fiatPrice: bigint | null,
): Figures {
  // Nothing held: its spot and exit value are 0 at any price and its flags name no price, so the
  // figures are the old ones (a staker's closed positions, often most of them, cost no new figures).
  if (old.alpha === 0n) return old;
  const spotValue = price ? alphaToTao(old.alpha, price.price) : 0n;
  const missing = !price;
  const approximate = exit?.approximate ?? false;
  const was = old.flags;
  // Flags are never changed once made: unchanged ones are shared with the old figures.
  const flags =
    was.missingPrice.length > 0 === missing && was.exitApproximate === approximate
      ? was
      : { ...was, missingPrice: missing ? [netuid] : [], exitApproximate: approximate };
  const exitValue = exit ? exit.tao : 0n;
  return new FigureRecord(
    old,
    old.costBasis,
    old.costBasisFiat,
    spotValue,
    exitValue,
    fiatPrice,
    flags,
    old.avgEntryPrice,
  );
}
