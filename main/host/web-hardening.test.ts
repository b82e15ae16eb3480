// The web host survives what a local attacker or a broken client can send it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fromWire, toWire } from '../../shared/wire';
import { useTempDirs } from '../test/temp-dir';
import { startWebHost, type WebHost, type WebHostOptions } from './web';

const tempDir = useTempDirs();
const hosts: WebHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const logs: string[] = [];
async function host(options: Partial<WebHostOptions> = {}): Promise<WebHost> {
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
  const h = await startWebHost({
    dataDir: tempDir(),
    port: 0,
    rendererDir: renderer,
    log: (line) => logs.push(line),
    ...options,
  });
  hosts.push(h);
  return h;
}

function open(h: WebHost): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/api?token=${h.token}`);
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.on('error', () => {});
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** One round trip on a fresh connection: the host still serves. */
async function stillServes(h: WebHost): Promise<unknown> {
  const ws = await open(h);
  const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(fromWire(String(data)))));
  ws.send(toWire({ id: 7, channel: 'app:info' }));
  const message = await reply;
  ws.close();
  return message;
}

describe('web host under hostile clients', () => {
  it('survives a client that resets right after a refused upgrade (no token)', async () => {
    const h = await host();
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(h.port, '127.0.0.1', () => {
          socket.write(
            `GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          );
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => {});
      });
    }
    expect(await stillServes(h)).toMatchObject({ id: 7, response: { data: { name: 'Taofolio' } } });
  });

  it('closes a connection sending a frame over the limit with 1009 and keeps serving', async () => {
    const h = await host();
    const ws = await open(h);
    const done = closed(ws);
    ws.send('x'.repeat(25 * 1024 * 1024));
    expect((await done).code).toBe(1009);
    expect(await stillServes(h)).toMatchObject({ id: 7 });
  });

  it('accepts a 2.5 MB price CSV through the contract (the contract allows 20 MB)', async () => {
    const h = await host();
    const ws = await open(h);
    const line = '2026-01-01,123.45\n';
    const csv = 'date,price\n' + line.repeat(Math.floor(2_500_000 / line.length));
    const reply = new Promise<Record<string, unknown>>((resolve) =>
      ws.once('message', (data) => resolve(fromWire(String(data)))),
    );
    ws.send(toWire({ id: 1, channel: 'fiat:import', args: { currency: 'USD', csv } }));
    const message = await reply;
    // Refused or accepted by the CSV reader, but answered: the frame itself was not the problem.
    expect(message.id).toBe(1);
    ws.close();
  });

  it('closes a connection sending invalid UTF-8 with 1007 and keeps serving', async () => {
    const h = await host();
    const ws = await open(h);
    const done = closed(ws);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await done).code).toBe(1007);
    expect(await stillServes(h)).toMatchObject({ id: 7 });
  });

  it('closes a connection sending a binary or malformed frame with 1003', async () => {
    const h = await host();
    const ws = await open(h);
    const done = closed(ws);
    ws.send(Buffer.from(toWire({ id: 1, channel: 'app:info' })), { binary: true });
    expect((await done).code).toBe(1003);
  });

  it('drops a client that never reads its replies, bounded in memory, and keeps serving others', async () => {
    const h = await host({ limits: { maxBufferedBytes: 256 * 1024, maxInFlight: 4 } });
    const reader = await open(h);
    const readerMessages: unknown[] = [];
    reader.on('message', (data) => readerMessages.push(fromWire(String(data))));
    // A raw client that handshakes, then never reads another byte.
    const socket = tcpConnect(h.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => {
      socket.once('data', () => {
        socket.pause();
        resolve();
      });
      socket.write(
        `GET /api?token=${h.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    expect(h.clientCount()).toBe(2);
    // Large pushes reach every client; the raw one never reads them.
    const big = { chain: { message: 'y'.repeat(512 * 1024) } } as never;
    for (let i = 0; i < 200 && h.clientCount() === 2; i++) {
      h.backend.push.emit('sync:progress', big);
      await new Promise((r) => setImmediate(r));
    }
    expect(h.clientCount()).toBe(1);
    expect(logs.some((l) => /stopped reading/.test(l))).toBe(true);
    // The well-behaved client got every push that was sent before the drop, and still gets answers.
    expect(readerMessages.length).toBeGreaterThan(0);
    expect(await stillServes(h)).toMatchObject({ id: 7 });
    socket.destroy();
    reader.close();
  });
});
