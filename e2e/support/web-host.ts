import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { programPath } from '../../scripts/node-bundle';
import { EGRESS_PREFIX } from './egress-prefix';
import { SEEDS, type SeedName } from './seed';

export interface RunningWebHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  port: number;
  /** Outbound connections the backend opened (only with `recordEgress`), as host:port. */
  egress(): string[];
  stop(): Promise<void>;
}

export interface WebHostOptions {
  /** A fixed port (a restart on the same port and data dir is what an open tab sees). Default: any. */
  port?: number;
  /** Report every outbound connection of the backend (see egress-hook.ts). */
  recordEgress?: boolean;
  env?: Record<string, string>;
}

/**
 * Start the web host exactly as `npm run web` does (its bundle, built by the suite's global set-up:
 * ./global-setup.ts), on a random port and a fresh data dir.
 */
export async function startWebHost(dataDir: string, options: WebHostOptions = {}): Promise<RunningWebHost> {
  // The egress hook is TypeScript: tsx loads it.
  const hooks = options.recordEgress ? ['--import', 'tsx', '--import', './e2e/support/egress-hook.ts'] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...hooks, programPath('web'), '--port', String(options.port ?? 0)],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, TAOFOLIO_DATA_DIR: dataDir, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = () => {
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
    port: Number(parsed.port),
    egress: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith(EGRESS_PREFIX))
        .map((line) => line.slice(EGRESS_PREFIX.length)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ webHost: RunningWebHost; seed: SeedName | null; hostOptions: WebHostOptions }>({
  // Option: fill the fresh data dir with a named data set before the host opens it.
  seed: [null, { option: true }],
  hostOptions: [{}, { option: true }],
  webHost: async ({ seed, hostOptions }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-e2e-'));
    if (seed) await SEEDS[seed](dataDir);
    // Seeded data is the whole truth of a test: no background sync may change it.
    const options = seed ? { ...hostOptions, env: { TAOFOLIO_AUTOSYNC: '0', ...hostOptions.env } } : hostOptions;
    const host = await startWebHost(dataDir, options);
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
