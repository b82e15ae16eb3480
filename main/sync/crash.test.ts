// Crash safety: kill -9 a real `cli sync --once` process at several points, restart it, and the
// final database equals an uninterrupted run's, row for row.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { DATABASE_FILE } from '../db/open';
import { testBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata } from '../test/devnet';
import { programCommand } from '../test/programs';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const ROOT = resolve(import.meta.dirname, '../..');

function cli(dataDir: string, url: string, killBeforeCommit?: number): ChildProcess {
  const env = { ...process.env };
  if (killBeforeCommit === undefined) delete env.TAOFOLIO_TEST_KILL_BEFORE_COMMIT;
  else env.TAOFOLIO_TEST_KILL_BEFORE_COMMIT = String(killBeforeCommit);
  // The real CLI, or the same program with the kill seam installed (main/test/crash-entry.ts).
  const [node, args] = programCommand(killBeforeCommit === undefined ? 'cli' : 'crashCli', [
    '--data-dir',
    dataDir,
    '--endpoint',
    url,
    'sync',
    '--once',
  ]);
  return spawn(node, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Committed blocks so far in a data dir (read-only, alongside the writer). */
function committedBlocks(dataDir: string): number {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return Number((db.prepare('SELECT count(*) AS n FROM blocks').get() as { n: number }).n);
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function dump(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    return dumpFacts(db);
  } finally {
    db.close();
  }
}

// 393 → 424, and today's chain: 393 → 424 → 455 → 475 with funds, claims and a dissolution, whose
// facts (basket positions, BasketTwr readings) and in-memory discovery state (pairs learned from
// later blocks, StakeInfo before each upgrade) a restart must rebuild exactly.
describe.each([
  { scenario: 'upgrade424', seed: 5, runtimes: '393 → 424', baskets: false },
  { scenario: 'basket475', seed: 1, runtimes: '393 → 475', baskets: true },
] as const)('kill -9 during sync --once ($scenario, runtime $runtimes)', ({ scenario, seed, baskets }) => {
  let dn: Devnet;
  let base: string;
  beforeAll(async () => {
    // A little latency so the sync takes long enough to be killed part-way.
    dn = await startDevnet({ scenario, seed, port: 0, faults: { latencyMs: 2 } });
    base = tempDir();
    const backend = testBackend(base);
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    backend.close();
  });
  afterAll(async () => {
    await dn.close();
  });

  it('resumes to exactly the rows of an uninterrupted run', async () => {
    const reference = tempDir();
    cpSync(base, reference, { recursive: true });
    expect(await exited(cli(reference, dn.url))).toBe(0);
    const expected = dump(reference);
    const total = expected.blocks.length;
    expect(total).toBeGreaterThan(60);
    // The head facts are part of what must come out equal.
    expect(expected.position_exits.length).toBeGreaterThan(2);
    expect(expected.head_checkpoints.length).toBe(expected.sync_state.length);
    if (baskets) {
      expect(expected.basket_positions.length).toBeGreaterThan(2);
      expect(expected.basket_twr.length).toBeGreaterThan(2);
    }

    // Deterministic kill points: the process SIGKILLs itself right before committing its Nth
    // planned block (0 = after connecting and scanning, before anything is written). One data
    // directory is killed again and again, each restart resuming what the last one left, so every
    // resume from a partial state is exercised, as is a restart that dies before writing anything.
    const planned = expected.sync_state.length > 0 ? Math.floor(total / 2) : 0; // ≈ planned blocks (each adds itself and the block before)
    const step = Math.floor(planned * 0.2);
    const points = [0, 1, step, 0, step, step];
    const dir = tempDir();
    cpSync(base, dir, { recursive: true });
    let before = 0;
    for (const point of points) {
      const child = cli(dir, dn.url, point);
      // The process killed itself (node runs the bundle directly: no wrapper relays the signal).
      expect(await exited(child)).toBeNull();
      expect(child.signalCode).toBe('SIGKILL');
      const partial = committedBlocks(dir);
      expect(partial).toBeLessThan(total);
      // A kill before the first commit keeps what was there; a later one only adds (a point inside
      // the first batch commits nothing either).
      if (point === 0) expect(partial).toBe(before);
      else expect(partial).toBeGreaterThanOrEqual(before);
      before = partial;
    }
    expect(before).toBeGreaterThan(0); // the restarts did resume from a partial state
    expect(await exited(cli(dir, dn.url))).toBe(0);
    expect(dump(dir)).toEqual(expected);

    // And one plain external kill -9 while it runs (wherever it happens to be).
    const killed = tempDir();
    cpSync(base, killed, { recursive: true });
    const child = cli(killed, dn.url);
    const done = exited(child);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished && committedBlocks(killed) < total / 2) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await done;
    expect(await exited(cli(killed, dn.url))).toBe(0);
    expect(dump(killed)).toEqual(expected);
  }, 600_000); // ten CLI processes: a hang guard only
});
