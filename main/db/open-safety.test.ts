// What a malicious or unlucky file does at open: empty, damaged late pages, foreign SQLite, a
// read-only folder; private permissions; daily rotating backups; restore.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programCommand } from '../test/programs';
import { useTempDirs } from '../test/temp-dir';
import { DAILY_BACKUPS_KEPT, listBackups, stageRestore } from './backups';
import { DATABASE_FILE, DatabaseOpenError, openDatabase } from './open';
import { MIGRATIONS } from './migrations';

const tempDir = useTempDirs();
const ROOT = resolve(import.meta.dirname, '../..');
const LATEST = MIGRATIONS.at(-1)!.version;
const ADDRESS = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';

const mode = (path: string) => statSync(path).mode & 0o777;
const day = (n: number) => () => new Date(Date.UTC(2026, 0, n, 12));

/** A Taofolio database with one wallet and enough filler rows to span many pages. */
function seeded(dir: string, label = 'Main', now = day(1)): void {
  const { db } = openDatabase({ dataDir: dir, now });
  db.prepare('INSERT INTO wallets (address, label, grp, added_at) VALUES (?, ?, NULL, 1)').run(ADDRESS, label);
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  for (let i = 0; i < 2000; i++) insert.run(`filler-${i}`, JSON.stringify('x'.repeat(200)));
  db.close();
}

function labels(dir: string): string[] {
  const opened = openDatabase({ dataDir: dir, dailyBackups: false });
  const rows = opened.db.prepare('SELECT label FROM wallets').pluck().all() as string[];
  opened.db.close();
  return rows;
}

