/**
 * TAO/fiat price import: a CSV of daily prices → day-keyed prices in 1e-8 fiat units per TAO.
 * All-or-nothing: any malformed line makes the whole import fail with per-line errors, so a partial
 * price list is never stored. Read with the shared CSV reader (../csv): comma-separated, or `;` when
 * the first line uses it; quoted cells. Which shapes are accepted (columns, date and price forms, one
 * price per day) is decided in ./analytics/fiat-shapes.
 */
import { parseCsv } from '../csv';
import { taoToFiat } from './units';
import { readFiatTable, type FiatRow, type FiatTableError, type FiatTableResult } from './analytics/fiat-shapes';

export type FiatPriceRow = FiatRow;
export type FiatParseError = FiatTableError;
export type FiatParseResult = FiatTableResult;

export function parseFiatCsv(text: string): FiatParseResult {
  // The first line says the separator; a `;`-separated file may use the decimal comma.
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r\n?|\n/).find((l) => l.trim() !== '') ?? '';
  const sep = firstLine.includes(';') ? ';' : ',';
  const parsed = parseCsv(text, [sep]);
  const table = readFiatTable(parsed.rows, { decimalComma: sep === ';' });
  if (parsed.errors.length === 0) return table;
  const errors = [...parsed.errors, ...(table.ok ? [] : table.errors)];
  return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
}

/** UTC day (YYYY-MM-DD) of a ms timestamp. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Exact-day price lookup; a missing day is reported, never interpolated. Keys are UTC day numbers (fast). */
export class FiatBook {
  private readonly byDay = new Map<number, bigint>();
  private readonly missingDays = new Set<number>();
  constructor(rows: readonly FiatPriceRow[]) {
    for (const r of rows) this.byDay.set(Math.floor(Date.parse(`${r.date}T00:00:00Z`) / DAY_MS), r.price);
  }
  get size(): number {
    return this.byDay.size;
  }
  /** Days that were asked for but had no price (sorted YYYY-MM-DD). */
  missing(): string[] {
    return [...this.missingDays].sort((a, b) => a - b).map((d) => utcDay(d * DAY_MS));
  }
  priceOn(ms: number): bigint | null {
    const day = Math.floor(ms / DAY_MS);
    const p = this.byDay.get(day);
    if (p === undefined) {
      this.missingDays.add(day);
      return null;
    }
    return p;
  }
  /** Fiat value (1e-8 units) of `rao` on the day of `ms`, or null (flagged) when the day has no price. */
  value(rao: bigint, ms: number): bigint | null {
    const p = this.priceOn(ms);
    return p === null ? null : taoToFiat(rao, p);
  }
}
