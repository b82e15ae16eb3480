import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { channels } from '../shared/api';
import { registerIpcHandlers } from './electron/ipc';
import { hardenWebContents, isTrustedFrameUrl, secureWebPreferences } from './security';

describe('Electron security', () => {
  it('creates windows isolated and sandboxed, without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('trusts only the bundled index page as an IPC sender', () => {
    const app = 'file:///opt/Taofolio/resources/app.asar/dist/renderer/index.html';
    expect(isTrustedFrameUrl(app, app)).toBe(true);
    expect(isTrustedFrameUrl(`${app}#/wallets`, app)).toBe(true);
    expect(isTrustedFrameUrl('file:///tmp/evil.html', app)).toBe(false);
    expect(isTrustedFrameUrl('https://example.com/dist/renderer/index.html', app)).toBe(false);
    expect(isTrustedFrameUrl(undefined, app)).toBe(false);
    expect(isTrustedFrameUrl('not a url', app)).toBe(false);
  });

  it('denies navigation, redirects, webviews and new windows', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://example.com');
      expect(event.preventDefault).toHaveBeenCalled();
    }
    const webviewEvent = { preventDefault: vi.fn() };
    const prefs: Record<string, unknown> = { preload: '/evil.js' };
    contents.emit('will-attach-webview', webviewEvent, prefs);
    expect(webviewEvent.preventDefault).toHaveBeenCalled();
    expect(prefs.preload).toBeUndefined();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(handler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('registers one handler per channel and refuses untrusted senders before dispatching', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, args: unknown) => unknown>();
    const dispatch = vi.fn(async () => ({ data: 'ok' }));
    registerIpcHandlers(
      { handle: (channel, fn) => handlers.set(channel, fn) },
      dispatch,
      (event) => event.senderFrame?.url === 'file:///app/index.html',
    );
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
    const trusted = { senderFrame: { url: 'file:///app/index.html' } } as IpcMainInvokeEvent;
    const untrusted = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;
    expect(await handlers.get('wallets:list')!(untrusted, undefined)).toMatchObject({
      error: { message: expect.stringContaining('untrusted') },
    });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handlers.get('wallets:list')!(trusted, undefined)).toEqual({ data: 'ok' });
    expect(dispatch).toHaveBeenCalledWith('wallets:list', undefined);
  });
});
