// The CLI given what a user plausibly gets wrong or types differently: each gets a clear answer
// and the documented exit code, and nothing recorded changes.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './data-dir';
import { cli } from './test/cli';
import { useTempDirs } from './test/temp-dir';

const tempDir = useTempDirs();

// One account (Alice's public key) in Bittensor's, Polkadot's and Kusama's SS58 forms.
const ALICE = {
  bittensor: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  polkadot: '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5',
  kusama: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F',
};

describe('cli input', () => {
  it('a wallet added by its Polkadot address is found by that address again (events, remove)', async () => {
    const dir = tempDir();
    const added = await cli('--data-dir', dir, 'wallet', 'add', ALICE.polkadot, '--label', 'Dot');
    expect(added.out).toContain(`added #1 ${ALICE.bittensor}`);
    expect(await cli('--data-dir', dir, 'events', '--wallet', ALICE.kusama)).toMatchObject({ code: 0, err: '' });
    expect(await cli('--data-dir', dir, 'wallet', 'remove', ` ${ALICE.polkadot} `)).toMatchObject({
      code: 0,
      out: 'removed #1',
    });
    expect(JSON.parse((await cli('--data-dir', dir, 'wallet', 'list', '--json')).out)).toEqual([]);
  });

  it('a damaged backup is refused as damaged, not as encrypted, and nothing changes', async () => {
    const dir = tempDir();
    await cli('--data-dir', dir, 'wallet', 'add', ALICE.bittensor, '--label', 'Kept');
    await cli('--data-dir', dir, 'backup', 'create');
    const damaged = {
      'taofolio.sqlite.manual.2026-01-01T00-00-00-000Z.bak': Buffer.alloc(5000, 0xa5),
      // A plain SQLite header cut short: whatever it is, not an encrypted file.
      'taofolio.sqlite.manual.2026-01-02T00-00-00-000Z.bak': Buffer.from('SQLite format 3\0'.padEnd(4096, 'x')),
    };
    for (const [name, bytes] of Object.entries(damaged)) {
      writeFileSync(join(dir, 'backups', name), bytes);
      const restore = await cli('--data-dir', dir, 'backup', 'restore', name);
      expect(restore, name).toMatchObject({
        code: 1,
        err: `error: The backup ${name} cannot be restored: it is damaged (not a readable database file). Nothing was changed.`,
      });
    }
    expect(existsSync(join(dir, 'restore-pending.sqlite'))).toBe(false);
    expect(JSON.parse((await cli('--data-dir', dir, 'wallet', 'list', '--json')).out)).toMatchObject([
      { label: 'Kept' },
    ]);
  });

  it('status before any endpoint is chosen says so, not "null"', async () => {
    const status = await cli('--data-dir', tempDir(), 'status');
    expect(status).toMatchObject({
      code: 0,
      out: 'chain: idle (no endpoint chosen: pass --endpoint URL or set one in Settings)',
    });
  });

  it('report: a bad --method, --rewards or --format names its flag; outputs that disagree are refused', async () => {
    const dir = tempDir();
    const report = (...flags: string[]) => cli('--data-dir', dir, 'report', ...flags);
    expect(await report('--method', 'FIFO')).toMatchObject({
      code: 1,
      err: 'error: --method takes acb, fifo, lifo, hifo.',
    });
    expect(await report('--rewards', '1')).toMatchObject({ code: 1, err: 'error: --rewards takes income, zero.' });
    // An empty --format printed the text summary, as if no format had been asked for.
    expect(await report('--format', '')).toMatchObject({
      code: 1,
      err: 'error: --format takes pnl-csv, pnl-json, events-csv, koinly-csv, cointracker-csv.',
    });
    // Two outputs at once printed one of them, chosen silently.
    for (const flags of [
      ['--json', '--csv'],
      ['--csv', '--format', 'koinly-csv'],
      ['--json', '--format', 'pnl-csv'],
    ]) {
      const run = await report(...flags);
      expect(run.code, flags.join(' ')).toBe(1);
      expect(run.out, flags.join(' ')).toBe('');
      expect(run.err, flags.join(' ')).toMatch(
        /^error: --json, --csv and --format ask for different outputs \(.*\): give one\.$/,
      );
    }
    // The same output said twice is one output.
    expect((await report('--json', '--format', 'pnl-json')).code).toBe(0);
    expect((await report('--csv', '--format', 'pnl-csv')).code).toBe(0);
  });

  it('a word more than a command takes is a usage error, and nothing is added or removed', async () => {
    const dir = tempDir();
    const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
    // The label meant, without --label: the wallet was added as “Wallet 5Grwva”.
    const unlabelled = await cli('--data-dir', dir, 'wallet', 'add', ALICE.bittensor, 'Main');
    expect(unlabelled.code).toBe(1);
    expect(unlabelled.err).toMatch(/^error: Unexpected “Main” \(a label is given with --label\)\./);
    expect(JSON.parse((await cli('--data-dir', dir, 'wallet', 'list', '--json')).out)).toEqual([]);
    await cli('--data-dir', dir, 'wallet', 'add', ALICE.bittensor, '--label', 'One');
    await cli('--data-dir', dir, 'wallet', 'add', BOB, '--label', 'Two');
    // Two wallets to remove: only the first was removed, and the exit code said all was well.
    const both = await cli('--data-dir', dir, 'wallet', 'remove', '1', '2');
    expect(both).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/^error: Unexpected “2”\./) });
    expect(JSON.parse((await cli('--data-dir', dir, 'wallet', 'list', '--json')).out)).toHaveLength(2);
    for (const argv of [
      ['status', 'now'],
      ['sync', 'once'],
      ['backup', 'list', 'all'],
      ['report', 'fifo'],
    ])
      expect((await cli('--data-dir', dir, ...argv)).code, argv.join(' ')).toBe(1);
  });

  it('an empty data folder is a usage error from --data-dir, and unset from TAOFOLIO_DATA_DIR', async () => {
    // Was `mkdir ''` failing: "ENOENT …" and exit 3, an internal error.
    expect(await cli('--data-dir', '', 'wallet', 'list')).toMatchObject({
      code: 1,
      err: 'error: --data-dir needs a folder.',
    });
    // As the desktop app reads it (main/index.ts): an empty variable is no folder given.
    const env = { TAOFOLIO_DATA_DIR: '', XDG_CONFIG_HOME: '/nowhere' };
    expect(resolveDataDir(undefined, env)).toBe(defaultDataDir(process.platform, env));
  });

  it('events with both --json and --csv is a usage error, not JSON picked silently', async () => {
    expect(await cli('--data-dir', tempDir(), 'events', '--csv', '--json')).toMatchObject({
      code: 1,
      out: '',
      err: 'error: --json and --csv ask for different outputs: give one.',
    });
  });

  it('an address pasted with spaces around it gets the default label of the address, not of the spaces', async () => {
    const added = await cli('--data-dir', tempDir(), 'wallet', 'add', `  ${ALICE.bittensor}\t`, '--json');
    expect(JSON.parse(added.out)).toMatchObject({ wallet: { address: ALICE.bittensor, label: 'Wallet 5Grwva' } });
  });
});
