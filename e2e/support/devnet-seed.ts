import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevnetMetadata } from '../../main/test/devnet';
import { testBackend } from '../../main/test/backend';
import { startValuationDevnet } from '../../main/test/valuation-devnet';

/**
 * Fill `dataDir` with a devnet scenario's history, synced end to end through the real sync (every
 * user coldkey of the scenario as a wallet), then close the devnet: the web host then serves a
 * static, deterministic database (start it with TAOFOLIO_AUTOSYNC=0). A synced copy is kept per
 * scenario and seed for the run, so each test starts from its own fresh copy without syncing again.
 */
export async function seedFromDevnet(
  dataDir: string,
  /** 'valuation424': upgrade424 with an unexplained α change and a lock (main/test/valuation-devnet.ts). */
  scenario: 'tiny' | 'upgrade' | 'demo' | 'valuation424' | 'basket475',
  seed: number,
  options: { demoWalletOnly?: boolean } = {},
): Promise<void> {
  const cache = join(
    tmpdir(),
    `taofolio-e2e-cache-${process.pid}-${scenario}-${seed}-${options.demoWalletOnly ? 'd' : 'a'}`,
  );
  if (!existsSync(join(cache, 'done'))) {
    ensureDevnetMetadata();
    const { startDevnet, DEMO_COLDKEY } = await import('../../devnet/index');
    const dn =
      scenario === 'valuation424'
        ? (await startValuationDevnet(seed)).dn
        : await startDevnet({ scenario, seed, port: 0 });
    mkdirSync(cache, { recursive: true });
    const backend = testBackend(cache);
    try {
      const keys = options.demoWalletOnly ? [DEMO_COLDKEY] : dn.coldkeys;
      for (const [i, address] of keys.entries())
        await backend.dispatch('wallets:add', { address, label: i === 0 ? 'Main' : `Wallet ${i + 1}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
    } finally {
      backend.close();
      await dn.close();
    }
    cpSync(join(cache, 'taofolio.sqlite'), join(cache, 'done'));
  }
  cpSync(cache, dataDir, { recursive: true, filter: (src) => !src.endsWith('done') });
}
