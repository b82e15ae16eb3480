// The node cannot crash the process: garbage frames, drops and RPC errors while the API
// initialises, and a transient metadata error each end as a status and a reconnect, never as an
// uncaught exception or an unhandled rejection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { ChainStatus } from '../../shared/api';
import { ensureDevnetMetadata } from '../test/devnet';
import { startHostileNode, type HostileNode } from '../test/hostile-node';
import { ChainClient, ChainError } from './client';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let dn: Devnet;
let node: HostileNode;
const clients: ChainClient[] = [];
beforeAll(async () => {
  dn = await startDevnet({ scenario: 'tiny', seed: 3, port: 0, blockMs: 0 });
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await dn.close();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await node?.close();
  expect(unhandled).toEqual([]);
});

function client(reconnect: boolean, statuses: ChainStatus[] = [], requestTimeoutMs?: number): ChainClient {
  const c = new ChainClient({
    endpoint: node.url,
    reconnect,
    requestTimeoutMs,
    connectTimeoutMs: 10_000,
    onStatus: (s) => statuses.push(s),
  });
  clients.push(c);
  return c;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('chain client against a hostile node', () => {
  it.each([
    ['non-JSON', 'this is not json{'],
    ['null', 'null'],
    ['subscription-without-params', '{"jsonrpc":"2.0","method":"chain_finalizedHead"}'],
  ])('a %s frame drops the connection as malformed, and the client reconnects', async (_name, frame) => {
    node = await startHostileNode(dn.url);
    const statuses: ChainStatus[] = [];
    const c = client(true, statuses);
    await c.connect();
    node.broadcast(frame);
    await until(() => statuses.some((s) => s.code === 'malformed'), 'malformed status');
    expect(statuses.find((s) => s.code === 'malformed')).toMatchObject({
      state: 'disconnected',
      message: expect.stringMatching(/malformed message/),
    });
    await until(() => c.isConnected, 'reconnect');
    expect(await c.rpc<string>('chain_getBlockHash', [0])).toMatch(/^0x2f0555cc/);
  });

  it.each([
    ['a drop', { kind: 'drop' } as const],
    ['an RPC error', { kind: 'error' } as const],
  ])('%s while the API loads metadata rejects connect() with a ChainError, then a retry works', async (_n, fault) => {
    node = await startHostileNode(dn.url);
    node.plan = (r) => (r.method === 'state_getRuntimeVersion' && r.nth === 1 ? fault : undefined);
    const c = client(false);
    const error = await c.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChainError);
    expect(c.status.state).toBe('error');
    const api = await c.connect();
    expect(api.runtimeVersion.specVersion.toNumber()).toBeGreaterThan(0);
  });

  it('one error on Metadata_metadata_versions does not leave the API on metadata V14', async () => {
    node = await startHostileNode(dn.url);
    node.plan = (r) =>
      r.method === 'state_call' && r.params[0] === 'Metadata_metadata_versions' && r.nth >= 1 && !errored
        ? ((errored = true), { kind: 'error' })
        : undefined;
    let errored = false;
    const c = client(false);
    const api = await c.connect();
    expect(errored).toBe(true);
    expect(api.runtimeMetadata.version).toBeGreaterThanOrEqual(15);
    expect(c.status).toMatchObject({ state: 'connected', code: null });
  });

  it('a node that never serves V15 is a clear error after three tries, not a silent V14', async () => {
    node = await startHostileNode(dn.url);
    node.plan = (r) =>
      r.method === 'state_call' && r.params[0] === 'Metadata_metadata_versions' ? { kind: 'error' } : undefined;
    const c = client(false);
    const error = await c.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChainError);
    expect((error as ChainError).message).toMatch(/did not serve runtime metadata V15 \(asked 3 times\)/);
    // Three connection attempts, each asked twice: by PJS, then by the client's own check whether
    // the runtime offers V15 at all (a V14-only runtime is served as it is).
    expect(node.applied.get('error')).toBe(6);
  });

  it('a stalled request, or a frame that answers nothing, times out as a ChainError and drops the connection, saying why', async () => {
    node = await startHostileNode(dn.url);
    const statuses: ChainStatus[] = [];
    const c = client(false, statuses, 1_500);
    node.plan = (r) =>
      r.method === 'chain_getBlockHash' && r.params[0] === 1
        ? { kind: 'stall' }
        : r.method === 'chain_getBlockHash' && r.params[0] === 2
          ? { kind: 'raw', frame: '[1,2,3]' }
          : undefined;
    for (const block of [1, 2]) {
      await c.connect();
      const error = await c.rpc('chain_getBlockHash', [block]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ChainError);
      expect((error as ChainError).message).toMatch(/No response received/);
      await until(() => c.status.state === 'disconnected', 'the stalled connection to be dropped');
      expect(c.status).toMatchObject({
        code: 'unreachable',
        message: expect.stringMatching(/stopped answering \(no reply to chain_getBlockHash within 2 s\)/),
      });
    }
    await c.connect();
    expect(await c.rpc<string>('chain_getBlockHash', [0])).toMatch(/^0x2f0555cc/);
  });
});
