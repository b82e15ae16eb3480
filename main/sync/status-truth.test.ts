// Status that is true: a wallet is "live" only while the node answers; when the endpoint goes away
// it waits for it (the chain status says why); paused says paused.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api';
import { createBackend, type Backend } from '../backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) {
    await b.sync.close();
    b.close();
  }
});

async function until(backend: Backend, check: (s: SyncStatus) => boolean, what: string): Promise<SyncStatus> {
  for (let i = 0; i < 1600; i++) {
    const status = backend.sync.status();
    if (check(status)) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never ${what}: ${JSON.stringify(backend.sync.status())}`);
}

describe('sync status', () => {
  it('is live while connected, waiting (not live) once the endpoint is unreachable, paused when paused', async () => {
    const dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
    const backend = createBackend({ dataDir: tempDir(), transport: 'web', version: 't', autoSync: true });
    backends.push(backend);
    await backend.dispatch('wallets:add', { address: dn.coldkeys[0], label: 'a' });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await until(backend, (s) => s.wallets[0]?.phase === 'live', 'live');

    await dn.close();
    const down = await until(backend, (s) => s.chain.state !== 'connected', 'disconnected');
    // Waiting for the node (or, if a run was cut off mid-read, its error): never live.
    expect(['waiting', 'error']).toContain(down.wallets[0]!.phase);
    expect(down.chain.message).toMatch(/reconnecting|Cannot reach/i);

    const paused = await backend.call('sync:pause');
    expect(paused.paused).toBe(true);
    expect(paused.wallets[0]!.phase).toBe('paused');
  });

  it('never shows live for an endpoint that was never reachable', async () => {
    const backend = createBackend({ dataDir: tempDir(), transport: 'web', version: 't', autoSync: true });
    backends.push(backend);
    await backend.dispatch('wallets:add', { address: '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', label: 'a' });
    await backend.dispatch('settings:update', { endpoint: 'ws://127.0.0.1:9' });
    const failed = await until(backend, (s) => s.chain.state === 'error', 'error');
    expect(failed.wallets[0]!.phase).not.toBe('live');
  });
});
