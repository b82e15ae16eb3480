// One writer per data folder. The process that syncs or serves the app (CLI `sync` and the CLI
// commands that change data, the web host, the desktop app's backend) holds a lock on the folder for
// its life: SQLite's exclusive lock on a small side file, `taofolio.writer.lock`, which is an OS lock
// (POSIX advisory locks on Linux and macOS, LockFileEx on Windows). The OS drops it when the process
// ends, however it ends (kill -9 included), so a lock is never stale and nothing has to judge whether
// a recorded pid is still alive. The holder writes its pid and role to `taofolio.writer.json`, read
// only to name it when a second writer is refused.
// A second writer is refused before the database is opened: nothing is read or written. Readers (CLI
// status, events, report, wallet list, backup list) take no lock: WAL lets them read while the writer
// writes. While a writer holds the folder they open the database without the open-time maintenance
// that writes (see OpenOptions.writer in ./open.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, isWritable } from './files';

export const WRITER_LOCK_FILE = 'taofolio.writer.lock';
export const WRITER_INFO_FILE = 'taofolio.writer.json';

/** Who holds a data folder, as its info file says (null when it could not be read). */
export interface Writer {
  pid: number;
  role: string;
}

const describe = (writer: Writer | null): string =>
  writer ? `pid ${writer.pid}, ${writer.role}` : 'its pid could not be read';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly writer: Writer | null,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Taofolio process (${describe(writer)}): only one ` +
        'process at a time may sync or change it. Stop that one first. Nothing was changed.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface WriterLock {
  release(): void;
}

const NO_LOCK: WriterLock = { release() {} };

function readWriter(dataDir: string): Writer | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, WRITER_INFO_FILE), 'utf8')) as Partial<Writer>;
    return typeof parsed.pid === 'number' && typeof parsed.role === 'string'
      ? { pid: parsed.pid, role: parsed.role }
      : null;
  } catch {
    return null;
  }
}

/**
 * The lock file opened and locked exclusively, or null when another connection holds it after
 * `waitMs` (a claim waits out a reader's momentary probe, see currentWriter).
 */
function tryLock(path: string, waitMs: number): Database.Database | null {
  const db = new Database(path, { timeout: waitMs });
  try {
    // No journal file: nothing is ever written, the transaction only holds the lock.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

/**
 * Take the data folder for this process (`role` names it to a refused second writer), or throw
 * DataDirInUseError. A read-only folder, or a file in the folder's place, takes no lock: the database
 * refuses the file, or opens a read-only snapshot, and nothing is written either way.
 */
export function claimDataDir(dataDir: string, role: string): WriterLock {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) return NO_LOCK;
  ensurePrivateDir(dataDir, () => false);
  if (!isWritable(dataDir)) return NO_LOCK;
  const path = join(dataDir, WRITER_LOCK_FILE);
  // Created if missing ('a', not 'wx': two processes starting at once both get the file).
  closeSync(openSync(path, 'a', 0o600));
  ensurePrivateFile(path, false);
  const db = tryLock(path, 250);
  if (!db) throw new DataDirInUseError(dataDir, readWriter(dataDir));
  const info = join(dataDir, WRITER_INFO_FILE);
  writeFileSync(info, JSON.stringify({ pid: process.pid, role } satisfies Writer), { mode: 0o600 });
  return {
    release() {
      if (!db.open) return;
      // The info first: once the lock is free, the file may be the next holder's.
      rmSync(info, { force: true });
      db.close();
    },
  };
}

/**
 * Who writes to the data folder right now, for a reader: `false` when nobody does, else the writer
 * (null when its info could not be read). Reads a lock file only where one exists.
 */
export function currentWriter(dataDir: string): Writer | null | false {
  const path = join(dataDir, WRITER_LOCK_FILE);
  if (!existsSync(path) || !isWritable(dataDir)) return false;
  const db = tryLock(path, 0);
  if (!db) return readWriter(dataDir);
  db.close();
  return false;
}

/** How a reader's messages name the writer. */
export const writerText = (writer: Writer | null): string => `another Taofolio process (${describe(writer)})`;
