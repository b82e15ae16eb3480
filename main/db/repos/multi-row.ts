// Many rows per INSERT: a checkpoint writes a row per subnet (~130) and one per position, the bulk of a
// backfill's rows. One statement with positional parameters per chunk of rows costs far less than a
// statement per row with named parameters (docs/benchmarks.md, bench:sync).
import type { Statement } from 'better-sqlite3';
import type { DB } from '../open';

/** Rows per statement: at most 15 parameters each, far below SQLite's 32,766. */
const ROWS_PER_STATEMENT = 256;

/**
 * An insert of rows given as one flat parameter list (`width` values per row): `sql(values)` is the
 * statement whose VALUES list is `values`, prepared once per row count. `onChunk` sees each chunk of at
 * most 256 rows with the rows it changed (so a caller can tell a chunk where a row was left out).
 */
export function multiRowInsert(db: DB, sql: (values: string) => string, width: number) {
  const statements = new Map<number, Statement>();
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const statement = (rows: number): Statement => {
    let s = statements.get(rows);
    if (!s) statements.set(rows, (s = db.prepare(sql(Array.from({ length: rows }, () => row).join(', ')))));
    return s;
  };
  return (params: readonly unknown[], onChunk?: (chunk: readonly unknown[], changes: number) => void): void => {
    const step = width * ROWS_PER_STATEMENT;
    for (let i = 0; i < params.length; i += step) {
      const chunk = params.length <= step ? params : params.slice(i, i + step);
      const { changes } = statement(chunk.length / width).run(chunk);
      onChunk?.(chunk, changes);
    }
  };
}
