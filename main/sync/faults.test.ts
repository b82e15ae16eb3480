// Failure modes: unreachable endpoint, wrong chain, error responses, malformed answers, pruned
// node. Each gives a clear error and writes no partial facts; a pruned node still tracks live.
import { chainFactTables } from '../../shared/vocab';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { Devnet } from '../../devnet/index';
import { ChainError } from '../chain/client';
import type { DB } from '../db/open';
import { testBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata } from '../test/devnet';
import { programCommand } from '../test/programs';
import { useTempDirs } from '../test/temp-dir';
import { namesPosition } from '../../devnet/truth-positions';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const ROOT = resolve(import.meta.dirname, '../..');

function factRows(db: DB): number {
  const tables = [...chainFactTables, 'sync_state'];
  return tables.reduce(
    (sum, t) => sum + Number((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: bigint }).n),
    0,
  );
}

async function backendFor(endpoint: string, coldkeys: string[]) {
  const backend = testBackend(tempDir());
  for (const [i, address] of coldkeys.entries()) await backend.dispatch('wallets:add', { address, label: `user ${i}` });
  await backend.dispatch('settings:update', { endpoint });
  return backend;
}

async function expectChainError(promise: Promise<unknown>, code: ChainError['code'], message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChainError);
  expect((error as ChainError).code).toBe(code);
  expect((error as ChainError).message).toMatch(message);
}

