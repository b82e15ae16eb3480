// The app's session over the database: passphrase enabled, changed and removed from the API; an
// encrypted database starts locked; a wrong passphrase is refused and writes nothing; the idle lock;
// backups of an encrypted database stay encrypted; a restore reopens the database in place.
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, PushEventName, SecurityStatus, Wallet } from '../shared/api';
import { ENCRYPTED_MARKER } from './db/encryption';
import { DATABASE_FILE } from './db/open';
import { createSession, type Session } from './session';
import { useTempDirs } from './test/temp-dir';

const tempDir = useTempDirs();
const A = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const B = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';
const CANARY = 'PlaintextCanary';

/** A hand-driven timer: the idle lock fires only when the test says so. */
function manualTimers() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    schedule: (run: () => void, ms: number) => {
      const entry = { run, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    live: () => pending.filter((p) => !p.cancelled),
    fire: () => {
      for (const p of pending.filter((e) => !e.cancelled)) {
        p.cancelled = true;
        p.run();
      }
    },
  };
}

function session(dataDir: string, timers = manualTimers()): Session {
  return createSession({ dataDir, transport: 'web', version: 't', schedule: timers.schedule, notify: () => {} });
}

function data<T>(response: ApiResponse<unknown>): T {
  if ('error' in response) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data as T;
}

const labels = async (s: Session) =>
  data<Wallet[]>(await s.dispatch('wallets:list', undefined))
    .map((w) => w.label)
    .sort();

