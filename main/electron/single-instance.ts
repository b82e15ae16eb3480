// One desktop app at a time (Electron's single-instance lock): a second launch would open the same
// database with a second backend, and both would sync the same wallets. The second launch quits and
// the first one's window comes to the front instead.

/** The part of Electron's `app` the lock needs. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** The part of a BrowserWindow brought to the front. */
export interface FrontWindow {
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/** True for the first instance (which goes on starting); false for a second one, which quits. */
export function claimSingleInstance(app: InstanceApp, window: () => FrontWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const w = window();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.focus();
  });
  return true;
}
