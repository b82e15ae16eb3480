import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer Taofolio (schema ${found}; this version understands up to ${supported}). ` +
        'Update Taofolio to open it. Nothing was changed.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export function assertMonotonic(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`Migration versions are not strictly increasing: ${m.version} after ${previous}`);
    }
    previous = m.version;
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function readUserVersion(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Apply every pending migration inside one transaction, so a crash or a failing step leaves the
 * database exactly at its previous version. Returns the versions before and after.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  assertMonotonic(migrations);
  const latest = latestVersion(migrations);
  const from = readUserVersion(db);
  if (from > latest) throw new DatabaseFromFutureError(from, latest);
  if (from === latest) return { from, to: from };
  db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= from) continue;
      m.up(db);
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
