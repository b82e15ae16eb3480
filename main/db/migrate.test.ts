import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test/temp-dir';
import { DatabaseFromFutureError, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { DATABASE_FILE, DatabaseOpenError, openDatabase } from './open';

const tempDir = useTempDirs();
const LATEST = MIGRATIONS.at(-1)!.version;

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

describe('openDatabase', () => {
  it('creates a fresh database at the latest schema with WAL, foreign keys and safe integers', () => {
    const dir = tempDir();
    const { db, schemaVersion, backupPath, path } = openDatabase({ dataDir: dir });
    expect(path).toBe(join(dir, DATABASE_FILE));
    expect(schemaVersion).toBe(LATEST);
    expect(backupPath).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1n);
    expect(db.pragma('user_version', { simple: true })).toBe(BigInt(LATEST));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'wallets',
        'settings',
        'blocks',
        'stake_events',
        'position_checkpoints',
        'subnet_snapshots',
        'sync_state',
        'fiat_prices',
      ]),
    );
    // 2^63-1 round-trips exactly: amounts never pass through a float.
    db.exec('CREATE TEMP TABLE t (v INTEGER)');
    db.prepare('INSERT INTO t VALUES (?)').run(9_223_372_036_854_775_807n);
    expect(db.prepare('SELECT v FROM t').get()).toEqual({ v: 9_223_372_036_854_775_807n });
    db.close();
  });

  it('upgrades an older database in place, keeps its rows and writes a backup first', () => {
    const dir = tempDir();
    // Build a version-1 database exactly as an older Taofolio would have left it.
    const old = new Database(join(dir, DATABASE_FILE));
    migrate(old, MIGRATIONS.slice(0, 1));
    old
      .prepare(
        "INSERT INTO wallets (address, label, grp, added_at) VALUES ('5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', 'Old', NULL, 1)",
      )
      .run();
    old.close();

    const { db, schemaVersion, backupPath } = openDatabase({
      dataDir: dir,
      now: () => new Date('2026-01-02T03:04:05Z'),
    });
    expect(schemaVersion).toBe(LATEST);
    expect(db.prepare('SELECT label FROM wallets').all()).toEqual([{ label: 'Old' }]);
    expect(tables(db)).toContain('stake_events');
    db.close();

    expect(backupPath).toBe(join(dir, 'backups', `${DATABASE_FILE}.migration.v1.2026-01-02T03-04-05-000Z.bak`));
    const backup = new Database(backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT label FROM wallets').all()).toEqual([{ label: 'Old' }]);
    expect(tables(backup)).not.toContain('stake_events');
    backup.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const future = new Database(file);
    future.exec('CREATE TABLE mystery (x INTEGER)');
    future.pragma(`user_version = ${LATEST + 5}`);
    future.close();
    const before = readFileSync(file);

    expect(() => openDatabase({ dataDir: dir })).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase({ dataDir: dir })).toThrow(
      /newer Taofolio \(schema \d+; this version understands up to \d+\)/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a corrupt file with a clear message and does not modify it', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    writeFileSync(file, 'this is not a database, just some text that happens to be long enough'.repeat(100));
    const before = readFileSync(file);
    expect(() => openDatabase({ dataDir: dir })).toThrow(DatabaseOpenError);
    expect(() => openDatabase({ dataDir: dir })).toThrow(/not a readable Taofolio database/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back every step when one migration fails, leaving the previous version', () => {
    const dir = tempDir();
    openDatabase({ dataDir: dir, migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'adds a table',
        up: (db) => db.exec('CREATE TABLE added_then_rolled_back (x INTEGER)'),
      },
      { version: LATEST + 2, name: 'fails', up: (db) => db.exec('THIS IS NOT SQL') },
    ];
    expect(() => openDatabase({ dataDir: dir, migrations: broken })).toThrow(/syntax error/);
    const db = new Database(join(dir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('added_then_rolled_back');
    expect(tables(db)).not.toContain('stake_events');
    db.close();
    // The backup taken before the failed attempt is still there.
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('rejects a migration list that is not strictly increasing', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 2, name: 'b', up: () => {} },
      { version: 2, name: 'again', up: () => {} },
    ];
    expect(() => migrate(db, bad)).toThrow(/not strictly increasing/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('reopening an up-to-date database migrates nothing and writes no migration backup', () => {
    const dir = tempDir();
    openDatabase({ dataDir: dir }).db.close();
    const again = openDatabase({ dataDir: dir, dailyBackups: false });
    expect(again.backupPath).toBeNull();
    again.db.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
