/**
 * Records made by constructors rather than object literals: a position's figures and result, and a
 * bet's figure against a benchmark. A position's figures, for example: V8 pretenures an object
 * literal's allocation site once enough of what it made survives a young-generation collection, as the
 * figures of a full computation do (one per position, kept). Live sync then reprices every position at
 * each block with new prices (aggregates.ts `reprice`), and that site would make each block's
 * short-lived figures straight in the old generation: scavenges walk their pointers to young bigints
 * and mark-compacts collect them. V8 (as Node 20 ships it) keeps no such site for a `new` expression, so
 * the figures start young (docs/benchmarks.md, the priced append). The own properties and their order
 * are the literal's: JSON, spreads, structured clone and `toEqual` see a plain object's. Each is set
 * as `this.x = …` in the constructor, which is how V8 sizes the object (below).
 */
import { impliedPrice, ratio, taoToFiat } from './units';
import type { AdditiveFigures, FigureFlags, Figures, PositionResult } from './pnl';
import type { PriceRef } from './prices';
import type { BenchmarkFigure, BetParts } from './benchmarks';

/** The figures a position's book gives besides its cost basis and the price-dependent ones. */
export type BookFigures = Omit<
  AdditiveFigures,
  'costBasis' | 'costBasisFiat' | 'spotValue' | 'unrealized' | 'totalReturn'
>;

/** A class, typed as a constructor of the record `R` it fills in (it declares no fields of its own). */
type Making<C extends new (...args: never[]) => unknown, R> = new (...args: ConstructorParameters<C>) => R;

// Each class takes its fields' types from an interface of the same name (declaration merging), so it
// declares no fields (see the constructor). The lint rule against merging guards against fields a class
// never sets; the key-order test (figure-record.test.ts) checks that each sets every one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface FigureRecordClass extends Figures {}
/**
 * A position's figures from its book's running totals (a position, or the figures it had: see
 * `repriced`), its cost basis (τ and fiat), spot and exit value, the as-of day's fiat price, and its average entry
 * price (derived from the cost basis when not given).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class FigureRecordClass {
  constructor(
    p: BookFigures,
    costBasis: bigint,
    costBasisFiat: bigint,
    spotValue: bigint,
    exitValue: bigint,
    fiatPrice: bigint | null,
    flags: FigureFlags,
    avgEntryPrice?: bigint | null,
  ) {
    // No field declarations: Playwright's Babel (e2e) rejects `declare` fields, and plain ones would be
    // defined as undefined first. Every field is set as `this.x = …`: V8 counts those assignments to
    // size the object, so all its fields are in the object itself. Set through another name, most went
    // to a separate property store that was regrown as they were added: a priced append allocated twice
    // as much (6.0 → 2.9 MB, docs/benchmarks.md). The key-order test checks every field is set.
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
    this.costBasisFiat = costBasisFiat;
    this.exitValue = exitValue;
    this.avgEntryPrice =
      avgEntryPrice === undefined ? impliedPrice(costBasis, p.alpha > 0n ? p.alpha : 0n) : avgEntryPrice;
    this.totalReturnPct = ratio(totalReturn, p.taoIn);
    const spotValueFiat = fiatPrice === null ? null : taoToFiat(spotValue, fiatPrice);
    this.spotValueFiat = spotValueFiat;
    // Value at the as-of day's price − what the α held cost in fiat when acquired (./lot-base).
    this.unrealizedFiat = spotValueFiat === null || flags.fiatBasisUnknown ? null : spotValueFiat - costBasisFiat;
    this.flags = flags;
  }
}
export const FigureRecord = FigureRecordClass as Making<typeof FigureRecordClass, Figures>;

/** A position's result, made by a constructor for the same reason as its figures (header). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface PositionRecordClass extends PositionResult {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class PositionRecordClass {
  constructor(key: string, coldkey: string, hotkey: string, netuid: number, price: PriceRef | null, figures: Figures) {
    this.key = key;
    this.coldkey = coldkey;
    this.hotkey = hotkey;
    this.netuid = netuid;
    this.price = price;
    this.figures = figures;
  }
}
export const PositionRecord = PositionRecordClass as Making<typeof PositionRecordClass, PositionResult>;

/**
 * A bet's figure against one benchmark (benchmarks.ts `figureAt`), made by a constructor: a price move
 * remakes every position's (benchmark-parts.ts `figuresOf`), and an object literal's site would be
 * pretenured by the figures the full computation keeps (header). The fields and their order are the
 * interface's.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface BenchmarkFigureClass extends BenchmarkFigure {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class BenchmarkFigureClass {
  constructor(b: BetParts, benchmarkValue: bigint, available: boolean, complete: boolean) {
    this.available = available;
    this.complete = complete;
    this.benchmarkValue = benchmarkValue;
    this.betValue = b.betValue;
    this.excess = b.betValue - benchmarkValue;
    this.priceEffect = b.priceEffect;
    this.emissionEffect = b.emissionEffect;
    this.frictionEffect = b.frictionEffect;
    this.benchmarkGain = benchmarkValue - b.netInvested;
  }
}
export const BenchmarkFigureRecord = BenchmarkFigureClass as Making<typeof BenchmarkFigureClass, BenchmarkFigure>;
