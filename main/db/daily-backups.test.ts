// An app left open across days writes each day's backup without a restart; a failed write is told and
// retried; closing the backend stops it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../backend';
import { useTempDirs } from '../test/temp-dir';
import { DAILY_BACKUP_CHECK_MS, keepDailyBackups, listBackups } from './backups';
import { openDatabase } from './open';

const tempDir = useTempDirs();
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 0, day, hour));
const dailyDays = (dir: string) =>
  listBackups(dir)
    .filter((b) => b.kind === 'daily')
    .map((b) => new Date(b.createdAt).getUTCDate());

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('daily backups while the app stays open', () => {
  it("writes the day's backup once a new day begins, once a day", () => {
    const dir = tempDir();
    let now = at(1);
    const { db } = openDatabase({ dataDir: dir, now: () => now });
    const notices: string[] = [];
    const stop = keepDailyBackups(
      db,
      dir,
      (line) => notices.push(line),
      () => now,
    );
    expect(dailyDays(dir)).toEqual([]);
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(dir)).toEqual([1]);
    now = at(1, 23);
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(dir)).toEqual([1]);
    now = at(2, 0);
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(dir)).toEqual([2, 1]);
    stop();
    now = at(3);
    vi.advanceTimersByTime(3 * DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(dir)).toEqual([2, 1]);
    expect(notices).toEqual([]);
    db.close();
  });

  it('a backup that cannot be written is told and tried again the next hour; the database is untouched', () => {
    const dir = tempDir();
    const { db } = openDatabase({ dataDir: dir, now: () => at(1) });
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', '1')").run();
    writeFileSync(join(dir, 'backups'), 'a file where the backups folder goes');
    const notices: string[] = [];
    const stop = keepDailyBackups(
      db,
      dir,
      (line) => notices.push(line),
      () => at(1),
    );
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The daily backup could not be written: /);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").pluck().get()).toBe('1');
    rmSync(join(dir, 'backups'));
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(dir)).toEqual([1]);
    expect(notices).toHaveLength(1);
    stop();
    db.close();
  });

  it('an app host keeps them and stops on close; the CLI and tests do not', () => {
    const app = tempDir();
    const host = createBackend({ dataDir: app, transport: 'web', version: 't', keepDailyBackups: true });
    const bare = tempDir();
    const cli = createBackend({ dataDir: bare, transport: 'web', version: 't' });
    vi.advanceTimersByTime(DAILY_BACKUP_CHECK_MS);
    expect(dailyDays(app)).toHaveLength(1);
    expect(dailyDays(bare)).toEqual([]);
    host.close();
    cli.close();
    // After close the check is gone: nothing runs on the closed database.
    expect(vi.getTimerCount()).toBe(0);
  });
});
