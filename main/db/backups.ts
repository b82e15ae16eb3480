// Backups of the database: one before every migration, one a day (the newest 7 kept), one before
// a restore, and on request. Each is a consistent copy (VACUUM INTO), private (0600), and checked
// before it is offered or restored. A restore is staged next to the database and applied by the
// next open, before anything else touches the file.
// The encryption-capable build (same API as better-sqlite3; see ./encryption.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../shared/api';
import { encryptCopy, isEncrypted, unlock } from './encryption';
import { ensurePrivateDir, ensurePrivateFile, sidecars } from './files';

export const DAILY_BACKUPS_KEPT = 7;
export const PENDING_RESTORE = 'restore-pending.sqlite';

type DB = Database.Database;

/** The backups' folder's name inside the data folder. */
export const BACKUPS_DIR = 'backups';

export function backupDir(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Name pattern: taofolio.sqlite.<kind>[.v<schema>].<ISO stamp>.bak (older ones: .v<N>.<stamp>.bak). */
const NAME =
  /^taofolio\.sqlite\.(?:(daily|migration|manual|before-restore)\.)?(?:v(\d+)\.)?(\d{4}-\d\d-\d\dT[\d-]+Z)\.bak$/;

/** A file of Taofolio's backups folder (a backup, in any naming this or an earlier version used). */
const isBackupName = (file: string): boolean => file.startsWith('taofolio.sqlite.');

function parseName(file: string): { kind: BackupKind; createdAt: number } | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const iso = m[3]!.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
  const createdAt = Date.parse(iso);
  if (Number.isNaN(createdAt)) return null;
  return { kind: (m[1] as BackupKind | undefined) ?? 'migration', createdAt };
}

/** Every backup in the folder, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseName(name);
    if (!parsed) continue;
    found.push({ name, ...parsed, bytes: statSync(join(dir, name)).size });
  }
  return found.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

export function writeBackup(db: DB, dataDir: string, kind: BackupKind, now: Date, schema?: number): string {
  const dir = backupDir(dataDir);
  ensurePrivateDir(dir, (names) => names.every(isBackupName));
  const path = join(dir, `taofolio.sqlite.${kind}.${schema !== undefined ? `v${schema}.` : ''}${stamp(now)}.bak`);
  // VACUUM INTO writes a consistent, compact copy synchronously (WAL contents included).
  db.prepare('VACUUM INTO ?').run(path);
  ensurePrivateFile(path, false);
  return path;
}

/** The day's backup unless one exists already; then only the newest DAILY_BACKUPS_KEPT dailies stay. */
export function dailyBackup(db: DB, dataDir: string, now: Date): string | null {
  const today = now.toISOString().slice(0, 10);
  const dailies = listBackups(dataDir).filter((b) => b.kind === 'daily');
  let written: string | null = null;
  if (!dailies.some((b) => new Date(b.createdAt).toISOString().slice(0, 10) === today)) {
    written = writeBackup(db, dataDir, 'daily', now);
  }
  for (const old of listBackups(dataDir)
    .filter((b) => b.kind === 'daily')
    .slice(DAILY_BACKUPS_KEPT))
    rmSync(join(backupDir(dataDir), old.name), { force: true });
  return written;
}

/** How often an open app checks whether the day has its backup yet (`keepDailyBackups`). */
export const DAILY_BACKUP_CHECK_MS = 60 * 60_000;

/**
 * While an app host stays open across days: every hour, the day's backup if it has none yet
 * (`dailyBackup`), as a start would write it. Returns the function that stops it. A failure (disk full,
 * folder gone) is told through `notify` and tried again the next hour; the database is untouched.
 */