/** A JSON-RPC server in front of the devnet that can rewrite answers. */
async function proxy(
  upstream: string,
  rewrite: (
    method: string,
    params: unknown[],
    reply: { result?: unknown; error?: unknown },
  ) => { result?: unknown; error?: unknown },
) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (client) => {
    const up = new WebSocket(upstream);
    const methods = new Map<unknown, { method: string; params: unknown[] }>();
    const queue: string[] = [];
    up.on('open', () => queue.splice(0).forEach((m) => up.send(m)));
    client.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id: unknown; method: string; params: unknown[] };
      methods.set(m.id, { method: m.method, params: m.params });
      if (up.readyState === WebSocket.OPEN) up.send(String(data));
      else queue.push(String(data));
    });
    up.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: unknown; result?: unknown; error?: unknown };
      const req = m.id !== undefined ? methods.get(m.id) : undefined;
      client.send(JSON.stringify(req ? { ...m, ...rewrite(req.method, req.params, m) } : m));
    });
    client.on('close', () => up.close());
    up.on('close', () => client.close());
  });
  const port = (server.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('sync failure modes', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 6, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('an unreachable endpoint is a clear error, in the service and the CLI, with nothing written', async () => {
    const backend = await backendFor('ws://127.0.0.1:9', dn.coldkeys);
    await expectChainError(backend.sync.syncOnce(), 'unreachable', /Cannot reach ws:\/\/127\.0\.0\.1:9/);
    expect(backend.sync.chainStatus()).toMatchObject({ state: 'error', code: 'unreachable' });
    expect(factRows(backend.db)).toBe(0);
    await backend.sync.close();
    backend.close();

    const [node, args] = programCommand('cli', [
      '--data-dir',
      tempDir(),
      '--endpoint',
      'ws://127.0.0.1:9',
      'sync',
      '--once',
    ]);
    const run = spawnSync(node, args, { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/error: Cannot reach ws:\/\/127\.0\.0\.1:9/);
  });

  it('a different chain (genesis mismatch) is refused before anything is read', async () => {
    const fake = await proxy(dn.url, (method, params, reply) =>
      method === 'chain_getBlockHash' && params[0] === 0 ? { result: `0x${'11'.repeat(32)}` } : reply,
    );
    const backend = await backendFor(fake.url, dn.coldkeys);
    await expectChainError(backend.sync.syncOnce(), 'wrong-chain', /is not Bittensor finney/);
    expect(backend.sync.chainStatus()).toMatchObject({ state: 'error', code: 'wrong-chain' });
    expect(factRows(backend.db)).toBe(0);
    await backend.sync.close();
    backend.close();
    await fake.close();
  });

  it('error responses are reported and leave no partial rows', async () => {
    dn.setFaults({ errorRate: 1 });
    try {
      const backend = await backendFor(dn.url, dn.coldkeys);
      await expectChainError(backend.sync.syncOnce(), 'rpc-error', /refused .*Internal error/);
      expect(factRows(backend.db)).toBe(0);
      await backend.sync.close();
      backend.close();
    } finally {
      dn.setFaults({});
    }
  });

  it('malformed runtime-API answers are reported and leave no partial rows', async () => {
    const bad = await proxy(dn.url, (method, params, reply) =>
      method === 'state_call' && String(params[0]).startsWith('StakeInfoRuntimeApi')
        ? { result: `0x08${'00'.repeat(10)}` }
        : reply,
    ); // two StakeInfo announced, 10 bytes sent
    const backend = await backendFor(bad.url, dn.coldkeys);
    await expectChainError(backend.sync.syncOnce(), 'malformed', /Cannot decode the answer to stake info/);
    // History checkpoints take α from share storage (main/sync/stake-from-storage.ts); the call is
    // made at the head, which fails: blocks before it are committed whole, nothing at or past it.
    const cursors = (backend.db.prepare('SELECT cursor FROM sync_state').all() as { cursor: bigint | null }[]).map(
      (r) => Number(r.cursor ?? -1),
    );
    const recorded = (backend.db.prepare('SELECT max(number) AS n FROM blocks').get() as { n: bigint | null }).n;
    expect(cursors.every((c) => c < dn.finalized())).toBe(true);
    expect(Number(recorded ?? -1)).toBeLessThanOrEqual(Math.max(-1, ...cursors));
    await backend.sync.close();
    backend.close();
    await bad.close();
  });

  it('a pruned node: clear "archive node needed" message, no history rows, live tracking still works', async () => {
    dn.setFaults({ pruned: true });
    try {
      const backend = await backendFor(dn.url, dn.coldkeys.slice(0, 1));
      const status = await backend.sync.syncOnce();
      const head = dn.finalized();
      expect(status.wallets[0]).toMatchObject({
        cursor: head,
        historyFrom: head,
        error: expect.stringMatching(/full history needs an archive node/),
      });
      expect(
        Number(
          (
            backend.db.prepare('SELECT count(*) AS n FROM stake_events WHERE block_number < ?').get(head) as {
              n: bigint;
            }
          ).n,
        ),
      ).toBe(0);

      const coldkey = dn.coldkeys[0]!;
      const position = dn
        .truth()
        .events.filter(namesPosition)
        .find((e) => e.coldkey === coldkey && e.kind === 'StakeAdded' && e.netuid !== 0)!;
      dn.submit({ kind: 'add_stake', coldkey, hotkey: position.hotkey, netuid: position.netuid, tao: 2_000_000_000n });
      const included = dn.produceBlocks(1);
      dn.produceBlocks(2);
      await backend.sync.syncOnce();
      const rows = backend.db.prepare("SELECT block_number, tao FROM stake_events WHERE kind = 'StakeAdded'").all() as {
        block_number: bigint;
        tao: bigint;
      }[];
      expect(rows).toEqual([{ block_number: BigInt(included), tao: 2_000_000_000n }]);
      await backend.sync.close();
      backend.close();
    } finally {
      dn.setFaults({});
    }
  });

  it('a pruned node cannot record a range again (migration 12): it says so, names no gap, and keeps the rows', async () => {
    const backend = await backendFor(dn.url, dn.coldkeys.slice(0, 1));
    const first = await backend.sync.syncOnce();
    const head = first.wallets[0]!.cursor!;
    const before = dumpFacts(backend.db);
    // As migration 12 does for a coldkey with lease-like rows: the cursor moves back into recorded history.
    const rewound = Math.floor(head / 2);
    backend.db.prepare('UPDATE sync_state SET cursor = ?').run(rewound);
    dn.setFaults({ pruned: true });
    try {
      const status = await backend.sync.syncOnce();
      expect(status.wallets[0]!.cursor).toBe(dn.finalized());
      expect(status.wallets[0]!.error).toContain(
        `blocks ${rewound + 1}–${head - 1}, so they could not be recorded again`,
      );
      expect(status.wallets[0]!.error).not.toContain('fill that gap');
      const after = dumpFacts(backend.db);
      for (const table of ['stake_events', 'position_checkpoints', 'subnet_snapshots'] as const)
        expect(after[table], table).toEqual(before[table]);
    } finally {
      dn.setFaults({});
    }
    await backend.sync.close();
    backend.close();
  });

  it('a pruned node after time offline: the gap is named, earlier history stays complete', async () => {
    const backend = await backendFor(dn.url, dn.coldkeys.slice(1, 2));
    const first = await backend.sync.syncOnce();
    expect(first.wallets[0]).toMatchObject({ historyFrom: null, error: null });
    const before = first.wallets[0]!.cursor!;
    // A stake while the app was offline, then more blocks than the 256 a pruned node keeps.
    const coldkey = dn.coldkeys[1]!;
    const position = dn
      .truth()
      .events.filter(namesPosition)
      .find((e) => e.coldkey === coldkey && e.kind === 'StakeAdded' && e.netuid !== 0)!;
    dn.submit({ kind: 'add_stake', coldkey, hotkey: position.hotkey, netuid: position.netuid, tao: 1_500_000_000n });
    dn.produceBlocks(300);
    dn.setFaults({ pruned: true });
    try {
      const status = await backend.sync.syncOnce();
      expect(status.wallets[0]).toMatchObject({
        cursor: dn.finalized(),
        historyFrom: null,
        error: expect.stringContaining(`blocks ${before + 1}–${dn.finalized() - 1}`),
      });
    } finally {
      dn.setFaults({});
    }
    await backend.sync.close();
    backend.close();
  });
});
