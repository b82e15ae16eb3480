import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Taofolio keeps its database when not told otherwise: the OS user-data directory
 * (same place Electron's app.getPath('userData') uses for productName "Taofolio").
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Taofolio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Taofolio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Taofolio');
}

/** The desktop app's Chromium profile inside a data folder given by TAOFOLIO_DATA_DIR (main/index.ts). */
export const ELECTRON_PROFILE_DIR = 'electron';

/** The web host's access token in the data folder (main/host/token-file.ts). */
export const TOKEN_FILE = 'web-host.token';

/**
 * An explicit --data-dir wins, then TAOFOLIO_DATA_DIR, then the OS default. An empty
 * TAOFOLIO_DATA_DIR is unset, as the desktop app reads it (main/index.ts).
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.TAOFOLIO_DATA_DIR || defaultDataDir(process.platform, env));
}
