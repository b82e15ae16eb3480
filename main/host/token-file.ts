// The web host's access token, kept in the data folder (0600, beside the database it guards) so a
// host restarted on the same folder accepts the tabs that were open: they reconnect and refetch
// instead of showing an empty app. Whoever can read this file can read the database itself.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_FILE } from '../data-dir';
import { PRIVATE_FILE_MODE } from '../db/files';

export { TOKEN_FILE };
const TOKEN_SHAPE = /^[\w-]{32}$/;

export const newToken = (): string => randomBytes(24).toString('base64url');

/**
 * The token stored in `dataDir`, or a new one written there. A missing, malformed or unreadable file
 * gets a fresh token; a folder that cannot be written (read-only) gets one for this run only.
 */
export function loadOrCreateToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (TOKEN_SHAPE.test(stored)) {
      chmodSync(path, PRIVATE_FILE_MODE);
      return stored;
    }
  } catch {
    // No token yet (or unreadable): make one below.
  }
  const token = newToken();
  try {
    // Written whole or not at all: a half-written token would lock out the next run's tabs.
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${token}\n`, { mode: PRIVATE_FILE_MODE });
    renameSync(temp, path);
  } catch {
    // Read-only folder: this run's tabs work; after a restart they need the new URL.
  }
  return token;
}
