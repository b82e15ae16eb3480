// Encryption at rest: enable, change and remove a passphrase; a locked or wrongly unlocked
// database is a clear error and nothing is written; nothing readable is left in the file or in
// backups written while it is encrypted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test/temp-dir';
import { DatabaseLockedError, ENCRYPTED_MARKER, setPassphrase, WrongPassphraseError } from './encryption';
import { DATABASE_FILE, openDatabase } from './open';

const tempDir = useTempDirs();
const LABEL = 'PlaintextCanary';
const day = (n: number) => () => new Date(Date.UTC(2026, 0, n, 12));

function seeded(dir: string): void {
  const { db } = openDatabase({ dataDir: dir, now: day(1) });
  db.prepare('INSERT INTO wallets (address, label, grp, added_at) VALUES (?, ?, NULL, 1)').run(
    '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3',
    LABEL,
  );
  db.close();
}

function label(dir: string, passphrase?: string): string {
  const { db } = openDatabase({ dataDir: dir, passphrase, dailyBackups: false });
  const value = db.prepare('SELECT label FROM wallets').pluck().get() as string;
  db.close();
  return value;
}

function encrypt(dir: string, passphrase: string | null, current?: string): void {
  const { db } = openDatabase({ dataDir: dir, passphrase: current, dailyBackups: false });
  setPassphrase(db, dir, passphrase);
  db.close();
}

describe('encryption at rest', () => {
  it('with a passphrase nothing readable is left in the file, and only the passphrase opens it', () => {
    const dir = tempDir();
    seeded(dir);
    expect(readFileSync(join(dir, DATABASE_FILE)).includes(LABEL)).toBe(true);
    encrypt(dir, 'correct horse');
    expect(existsSync(join(dir, ENCRYPTED_MARKER))).toBe(true);
    expect(readFileSync(join(dir, DATABASE_FILE)).includes(LABEL)).toBe(false);
    expect(label(dir, 'correct horse')).toBe(LABEL);
    expect(() => label(dir)).toThrow(DatabaseLockedError);
  });

  it('a wrong passphrase is a clear error and writes nothing', () => {
    const dir = tempDir();
    seeded(dir);
    encrypt(dir, 'correct horse');
    const before = readFileSync(join(dir, DATABASE_FILE));
    expect(() => label(dir, 'wrong horse')).toThrow(WrongPassphraseError);
    expect(() => label(dir, 'wrong horse')).toThrow('Wrong passphrase. Nothing was read or written.');
    expect(readFileSync(join(dir, DATABASE_FILE)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(false);
  });

  it('changes and removes the passphrase', () => {
    const dir = tempDir();
    seeded(dir);
    encrypt(dir, 'first');
    encrypt(dir, 'second', 'first');
    expect(() => label(dir, 'first')).toThrow(WrongPassphraseError);
    expect(label(dir, 'second')).toBe(LABEL);
    encrypt(dir, null, 'second');
    expect(existsSync(join(dir, ENCRYPTED_MARKER))).toBe(false);
    expect(label(dir)).toBe(LABEL);
  });

  it('backups written while encrypted are encrypted too', () => {
    const dir = tempDir();
    seeded(dir);
    encrypt(dir, 'pass');
    openDatabase({ dataDir: dir, passphrase: 'pass', now: day(2) }).db.close();
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups.length).toBeGreaterThan(0);
    for (const b of backups) expect(readFileSync(join(dir, 'backups', b)).includes(LABEL), b).toBe(false);
  });
});

describe('encrypted database through the CLI', () => {
  it('locked: exit 1 with a clear message; TAOFOLIO_PASSPHRASE unlocks; a wrong one is exit 1', async () => {
    const { runCli } = await import('../cli');
    const dir = tempDir();
    seeded(dir);
    encrypt(dir, 'pass phrase');
    const run = async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        ['--data-dir', dir, 'wallet', 'list', '--json'],
        (s) => out.push(s),
        (s) => err.push(s),
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const saved = process.env.TAOFOLIO_PASSPHRASE;
    try {
      delete process.env.TAOFOLIO_PASSPHRASE;
      expect(await run()).toMatchObject({ code: 1, err: expect.stringMatching(/database is encrypted/) });
      process.env.TAOFOLIO_PASSPHRASE = 'nope';
      expect(await run()).toMatchObject({ code: 1, err: expect.stringMatching(/Wrong passphrase/) });
      process.env.TAOFOLIO_PASSPHRASE = 'pass phrase';
      const ok = await run();
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject([{ label: LABEL }]);
    } finally {
      if (saved === undefined) delete process.env.TAOFOLIO_PASSPHRASE;
      else process.env.TAOFOLIO_PASSPHRASE = saved;
    }
  });
});
