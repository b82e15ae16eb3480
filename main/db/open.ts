// The encryption-capable build (same API as better-sqlite3; see ./encryption.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, mkdtempSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseRecovery } from '../../shared/api';
import {
  applyPendingRestore,
  BACKUPS_DIR,
  checkBackup,
  dailyBackup,
  listBackups,
  PENDING_RESTORE,
  writeBackup,
} from './backups';
import { defaultDataDir, ELECTRON_PROFILE_DIR, TOKEN_FILE } from '../data-dir';
import { DatabaseLockedError, isEncrypted, unlock, WrongPassphraseError } from './encryption';
import { ensurePrivateDir, ensurePrivateFile, isWritable, sidecars } from './files';
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
  /** The data folder cannot be written: a private snapshot is open read-only. */
  readOnly: boolean;
  /** A damaged database was moved aside at this open (a fresh one is open instead). */
  recovery: DatabaseRecovery | null;
  /** Things the user should be told (stderr for the CLI, a banner in the app). */
  notices: string[];
}

export interface OpenOptions {
  dataDir: string;
  migrations?: readonly Migration[];
  /** For tests: a fixed clock for backup names. */
  now?: () => Date;
  /** Write the day's rotating backup at open (default true). */
  dailyBackups?: boolean;
  /** Unlocks an encrypted database (see ./encryption.ts); ignored for one without a passphrase. */
  passphrase?: string;
  /**
   * Another process writes to this folder (./writer-lock.ts; this names it): the database is only read
   * alongside it. Nothing at open may write then: no staged restore, no setting a damaged file aside,
   * no migration, no daily backup; what would need one is refused.
   */
  writer?: string;
}

const NOT_A_DATABASE = /not a database|file is encrypted/i;
const CORRUPT = /malformed|corrupt/i;

class Damaged extends Error {}

/**
 * What Taofolio keeps in its data folder: the database and its sidecars, markers and set-aside
 * copies (`taofolio.sqlite…`), the lock setting (`taofolio.lock.json`), the backups, a staged
 * restore, the web host's token and the desktop app's profile.
 */
const isDataFolderName = (name: string): boolean =>
  name.startsWith('taofolio.') || [BACKUPS_DIR, PENDING_RESTORE, TOKEN_FILE, ELECTRON_PROFILE_DIR].includes(name);

/** Read-only checks, before any write: refuse foreign files, detect damage. Returns user_version. */
function inspect(db: DB, path: string, latest: number, keyed = false): number {
  let found: number;
  try {
    found = readUserVersion(db);
  } catch (cause) {
    const message = (cause as Error).message;
    if (keyed && NOT_A_DATABASE.test(message)) throw new WrongPassphraseError();
    if (CORRUPT.test(message)) throw new Damaged(message);
    if (NOT_A_DATABASE.test(message))
      throw new DatabaseOpenError(
        `The file ${path} is not a readable Taofolio database (${message}). It was left unchanged.`,
        {
          cause,
        },
      );
    throw cause;
  }
  if (found > latest) throw new DatabaseFromFutureError(found, latest);
  if (found === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get();
    if (Number(tables) > 0)
      throw new DatabaseOpenError(
        `The file ${path} is a SQLite database, but not Taofolio's (it has tables of its own and no Taofolio schema). It was left unchanged.`,
      );
    return 0;
  }
  let check: unknown;
  try {
    check = db.pragma('quick_check', { simple: true });
  } catch (cause) {
    throw new Damaged((cause as Error).message);
  }
  if (check !== 'ok') throw new Damaged(`integrity check: ${String(check)}`);
  return found;
}

/** Move a damaged database aside (never delete it) and find the newest backup that checks out. */
function setAside(dataDir: string, path: string, reason: string, now: Date, latest: number): DatabaseRecovery {
  const movedTo = `${path}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, movedTo);
  for (const file of sidecars(path)) if (existsSync(file)) renameSync(file, `${movedTo}${file.slice(path.length)}`);
  const offered =
    listBackups(dataDir).find((b) => {
      try {
        checkBackup(join(dataDir, 'backups', b.name), latest);
        return true;
      } catch {
        return false;
      }
    }) ?? null;
  return { reason, movedTo, offered };
}

/** The refusal, with the newest backup and how to restore it when the folder has one. */
function withBackupHint(error: DatabaseOpenError, dataDir: string): DatabaseOpenError {
  const newest = listBackups(dataDir)[0];
  if (!newest) return error;
  return new DatabaseOpenError(
    `${error.message} If it is your Taofolio database, damaged: move it out of ${dataDir}, start Taofolio ` +
      `(a new database opens), then restore the newest backup, ${newest.name}, from Settings → Backups ` +
      `or with \`npm run cli -- backup restore ${newest.name}\`.`,
    { cause: error },
  );
}

/** A read-only data folder: open a private copy, so the data can still be listed and reported. */
function openSnapshot(path: string, latest: number): { db: DB; found: number } {
  const dir = mkdtempSync(join(tmpdir(), 'taofolio-readonly-'));
  const copy = join(dir, DATABASE_FILE);
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  ensurePrivateFile(copy, false);
  const db = new Database(copy);
  try {
    const found = inspect(db, path, latest);
    if (found < latest)
      throw new DatabaseOpenError(
        `The database at ${path} needs an upgrade (schema ${found} → ${latest}), but its folder is read-only. Nothing was changed.`,
      );
    db.close();
    const readOnly = new Database(copy, { readonly: true });
    readOnly.defaultSafeIntegers(true);
    return { db: readOnly, found };
  } catch (error) {
    if (db.open) db.close();
    throw error instanceof Damaged
      ? new DatabaseOpenError(`The database at ${path} is damaged (${error.message}) and its folder is read-only.`)
      : error;
  }
}

