// How long an unlocked encrypted database stays open without user activity. Kept in a small file
// next to the database (not in it): it is not private, and it must be read before the database is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from './files';

export const LOCK_SETTING_FILE = 'taofolio.lock.json';
export const DEFAULT_LOCK_AFTER_MINUTES = 15;
const MAX_LOCK_AFTER_MINUTES = 24 * 60;

/** Minutes of inactivity before the lock (0: never); a missing or unreadable file means the default. */
export function readLockAfterMinutes(dataDir: string): number {
  const path = join(dataDir, LOCK_SETTING_FILE);
  if (!existsSync(path)) return DEFAULT_LOCK_AFTER_MINUTES;
  try {
    const value = (JSON.parse(readFileSync(path, 'utf8')) as { lockAfterMinutes?: unknown }).lockAfterMinutes;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LOCK_AFTER_MINUTES
      ? value
      : DEFAULT_LOCK_AFTER_MINUTES;
  } catch {
    return DEFAULT_LOCK_AFTER_MINUTES;
  }
}

export function writeLockAfterMinutes(dataDir: string, minutes: number): void {
  writeFileSync(join(dataDir, LOCK_SETTING_FILE), `${JSON.stringify({ lockAfterMinutes: minutes })}\n`, {
    mode: PRIVATE_FILE_MODE,
  });
}