/** The database as stored: the file and its write-ahead log. */
function fileBytes(dir: string): Buffer {
  const wal = join(dir, `${DATABASE_FILE}-wal`);
  return Buffer.concat([readFileSync(join(dir, DATABASE_FILE)), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

async function encryptedWith(dir: string, passphrase: string): Promise<void> {
  const s = session(dir);
  data(await s.dispatch('wallets:add', { address: A, label: CANARY }));
  data(await s.dispatch('security:set-passphrase', { next: passphrase }));
  s.close();
}

beforeAll(async () => {
  await cryptoWaitReady();
});

describe('encryption at rest through the API', () => {
  it('enabled from the API: the file holds nothing readable, and the next start is locked until unlocked', async () => {
    const dir = tempDir();
    const first = session(dir);
    data(await first.dispatch('wallets:add', { address: A, label: CANARY }));
    expect(fileBytes(dir).includes(CANARY)).toBe(true);
    const pushed: [PushEventName, unknown][] = [];
    first.push.subscribe((event, payload) => pushed.push([event, payload]));
    expect(data(await first.dispatch('security:set-passphrase', { next: 'correct horse' }))).toEqual({
      encrypted: true,
      locked: false,
      lockAfterMinutes: 15,
    });
    expect(pushed).toContainEqual(['security:status', { encrypted: true, locked: false, lockAfterMinutes: 15 }]);
    expect(await labels(first)).toEqual([CANARY]);
    first.close();
    expect(fileBytes(dir).includes(CANARY)).toBe(false);

    const next = session(dir);
    expect(next.current()).toBeNull();
    expect(data(await next.dispatch('security:status', undefined))).toMatchObject({ encrypted: true, locked: true });
    expect(await next.dispatch('wallets:list', undefined)).toEqual({
      error: { code: 'locked', message: 'The database is locked: enter its passphrase.' },
    });
    expect(await next.dispatch('app:info', undefined)).toMatchObject({ error: { code: 'locked' } });
    expect(data(await next.dispatch('security:unlock', { passphrase: 'correct horse' }))).toMatchObject({
      locked: false,
    });
    expect(await labels(next)).toEqual([CANARY]);
    next.close();
  });

  it('a wrong passphrase is a clear error, stays locked, and writes nothing', async () => {
    const dir = tempDir();
    await encryptedWith(dir, 'correct horse');
    const before = fileBytes(dir);
    const filesBefore = readdirSync(dir).sort();
    const s = session(dir);
    expect(await s.dispatch('security:unlock', { passphrase: 'wrong horse' })).toEqual({
      error: {
        code: 'wrong-passphrase',
        message: 'Wrong passphrase. Nothing was read or written.',
        field: 'passphrase',
      },
    });
    expect(s.current()).toBeNull();
    expect(await s.dispatch('wallets:add', { address: B, label: 'x' })).toMatchObject({ error: { code: 'locked' } });
    expect(fileBytes(dir).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
    expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(false);
    s.close();
  });

  it('changes the passphrase only with the current one; the old one no longer opens it', async () => {
    const dir = tempDir();
    await encryptedWith(dir, 'correct horse');
    const s = session(dir);
    data(await s.dispatch('security:unlock', { passphrase: 'correct horse' }));
    const before = fileBytes(dir);
    expect(await s.dispatch('security:set-passphrase', { current: 'wrong horse', next: 'battery staple' })).toEqual({
      error: { code: 'wrong-passphrase', message: 'Wrong passphrase. Nothing was changed.', field: 'current' },
    });
    expect(await s.dispatch('security:set-passphrase', { next: 'battery staple' })).toMatchObject({
      error: { code: 'wrong-passphrase', field: 'current' },
    });
    expect(fileBytes(dir).equals(before)).toBe(true);
    expect(await s.dispatch('security:set-passphrase', { current: 'correct horse', next: 'short' })).toMatchObject({
      error: { code: 'invalid-args', field: 'next', message: 'Choose a passphrase of at least 8 characters.' },
    });
    data(await s.dispatch('security:set-passphrase', { current: 'correct horse', next: 'battery staple' }));
    s.close();

    const again = session(dir);
    expect(await again.dispatch('security:unlock', { passphrase: 'correct horse' })).toMatchObject({
      error: { code: 'wrong-passphrase' },
    });
    data(await again.dispatch('security:unlock', { passphrase: 'battery staple' }));
    expect(await labels(again)).toEqual([CANARY]);
    again.close();
  });

  it('removes the passphrase with the current one: the next start is open and the file readable', async () => {
    const dir = tempDir();
    await encryptedWith(dir, 'correct horse');
    const s = session(dir);
    data(await s.dispatch('security:unlock', { passphrase: 'correct horse' }));
    expect(await s.dispatch('security:set-passphrase', { current: 'nope nope', next: null })).toMatchObject({
      error: { code: 'wrong-passphrase' },
    });
    expect(existsSync(join(dir, ENCRYPTED_MARKER))).toBe(true);
    expect(data(await s.dispatch('security:set-passphrase', { current: 'correct horse', next: null }))).toMatchObject({
      encrypted: false,
      locked: false,
    });
    s.close();
    expect(existsSync(join(dir, ENCRYPTED_MARKER))).toBe(false);
    expect(fileBytes(dir).includes(CANARY)).toBe(true);
    const open = session(dir);
    expect(open.current()).not.toBeNull();
    expect(await labels(open)).toEqual([CANARY]);
    expect(await open.dispatch('security:lock', undefined)).toMatchObject({ error: { code: 'invalid-args' } });
    expect(await open.dispatch('security:set-passphrase', { next: null })).toMatchObject({
      error: { code: 'invalid-args', field: 'next' },
    });
    open.close();
  });

  it('locks after the idle time; activity defers it; 0 switches it off', async () => {
    const dir = tempDir();
    await encryptedWith(dir, 'correct horse');
    const timers = manualTimers();
    const s = session(dir, timers);
    const pushed: SecurityStatus[] = [];
    s.push.on('security:status', (status) => pushed.push(status));
    expect(timers.live()).toEqual([]);
    data(await s.dispatch('security:unlock', { passphrase: 'correct horse' }));
    expect(timers.live().map((t) => t.ms)).toEqual([15 * 60_000]);
    // Activity replaces the pending lock with a fresh one (never two).
    const first = timers.live()[0];
    data(await s.dispatch('security:activity', undefined));
    expect(timers.live()).toHaveLength(1);
    expect(timers.live()[0]).not.toBe(first);
    data(await s.dispatch('security:configure', { lockAfterMinutes: 5 }));
    expect(timers.live().map((t) => t.ms)).toEqual([5 * 60_000]);

    timers.fire();
    expect(s.current()).toBeNull();
    expect(pushed.at(-1)).toEqual({ encrypted: true, locked: true, lockAfterMinutes: 5 });
    expect(await s.dispatch('wallets:list', undefined)).toMatchObject({ error: { code: 'locked' } });
    // Locked: the setting cannot be changed.
    expect(await s.dispatch('security:configure', { lockAfterMinutes: 0 })).toMatchObject({
      error: { code: 'locked' },
    });

    data(await s.dispatch('security:unlock', { passphrase: 'correct horse' }));
    data(await s.dispatch('security:configure', { lockAfterMinutes: 0 }));
    expect(timers.live()).toEqual([]);
    expect(await labels(s)).toEqual([CANARY]);
    s.close();
  });
});

describe('backups and restore in the app', () => {
  it('backups of an encrypted database are encrypted, and restore in place with the passphrase', async () => {
    const dir = tempDir();
    const s = session(dir);
    data(await s.dispatch('wallets:add', { address: A, label: CANARY }));
    // A backup from before the passphrase: restoring it keeps the database encrypted.
    const plain = data<{ name: string }>(await s.dispatch('backups:create', undefined));
    data(await s.dispatch('security:set-passphrase', { next: 'correct horse' }));
    data(await s.dispatch('wallets:add', { address: B, label: 'Second' }));
    const sealed = data<{ name: string }>(await s.dispatch('backups:create', undefined));
    expect(readFileSync(join(dir, 'backups', sealed.name)).includes(CANARY)).toBe(false);
    data(await s.dispatch('wallets:remove', { id: 1 }));
    expect(await labels(s)).toEqual(['Second']);

    data(await s.dispatch('backups:restore', { name: sealed.name }));
    expect(await labels(s)).toEqual([CANARY, 'Second'].sort());
    data(await s.dispatch('backups:restore', { name: plain.name }));
    expect(await labels(s)).toEqual([CANARY]);
    expect(data(await s.dispatch('security:status', undefined))).toMatchObject({ encrypted: true, locked: false });
    s.close();
    expect(fileBytes(dir).includes(CANARY)).toBe(false);
    const next = session(dir);
    expect(next.current()).toBeNull();
    data(await next.dispatch('security:unlock', { passphrase: 'correct horse' }));
    expect(await labels(next)).toEqual([CANARY]);
    next.close();
  });

  it('a backup made under an earlier passphrase is refused clearly and nothing changes', async () => {
    const dir = tempDir();
    await encryptedWith(dir, 'correct horse');
    const s = session(dir);
    data(await s.dispatch('security:unlock', { passphrase: 'correct horse' }));
    const old = data<{ name: string }>(await s.dispatch('backups:create', undefined));
    data(await s.dispatch('security:set-passphrase', { current: 'correct horse', next: 'battery staple' }));
    data(await s.dispatch('wallets:add', { address: B, label: 'Second' }));
    expect(await s.dispatch('backups:restore', { name: old.name })).toMatchObject({
      error: {
        code: 'invalid-file',
        message: expect.stringMatching(/encrypted with another passphrase.*Nothing was changed\./),
      },
    });
    expect(await labels(s)).toEqual([CANARY, 'Second'].sort());
    s.close();
  });

  it('restore reopens the database in place: no restart, the UI is told everything changed', async () => {
    const dir = tempDir();
    const s = session(dir);
    data(await s.dispatch('wallets:add', { address: A, label: 'Kept' }));
    const backup = data<{ name: string }>(await s.dispatch('backups:create', undefined));
    data(await s.dispatch('wallets:add', { address: B, label: 'Added later' }));
    const before = s.current();
    const changed: string[][] = [];
    s.push.on('db:changed', ({ tables }) => changed.push(tables));

    const state = data<{ restorePending: boolean; notices: string[]; backups: { kind: string }[] }>(
      await s.dispatch('backups:restore', { name: backup.name }),
    );
    expect(state.restorePending).toBe(false);
    expect(state.notices.join(' ')).toMatch(/Restored the chosen backup\. The database it replaced is kept as /);
    expect(state.backups.map((b) => b.kind)).toContain('before-restore');
    expect(s.current()).not.toBe(before);
    expect(await labels(s)).toEqual(['Kept']);
    expect(changed.at(-1)).toEqual(expect.arrayContaining(['wallets', 'stake_events', 'settings', 'sync_state']));
    // The replaced database is kept: restoring it brings the later wallet back.
    const keptAs = state.notices.join(' ').match(/kept as .*\/(taofolio\.sqlite\.before-restore\.[^ ]+\.bak)/)![1]!;
    data(await s.dispatch('backups:restore', { name: keptAs }));
    expect(await labels(s)).toEqual(['Added later', 'Kept']);
    s.close();
  });
});
