import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { SEEDS, type SeedName } from './seed';

export interface RunningWebHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Start `main/host/web.ts` exactly as `npm run web` does, on a random port and a fresh data dir. */
export async function startWebHost(dataDir: string, env: Record<string, string> = {}): Promise<RunningWebHost> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/host/web.ts', '--port', '0'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, TAOFOLIO_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ webHost: RunningWebHost; seed: SeedName | null }>({
  // Option: fill the fresh data dir with a named data set before the host opens it.
  seed: [null, { option: true }],
  webHost: async ({ seed }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-e2e-'));
    if (seed) await SEEDS[seed](dataDir);
    // Seeded data is the whole truth of a test: no background sync may change it.
    const host = await startWebHost(dataDir, seed ? { TAOFOLIO_AUTOSYNC: '0' } : {});
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