function cli(dir: string, args: string[], asUser?: number) {
  const command = programCommand('cli', ['--data-dir', dir, ...args]).flat();
  const [file, ...rest] =
    asUser === undefined
      ? command
      : ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', ...command];
  return spawnSync(file!, rest, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
}

describe('database safety at open', () => {
  it('a 0-byte database file is set aside and reported, not silently replaced', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), '');
    const opened = openDatabase({ dataDir: dir });
    expect(opened.recovery).toMatchObject({ reason: 'the database file is empty (0 bytes)', offered: null });
    expect(statSync(opened.recovery!.movedTo).size).toBe(0);
    expect(opened.notices.join('\n')).toMatch(/damaged .*moved to .*No good backup was found/);
    expect(opened.schemaVersion).toBe(LATEST);
    opened.db.close();
  });

  it('late-page damage is caught at open: the file is kept aside and the newest good backup offered', () => {
    const dir = tempDir();
    seeded(dir);
    // Day 2: a daily backup of the good database.
    openDatabase({ dataDir: dir, now: day(2) }).db.close();
    const good = listBackups(dir).filter((b) => b.kind === 'daily');
    expect(good).toHaveLength(1);
    const file = join(dir, DATABASE_FILE);
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, size - 4096 * 4);
    closeSync(fd);
    const damaged = readFileSync(file);

    const opened = openDatabase({ dataDir: dir, now: day(3) });
    expect(opened.recovery?.offered?.name).toBe(good[0]!.name);
    expect(readFileSync(opened.recovery!.movedTo).equals(damaged)).toBe(true);
    expect(opened.db.prepare('SELECT count(*) FROM wallets').pluck().get()).toBe(0n);
    opened.db.close();

    stageRestore(dir, good[0]!.name, LATEST);
    expect(labels(dir)).toEqual(['Main']);
  });

  it('a foreign SQLite file is refused before anything is written to it (no WAL switch)', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')");
    foreign.close();
    const before = readFileSync(file);
    expect(() => openDatabase({ dataDir: dir })).toThrow(DatabaseOpenError);
    expect(() => openDatabase({ dataDir: dir })).toThrow(/a SQLite database, but not Taofolio's/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a database file overwritten with other bytes is refused unchanged, naming the backup that gets the data back', () => {
    const dir = tempDir();
    seeded(dir);
    openDatabase({ dataDir: dir, now: day(2) }).db.close();
    const [backup] = listBackups(dir);
    const file = join(dir, DATABASE_FILE);
    writeFileSync(file, 'not SQLite at all '.repeat(500));
    const before = readFileSync(file);
    const refused = cli(dir, ['backup', 'list']);
    expect(refused.status).toBe(1); // invalid input, not an internal error
    expect(refused.stderr).toContain('is not a readable Taofolio database');
    expect(refused.stderr).toContain(`backup restore ${backup!.name}`);
    expect(readFileSync(file).equals(before)).toBe(true);
    // What the message says to do: the file moved out, a new database opens, the backup is restored.
    renameSync(file, join(tempDir(), 'kept.sqlite'));
    const restored = cli(dir, ['backup', 'restore', backup!.name]);
    expect(restored.status).toBe(0);
    expect(labels(dir)).toEqual(['Main']);
  });

  it('keeps the data folder 0700 and the database, WAL, shared memory and backups 0600', () => {
    const dir = join(tempDir(), 'data');
    seeded(dir);
    chmodSync(dir, 0o755); // as an older version left it
    const opened = openDatabase({ dataDir: dir, now: day(2) });
    opened.db.prepare("UPDATE wallets SET label = 'x'").run();
    expect(mode(dir)).toBe(0o700);
    for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`])
      expect(mode(join(dir, file)), file).toBe(0o600);
    expect(mode(join(dir, 'backups'))).toBe(0o700);
    for (const b of readdirSync(join(dir, 'backups'))) expect(mode(join(dir, 'backups', b)), b).toBe(0o600);
    opened.db.close();
  });

  it('a data folder that holds other things keeps its mode; a file given as the folder is refused untouched', () => {
    const shared = tempDir();
    chmodSync(shared, 0o755);
    writeFileSync(join(shared, 'notes.txt'), 'mine');
    seeded(shared);
    openDatabase({ dataDir: shared, now: day(2) }).db.close();
    expect(mode(shared)).toBe(0o755); // a home folder or /tmp chosen as the data folder is not chmod-ed
    expect(mode(join(shared, DATABASE_FILE))).toBe(0o600);
    expect(mode(join(shared, 'backups'))).toBe(0o700);

    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    chmodSync(file, 0o644);
    expect(() => openDatabase({ dataDir: file })).toThrow(DatabaseOpenError);
    expect(() => openDatabase({ dataDir: file })).toThrow(/is not a folder/);
    expect(mode(file)).toBe(0o644);
    const run = cli(file, ['wallet', 'list']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/The data folder .* is not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it(`writes one backup a day and keeps the newest ${DAILY_BACKUPS_KEPT}`, () => {
    const dir = tempDir();
    seeded(dir);
    for (let n = 2; n <= 11; n++) {
      openDatabase({ dataDir: dir, now: day(n) }).db.close();
      openDatabase({ dataDir: dir, now: day(n) }).db.close(); // a second start the same day adds nothing
    }
    const dailies = listBackups(dir).filter((b) => b.kind === 'daily');
    expect(dailies.map((b) => new Date(b.createdAt).getUTCDate())).toEqual([11, 10, 9, 8, 7, 6, 5]);
  });

  it('a damaged or unknown backup is refused for restore, and nothing changes', () => {
    const dir = tempDir();
    seeded(dir);
    openDatabase({ dataDir: dir, now: day(2) }).db.close();
    const [backup] = listBackups(dir);
    writeFileSync(join(dir, 'backups', backup!.name), 'garbage'.repeat(1000));
    expect(() => stageRestore(dir, backup!.name, LATEST)).toThrow(/cannot be restored: .*Nothing was changed/);
    expect(() => stageRestore(dir, '../taofolio.sqlite', LATEST)).toThrow(/No backup named/);
    expect(existsSync(join(dir, 'restore-pending.sqlite'))).toBe(false);
    expect(labels(dir)).toEqual(['Main']);
  });

  it('notices go to stderr, so `--json` output stays parseable', () => {
    const dir = tempDir();
    seeded(dir);
    const run = cli(dir, ['wallet', 'list', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ label: 'Main' }]);
  });

  // Needs a second user (root ignores file modes) who can reach this checkout and run the CLI's bundle.
  const otherUserCanRun =
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', join(ROOT, 'package.json')])
      .status === 0;
  it.skipIf(!otherUserCanRun)('a read-only data folder can still be listed and reported (as another user)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    seeded(join(dir, 'data'));
    const data = join(dir, 'data');
    chmodSync(data, 0o555);
    chmodSync(join(data, DATABASE_FILE), 0o444);
    const run = cli(data, ['wallet', 'list', '--json'], 65534);
    expect(run.stderr).toMatch(/read-only: showing its data read-only/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ label: 'Main' }]);
    chmodSync(data, 0o700);
  });
});
