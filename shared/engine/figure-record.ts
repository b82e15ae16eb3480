/**
 * A position's figures, made by a constructor rather than an object literal. V8 pretenures an object
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

/** The figures a position's book gives besides its cost basis and the price-dependent ones. */
export type BookFigures = Omit<AdditiveFigures, 'costBasis' | 'spotValue' | 'unrealized' | 'totalReturn'>;

/**
 * A position's figures from its book's running totals (a position, or the figures it had: see
 * `repriced`), its cost basis, spot and exit value, and the as-of day's fiat price.
 */
export function figuresFrom(
  p: BookFigures,
  costBasis: bigint,
  spotValue: bigint,
  exitValue: bigint,
  fiatPrice: bigint | null,
  flags: FigureFlags,
  avgEntryPrice = impliedPrice(costBasis, p.alpha > 0n ? p.alpha : 0n),
): Figures {
  return new FigureRecord(p, costBasis, spotValue, exitValue, fiatPrice, flags, avgEntryPrice);
}

class FigureRecord implements Figures {
  declare alpha: Figures['alpha'];
  declare alphaBought: Figures['alphaBought'];
  declare alphaSold: Figures['alphaSold'];
  declare alphaTransferredIn: Figures['alphaTransferredIn'];
  declare alphaTransferredOut: Figures['alphaTransferredOut'];
  declare alphaEmitted: Figures['alphaEmitted'];
  declare alphaUnexplained: Figures['alphaUnexplained'];
  declare alphaUnexplainedIn: Figures['alphaUnexplainedIn'];
  declare alphaRootClaim: Figures['alphaRootClaim'];
  declare alphaLeaseDividend: Figures['alphaLeaseDividend'];
  declare alphaIncentive: Figures['alphaIncentive'];
  declare alphaFeePaid: Figures['alphaFeePaid'];
  declare alphaBurned: Figures['alphaBurned'];
  declare alphaOpening: Figures['alphaOpening'];
  declare openingTao: Figures['openingTao'];
  declare emissionTao: Figures['emissionTao'];
  declare rootClaimTao: Figures['rootClaimTao'];
  declare leaseDividendTao: Figures['leaseDividendTao'];
  declare incentiveTao: Figures['incentiveTao'];
  declare incomeTao: Figures['incomeTao'];
  declare costBasis: Figures['costBasis'];
  declare spotValue: Figures['spotValue'];
  declare realized: Figures['realized'];
  declare unrealized: Figures['unrealized'];
  declare friction: Figures['friction'];
  declare feesTao: Figures['feesTao'];
  declare feesAlpha: Figures['feesAlpha'];
  declare taoIn: Figures['taoIn'];
  declare taoOut: Figures['taoOut'];
  declare proceeds: Figures['proceeds'];
  declare costAcquired: Figures['costAcquired'];
  declare costCarriedIn: Figures['costCarriedIn'];
  declare costCarriedOut: Figures['costCarriedOut'];
  declare totalReturn: Figures['totalReturn'];
  declare realizedFiat: Figures['realizedFiat'];
  declare incomeFiat: Figures['incomeFiat'];
  declare exitValue: Figures['exitValue'];
  declare avgEntryPrice: Figures['avgEntryPrice'];
  declare totalReturnPct: Figures['totalReturnPct'];
  declare spotValueFiat: Figures['spotValueFiat'];
  declare unrealizedFiat: Figures['unrealizedFiat'];
  declare flags: Figures['flags'];
  constructor(
    p: BookFigures,
    costBasis: bigint,
    spotValue: bigint,
    exitValue: bigint,
    fiatPrice: bigint | null,
    flags: FigureFlags,
    avgEntryPrice: bigint | null,
  ) {
    const unrealized = spotValue - costBasis;
    const totalReturn = spotValue + p.taoOut - p.taoIn;
    this.alpha = p.alpha;
    this.alphaBought = p.alphaBought;
    this.alphaSold = p.alphaSold;
    this.alphaTransferredIn = p.alphaTransferredIn;
    this.alphaTransferredOut = p.alphaTransferredOut;
    this.alphaEmitted = p.alphaEmitted;
    this.alphaUnexplained = p.alphaUnexplained;
    this.alphaUnexplainedIn = p.alphaUnexplainedIn;
    this.alphaRootClaim = p.alphaRootClaim;
    this.alphaLeaseDividend = p.alphaLeaseDividend;
    this.alphaIncentive = p.alphaIncentive;
    this.alphaFeePaid = p.alphaFeePaid;
    this.alphaBurned = p.alphaBurned;
    this.alphaOpening = p.alphaOpening;
    this.openingTao = p.openingTao;
    this.emissionTao = p.emissionTao;
    this.rootClaimTao = p.rootClaimTao;
    this.leaseDividendTao = p.leaseDividendTao;
    this.incentiveTao = p.incentiveTao;
    this.incomeTao = p.incomeTao;
    this.costBasis = costBasis;
    this.spotValue = spotValue;
    this.realized = p.realized;
    this.unrealized = unrealized;
    this.friction = p.friction;
    this.feesTao = p.feesTao;
    this.feesAlpha = p.feesAlpha;
    this.taoIn = p.taoIn;
    this.taoOut = p.taoOut;
    this.proceeds = p.proceeds;
    this.costAcquired = p.costAcquired;
    this.costCarriedIn = p.costCarriedIn;
    this.costCarriedOut = p.costCarriedOut;
    this.totalReturn = totalReturn;
    this.realizedFiat = p.realizedFiat;
    this.incomeFiat = p.incomeFiat;
    this.exitValue = exitValue;
    this.avgEntryPrice = avgEntryPrice;
    this.totalReturnPct = ratio(totalReturn, p.taoIn);
    this.spotValueFiat = fiatPrice === null ? null : taoToFiat(spotValue, fiatPrice);
    this.unrealizedFiat = fiatPrice === null ? null : taoToFiat(unrealized, fiatPrice);
    this.flags = flags;
  }
}

/** A position's result, made by a constructor for the same reason as its figures (header). */
export class PositionRecord implements PositionResult {
  declare key: string;
  declare coldkey: string;
  declare hotkey: string;
  declare netuid: number;
  declare price: PriceRef | null;
  declare figures: Figures;
  constructor(key: string, coldkey: string, hotkey: string, netuid: number, price: PriceRef | null, figures: Figures) {
    this.key = key;
    this.coldkey = coldkey;
    this.hotkey = hotkey;
    this.netuid = netuid;
    this.price = price;
    this.figures = figures;
  }
}
