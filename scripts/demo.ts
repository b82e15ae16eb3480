// `npm run demo`: the offline demo. Starts the devnet's `demo` chain (three weeks of history ending
// now, live 12 s blocks), prepares a fresh data dir watching the demo wallet through it, and serves
// the app from the web host; with --no-web it serves nothing and prints how to open the data dir in the
// desktop app (a web host holds its data dir while it runs: one writer per folder, main/db/writer-lock.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_COLDKEY, startDevnet } from '../devnet/index';
import { createBackend } from '../main/backend';
import { claimDataDir } from '../main/db/writer-lock';
import { startWebHost } from '../main/host/web';
import { readPackageVersion } from '../main/version';

async function prepareDataDir(dataDir: string, endpoint: string): Promise<void> {
  const backend = createBackend({ dataDir, transport: 'web', version: readPackageVersion() });
  try {
    for (const response of [
      await backend.dispatch('settings:update', { endpoint }),
      await backend.dispatch('wallets:add', { address: DEMO_COLDKEY, label: 'Demo wallet', group: 'Demo' }),
    ]) {
      if ('error' in response && response.error.code !== 'duplicate') throw new Error(response.error.message);
    }
  } finally {
    backend.close();
  }
}

async function main(): Promise<void> {
  const devnetPort = Number(process.env.DEVNET_PORT ?? 0);
  const devnet = await startDevnet({
    scenario: 'demo',
    seed: 1,
    port: devnetPort,
    blockMs: 12_000,
    headTime: Date.now(),
  });
  // An empty TAOFOLIO_DATA_DIR is unset, as everywhere else (main/data-dir.ts).
  const dataDir = process.env.TAOFOLIO_DATA_DIR || mkdtempSync(join(tmpdir(), 'taofolio-demo-'));
  // Refused, changing nothing, while another process (a desktop app, a web host) writes to that folder.
  const lock = claimDataDir(dataDir, 'demo');
  await prepareDataDir(dataDir, devnet.url).finally(() => lock.release());
  const web = !process.argv.includes('--no-web');
  const host = web ? await startWebHost({ dataDir, port: Number(process.env.PORT ?? 4780) }) : null;

  console.log(`Devnet (simulated finney, offline): ${devnet.url}, head #${devnet.head()}`);
  console.log(`Demo data: ${dataDir} (watching ${DEMO_COLDKEY})`);
  if (host) {
    console.log('Desktop app instead: npm run demo -- --no-web (the web host keeps its data folder while it runs)');
    console.log(`Open ${host.url}`);
  } else
    console.log(
      `Open it in the desktop app: TAOFOLIO_DATA_DIR=${dataDir} npm start (while this keeps the devnet running)`,
    );

  const stop = () => {
    void Promise.all([host?.close(), devnet.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Demo failed to start: ${(error as Error).message}`);
  process.exit(1);
});
