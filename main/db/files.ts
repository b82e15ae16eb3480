// File-level care for the data folder: private permissions (0700 folder, 0600 database, WAL,
// shared memory and backups), and whether the folder can be written at all.
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
} from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The companion files SQLite keeps next to a WAL database. */
export function sidecars(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours (e.g. a shared mount): leave it, the open itself will say what is wrong.
  }
}

/**
 * Create the folder 0700, or tighten an existing one that is Taofolio's (earlier versions made it
 * 0755), as `isOurs` tells from what is in it. A folder the user chose that holds other
 * things (a home folder, /tmp) keeps its mode, since a chmod would break what else lives there; the
 * files Taofolio writes into it are private on their own. A path that is not a folder is refused
 * before anything is changed.
 */
export function ensurePrivateDir(dir: string, isOurs: (names: string[]) => boolean): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    return;
  }
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder. Nothing was changed.`);
  if (isOurs(readdirSync(dir))) tighten(dir, PRIVATE_DIR_MODE);
}

/** Tighten a database and its sidecars to 0600; create the database file 0600 if missing. */
export function ensurePrivateFile(path: string, create: boolean): void {
  if (create && !existsSync(path)) closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  for (const file of [path, ...sidecars(path)]) if (existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

export function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
