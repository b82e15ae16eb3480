/**
 * A basket record (./basket-types `BasketRecord`) in fiat, as a historical record is shown: its amounts at
 * TAO's price on the record's own UTC day, and where it gives shares up, its cost basis and realized from
 * what those shares cost in fiat on the days they were acquired (`BasketRecord.fiat`, lot-based, as the
 * portfolio's fiat figures and the exports). Activity's fund rows and the Subnets page's Root & baskets
 * records both convert with it, so one record shows the same figures in both.
 */
import type { BasketRecord } from './basket-types';
import type { FiatBook } from './fiat';

/** 1e-8 fiat units; null where the day it needs has no imported price (never a guess). */
export interface BasketRecordInFiat {
  tao: bigint | null;
  basis: bigint | null;
  realized: bigint | null;
  income: bigint | null;
  /** Its cost basis and realized are the lot-based ones (shares given up), not the τ amounts at the day's price. */
  lotBased: boolean;
}

export function basketRecordInFiat(
  r: Pick<BasketRecord, 'timestamp' | 'tao' | 'basis' | 'realized' | 'income' | 'fiat'>,
  book: FiatBook,
): BasketRecordInFiat {
  const lot = r.fiat;
  return {
    tao: book.value(r.tao, r.timestamp),
    basis: lot ? lot.basis : book.value(r.basis, r.timestamp),
    realized: lot ? lot.realized : book.value(r.realized, r.timestamp),
    income: book.value(r.income, r.timestamp),
    lotBased: lot !== undefined,
  };
}

/** Each basket position's records in fiat (keyed by position, in the records' order). */
export function basketRecordsInFiat(
  positions: readonly { key: string; records: readonly BasketRecord[] }[],
  book: FiatBook,
): Record<string, BasketRecordInFiat[]> {
  return Object.fromEntries(positions.map((p) => [p.key, p.records.map((r) => basketRecordInFiat(r, book))]));
}
