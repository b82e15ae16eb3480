// The basket-position vocabularies (shared/engine/baskets.ts, docs/chain/baskets.md), part of the one
// vocabulary: re-exported by ./vocab, which every consumer imports.
import { idsOf, type Term } from './vocab';

/** When the root dividends that reach a validator fund (basket shares, runtimes 441+) are income. */
export const BASKET_INCOME_TIMINGS = {
  accrual: {
    label: 'At accrual',
    short: 'fund dividends at accrual',
    help: 'New fund shares are income when they appear, at their TAO value then; under Income at receipt that value is their cost basis, under Zero basis they have none.',
  },
  claim: {
    label: 'At claim',
    short: 'fund dividends at claim',
    help: 'New fund shares have no cost basis until claimed; their value at accrual is income when the claim stakes them on root.',
  },
} as const satisfies Record<string, Term & { short: string }>;
export type BasketIncomeTiming = keyof typeof BASKET_INCOME_TIMINGS;
export const basketIncomeTimings = idsOf(BASKET_INCOME_TIMINGS);

/** What happened to a basket position (shared/engine/baskets.ts), one per record; exports decide per kind. */
export const BASKET_RECORD_KINDS = {
  purchase: { label: 'Bought fund shares', help: 'TAO spent on shares of a validator’s fund, at its TAO cost.' },
  income: {
    label: 'Fund dividends',
    help: 'New fund shares from root dividends (or the 441 conversion), valued when seen.',
  },
  claim: {
    label: 'Fund shares claimed',
    help: 'Shares sold and the TAO staked on root under the validator: a disposal at that TAO.',
  },
  dust: {
    label: 'Claim dust forfeited',
    help: 'Part of a claim too small to sell, left to the fund’s other holders: a loss of its cost basis.',
  },
  unexplained: { label: 'Shares gone', help: 'Fund shares that vanished without an event: they leave at no proceeds.' },
  'transfer-in': {
    label: 'Shares received',
    help: 'Fund shares that arrived from a coldkey you do not track, at value.',
  },
  'transfer-out': { label: 'Shares sent', help: 'Fund shares that moved to a coldkey you do not track, at value.' },
} as const satisfies Record<string, Term>;
export type BasketRecordKind = keyof typeof BASKET_RECORD_KINDS;

/**
 * Activity kinds of the basket records that are rows of their own (shared/activity-funds.ts). A claim is
 * not among them: its row is the ledger's `basket-claim` entry of the same BasketClaimed event, which the
 * claim record completes with the shares given up (one row per claim, not two).
 */
export const FUND_ACTIVITY_KINDS = {
  'fund-purchase': BASKET_RECORD_KINDS.purchase,
  'fund-income': BASKET_RECORD_KINDS.income,
  'fund-dust': BASKET_RECORD_KINDS.dust,
  'fund-unexplained': { label: 'Fund shares gone', help: BASKET_RECORD_KINDS.unexplained.help },
  'fund-transfer-in': { label: 'Fund shares received', help: BASKET_RECORD_KINDS['transfer-in'].help },
  'fund-transfer-out': { label: 'Fund shares sent', help: BASKET_RECORD_KINDS['transfer-out'].help },
} as const satisfies Record<string, Term>;
export type FundActivityKind = keyof typeof FUND_ACTIVITY_KINDS;
