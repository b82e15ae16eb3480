import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fromWire, toWire } from '../../shared/wire';
import { useTempDirs } from '../test/temp-dir';
import { startWebHost, type WebHost } from './web';

const tempDir = useTempDirs();
const hosts: WebHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function host(): Promise<WebHost> {
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
  const h = await startWebHost({ dataDir: tempDir(), port: 0, rendererDir: renderer });
  hosts.push(h);
  return h;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opens. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: 0 }));
  });
}

describe('web host', () => {
  it('prints a loopback URL carrying a random token', async () => {
    const a = await host();
    const b = await host();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('keeps its token across a restart on the same data folder, so open tabs reconnect', async () => {
    const renderer = join(tempDir(), 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
    const dataDir = tempDir();
    const first = await startWebHost({ dataDir, port: 0, rendererDir: renderer });
    const token = first.token;
    await first.close();
    const second = await startWebHost({ dataDir, port: 0, rendererDir: renderer });
    hosts.push(second);
    expect(second.token).toBe(token);
    const { status, ws } = await connect(`ws://127.0.0.1:${second.port}/api?token=${token}`);
    expect(status).toBe(101);
    ws?.close();
  });

  it('rejects WebSocket connections without the right token', async () => {
    const h = await host();
    const base = `ws://127.0.0.1:${h.port}/api`;
    expect((await connect(base)).status).toBe(401);
    expect((await connect(`${base}?token=`)).status).toBe(401);
    // The last character changed (to one it is not: a token ending in 'x' made this the right token).
    const wrong = `${h.token.slice(0, -1)}${h.token.endsWith('x') ? 'y' : 'x'}`;
    expect((await connect(`${base}?token=${wrong}`)).status).toBe(401);
    expect((await connect(`ws://127.0.0.1:${h.port}/other?token=${h.token}`)).status).toBe(404);
  });

  it('rejects foreign origins and hosts even with the token', async () => {
    const h = await host();
    const url = `ws://127.0.0.1:${h.port}/api?token=${h.token}`;
    expect((await connect(url, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await connect(url, { Host: `evil.example:${h.port}` })).status).toBe(403);
    // fetch() cannot forge Host, so use a raw request as a DNS-rebinding page would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: h.port, path: '/', headers: { Host: 'evil.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict CSP and never escapes its folder', async () => {
    const h = await host();
    const page = await fetch(`http://127.0.0.1:${h.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Taofolio</title>');
    const escape = await fetch(`http://127.0.0.1:${h.port}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${h.port}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers contract calls and pushes db:changed to connected clients', async () => {
    const h = await host();
    const { ws, status } = await connect(`ws://127.0.0.1:${h.port}/api?token=${h.token}`);
    expect(status).toBe(101);
    const messages: Record<string, unknown>[] = [];
    const next = (predicate: (m: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) resolve(found);
          else setTimeout(check, 5);
        };
        check();
      });
    ws!.on('message', (data) => messages.push(fromWire(String(data))));
    ws!.send(
      toWire({
        id: 1,
        channel: 'wallets:add',
        args: { address: '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', label: 'Main' },
      }),
    );
    expect(await next((m) => m.id === 1)).toMatchObject({ response: { data: { wallet: { label: 'Main' } } } });
    expect(await next((m) => m.push === 'db:changed')).toEqual({
      push: 'db:changed',
      payload: { tables: ['wallets'] },
    });
    ws!.send(toWire({ id: 2, channel: 'wallets:add', args: { address: 'nope', label: 'x' } }));
    expect(await next((m) => m.id === 2)).toMatchObject({ response: { error: { code: 'invalid-address' } } });
    ws!.close();
  });
});

describe('web host shutdown', () => {
  it('closes while a tab keeps reconnecting and a keep-alive page connection stays open', async () => {
    const renderer = join(tempDir(), 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
    const h = await startWebHost({ dataDir: tempDir(), port: 0, rendererDir: renderer });
    // The page's own HTTP connection, kept alive (as a browser keeps it) and never closed here.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      request({ host: '127.0.0.1', port: h.port, path: '/', agent }, (res) => res.resume().on('end', resolve)).end(),
    );
    // A tab that reconnects the moment its socket drops, as the app's transport does.
    let attempts = 0;
    let stopped = false;
    const tab = () => {
      if (stopped) return;
      attempts++;
      const ws = new WebSocket(`ws://127.0.0.1:${h.port}/api?token=${h.token}`);
      ws.on('close', tab);
      ws.on('error', () => {});
    };
    tab();
    while (h.clientCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = h.close();
    // The host drops the tab's socket and the tab dials again at once. Whether that lands before or
    // after close() resolves is up to the scheduler, so wait for the redial, not for an ordering.
    while (attempts < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await closing;
    stopped = true;
    agent.destroy();
    expect(h.clientCount()).toBe(0);
  });

  // Node's server.close() waits for a connection in the middle of a request until its headers
  // timeout (60 s): close must not. The 30 s limit is a hang guard, not a measure of speed.
  it('closes with a request half sent, dropping that connection', async () => {
    const renderer = join(tempDir(), 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
    const h = await startWebHost({ dataDir: tempDir(), port: 0, rendererDir: renderer });
    const socket = connectTcp(h.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const dropped = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n`); // no blank line: the request never ends
    await h.close();
    await dropped;
    expect(socket.destroyed).toBe(true);
  }, 30_000);
});
