// The registry behind the node projects' guard (./open-backends-guard.ts): a test backend is listed,
// with the test line that made it, until it is closed.
import { describe, expect, it } from 'vitest';
import { testBackend } from './backend';
import { closeOpenTestBackends, openTestBackends } from './open-backends';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('open test backends', () => {
  it('lists a backend from where it was made until it is closed; the guard closes what is left', () => {
    const kept = testBackend(tempDir());
    const left = testBackend(tempDir());
    expect(openTestBackends()).toHaveLength(2);
    expect(openTestBackends()[0]).toMatch(/open-backends\.test\.ts:\d+/);
    kept.close();
    expect(openTestBackends()).toHaveLength(1);
    expect(closeOpenTestBackends()).toHaveLength(1);
    expect(openTestBackends()).toEqual([]);
    expect(left.db.open).toBe(false);
  });
});
