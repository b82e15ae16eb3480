// A backend whose database holds a devnet scenario's history, synced end to end (service tests that
// compare what the channels return with the engine's own output on realistic data).
import type { Devnet } from '../../devnet/index';
import { testBackend } from './backend';
import { ensureDevnetMetadata } from './devnet';

export interface SyncedScenario {
  backend: ReturnType<typeof testBackend>;
  coldkeys: readonly string[];
  close: () => Promise<void>;
}

export async function syncedScenario(dataDir: string, scenario: string, seed: number): Promise<SyncedScenario> {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  const dn: Devnet = await startDevnet({ scenario, seed, port: 0 });
  const backend = testBackend(dataDir);
  for (const [i, address] of dn.coldkeys.entries())
    await backend.dispatch('wallets:add', { address, label: `user ${i}` });
  await backend.dispatch('settings:update', { endpoint: dn.url });
  await backend.sync.syncOnce();
  return {
    backend,
    coldkeys: dn.coldkeys,
    close: async () => {
      backend.close();
      await dn.close();
    },
  };
}
