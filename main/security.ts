// Electron hardening (EDOCS security checklist): isolation + sandbox, no navigation, no new
// windows, no webviews, no permissions. Pure helpers are exported for unit tests.
import type { App, Session, WebContents, WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // No middle-click: it could open a link in a new window without passing the open handler.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Only our own bundled page may talk to the backend. */
export function isTrustedFrameUrl(frameUrl: string | undefined, appIndexUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const app = new URL(appIndexUrl);
    return frame.protocol === app.protocol && frame.host === app.host && frame.pathname === app.pathname;
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event, webPreferences) => {
    delete webPreferences.preload;
    event.preventDefault();
  });
  // No pop-ups and no hand-off to the OS browser: Taofolio has no external links to open.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Apply the hardening to every web contents the app ever creates. */
export function installSecurity(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', (session) => denyAllPermissions(session));
}
