/**
 * The shapes of TAO/fiat price files Taofolio reads, once a CSV reader has split them into cells:
 * - two columns `date,price` with or without a header (the original shape);
 * - a header naming the columns, extra columns ignored: the date column is one of DATE_COLUMNS (a
 *   CoinGecko export's `snapped_at`, `date`, `timestamp`, …), the price column `price`, else `close`;
 * - dates as `YYYY-MM-DD`, ISO date-times (`T` or space, optional seconds, `Z`, an offset or ` UTC`:
 *   the UTC day of that instant), or unix timestamps in seconds (9–10 digits) or milliseconds (12–13);
 * - prices as positive decimals (`.` or, in a `;`-separated file, `,` as the decimal mark; an
 *   exponent is allowed), floored to 1e-8, at least 0.00000001 and at most 9999999999.99999999 (prices
 *   are stored as 64-bit integers of 1e-8 units). A price of 0 is refused: it would value that day's
 *   income and holdings at nothing, where a day left out is reported as missing.
 * One price per UTC day: two date-only rows for one day are an error; rows with a time of day on the
 * same day keep the day's first row in the file (a CoinGecko export ends with today's live row after
 * today's 00:00 row) and count the others as skipped. Any malformed row fails the whole import, with its line.
 */
export interface FiatRow {
  /** UTC day, YYYY-MM-DD */
  date: string;
  /** 1e-8 fiat units per whole TAO */
  price: bigint;
}

export interface FiatTableError {
  /** 1-based line number in the file */
  line: number;
  message: string;
}

export type DateForm = 'day' | 'date-time' | 'unix-seconds' | 'unix-ms';

export type FiatTableResult =
  | {
      ok: true;
      rows: FiatRow[];
      /** Rows of a day that already had an earlier time of day. */
      skipped: number;
      columns: { date: string; price: string };
    }
  | { ok: false; errors: FiatTableError[] };

export const DATE_COLUMNS = ['date', 'snapped_at', 'timestamp', 'time', 'datetime', 'day', 'date (utc)'] as const;
const PRICE_COLUMNS = ['price', 'close'] as const;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
const PRICE_RE = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function validDay(y: string, m: string, d: string): string | null {
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(t);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d))
    return null;
  return `${y}-${m}-${d}`;
}

/** The UTC day of a date cell and whether it carried a time of day; null when not a date. */
export function parseDateCell(cell: string): { day: string; form: DateForm } | null {
  const s = cell.trim();
  const day = DAY_RE.exec(s);
  if (day) {
    const d = validDay(day[1] as string, day[2] as string, day[3] as string);
    return d === null ? null : { day: d, form: 'day' };
  }
  const dt = DATE_TIME_RE.exec(s);
  if (dt) {
    const date = dt[1] as string;
    const [y, m, d] = date.split('-') as [string, string, string];
    if (validDay(y, m, d) === null) return null;
    const zone = (dt[3] ?? 'Z').toUpperCase() === 'UTC' ? 'Z' : (dt[3] ?? 'Z');
    const offset = zone === 'Z' ? zone : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const time = (dt[2] as string).length === 5 ? `${dt[2]}:00` : (dt[2] as string);
    const ms = Date.parse(`${date}T${time}${offset}`);
    return Number.isNaN(ms) ? null : { day: new Date(ms).toISOString().slice(0, 10), form: 'date-time' };
  }
  if (/^\d{9,10}$/.test(s)) return { day: new Date(Number(s) * 1000).toISOString().slice(0, 10), form: 'unix-seconds' };
  if (/^\d{12,13}$/.test(s)) return { day: new Date(Number(s)).toISOString().slice(0, 10), form: 'unix-ms' };
  return null;
}

/** The largest price SQLite's 64-bit integers hold in 1e-8 units (9999999999.99999999 per TAO). */
export const MAX_FIAT_PRICE = 999_999_999_999_999_999n;