/**
 * Open (creating if needed) the Taofolio database in `dataDir`: private permissions, WAL, foreign
 * keys, 64-bit safe integers, integrity-checked, migrated to the latest schema, backed up daily.
 * A database from a newer version, a foreign SQLite file or a file that is not SQLite is refused
 * and left untouched. A damaged Taofolio database (or a 0-byte file) is moved aside, a fresh one is
 * opened, and the newest good backup is offered. A read-only folder opens a read-only snapshot.
 */
export function openDatabase({
  dataDir,
  migrations = MIGRATIONS,
  now = () => new Date(),
  dailyBackups = true,
  passphrase,
  writer,
}: OpenOptions): OpenedDatabase {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    throw new DatabaseOpenError(
      `The data folder ${dataDir} is not a folder (a file has that name). Nothing was changed.`,
    );
  // The OS's Taofolio folder is ours whatever else is in it (the desktop app's Chromium files).
  ensurePrivateDir(dataDir, (names) => resolve(dataDir) === resolve(defaultDataDir()) || names.every(isDataFolderName));
  const path = join(dataDir, DATABASE_FILE);
  const latest = latestVersion(migrations);
  const notices: string[] = [];

  if (!isWritable(dataDir)) {
    if (!existsSync(path))
      throw new DatabaseOpenError(`The data folder ${dataDir} is read-only and has no database yet.`);
    const { db, found } = openSnapshot(path, latest);
    notices.push(`The data folder ${dataDir} is read-only: showing its data read-only; changes cannot be saved.`);
    return { db, path, schemaVersion: found, backupPath: null, readOnly: true, recovery: null, notices };
  }

  // Locked: nothing may be touched, a staged restore included.
  if (isEncrypted(dataDir) && passphrase === undefined) throw new DatabaseLockedError();
  const restored = writer === undefined ? applyPendingRestore(dataDir, path, now()) : null;
  if (restored)
    notices.push(
      `Restored the chosen backup.${restored.keptAs ? ` The database it replaced is kept as ${restored.keptAs}.` : ''}`,
    );

  let recovery: DatabaseRecovery | null = null;
  if (writer === undefined && existsSync(path) && statSync(path).size === 0 && !existsSync(`${path}-wal`))
    recovery = setAside(dataDir, path, 'the database file is empty (0 bytes)', now(), latest);
  const existed = existsSync(path);
  if (writer !== undefined && !existed)
    throw new DatabaseOpenError(`The data folder ${dataDir} has no database yet; ${writer} is creating it.`);
  ensurePrivateFile(path, true);

  let db: DB;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (cause) {
    throw new DatabaseOpenError(`Cannot open the database at ${path}: ${(cause as Error).message}`, { cause });
  }
  const keyed = isEncrypted(dataDir);
  let found: number;
  try {
    if (keyed) {
      if (passphrase === undefined) throw new DatabaseLockedError();
      unlock(db, passphrase);
    }
    found = inspect(db, path, latest, keyed);
  } catch (error) {
    db.close();
    // A file refused as not Taofolio's stays where it is; if it was the user's database after all,
    // the way back is a backup, which needs a database that opens: say how.
    if (error instanceof DatabaseOpenError) throw withBackupHint(error, dataDir);
    // A damaged encrypted file cannot be told from a wrong passphrase: never set it aside.
    if (!(error instanceof Damaged) || keyed) throw error;
    if (writer !== undefined)
      throw new DatabaseOpenError(`The database at ${path} is damaged (${error.message}); ${writer} has it open.`);
    recovery = setAside(dataDir, path, error.message, now(), latest);
    ensurePrivateFile(path, true);
    db = new Database(path, { fileMustExist: true });
    found = 0;
  }
  if (recovery)
    notices.push(
      `The database was damaged (${recovery.reason}); it was moved to ${recovery.movedTo} and a new one started.` +
        (recovery.offered
          ? ` The newest good backup is ${recovery.offered.name}: restore it from Settings or with \`backup restore ${recovery.offered.name}\`.`
          : ' No good backup was found.'),
    );

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.defaultSafeIntegers(true);
    if (writer !== undefined) {
      if (found < latest)
        throw new DatabaseOpenError(
          `The database at ${path} needs an upgrade (schema ${found} → ${latest}), but ${writer} has it open. Nothing was changed.`,
        );
      return { db, path, schemaVersion: found, backupPath: null, readOnly: false, recovery: null, notices };
    }
    let backupPath: string | null = null;
    if (existed && found > 0 && found < latest) backupPath = writeBackup(db, dataDir, 'migration', now(), found);
    const { to } = migrate(db, migrations);
    ensurePrivateFile(path, false);
    if (dailyBackups && existed && found > 0) dailyBackup(db, dataDir, now());
    return { db, path, schemaVersion: to, backupPath, readOnly: false, recovery, notices };
  } catch (cause) {
    db.close();
    throw cause;
  }
}
