// Where the Electron binary is, or null when `npm install` could not download it
// (e.g. offline with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Reads electron's path.txt directly,
// because require('electron') would try to download the binary on first use.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return existsSync(process.env.ELECTRON_OVERRIDE_DIST_PATH) ? process.env.ELECTRON_OVERRIDE_DIST_PATH : null;
  }
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
