import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { WalletsPage } from '../page-models/wallets-page';

const binary = (electronBinary as () => string | null)();
const root = join(import.meta.dirname, '..', '..');

test.skip(!binary, 'Electron suite skipped: no Electron binary on this machine (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Run `npx install-electron` with network access to enable it.');

test('launches with a temp data dir, hardened webPreferences and a working Wallets page', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'dist', 'main', 'index.cjs'), '--no-sandbox'],
    cwd: root,
    env: { ...process.env, TAOFOLIO_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { taofolio: object }).taofolio).sort())).toContain('wallets:add');

    const wallets = new WalletsPage(window);
    await wallets.add('5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', 'Main');
    await expect(wallets.rows).toHaveCount(1);

    // Navigation away from the app page is refused.
    const before = window.url();
    await window.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await window.waitForTimeout(200);
    expect(window.url()).toBe(before);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
