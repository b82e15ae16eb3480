// Privacy: a fresh install dials nobody; with an endpoint but no wallet, nothing connects; the
// first wallet opens the one connection to the chosen endpoint, and removing the last closes it.
// Credentials in the endpoint never reach settings as read by the UI, status or errors.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../devnet/index';
import { createBackend, type Backend } from './backend';
import { ensureDevnetMetadata } from './test/devnet';
import { recordEgress, type EgressRecorder } from './test/egress';
import { useTempDirs } from './test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../devnet/index');
const tempDir = useTempDirs();

let dn: Devnet;
let egress: EgressRecorder;
const backends: Backend[] = [];
beforeAll(async () => {
  dn = await startDevnet({ scenario: 'tiny', seed: 2, port: 0, blockMs: 0 });
});
afterAll(async () => {
  await dn.close();
});
afterEach(async () => {
  egress?.stop();
  for (const b of backends.splice(0)) {
    await b.sync.close();
    b.close();
  }
});

function appBackend(): Backend {
  const backend = createBackend({ dataDir: tempDir(), transport: 'web', version: 't', autoSync: true });
  backends.push(backend);
  return backend;
}

const settle = () => new Promise((r) => setTimeout(r, 150));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

describe('connection gate', () => {
  it('a fresh install makes no connection and says why', async () => {
    egress = recordEgress();
    const backend = appBackend();
    await settle();
    expect(egress.connections).toEqual([]);
    const settings = await backend.call('settings:get');
    expect(settings.endpoint).toBeNull();
    const status = await backend.call('sync:status');
    expect(status.chain).toMatchObject({
      state: 'idle',
      endpoint: null,
      message: expect.stringMatching(/Choose a chain endpoint/),
    });
  });

  it('an endpoint without wallets connects nowhere; the first wallet connects to it alone; no wallet, no connection', async () => {
    egress = recordEgress();
    const backend = appBackend();
    await backend.call('settings:update', { endpoint: dn.url });
    await settle();
    expect(egress.connections).toEqual([]);
    expect((await backend.call('sync:status')).chain.message).toMatch(/Add a wallet/);

    const { wallet } = await backend.call('wallets:add', {
      address: dn.coldkeys[0]!,
      label: 'Main',
    });
    await until(() => backend.sync.chainStatus().state === 'connected');
    const port = Number(new URL(dn.url).port);
    expect(egress.connections.length).toBeGreaterThan(0);
    expect(egress.connections.every((c) => c.host === '127.0.0.1' && c.port === port)).toBe(true);

    await backend.call('wallets:remove', { id: wallet.id });
    await until(() => backend.sync.chainStatus().state === 'idle');
    expect(backend.sync.client).toBeNull();
  });

  it('credentials in the endpoint are stored but never shown, and saving the shown form keeps them', async () => {
    egress = recordEgress();
    const backend = appBackend();
    const secret = 'wss://alice:hunter2@127.0.0.1:9/?apikey=k3y';
    const saved = await backend.call('settings:update', { endpoint: secret });
    expect(saved.endpoint).toBe('wss://***:***@127.0.0.1:9/?apikey=***');
    // The UI saving the form back unchanged keeps the real credentials.
    await backend.call('settings:update', { endpoint: saved.endpoint, privacyMode: true });
    expect(backend.sync.endpoint()).toBe(secret);
    await backend.call('wallets:add', { address: dn.coldkeys[0]!, label: 'Main' });
    await until(() => backend.sync.chainStatus().state === 'error');
    const status = await backend.call('sync:status');
    const shown = JSON.stringify(status) + JSON.stringify(await backend.call('settings:get'));
    expect(shown).not.toMatch(/hunter2|k3y/);
    expect(status.chain.message).toMatch(/Cannot reach wss:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:9/);
  });
});
