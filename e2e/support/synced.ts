// A data folder synced from a devnet scenario, as the app would have it after a backfill, plus what
// the engine books from it (the figures the screens must show).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Devnet } from '../../devnet/index';
import type { ApiResponse, Wallet } from '../../shared/api';
import { createEngine, type LedgerEntry } from '../../shared/engine';
import { createBackend } from '../../main/backend';
import { loadPortfolioInput } from '../../main/services/portfolio-model';
import { ensureDevnetMetadata } from '../../main/test/devnet';

/** A valid address no scenario stakes with: a watched wallet with no history. */
export const EMPTY_WALLET = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';

export interface SyncedData {
  devnet: Devnet;
  dataDir: string;
  wallets: Wallet[];
  /** The engine's ledger over the synced facts, in ledger order. */
  ledger: readonly LedgerEntry[];
}

const data = <T>(r: ApiResponse<T>): T => {
  if ('error' in r) throw new Error(r.error.message);
  return r.data;
};

/** Start a devnet scenario and sync its user wallets (labelled "user 0", "user 1", …) plus an empty one. */
export async function syncedData(scenario: 'tiny' | 'upgrade', seed: number): Promise<SyncedData> {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  const devnet = await startDevnet({ scenario, seed, port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-e2e-synced-'));
  const backend = createBackend({ dataDir, transport: 'web', version: 'e2e' });
  try {
    for (const [i, address] of devnet.coldkeys.entries())
      data(await backend.dispatch('wallets:add', { address, label: `user ${i}` }));
    data(await backend.dispatch('wallets:add', { address: EMPTY_WALLET, label: 'Empty' }));
    data(await backend.dispatch('settings:update', { endpoint: devnet.url }));
    await backend.sync.syncOnce();
    const wallets = data(await backend.dispatch('wallets:list', undefined)) as Wallet[];
    const input = loadPortfolioInput(backend.db, wallets, 'USD');
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    return { devnet, dataDir, wallets, ledger: engine.ledger() };
  } finally {
    await backend.sync.close();
    backend.close();
  }
}
