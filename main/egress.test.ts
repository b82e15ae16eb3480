// Privacy, end to end at the socket level: a fresh install, then the whole flow through the web
// host's backend (wallet, endpoint, background sync to live, every read channel, every export).
// Every outbound TCP connection the process opens is recorded; only 127.0.0.1 and the chosen
// endpoint may appear.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../devnet/index';
import { channels, contract, type Channel, type SyncStatus } from '../shared/api';
import { exportFormats } from '../shared/vocab';
import { startWebHost, type WebHost } from './host/web';
import { ensureDevnetMetadata } from './test/devnet';
import { recordEgress, type EgressRecorder } from './test/egress';
import { useTempDirs } from './test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../devnet/index');
const tempDir = useTempDirs();

let dn: Devnet;
let egress: EgressRecorder;
beforeAll(async () => {
  dn = await startDevnet({ scenario: 'tiny', seed: 5, port: 0, blockMs: 0 });
  egress = recordEgress();
});
afterAll(async () => {
  egress.stop();
  await dn.close();
});

async function host(): Promise<WebHost> {
  const renderer = join(tempDir(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Taofolio</title>');
  return startWebHost({ dataDir: tempDir(), port: 0, rendererDir: renderer, log: () => {} });
}

describe('egress', () => {
  it('a whole session contacts nothing but 127.0.0.1 and the chosen endpoint', async () => {
    const h = await host();
    const call = async (channel: Channel, args?: unknown) => {
      const response = await h.backend.dispatch(channel, args);
      if ('error' in response) throw new Error(`${channel}: ${response.error.message}`);
      return response.data;
    };
    // Fresh install: started, idle, nothing dialled.
    await new Promise((r) => setTimeout(r, 150));
    expect(egress.connections).toEqual([]);

    await call('wallets:add', { address: dn.coldkeys[0], label: 'Erin' });
    await call('settings:update', { endpoint: dn.url });
    for (let i = 0; i < 600; i++) {
      const status = (await call('sync:status')) as SyncStatus;
      if (status.wallets[0]?.cursor === dn.finalized()) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(((await call('sync:status')) as SyncStatus).wallets[0]?.cursor).toBe(dn.finalized());
    // Every channel that reads (what every screen shows), then every export.
    for (const channel of channels) {
      if (contract[channel].args.safeParse(undefined).success && !/create|start|pause|cancel|lock/.test(channel))
        await call(channel);
    }
    for (const format of exportFormats) await call('reports:export', { format });
    await h.close();

    const port = Number(new URL(dn.url).port);
    expect(egress.connections.length).toBeGreaterThan(0);
    expect(egress.connections.filter((c) => !(c.host === '127.0.0.1' && c.port === port))).toEqual([]);
  });
});
