// Electron main process: thin. Windows, security and IPC; all features live in the backend,
// which runs identically under the web host and the CLI.
import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend, type Backend } from './backend';
import { registerIpcHandlers, sendPush } from './electron/ipc';
import { installLastResort } from './last-resort';
import { installSecurity, isTrustedFrameUrl, secureWebPreferences } from './security';

installLastResort({ name: 'Taofolio' });
installSecurity(app);

// Bundled layout: dist/main/index.cjs, dist/main/preload.cjs, dist/renderer/index.html.
const preloadPath = join(__dirname, 'preload.cjs');
const indexPath = join(__dirname, '..', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexPath).href;

let backend: Backend | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    title: 'Taofolio',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexPath);
  return window;
}

app
  .whenReady()
  .then(() => {
    const dataDir = process.env.TAOFOLIO_DATA_DIR || app.getPath('userData');
    // Sync starts in the background (never blocks startup); TAOFOLIO_AUTOSYNC=0 switches it off.
    backend = createBackend({
      dataDir,
      transport: 'electron',
      version: app.getVersion(),
      autoSync: process.env.TAOFOLIO_AUTOSYNC !== '0',
    });
    registerIpcHandlers(ipcMain, backend.dispatch, (event) => isTrustedFrameUrl(event.senderFrame?.url, indexUrl));
    backend.push.subscribe((event, payload) => {
      for (const window of BrowserWindow.getAllWindows()) sendPush(window.webContents, event, payload);
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  .catch((error: unknown) => {
    console.error('Taofolio failed to start:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  backend?.close();
  backend = null;
});
