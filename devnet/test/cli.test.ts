/** The CLI as a child process: prints its URL and user coldkeys; starts on the vendored metadata alone. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureMetadata, RawClient } from './helpers.js';
import { findMetadata } from '../scale/metadata-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(TSX, ['devnet/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => out, err: () => err };
}

describe('cli', () => {
  it('starts with no metadata variable (vendored copies), prints the URL, user coldkeys and writes the truth file', async () => {
    const truthFile = join(mkdtempSync(join(tmpdir(), 'truth-')), 'truth.json');
    const p = run(['--scenario', 'tiny', '--seed', '4', '--port', '0', '--block-ms', '0', '--truth', truthFile], {
      SUBTENSOR_METADATA_DIR: '',
    });
    const end = Date.now() + 60_000;
    while (!/ws:\/\/127\.0\.0\.1:\d+/.test(p.out()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const url = /ws:\/\/127\.0\.0\.1:\d+/.exec(p.out())?.[0];
    expect(url).toBeDefined();
    expect(p.out()).toMatch(/user coldkeys: 5\w{47} 5\w{47}/);
    const c = await RawClient.open(url!);
    expect(await c.result('system_chain')).toBe('Bittensor');
    c.close();
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as {
      coldkeys: string[];
      events: unknown[];
      head: number;
      endpoint: string;
    };
    expect(truth.coldkeys).toHaveLength(2);
    expect(truth.head).toBe(4_000);
    expect(truth.endpoint).toBe(url);
    expect(truth.events.length).toBeGreaterThan(10);
    p.child.kill('SIGTERM');
    await p.exited;
  });
});

describe('metadata:pull', () => {
  it('records V14 and V15 metadata of a live node (here: the devnet itself) into a cache dir', async () => {
    ensureMetadata();
    const { startDevnet } = await import('../index.js');
    const dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
    const out = mkdtempSync(join(tmpdir(), 'meta-cache-'));
    const child = spawn(TSX, ['devnet/metadata-pull.ts', '--endpoint', dn.url, '--out', out], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    await dn.close();
    expect(stdout).toContain('spec 343');
    expect(JSON.parse(readFileSync(join(out, 'rpc_methods.json'), 'utf8'))).toContain('state_getKeysPaged');
    // the pulled files are exactly the bytes the devnet serves for 343 (V14, and V15 in its Option wrapper)
    const served = findMetadata().get(343)!.byVersion;
    const hex = (u: Uint8Array | undefined) => '0x' + Buffer.from(u!).toString('hex');
    expect(readFileSync(join(out, 'finney_spec343_metadata_v14.hex'), 'utf8').trim()).toBe(hex(served.get(14)));
    const v15 = readFileSync(join(out, 'finney_spec343_metadata_at_version15.hex'), 'utf8').trim();
    expect(v15.endsWith(hex(served.get(15)).slice(2))).toBe(true);
  });
});
