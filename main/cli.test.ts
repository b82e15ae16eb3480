// The CLI in-process (same code path as `npm run cli`): wallet management, sync --once against the
// devnet, status, events as JSON and CSV, clear errors with exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../devnet/index';
import { ensureDevnetMetadata } from './test/devnet';
import { cli } from './test/cli';
import { useTempDirs } from './test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../devnet/index');
const tempDir = useTempDirs();

describe('cli', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 7, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('adds, lists and removes wallets, syncs once, and prints status and events', async () => {
    const dir = tempDir();
    const g = ['--data-dir', dir, '--endpoint', dn.url];
    const [first, second] = dn.coldkeys as [string, string];
    expect((await cli(...g, 'wallet', 'add', first, '--label', 'First')).code).toBe(0);
    const added = await cli(...g, 'wallet', 'add', second, '--label', 'Second', '--json');
    expect(JSON.parse(added.out)).toMatchObject({ wallet: { id: 2, address: second, label: 'Second' } });
    expect((await cli(...g, 'wallet', 'add', second)).code).toBe(1);
    expect(JSON.parse((await cli(...g, 'wallet', 'list', '--json')).out)).toHaveLength(2);
    expect((await cli(...g, 'wallet', 'remove', '2')).out).toBe('removed #2');

    const synced = await cli(...g, 'sync', '--once', '--json');
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.out)).toMatchObject({
      chain: { state: 'connected' },
      wallets: [{ address: first, cursor: dn.finalized() }],
    });

    const status = await cli(...g, 'status');
    expect(status.out).toContain(`cursor ${dn.finalized()}`);

    const events = JSON.parse((await cli(...g, 'events', '--json')).out) as {
      kind: string;
      tao: string;
      coldkey: string;
    }[];
    const truth = dn
      .truth()
      .events.filter(
        (e) =>
          e.block <= dn.finalized() &&
          (e.coldkey === first || e.destColdkey === first) &&
          !e.kind.startsWith('RootClaim'),
      );
    expect(events.filter((e) => e.kind !== 'RootClaimed')).toHaveLength(truth.length);
    expect(typeof events[0]!.tao).toBe('string');
    // --limit keeps the newest events (as `git log -n`, `tail`), still listed oldest first.
    const newest = JSON.parse((await cli(...g, 'events', '--json', '--limit', '2')).out) as unknown[];
    expect(events.length).toBeGreaterThan(2);
    expect(newest).toEqual(events.slice(-2));

    const csv = (await cli(...g, 'events', '--csv', '--wallet', first)).out.split('\n');
    expect(csv[0]).toBe(
      'blockNumber,blockHash,timestamp,specVersion,extrinsicIndex,eventIndex,kind,coldkey,counterpartyColdkey,hotkey,netuid,destHotkey,destNetuid,tao,alpha,fee,feeUnit',
    );
    expect(csv).toHaveLength(events.length + 1);
  });

  it('gives clear errors and non-zero exit codes', async () => {
    const dir = tempDir();
    expect(await cli('--data-dir', dir, 'wallet', 'add', 'not-an-address')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^error: /),
    });
    expect((await cli('--data-dir', dir, 'frobnicate')).code).toBe(1);
    expect((await cli('--data-dir', dir, 'events', '--wallet', '9')).code).toBe(1);
    const unreachable = await cli('--data-dir', dir, '--endpoint', 'ws://127.0.0.1:9', 'sync', '--once');
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toMatch(/Cannot reach ws:\/\/127\.0\.0\.1:9/);
    const badEndpoint = await cli('--data-dir', dir, '--endpoint', 'http://example.com', 'sync', '--once');
    // README: an invalid URL is invalid input (1), not a chain problem (2).
    expect(badEndpoint.code).toBe(1);
    expect(badEndpoint.err).toMatch(/ws:\/\/ or wss:\/\//);
    const noEndpoint = await cli('--data-dir', dir, 'sync', '--once');
    expect(noEndpoint).toMatchObject({ code: 1, err: expect.stringMatching(/No chain endpoint is chosen/) });
  });
});
