/**
 * TAO/fiat price import: a CSV of (date, price) rows → day-keyed prices in 1e-8 fiat units per TAO.
 * All-or-nothing: any malformed line makes the whole import fail with per-line errors, so a partial
 * price list is never stored. Read with the shared CSV reader (../csv). Accepted: optional header
 * line, comma or semicolon separator (one per file), quoted cells,
 * dates YYYY-MM-DD (an ISO time part is allowed and ignored: prices are daily, UTC), prices as plain
 * non-negative decimals with at most 8 decimal places (no thousands separators, no exponent).
 */
import { parseCsv } from '../csv';
import { FIAT_SCALE, taoToFiat } from './units';

export interface FiatPriceRow {
  /** UTC day, YYYY-MM-DD */
  date: string;
  /** 1e-8 fiat units per whole TAO */
  price: bigint;
}

export interface FiatParseError {
  /** 1-based line number in the file */
  line: number;
  message: string;
}

export type FiatParseResult = { ok: true; rows: FiatPriceRow[] } | { ok: false; errors: FiatParseError[] };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const PRICE_RE = /^\d+(?:\.\d{1,8})?$/;

export function parseFiatCsv(text: string): FiatParseResult {
  const errors: FiatParseError[] = [];
  const rows: FiatPriceRow[] = [];
  const seen = new Map<string, number>();
  const parsed = parseCsv(text, [',', ';']);
  errors.push(...parsed.errors);
  for (const { line, cells } of parsed.rows) {
    if (line === parsed.rows[0]?.line && isHeader(cells)) continue;
    if (cells.length !== 2) {
      errors.push({ line, message: `expected 2 columns (date, price), found ${cells.length}` });
      continue;
    }
    const [dateCell, priceCell] = cells as [string, string];
    const date = parseDate(dateCell);
    if (date === null) {
      errors.push({ line, message: `invalid date "${shorten(dateCell)}" (expected YYYY-MM-DD)` });
      continue;
    }
    if (/^\d{11,}/.test(priceCell)) {
      // Stored as an integer of 1e-8 units: more than 10 whole digits would not fit in SQLite's 64 bits.
      errors.push({
        line,
        message: `price "${shorten(priceCell)}" is too large (at most 9999999999.99999999 per TAO)`,
      });
      continue;
    }
    if (!PRICE_RE.test(priceCell)) {
      errors.push({
        line,
        message: `invalid price "${shorten(priceCell)}" (expected a non-negative decimal with at most 8 decimals)`,
      });
      continue;
    }
    const prev = seen.get(date);
    if (prev !== undefined) {
      errors.push({ line, message: `duplicate date ${date} (first on line ${prev})` });
      continue;
    }
    seen.set(date, line);
    rows.push({ date, price: parseDecimal(priceCell) });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, message: 'no price rows found' }] };
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, rows };
}

/** Cells are quoted back in errors; a pasted megabyte must not come back whole. */
function shorten(cell: string): string {
  return cell.length > 24 ? `${cell.slice(0, 20)}… (${cell.length} characters)` : cell;
}

function isHeader(cells: string[]): boolean {
  const first = (cells[0] ?? '').toLowerCase();
  return cells.length >= 1 && !/^\d/.test(first);
}

function parseDate(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function parseDecimal(s: string): bigint {
  const [w, f = ''] = s.split('.') as [string, string?];
  return BigInt(w) * FIAT_SCALE + BigInt((f + '00000000').slice(0, 8));
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
