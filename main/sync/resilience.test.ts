// A flaky node: `sync --once` (the CLI, which does not reconnect on its own) against a devnet that
// drops 1 % of requests' connections and answers 2 % with an error still finishes, exit 0, with
// exactly the ground-truth events — reads are retried with backoff after reconnecting, and the
// discovery already done is kept.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { DATABASE_FILE } from '../db/open';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata, eventLines } from '../test/devnet';
import { programCommand } from '../test/programs';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const ROOT = resolve(import.meta.dirname, '../..');

function syncOnce(dataDir: string, url: string): Promise<{ code: number | null; stderr: string }> {
  const [node, args] = programCommand('cli', ['--data-dir', dataDir, '--endpoint', url, 'sync', '--once']);
  const child = spawn(node, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((done) => child.once('exit', (code) => done({ code, stderr })));
}

describe('sync --once against a node dropping 1 % of connections', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({
      scenario: 'upgrade424',
      seed: 4,
      port: 0,
      faults: { dropRate: 0.01, errorRate: 0.02, latencyMs: 1 },
    });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('finishes with exactly the truth, reconnecting as often as needed', async () => {
    const dir = tempDir();
    const setup = testBackend(dir);
    for (const [i, address] of dn.coldkeys.entries())
      await setup.dispatch('wallets:add', { address, label: `user ${i}` });
    setup.close();
    dn.resetRequestCounts();

    const { code, stderr } = await syncOnce(dir, dn.url);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    // Every connection starts with the genesis hash check; more than one means it reconnected.
    const connections = dn.requestCounts().rpc_methods ?? 0;
    expect(connections).toBeGreaterThan(1);

    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    db.defaultSafeIntegers(true);
    try {
      const truth = dn.truth();
      for (const coldkey of dn.coldkeys) {
        const { stored, expected } = eventLines(db, truth, coldkey);
        expect(expected.length).toBeGreaterThan(10);
        expect(stored).toEqual(expected);
        const cursor = db.prepare('SELECT cursor FROM sync_state WHERE coldkey = ?').get(coldkey) as {
          cursor: bigint;
        };
        expect(Number(cursor.cursor)).toBe(truth.finalized);
      }
    } finally {
      db.close();
    }
  }, 240_000);
});
