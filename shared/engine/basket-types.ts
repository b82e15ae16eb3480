/** Types and the empty figures of basket positions (./baskets computes them; docs/chain/baskets.md). */
import type { BasketRecordKind } from '../vocab';
import type { BasketRow } from '../facts';

export type { BasketRow } from '../facts';

/** A coldkey's basket positions read at a checkpoint block (a fund not listed is owed nothing). */
export interface BasketSnapshot {
  blockNumber: number;
  timestamp: number;
  coldkey: string;
  rows: readonly BasketRow[];
}

export type { BasketRecordKind } from '../vocab';

/** One thing that happened to a basket position (drill-down, exports). */
export interface BasketRecord {
  kind: BasketRecordKind;
  blockNumber: number;
  timestamp: number;
  coldkey: string;
  hotkey: string;
  /**
   * Key (`coldkey|hotkey`) of the position the record belongs to: where it happened, or the position a
   * hotkey or coldkey swap carried that one into (a swap is a rename: the history goes with it).
   */
  position: string;
  /**
   * purchase: TAO paid; income: value of the new shares (at accrual: when they appear; at claim: the value
   * accrued since the last claim, recorded with the claim); claim: TAO staked on root; dust: the chain's
   * estimate of the forfeited TAO; unexplained: 0.
   */
  tao: bigint;
  /** Shares added (+) or given up (−); a claim's shares split over paid and forfeited by TAO. */
  shares: bigint;
  /** Cost basis given up (claim, dust, unexplained). */
  basis: bigint;
  /** Realized gain (+) or loss (−) booked here. */
  realized: bigint;
  /** Income recognized here (accrual: at income records; claim: at claims). */
  income: bigint;
  /** Source event id or "block-eventIndex"; null for snapshot records. */
  source: string | null;
  /** With TAO/fiat prices, on a record that gives shares up: its figures from the shares' own fiat cost. */
  fiat?: RecordFiat;
}

/**
 * Lot-based fiat (1e-8 units) of shares given up: the fiat cost they took (their share of what the
 * position's shares cost on the days they were acquired) and the proceeds at the record's day's price
 * less that cost. Null where a price is missing (the cost or the proceeds).
 */
export interface RecordFiat {
  basis: bigint | null;
  realized: bigint | null;
}

export interface BasketFigures {
  shares: bigint;
  /** What a claim would pay now (the last snapshot's value, adjusted for events since). */
  value: bigint;
  costBasis: bigint;
  taoIn: bigint;
  taoOut: bigint;
  /** Purchase fees: each purchase's `tao − value`, the TAO it did not add to the fund (friction). */
  fees: bigint;
  income: bigint;
  /** Claim timing: accrued value not yet income (it becomes income at the next claim). */
  deferredIncome: bigint;
  realized: bigint;
  unrealized: bigint;
  /** Part of realized: the basis of shares forfeited as claim dust. */
  dustLoss: bigint;
  /** The chain's estimates of the forfeited TAO (memo). */
  forfeitedEstimate: bigint;
  sharesBought: bigint;
  sharesAccrued: bigint;
  sharesClaimed: bigint;
  unexplainedShares: bigint;
  claims: number;
  totalReturn: bigint;
}

export interface BasketPositionResult {
  key: string;
  coldkey: string;
  hotkey: string;
  figures: BasketFigures;
  /** Its fiat figures, when TAO/fiat prices are given (./basket-book `BasketFiatAcc`). */
  fiat?: BasketFiat;
}

/**
 * A basket position's fiat figures (1e-8 fiat units), lot-based as a subnet position's (./lot-base): the
 * shares' fiat cost is the TAO each basis addition was worth on its UTC day (purchase, income at accrual or
 * claim, shares transferred in); shares leaving take `floor(fiat cost × shares gone / shares held)`, all of
 * it when every share goes (a claim); realized = fiat proceeds at the day's price − fiat cost removed.
 */
export interface BasketFiat {
  /** Fiat cost of the shares held; null when a basis addition fell on a day without a price. */
  costBasis: bigint | null;
  realized: bigint;
  /** Income at the UTC day it was recognized. */
  income: bigint;
  /** A conversion lacked its day's price: realized or income leaves that part out. */
  incomplete: boolean;
}

export interface BasketResult {
  positions: BasketPositionResult[];
  total: BasketFigures;
  records: BasketRecord[];
  /** Totals at each of `sampleBlocks` (daily series); empty when none were asked for. */
  samples: BasketSample[];
}

/** The basket positions' cumulative totals at a block (a series point). */
export interface BasketSample {
  value: bigint;
  costBasis: bigint;
  realized: bigint;
  income: bigint;
  taoIn: bigint;
  taoOut: bigint;
}

export const BASKET_FIGURE_KEYS = [
  'shares',
  'value',
  'costBasis',
  'taoIn',
  'taoOut',
  'fees',
  'income',
  'deferredIncome',
  'realized',
  'unrealized',
  'dustLoss',
  'forfeitedEstimate',
  'sharesBought',
  'sharesAccrued',
  'sharesClaimed',
  'unexplainedShares',
  'totalReturn',
] as const;

export function emptyBasketFigures(): BasketFigures {
  const f = Object.fromEntries(BASKET_FIGURE_KEYS.map((k) => [k, 0n])) as Record<
    (typeof BASKET_FIGURE_KEYS)[number],
    bigint
  >;
  return { ...f, claims: 0 };
}
