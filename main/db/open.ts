import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestVersion, migrate, readUserVersion, DatabaseFromFutureError } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export type DB = Database.Database;

export const DATABASE_FILE = 'taofolio.sqlite';

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenedDatabase {
  db: DB;
  path: string;
  schemaVersion: number;
  /** Copy written before migrating an existing database, if any. */
  backupPath: string | null;
}

export interface OpenOptions {
  dataDir: string;
  migrations?: readonly Migration[];
  /** For tests: a fixed clock for backup names. */
  now?: () => Date;
}

function backupBeforeMigration(db: DB, dataDir: string, fromVersion: number, now: Date): string {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${DATABASE_FILE}.v${fromVersion}.${stamp}.bak`);
  // VACUUM INTO writes a consistent, compact copy synchronously (WAL contents included).
  db.prepare('VACUUM INTO ?').run(path);
  return path;
}

/**
 * Open (creating if needed) the Taofolio database in `dataDir`: WAL, foreign keys, 64-bit safe
 * integers, migrated to the latest schema. A database from a newer version, or a file that is not
 * a SQLite database, is refused with a clear error and left untouched.
 */
export function openDatabase({
  dataDir,
  migrations = MIGRATIONS,
  now = () => new Date(),
}: OpenOptions): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  const existed = existsSync(path);
  let db: DB;
  try {
    db = new Database(path, { fileMustExist: false });
  } catch (cause) {
    throw new DatabaseOpenError(`Cannot open the database at ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    // Read before any write pragma: a corrupt or foreign file fails here without being modified.
    const found = readUserVersion(db);
    const latest = latestVersion(migrations);
    if (found > latest) throw new DatabaseFromFutureError(found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.defaultSafeIntegers(true);
    let backupPath: string | null = null;
    if (existed && found > 0 && found < latest) backupPath = backupBeforeMigration(db, dataDir, found, now());
    const { to } = migrate(db, migrations);
    return { db, path, schemaVersion: to, backupPath };
  } catch (cause) {
    db.close();
    if (cause instanceof DatabaseFromFutureError) throw cause;
    const message = (cause as Error).message;
    if (/not a database|malformed|file is encrypted/i.test(message)) {
      throw new DatabaseOpenError(
        `The file ${path} is not a readable Taofolio database (${message}). It was left unchanged.`,
        { cause },
      );
    }
    throw cause;
  }
}
