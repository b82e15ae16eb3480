import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test/temp-dir';
import { loadOrCreateToken, TOKEN_FILE } from './token-file';

const tempDir = useTempDirs();

describe('web host token file', () => {
  it('keeps one token per data folder, private to the user', () => {
    const dir = tempDir();
    const first = loadOrCreateToken(dir);
    expect(first).toMatch(/^[\w-]{32}$/);
    expect(loadOrCreateToken(dir)).toBe(first);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(tempDir())).not.toBe(first);
  });

  it('replaces a malformed token and tightens a loose file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, TOKEN_FILE), 'short\n');
    const token = loadOrCreateToken(dir);
    expect(token).toMatch(/^[\w-]{32}$/);
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    expect(loadOrCreateToken(dir)).toBe(token);
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it('gives a token for this run when the folder cannot be written', () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    try {
      const token = loadOrCreateToken(dir);
      expect(token).toMatch(/^[\w-]{32}$/);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