/** A price cell in 1e-8 units (floored), or null; 'too-large' above MAX_FIAT_PRICE. */
export function parsePriceCell(cell: string, decimalComma: boolean): bigint | 'too-large' | null {
  let s = cell.trim();
  if (decimalComma && !s.includes('.')) s = s.replace(',', '.');
  const m = PRICE_RE.exec(s);
  if (!m) return null;
  const digits = (m[1] as string) + (m[2] ?? '');
  // value = digits × 10^(exp − decimals); in 1e-8 units: × 10^8
  const shift = Number(m[3] ?? '0') - (m[2] ?? '').length + 8;
  const n = BigInt(digits);
  if (n === 0n) return 0n;
  // More digits than 10^(shift + length) can hold a price within the bound: too large before scaling.
  if (shift + digits.replace(/^0+/, '').length > 19) return 'too-large';
  if (shift < -digits.length) return 0n;
  const v = shift >= 0 ? n * 10n ** BigInt(shift) : n / 10n ** BigInt(-shift);
  return v > MAX_FIAT_PRICE ? 'too-large' : v;
}

/** Cells are quoted back in errors; a pasted megabyte must not come back whole. */
function shorten(cell: string): string {
  return cell.length > 24 ? `${cell.slice(0, 20)}… (${cell.length} characters)` : cell;
}

function isHeader(cells: readonly string[]): boolean {
  return !/^\d/.test((cells[0] ?? '').trim());
}

function findColumns(header: readonly string[]): { date: number; price: number } | null {
  const names = header.map((h) => h.trim().toLowerCase());
  const date = names.findIndex((n) => (DATE_COLUMNS as readonly string[]).includes(n));
  let price = -1;
  for (const p of PRICE_COLUMNS) {
    price = names.indexOf(p);
    if (price >= 0) break;
  }
  if (date >= 0 && price >= 0) return { date, price };
  return header.length === 2 ? { date: 0, price: 1 } : null;
}

/** Interpret rows of cells (with their 1-based line numbers) as daily TAO/fiat prices. */
export function readFiatTable(
  rows: readonly { line: number; cells: readonly string[] }[],
  opts: { decimalComma?: boolean } = {},
): FiatTableResult {
  const errors: FiatTableError[] = [];
  const first = rows[0];
  let cols = { date: 0, price: 1 };
  let names = { date: 'date', price: 'price' };
  let body = rows;
  if (first && isHeader(first.cells)) {
    const found = findColumns(first.cells);
    if (!found)
      return {
        ok: false,
        errors: [
          {
            line: first.line,
            message: `no date and price columns in the header (a date column is one of ${DATE_COLUMNS.join(', ')}; the price column is price or close)`,
          },
        ],
      };
    cols = found;
    names = { date: (first.cells[found.date] ?? '').trim(), price: (first.cells[found.price] ?? '').trim() };
    body = rows.slice(1);
  }
  const width = first && body !== rows ? first.cells.length : 2;
  const byDay = new Map<string, { line: number; timed: boolean; price: bigint }>();
  let skipped = 0;
  for (const { line, cells } of body) {
    if (cells.length !== width) {
      errors.push({ line, message: `expected ${width} columns, found ${cells.length}` });
      continue;
    }
    const dateCell = cells[cols.date] as string;
    const date = parseDateCell(dateCell);
    if (!date) {
      errors.push({
        line,
        message: `invalid date "${shorten(dateCell)}" (expected YYYY-MM-DD, an ISO date-time, or a unix timestamp)`,
      });
      continue;
    }
    const priceCell = cells[cols.price] as string;
    const price = parsePriceCell(priceCell, opts.decimalComma ?? false);
    if (price === 'too-large') {
      errors.push({
        line,
        message: `price "${shorten(priceCell)}" is too large (at most 9999999999.99999999 per TAO)`,
      });
      continue;
    }
    if (price === null) {
      errors.push({ line, message: `invalid price "${shorten(priceCell)}" (expected a positive decimal)` });
      continue;
    }
    if (price === 0n) {
      errors.push({
        line,
        message: `price "${shorten(priceCell)}" is 0 at 0.00000001 precision (leave out a day without a price: it is reported as missing)`,
      });
      continue;
    }
    const timed = date.form !== 'day';
    const prev = byDay.get(date.day);
    if (prev && (!timed || !prev.timed)) {
      errors.push({ line, message: `duplicate date ${date.day} (first on line ${prev.line})` });
      continue;
    }
    if (prev) skipped++;
    else byDay.set(date.day, { line, timed, price });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (byDay.size === 0) return { ok: false, errors: [{ line: 0, message: 'no price rows found' }] };
  const out = [...byDay].map(([date, r]) => ({ date, price: r.price }));
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, rows: out, skipped, columns: names };
}
