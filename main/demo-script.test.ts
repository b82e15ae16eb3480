// `npm run demo -- --no-web` (scripts/demo.ts) is how the demo's data opens in the desktop app: its web
// host would hold the data folder (one writer per folder, main/db/writer-lock.ts), and the demo told
// people to start the desktop app beside it, which the lock then refused. With --no-web nothing holds
// the folder once it is prepared, and the printed command names it. And the demo refuses a folder
// another process writes to, changing nothing in it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDataDir, currentWriter } from './db/writer-lock';
import { useTempDirs } from './test/temp-dir';

const ROOT = resolve(import.meta.dirname, '..');
const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function demo(dataDir: string): { out: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/demo.ts'), '--no-web'], {
    cwd: ROOT,
    env: { ...process.env, TAOFOLIO_DATA_DIR: dataDir, DEVNET_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { out: () => out, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function until(check: () => boolean, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  while (!check() && !done) await new Promise((r) => setTimeout(r, 50));
}

describe('npm run demo -- --no-web', () => {
  it('prepares the data folder, holds nothing, and prints the desktop app’s command for it', async () => {
    const dir = tempDir();
    const run = demo(dir);
    await until(() => run.out().includes('npm start'), run.exited);
    expect(run.out()).toContain(`Open it in the desktop app: TAOFOLIO_DATA_DIR=${dir} npm start`);
    expect(run.out()).not.toContain('http://127.0.0.1');
    expect(currentWriter(dir)).toBe(false);
    claimDataDir(dir, 'test').release(); // the desktop app could take it
  }, 300_000); // a hang guard only

  it('refuses a data folder another process writes to', async () => {
    const dir = tempDir();
    const lock = claimDataDir(dir, 'web host');
    try {
      const run = demo(dir);
      expect(await run.exited).toBe(1);
      expect(run.out()).toMatch(/Demo failed to start: The data folder .* is in use by another Taofolio process/);
      // Nothing was written: no database was made in the folder.
      expect(readdirSync(dir).filter((f) => f.startsWith('taofolio.sqlite'))).toEqual([]);
    } finally {
      lock.release();
    }
  }, 300_000);
});
