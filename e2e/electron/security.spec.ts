import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain .mjs helper shared with scripts/start.mjs
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { WalletsPage } from '../page-models/wallets-page';

const binary = (electronBinary as () => string | null)();
const root = join(import.meta.dirname, '..', '..');

test.skip(
  !binary,
  'Electron suite skipped: no Electron binary on this machine (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Run `npx install-electron` with network access to enable it.',
);

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
    // Electron has no getter for a window's webPreferences, so check their observable effects:
    // no Node in the page (nodeIntegration off, sandbox on), and only the bridge crosses the
    // isolated world (contextIsolation on).
    const page = await window.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        ipcRenderer: typeof g.ipcRenderer,
        bridge: Object.keys(g.taofolio as object).sort(),
        topLevel: g.top === g.window,
      };
    });
    expect(page).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      topLevel: true,
    });
    expect(page.bridge).toContain('wallets:add');
    expect(page.bridge).toContain('on');
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);

    const wallets = new WalletsPage(window);
    await wallets.open();
    await wallets.add('5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', 'Main');
    await expect(wallets.rows).toHaveCount(1);

    // Served over app://, not file://.
    expect(window.url()).toBe('app://taofolio/index.html');

    // Navigation away from the app page is refused: wait for the navigation attempt itself (an
    // event, not a timer), then check the page stayed.
    const before = window.url();
    const attempted = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<string>((resolve) =>
          BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (_event, url) => resolve(url)),
        ),
    );
    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    expect(await attempted).toBe('https://example.com/');
    expect(window.url()).toBe(before);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
