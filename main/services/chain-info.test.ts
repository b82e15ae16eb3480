// The connection test reports what it found (chain, genesis, runtime, archive or pruned) and saves
// nothing; valuation freshness compares the newest prices with the chain head.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { ApiResponse, EndpointProbe, Settings, ValuationFreshness } from '../../shared/api';
import { FINNEY_GENESIS } from '../chain/client';
import type { Backend } from '../backend';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { recordEgress, type EgressRecorder } from '../test/egress';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

async function call<T>(backend: Backend, channel: string, args?: unknown): Promise<T> {
  const response = (await backend.dispatch(channel, args)) as ApiResponse<T>;
  if ('error' in response) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}

describe('chain:probe', () => {
  let dn: Devnet;
  let egress: EgressRecorder | null = null;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });
  afterEach(() => {
    egress?.stop();
    egress = null;
    dn.setFaults({ pruned: false });
  });

  it('reports chain, genesis, runtime, head and archive, and saves nothing', async () => {
    const backend = testBackend(tempDir());
    egress = recordEgress();
    const probe = await call<EndpointProbe>(backend, 'chain:probe', { endpoint: dn.url });
    expect(probe).toMatchObject({
      endpoint: dn.url,
      ok: true,
      code: null,
      chain: 'Bittensor',
      genesis: FINNEY_GENESIS,
      node: 'Subtensor Node 4.0.0-dev-taofolio-devnet',
      specName: 'node-subtensor',
      specVersion: 343,
      finalized: dn.finalized(),
      history: 'archive',
    });
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
    // Only the endpoint tested was dialled, and nothing was saved or started.
    const port = Number(new URL(dn.url).port);
    expect(egress.connections.every((c) => c.port === port)).toBe(true);
    expect(egress.connections.length).toBeGreaterThan(0);
    expect((await call<Settings>(backend, 'settings:get')).endpoint).toBeNull();
    expect(backend.sync.chainStatus().state).toBe('idle');
    backend.close();
  });

  it('says pruned when the node has discarded old state', async () => {
    dn.setFaults({ pruned: true });
    const backend = testBackend(tempDir());
    const probe = await call<EndpointProbe>(backend, 'chain:probe', { endpoint: dn.url });
    expect(probe).toMatchObject({ ok: true, history: 'pruned', message: expect.stringMatching(/archive node/) });
    backend.close();
  });

  it('says unreachable for a closed port, and refuses a URL that is not ws(s)', async () => {
    const backend = testBackend(tempDir());
    const probe = await call<EndpointProbe>(backend, 'chain:probe', { endpoint: 'ws://127.0.0.1:9' });
    expect(probe).toMatchObject({ ok: false, code: 'unreachable', chain: null, history: null });
    expect(probe.message).toMatch(/127\.0\.0\.1:9/);
    const bad = await backend.dispatch('chain:probe', { endpoint: 'http://example.com' });
    expect(bad).toMatchObject({ error: { code: 'invalid-args', field: 'endpoint' } });
    backend.close();
  });

  it('hides credentials in what it reports', async () => {
    const backend = testBackend(tempDir());
    const probe = await call<EndpointProbe>(backend, 'chain:probe', { endpoint: 'ws://user:secret@127.0.0.1:9' });
    expect(JSON.stringify(probe)).not.toContain('secret');
    backend.close();
  });
});

describe('valuation:freshness', () => {
  it('is empty before any sync, then gives the newest price block and the head', async () => {
    const dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
    try {
      const backend = testBackend(tempDir());
      expect(await call<ValuationFreshness>(backend, 'valuation:freshness')).toEqual({
        pricesBlock: null,
        pricesTimestamp: null,
        headBlock: null,
      });
      await call(backend, 'wallets:add', { address: dn.coldkeys[0], label: 'a' });
      await call(backend, 'settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
      const fresh = await call<ValuationFreshness>(backend, 'valuation:freshness');
      const newest = backend.db
        .prepare<[], { b: bigint }>('SELECT MAX(block_number) AS b FROM subnet_snapshots')
        .get()!;
      expect(fresh.pricesBlock).toBe(Number(newest.b));
      expect(fresh.headBlock).toBe(dn.finalized());
      expect(fresh.pricesTimestamp).toBeGreaterThan(0);
      backend.close();
    } finally {
      await dn.close();
    }
  });
});
