// The Electron main ↔ backend utility process contract, with the real backend behind an in-memory
// port pair standing in for utilityProcess (no Electron binary is needed).
import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSession, serveBackend, parseBackendArgs } from '../backend-process';
import { createBackend, type Backend } from '../backend';
import { DATABASE_FILE } from '../db/open';
import { useTempDirs } from '../test/temp-dir';
import { BackendClient, type BackendChild } from './backend-client';

const tempDir = useTempDirs();
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) {
    await b.sync.close();
    b.close();
  }
});

/** A child whose other end is a real backend, like utilityProcess.fork + process.parentPort. */
class FakeChild extends EventEmitter implements BackendChild {
  readonly port = new EventEmitter();
  constructor(dataDir: string, served?: Parameters<typeof serveBackend>[0]) {
    super();
    let backend = served;
    if (!backend) {
      const made = createBackend({ dataDir, transport: 'electron', version: 't' });
      backends.push(made);
      backend = made;
    }
    serveBackend(backend, {
      postMessage: (m) => setImmediate(() => this.emit('message', m)),
      on: (event, listener) => this.port.on(event, listener),
    });
  }
  postMessage(message: string): void {
    setImmediate(() => this.port.emit('message', { data: message }));
  }
  kill(): boolean {
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
  crash(): void {
    this.emit('exit', 139);
  }
}

describe('backend utility process contract', () => {
  it('answers calls and forwards pushes over the message contract (bigint amounts intact)', async () => {
    const dataDir = tempDir();
    const client = new BackendClient(() => new FakeChild(dataDir));
    const pushes: string[] = [];
    client.onPush((event) => pushes.push(event));
    const added = await client.call('wallets:add', {
      address: '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3',
      label: 'Main',
    });
    expect(added).toMatchObject({ data: { wallet: { id: 1, label: 'Main' } } });
    expect(await client.call('nope', undefined)).toMatchObject({ error: { code: 'unknown-channel' } });
    expect(await client.call('app:info', undefined)).toMatchObject({ data: { transport: 'electron' } });
    expect(pushes).toContain('db:changed');
    client.close();
  });

  it('a crashed backend fails the calls in flight clearly and is started again', async () => {
    const dataDir = tempDir();
    const children: FakeChild[] = [];
    const lines: string[] = [];
    const client = new BackendClient(
      () => {
        const child = new FakeChild(dataDir);
        children.push(child);
        return child;
      },
      (l) => lines.push(l),
    );
    const inFlight = client.call('wallets:list', undefined);
    children[0]!.crash();
    expect(await inFlight).toEqual({
      error: { code: 'internal', message: 'The backend process stopped (exit code 139). Try again.' },
    });
    expect(children).toHaveLength(2);
    expect(client.restarts).toBe(1);
    expect(await client.call('wallets:list', undefined)).toEqual({ data: [] });
    // One that cannot stay up is not restarted forever.
    for (let i = 0; i < 5; i++) children.at(-1)!.crash();
    expect(children).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/failed 4 times in a row and is not started again/);
    expect(await client.call('wallets:list', undefined)).toMatchObject({ error: { message: /not running/ } });
  });

  it('a database that cannot be opened is explained on every call, and left as it was', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, DATABASE_FILE);
    writeFileSync(file, 'not SQLite at all '.repeat(500));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const session = openSession({ dataDir, transport: 'electron', version: 't' });
    expect(logged).toHaveBeenCalledWith('Taofolio backend could not open its database:', expect.any(Error));
    logged.mockRestore();
    const client = new BackendClient(() => new FakeChild(dataDir, session));
    for (const channel of ['wallets:list', 'app:info'])
      expect(await client.call(channel, undefined)).toEqual({
        error: {
          code: 'invalid-file',
          message: expect.stringMatching(/is not a readable Taofolio database/) as string,
        },
      });
    expect(readFileSync(file, 'utf8')).toBe('not SQLite at all '.repeat(500));
    client.close();
    session.close();
  });

  it('reads its configuration from argv', () => {
    expect(parseBackendArgs(['x', '--data-dir', '/d', '--version', '1.2.3', '--no-autosync'])).toEqual({
      dataDir: '/d',
      version: '1.2.3',
      autoSync: false,
    });
    expect(() => parseBackendArgs(['x', '--version', '1'])).toThrow(/--data-dir is required/);
  });
});
