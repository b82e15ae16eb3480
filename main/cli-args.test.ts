// The CLI's command line: --help per command, strict options, and the README's exit codes.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './cli-args';
import { cli } from './test/cli';
import { useTempDirs } from './test/temp-dir';

const tempDir = useTempDirs();

describe('cli command line', () => {
  it.each(Object.keys(COMMANDS))('`%s --help` prints that command’s usage and exits 0', async (command) => {
    const run = await cli(command, '--help');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Usage: npm run cli -- [--data-dir DIR] [--endpoint URL] ${command}`);
    expect(run.out).toMatch(/Exit codes: 0 ok · 1 usage/);
  });

  it('`--help` alone lists every command (0); no command at all is a usage error (1)', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of Object.keys(COMMANDS)) expect(help.out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect((await cli()).code).toBe(1);
  });

  it('unknown options, options of another command and missing values are usage errors (1)', async () => {
    const dir = tempDir();
    const unknown = await cli('--data-dir', dir, 'status', '--frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown option '--frobnicate'/);
    expect((await cli('--data-dir', dir, 'status', '--once')).code).toBe(1);
    const missing = await cli('--data-dir', dir, 'events', '--limit');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--limit/);
    // A value that is no count of events is refused, not read as "no limit" (text, 0) or left to the contract.
    for (const value of ['abc', '0', '1.5', '1e3', '100001']) {
      const bad = await cli('--data-dir', dir, 'events', '--limit', value);
      expect(bad.code, value).toBe(1);
      expect(bad.err, value).toBe('error: --limit takes a whole number of events, 1 to 100,000.');
    }
    expect((await cli('--data-dir', dir, 'events', '--limit', '5')).code).toBe(0);
  });

  it('backup create, list and restore through the CLI', async () => {
    const dir = tempDir();
    expect(
      (
        await cli(
          '--data-dir',
          dir,
          'wallet',
          'add',
          '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3',
          '--label',
          'Before',
        )
      ).code,
    ).toBe(0);
    const created = await cli('--data-dir', dir, 'backup', 'create', '--json');
    expect(created.code).toBe(0);
    const { name } = JSON.parse(created.out) as { name: string };
    expect((await cli('--data-dir', dir, 'wallet', 'remove', '1')).code).toBe(0);
    const restored = await cli('--data-dir', dir, 'backup', 'restore', name);
    expect(restored).toMatchObject({ code: 0, out: expect.stringContaining(`restored ${name}`) });
    const listed = await cli('--data-dir', dir, 'wallet', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([{ label: 'Before' }]);
    const kinds = JSON.parse((await cli('--data-dir', dir, 'backup', 'list', '--json')).out) as {
      backups: { kind: string }[];
    };
    expect(kinds.backups.map((b) => b.kind)).toEqual(expect.arrayContaining(['before-restore', 'manual']));
    expect((await cli('--data-dir', dir, 'backup', 'restore', 'taofolio.sqlite.manual.nope.bak')).code).toBe(1);
  });
});
