/**
 * Records made by constructors rather than object literals: a position's figures and result, and a
 * bet's figure against a benchmark. A position's figures, for example: V8 pretenures an object
 * literal's allocation site once enough of what it made survives a young-generation collection, as the
 * figures of a full computation do (one per position, kept). Live sync then reprices every position at
 * each block with new prices (aggregates.ts `reprice`), and that site would make each block's
 * short-lived figures straight in the old generation: scavenges walk their pointers to young bigints
 * and mark-compacts collect them. V8 (as Node 20 ships it) keeps no such site for a `new` expression, so
 * the figures start young (docs/benchmarks.md, the priced append). The own properties and their order
 * are the literal's: JSON, spreads, structured clone and `toEqual` see a plain object's.
 */
import { impliedPrice, ratio, taoToFiat } from './units';
import type { AdditiveFigures, FigureFlags, Figures, PositionResult } from './pnl';
import type { PriceRef } from './prices';
import type { BenchmarkFigure, BetParts } from './benchmarks';

/** The figures a position's book gives besides its cost basis and the price-dependent ones. */
export type BookFigures = Omit<AdditiveFigures, 'costBasis' | 'spotValue' | 'unrealized' | 'totalReturn'>;

/** A class, typed as a constructor of the record `R` it fills in (it declares no fields of its own). */
type Making<C extends new (...args: never[]) => unknown, R> = new (...args: ConstructorParameters<C>) => R;

/**
 * A position's figures from its book's running totals (a position, or the figures it had: see
 * `repriced`), its cost basis, spot and exit value, the as-of day's fiat price, and its average entry
 * price (derived from the cost basis when not given).
 */
class FigureRecordClass {
  constructor(
    p: BookFigures,
    costBasis: bigint,
    spotValue: bigint,
    exitValue: bigint,
    fiatPrice: bigint | null,
    flags: FigureFlags,
    avgEntryPrice?: bigint | null,
  ) {
    // No field declarations: Playwright's Babel (e2e) rejects `declare` fields, and plain ones would be
    // defined as undefined first. The key-order test (figure-record.test.ts) checks every field is set.
    const f = this as unknown as Figures;
    const unrealized = spotValue - costBasis;
    const totalReturn = spotValue + p.taoOut - p.taoIn;
    f.alpha = p.alpha;
    f.alphaBought = p.alphaBought;
    f.alphaSold = p.alphaSold;
    f.alphaTransferredIn = p.alphaTransferredIn;
    f.alphaTransferredOut = p.alphaTransferredOut;
    f.alphaEmitted = p.alphaEmitted;
    f.alphaUnexplained = p.alphaUnexplained;
    f.alphaUnexplainedIn = p.alphaUnexplainedIn;
    f.alphaRootClaim = p.alphaRootClaim;
    f.alphaLeaseDividend = p.alphaLeaseDividend;
    f.alphaIncentive = p.alphaIncentive;
    f.alphaFeePaid = p.alphaFeePaid;
    f.alphaBurned = p.alphaBurned;
    f.alphaOpening = p.alphaOpening;
    f.openingTao = p.openingTao;
    f.emissionTao = p.emissionTao;
    f.rootClaimTao = p.rootClaimTao;
    f.leaseDividendTao = p.leaseDividendTao;
    f.incentiveTao = p.incentiveTao;
    f.incomeTao = p.incomeTao;
    f.costBasis = costBasis;
    f.spotValue = spotValue;
    f.realized = p.realized;
    f.unrealized = unrealized;
    f.friction = p.friction;
    f.feesTao = p.feesTao;
    f.feesAlpha = p.feesAlpha;
    f.taoIn = p.taoIn;
    f.taoOut = p.taoOut;
    f.proceeds = p.proceeds;
    f.costAcquired = p.costAcquired;
    f.costCarriedIn = p.costCarriedIn;
    f.costCarriedOut = p.costCarriedOut;
    f.totalReturn = totalReturn;
    f.realizedFiat = p.realizedFiat;
    f.incomeFiat = p.incomeFiat;
    f.exitValue = exitValue;
    f.avgEntryPrice =
      avgEntryPrice === undefined ? impliedPrice(costBasis, p.alpha > 0n ? p.alpha : 0n) : avgEntryPrice;
    f.totalReturnPct = ratio(totalReturn, p.taoIn);
    f.spotValueFiat = fiatPrice === null ? null : taoToFiat(spotValue, fiatPrice);
    f.unrealizedFiat = fiatPrice === null ? null : taoToFiat(unrealized, fiatPrice);
    f.flags = flags;
  }
}
export const FigureRecord = FigureRecordClass as unknown as Making<typeof FigureRecordClass, Figures>;

/** A position's result, made by a constructor for the same reason as its figures (header). */
class PositionRecordClass {
  constructor(key: string, coldkey: string, hotkey: string, netuid: number, price: PriceRef | null, figures: Figures) {
    const r = this as unknown as PositionResult;
    r.key = key;
    r.coldkey = coldkey;
    r.hotkey = hotkey;
    r.netuid = netuid;
    r.price = price;
    r.figures = figures;
  }
}
export const PositionRecord = PositionRecordClass as unknown as Making<typeof PositionRecordClass, PositionResult>;

/**
 * A bet's figure against one benchmark (benchmarks.ts `figureAt`), made by a constructor: a price move
 * remakes every position's (benchmark-parts.ts `figuresOf`), and an object literal's site would be
 * pretenured by the figures the full computation keeps (header). The fields and their order are the
 * interface's.
 */
class BenchmarkFigureClass {
  constructor(b: BetParts, benchmarkValue: bigint, available: boolean, complete: boolean) {
    const f = this as unknown as BenchmarkFigure;
    f.available = available;
    f.complete = complete;
    f.benchmarkValue = benchmarkValue;
    f.betValue = b.betValue;
    f.excess = b.betValue - benchmarkValue;
    f.priceEffect = b.priceEffect;
    f.emissionEffect = b.emissionEffect;
    f.frictionEffect = b.frictionEffect;
    f.benchmarkGain = benchmarkValue - b.netInvested;
  }
}
export const BenchmarkFigureRecord = BenchmarkFigureClass as unknown as Making<
  typeof BenchmarkFigureClass,
  BenchmarkFigure
>;
