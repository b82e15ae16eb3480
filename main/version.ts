import { readFileSync } from 'node:fs';

/** The app version from package.json (ESM hosts: web host, CLI). Electron uses app.getVersion(). */
export function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