export function keepDailyBackups(
  db: DB,
  dataDir: string,
  notify: (line: string) => void,
  now: () => Date = () => new Date(),
): () => void {
  const timer = setInterval(() => {
    try {
      dailyBackup(db, dataDir, now());
    } catch (error) {
      notify(`The daily backup could not be written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, DAILY_BACKUP_CHECK_MS);
  // A pending check never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}

const NOT_A_DATABASE = /not a database|file is encrypted/i;

/** Checks one open backup; returns its schema version or throws with the reason. */
function checkOpen(db: DB, latestSchema: number): number {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`it is damaged (${String(check)})`);
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version < 1) throw new Error('it is not a Taofolio database');
  if (version > latestSchema) throw new Error(`it was written by a newer Taofolio (schema ${version})`);
  return version;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLite says "not a database" of an encrypted file and of a damaged one alike. The file tells them
 * apart in part: an encrypted one has no plain SQLite header and is whole pages (a multiple of 512 bytes).
 */
function mayBeEncrypted(path: string): boolean {
  const { size } = statSync(path);
  if (size === 0 || size % 512 !== 0) return false;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return !head.equals(SQLITE_HEADER);
}

/**
 * Opens a backup read-only and checks it: its schema version, and whether it is encrypted (then
 * only with `passphrase`, the one the database is open with). Throws with the reason.
 */
export function checkBackup(
  path: string,
  latestSchema: number,
  passphrase?: string,
): { version: number; encrypted: boolean } {
  const attempt = (key: string | undefined) => {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      if (key !== undefined) unlock(db, key);
      return checkOpen(db, latestSchema);
    } finally {
      db.close();
    }
  };
  try {
    return { version: attempt(undefined), encrypted: false };
  } catch (error) {
    if (!NOT_A_DATABASE.test((error as Error).message)) throw error;
    if (!mayBeEncrypted(path)) throw new Error('it is damaged (not a readable database file)');
    if (passphrase === undefined) throw new Error('it is encrypted, and this database has no passphrase to open it');
  }
  try {
    return { version: attempt(passphrase), encrypted: true };
  } catch (error) {
    if (NOT_A_DATABASE.test((error as Error).message))
      throw new Error('it is encrypted with another passphrase (one set before the last change)');
    throw error;
  }
}

/**
 * Validate a backup by name (only names listed in the folder: no paths) and stage it. `passphrase`
 * is the one the database is open with: encrypted backups are checked with it, and a backup made
 * before the passphrase was set is encrypted with it as it is staged (the database stays encrypted).
 */
export function stageRestore(dataDir: string, name: string, latestSchema: number, passphrase?: string): BackupInfo {
  const backup = listBackups(dataDir).find((b) => b.name === name);
  if (!backup) throw new RestoreError(`No backup named “${name}”. List them with \`backup list\`.`);
  const source = join(backupDir(dataDir), backup.name);
  let encrypted: boolean;
  try {
    encrypted = checkBackup(source, latestSchema, passphrase).encrypted;
  } catch (error) {
    throw new RestoreError(`The backup ${name} cannot be restored: ${(error as Error).message}. Nothing was changed.`);
  }
  const staged = join(dataDir, PENDING_RESTORE);
  copyFileSync(source, `${staged}.tmp`);
  ensurePrivateFile(`${staged}.tmp`, false);
  if (!encrypted && passphrase !== undefined && isEncrypted(dataDir))
    encryptCopy(`${staged}.tmp`, passphrase, (path) => new Database(path, { fileMustExist: true }));
  renameSync(`${staged}.tmp`, staged);
  return backup;
}

export function pendingRestore(dataDir: string): boolean {
  return existsSync(join(dataDir, PENDING_RESTORE));
}

/**
 * Before the database is opened: swap a staged restore in. The current database is kept as a
 * "before-restore" copy first, so a restore never loses what it replaces.
 */
export function applyPendingRestore(dataDir: string, dbPath: string, now: Date): { keptAs: string | null } | null {
  const staged = join(dataDir, PENDING_RESTORE);
  if (!existsSync(staged)) return null;
  let keptAs: string | null = null;
  if (existsSync(dbPath) && statSync(dbPath).size > 0) {
    ensurePrivateDir(backupDir(dataDir), (names) => names.every(isBackupName));
    const keep = join(backupDir(dataDir), `taofolio.sqlite.before-restore.${stamp(now)}.bak`);
    const current = new Database(dbPath, { fileMustExist: true });
    try {
      current.prepare('VACUUM INTO ?').run(keep);
    } catch {
      // The current file is unreadable (that is often why one restores): keep it byte for byte.
      copyFileSync(dbPath, keep);
    } finally {
      current.close();
    }
    ensurePrivateFile(keep, false);
    keptAs = keep;
  }
  for (const file of sidecars(dbPath)) rmSync(file, { force: true });
  renameSync(staged, dbPath);
  ensurePrivateFile(dbPath, false);
  return { keptAs };
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}
