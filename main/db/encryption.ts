// Optional encryption at rest (SQLite3 Multiple Ciphers through better-sqlite3-multiple-ciphers,
// SQLCipher v4 format): the database and every backup written while it is encrypted are
// unreadable without the passphrase. A marker file next to the database says that a passphrase is
// needed, so a locked database is told apart from a damaged or foreign file.
import type Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from './files';

type DB = Database.Database & { key?(key: Buffer): number; rekey?(key: Buffer): number };

export const ENCRYPTED_MARKER = 'taofolio.sqlite.encrypted';

export class DatabaseLockedError extends Error {
  constructor(message = 'The database is encrypted: give its passphrase (CLI and web host: set TAOFOLIO_PASSPHRASE).') {
    super(message);
    this.name = 'DatabaseLockedError';
  }
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('Wrong passphrase. Nothing was read or written.');
    this.name = 'WrongPassphraseError';
  }
}

export function isEncrypted(dataDir: string): boolean {
  return existsSync(join(dataDir, ENCRYPTED_MARKER));
}

/** A passphrase must be non-empty text; it is passed to SQLite as raw UTF-8 bytes, never as SQL. */
function keyBytes(passphrase: string): Buffer {
  if (passphrase.length === 0) throw new Error('A passphrase cannot be empty.');
  return Buffer.from(passphrase, 'utf8');
}

function useSqlCipher(db: DB): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/** Before the first read: choose the cipher and give the key. Reading then tells a wrong passphrase. */
export function unlock(db: DB, passphrase: string): void {
  if (!db.key) throw new Error('This build of SQLite has no encryption support.');
  useSqlCipher(db);
  db.key(keyBytes(passphrase));
}

/**
 * Encrypt (passphrase), re-key (another passphrase) or decrypt (null) the open database in place.
 * SQLite3 Multiple Ciphers cannot re-key in WAL mode, so the journal is switched for the duration.
 */
export function setPassphrase(db: DB, dataDir: string, passphrase: string | null): void {
  if (!db.rekey) throw new Error('This build of SQLite has no encryption support.');
  const key = passphrase === null ? Buffer.alloc(0) : keyBytes(passphrase);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    if (passphrase !== null) useSqlCipher(db);
    db.rekey(key);
  } finally {
    db.pragma('journal_mode = WAL');
  }
  const marker = join(dataDir, ENCRYPTED_MARKER);
  if (passphrase === null) rmSync(marker, { force: true });
  else writeFileSync(marker, 'sqlcipher4\n', { mode: PRIVATE_FILE_MODE });
}

/** Encrypt a closed, unencrypted copy (a backup being restored into an encrypted database) in place. */
export function encryptCopy(path: string, passphrase: string, open: (path: string) => DB): void {
  const db = open(path);
  try {
    db.pragma('journal_mode = DELETE');
    useSqlCipher(db);
    if (!db.rekey) throw new Error('This build of SQLite has no encryption support.');
    db.rekey(keyBytes(passphrase));
  } finally {
    db.close();
  }
}
