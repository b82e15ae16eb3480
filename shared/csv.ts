// The one CSV reader and writer (papaparse, which runs in Node and in the browser). Every CSV the
// app writes (PnL, events, Koinly, CoinTracker, the CLI's events) and reads (TAO/fiat prices) goes
// through here, so quoting and formula neutralisation are decided once.
import Papa from 'papaparse';

/** A cell value: text, or a number written as is (exact decimals are passed as strings). */
export type CsvValue = string | number | bigint | null | undefined;

/**
 * Text a spreadsheet would evaluate: a cell starting with =, +, -, @, tab or CR (and the full-width
 * =, +, -, @ some spreadsheets fold to ASCII). A plain decimal such as "-12.5" is a number, not a
 * formula, and stays as it is.
 */
export const FORMULA_CELL = /^(?!-?\d+(?:\.\d+)?$)[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const WRITE: Papa.UnparseConfig = { newline: '\r\n', escapeFormulae: FORMULA_CELL };

/** One row's cells joined (quoted where needed, formula cells prefixed with an apostrophe). */
export function csvRow(cells: readonly CsvValue[]): string {
  return Papa.unparse([cells.map((c) => (c === undefined ? null : c))], WRITE);
}

/** One cell as it appears in a CSV line. */
export function csvCell(value: CsvValue): string {
  return csvRow([value]);
}

/** A whole CSV document: header and rows, CRLF line ends, a final CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(csvRow).join('\r\n') + '\r\n';
}

export interface CsvLine {
  /** 1-based line number in the text where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvParseResult {
  rows: CsvLine[];
  /** Rows the parser could not read (an unclosed quote, …), with their line. */
  errors: { line: number; message: string }[];
}

/**
 * Parse CSV text: a byte-order mark is dropped, line breaks may be LF, CRLF or CR, blank lines are skipped, the separator is guessed
 * among `separators` from the text, and every cell is trimmed.
 */
export function parseCsv(text: string, separators: readonly string[] = [',']): CsvParseResult {
  // One line-break style for the whole text (files edited on several systems mix them).
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: CsvLine[] = [];
  const errors: { line: number; message: string }[] = [];
  // Line numbers: count the line breaks before each row's first character.
  let line = 1;
  let scanned = 0;
  const lineAt = (offset: number): number => {
    for (; scanned < offset && scanned < body.length; scanned++) if (body.charCodeAt(scanned) === 10) line++;
    return line;
  };
  let start = 0;
  Papa.parse<string[]>(body, {
    // One separator is used as given: papaparse's guess counts blank lines and, when it fails, falls
    // back to its default (a comma), whatever the separators asked for.
    ...(separators.length === 1 ? { delimiter: separators[0] } : { delimitersToGuess: [...separators] }),
    newline: '\n',
    skipEmptyLines: false,
    step: (result) => {
      const at = lineAt(start);
      start = result.meta.cursor;
      // The cursor stops before the row's line break: step past it for the next row's start.
      while (start < body.length && body[start] === '\n') start++;
      const cells = result.data.map((c) => c.trim());
      if (cells.every((c) => c === '')) return;
      // A separator that could not be guessed falls back to the first one; that is not an error.
      for (const e of result.errors) if (e.type !== 'Delimiter') errors.push({ line: at, message: e.message });
      rows.push({ line: at, cells });
    },
  });
  return { rows, errors };
}
