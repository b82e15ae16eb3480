// Electron main process: thin. Windows, security, the app:// protocol and IPC. Every feature lives
// in the backend, which runs in a utility process here (main/backend-process.ts) and in-process
// under the web host and the CLI. This file must not import the backend, the engine or SQLite
// (main/electron/main-bundle.test.ts checks the bundle).
import { app, BrowserWindow, ipcMain, protocol, utilityProcess } from 'electron';
import { join } from 'node:path';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './electron/app-protocol';
import { BackendClient } from './electron/backend-client';
import { registerIpcHandlers, sendPush } from './electron/ipc';
import { claimSingleInstance } from './electron/single-instance';
import { ELECTRON_PROFILE_DIR } from './data-dir';
import { installLastResort } from './last-resort';
import { installSecurity, isTrustedFrameUrl, secureWebPreferences } from './security';

installLastResort({ name: 'Taofolio' });
installSecurity(app);
// Must happen before 'ready': app:// gets a real, secure origin (and nothing more).
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);

// Bundled layout: dist/main/{index,preload,backend}.cjs, dist/renderer/index.html.
const preloadPath = join(__dirname, 'preload.cjs');
const backendPath = join(__dirname, 'backend.cjs');
const rendererDir = join(__dirname, '..', 'renderer');

let backend: BackendClient | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    title: 'Taofolio',
    show: false,
    webPreferences: {
      ...secureWebPreferences(preloadPath),
      // The same values as secureWebPreferences, written out so static checkers (electronegativity)
      // can see them at the window's creation.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}

// The data folder: the OS default, or TAOFOLIO_DATA_DIR, which then gets its own Chromium profile
// inside it, so the lock below is per data folder (a demo folder beside the real one) and its
// window state stays with it. userData can only move before 'ready'.
const dataDir = process.env.TAOFOLIO_DATA_DIR || app.getPath('userData');
if (process.env.TAOFOLIO_DATA_DIR) app.setPath('userData', join(dataDir, ELECTRON_PROFILE_DIR));
// A second launch on the same folder quits here (before any window or backend) and brings the
// first one to the front.
const primary = claimSingleInstance(app, () => BrowserWindow.getAllWindows()[0]);

app
  .whenReady()
  .then(() => {
    if (!primary) return;
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url, request.method));
    // Sync starts in the background (never blocks startup); TAOFOLIO_AUTOSYNC=0 switches it off.
    const args = ['--data-dir', dataDir, '--version', app.getVersion()];
    if (process.env.TAOFOLIO_AUTOSYNC === '0') args.push('--no-autosync');
    const client = new BackendClient(() =>
      utilityProcess.fork(backendPath, args, { serviceName: 'Taofolio backend', stdio: 'inherit' }),
    );
    backend = client;
    registerIpcHandlers(
      ipcMain,
      (channel, callArgs) => client.call(channel, callArgs),
      (event) => isTrustedFrameUrl(event.senderFrame?.url, APP_INDEX_URL),
    );
    client.onPush((event, payload) => {
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
