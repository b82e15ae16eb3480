// Restore in the app restarts sync: a wallet synced to live, a backup taken before a second wallet
// was added, restored in place; the reopened database syncs again (no restart of the process) and
// its history equals the chain's exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, SyncStatus } from '../shared/api';
import type { Devnet } from '../devnet/index';
import { createSession, type Session } from './session';
import { ensureDevnetMetadata, eventLines } from './test/devnet';
import { useTempDirs } from './test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../devnet/index');
const tempDir = useTempDirs();

let dn: Devnet;
beforeAll(async () => {
  dn = await startDevnet({ scenario: 'tiny', seed: 6, port: 0, blockMs: 0 });
});
afterAll(async () => {
  await dn.close();
});

function data<T>(response: ApiResponse<unknown>): T {
  if ('error' in response) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data as T;
}

async function live(s: Session, wallets: number): Promise<SyncStatus> {
  for (let i = 0; i < 2_400; i++) {
    const status = data<SyncStatus>(await s.dispatch('sync:status', undefined));
    if (status.wallets.length === wallets && status.wallets.every((w) => w.phase === 'live')) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('never live');
}

describe('restore in place', () => {
  it('restarts sync on the restored database, which then holds exactly the chain’s history', async () => {
    const s = createSession({ dataDir: tempDir(), transport: 'web', version: 't', autoSync: true, notify: () => {} });
    try {
      const [first, second] = dn.coldkeys;
      data(await s.dispatch('wallets:add', { address: first!, label: 'First' }));
      data(await s.dispatch('settings:update', { endpoint: dn.url }));
      await live(s, 1);
      const backup = data<{ name: string }>(await s.dispatch('backups:create', undefined));
      data(await s.dispatch('wallets:add', { address: second!, label: 'Second' }));
      await live(s, 2);

      data(await s.dispatch('backups:restore', { name: backup.name }));
      const after = await live(s, 1);
      expect(after.chain).toMatchObject({ state: 'connected' });
      const db = s.current()!.db;
      const { stored, expected } = eventLines(db, dn.truth(), first!);
      expect(expected.length).toBeGreaterThan(0);
      expect(stored).toEqual(expected);
      // The second wallet, added after the backup, is gone with its sync state.
      expect(data<{ label: string }[]>(await s.dispatch('wallets:list', undefined)).map((w) => w.label)).toEqual([
        'First',
      ]);
      expect(db.prepare('SELECT coldkey FROM sync_state').pluck().all()).toEqual([first]);
    } finally {
      await s.current()?.sync.close();
      s.close();
    }
  }, 180_000);
});
