// One writer per data folder (main/db/writer-lock.ts). Two `sync` processes on one folder both ran
// and both wrote, and so did the web host next to a CLI sync. Now the second writer is refused with
// the folder and the holder's pid, exits 1 and changes nothing; readers still read; a holder killed
// with SIGKILL leaves nothing that blocks the next one.
// The real program runs as a process (the lock is the OS's, per process), against a socket that
// accepts and closes every connection: the holder follows (retrying) and writes nothing meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { MIGRATIONS } from './db/migrations';
import { openDatabase } from './db/open';
import { claimDataDir, DataDirInUseError, WRITER_INFO_FILE } from './db/writer-lock';
import { startWebHost } from './host/web';
import { cli } from './test/cli';
import { programCommand } from './test/programs';
import { useTempDirs } from './test/temp-dir';

const ROOT = resolve(import.meta.dirname, '..');
const COLDKEY = '5EEytzUZcDjfhVw6RWi7UB2HZCNwJXs2smUV6QwAx26icDQL';
const tempDir = useTempDirs();

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => socket.terminate());
const endpoint = () => `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(dir: string, ...args: string[]): Run {
  // node itself, not a wrapper process: the pid and the kill are the CLI's own.
  const [node, cliArgs] = programCommand('cli', ['--data-dir', dir, '--endpoint', endpoint(), ...args]);
  const child = spawn(node, cliArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, stderr: () => stderr, exited };
}

/** A `sync` (following) that has started: it holds the folder. */
async function follower(dir: string): Promise<Run> {
  const run = runCli(dir, 'sync');
  await new Promise<void>((ready, failed) => {
    run.child.stderr!.on('data', () => run.stderr().includes('following ') && ready());
    void run.exited.then((code) => failed(new Error(`sync exited (${code}): ${run.stderr()}`)));
  });
  return run;
}

/** Every file in the folder with a digest of its content. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

function fakeRenderer(): string {
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
  return renderer;
}

describe('one writer per data folder', () => {
  it('refuses a second sync and the web host while a sync follows; readers still read', async () => {
    const dir = tempDir();
    expect((await cli('--data-dir', dir, 'wallet', 'add', COLDKEY)).code).toBe(0);
    const first = await follower(dir);
    const before = snapshot(dir);

    const second = runCli(dir, 'sync');
    expect(await second.exited, second.stderr()).toBe(1);
    expect(second.stderr()).toContain(`The data folder ${dir} is in use by another Taofolio process`);
    expect(second.stderr()).toContain(`pid ${first.child.pid}, taofolio sync`);
    // In-process too (the CLI as the tests run it): a writing command is refused, a reading one reads.
    const add = await cli('--data-dir', dir, 'wallet', 'add', '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3');
    expect(add).toMatchObject({ code: 1, err: expect.stringContaining(`pid ${first.child.pid}`) });
    await expect(startWebHost({ dataDir: dir, port: 0, rendererDir: fakeRenderer() })).rejects.toBeInstanceOf(
      DataDirInUseError,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(await cli('--data-dir', dir, 'wallet', 'list', '--json')).toMatchObject({ code: 0 });
    expect(JSON.parse((await cli('--data-dir', dir, 'wallet', 'list', '--json')).out)).toHaveLength(1);
    expect((await cli('--data-dir', dir, 'events')).code).toBe(0);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Stopped: the folder is free again.
    expect(
      (await cli('--data-dir', dir, 'wallet', 'add', '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3')).code,
    ).toBe(0);
  }, 120_000); // a hang guard only

  it('refuses a sync while the web host runs on the folder', async () => {
    const dir = tempDir();
    const host = await startWebHost({ dataDir: dir, port: 0, rendererDir: fakeRenderer() });
    try {
      const synced = await cli('--data-dir', dir, '--endpoint', endpoint(), 'sync', '--once');
      expect(synced.code).toBe(1);
      expect(synced.err).toContain(`in use by another Taofolio process (pid ${process.pid}, web host)`);
    } finally {
      await host.close();
    }
    const after = await cli('--data-dir', dir, 'wallet', 'add', COLDKEY);
    expect(after.code).toBe(0);
  });

  it('is taken over from a holder killed with SIGKILL', async () => {
    const dir = tempDir();
    expect((await cli('--data-dir', dir, 'wallet', 'add', COLDKEY)).code).toBe(0);
    const first = await follower(dir);
    first.child.kill('SIGKILL');
    await first.exited;
    // What the dead holder left names it; it blocks nothing.
    expect(JSON.parse(readFileSync(join(dir, WRITER_INFO_FILE), 'utf8'))).toMatchObject({ pid: first.child.pid });
    const lock = claimDataDir(dir, 'test');
    expect(JSON.parse(readFileSync(join(dir, WRITER_INFO_FILE), 'utf8'))).toEqual({ pid: process.pid, role: 'test' });
    expect(() => claimDataDir(dir, 'again')).toThrow(DataDirInUseError);
    lock.release();
    claimDataDir(dir, 'again').release();
  }, 120_000);

  it('lets a reader next to the writer write nothing at open: an upgrade waits for the folder to be free', async () => {
    const dir = tempDir();
    openDatabase({ dataDir: dir, migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const lock = claimDataDir(dir, 'test writer');
    const before = snapshot(dir);
    const read = await cli('--data-dir', dir, 'events');
    expect(read.code).toBe(1);
    expect(read.err).toContain('needs an upgrade');
    expect(read.err).toContain(`another Taofolio process (pid ${process.pid}, test writer)`);
    expect(snapshot(dir)).toEqual(before);
    lock.release();
    expect(await cli('--data-dir', dir, 'events')).toMatchObject({ code: 0, err: '' });
  });
});
