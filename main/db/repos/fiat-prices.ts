// TAO prices in a fiat currency, imported from a CSV file: one row per (currency, UTC day).
import type { FiatPriceRow } from '../../../shared/engine';
import type { DB } from '../open';

export interface FiatSummary {
  count: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function fiatPricesRepo(db: DB) {
  const list = db.prepare<[string], { date: string; price: bigint }>(
    'SELECT date, price FROM fiat_prices WHERE currency = ? ORDER BY date',
  );
  const upsert = db.prepare<{ currency: string; date: string; price: bigint }>(
    'INSERT INTO fiat_prices (currency, date, price) VALUES (@currency, @date, @price) ON CONFLICT (currency, date) DO UPDATE SET price = excluded.price',
  );
  const importAll = db.transaction((currency: string, rows: readonly FiatPriceRow[]) => {
    for (const r of rows) upsert.run({ currency, date: r.date, price: r.price });
  });
  const summary = db.prepare<[string], { count: bigint; first: string | null; last: string | null }>(
    'SELECT COUNT(*) AS count, MIN(date) AS first, MAX(date) AS last FROM fiat_prices WHERE currency = ?',
  );
  return {
    /** Every stored day's price for `currency`, oldest first. */
    list: (currency: string): FiatPriceRow[] => list.all(currency).map((r) => ({ date: r.date, price: r.price })),
    /** Store all rows or none (a day already stored takes the new price). */
    import: (currency: string, rows: readonly FiatPriceRow[]): void => {
      importAll(currency, rows);
    },
    summary: (currency: string): FiatSummary => {
      const row = summary.get(currency);
      return { count: Number(row?.count ?? 0n), firstDate: row?.first ?? null, lastDate: row?.last ?? null };
    },
  };
}

export type FiatPricesRepo = ReturnType<typeof fiatPricesRepo>;
