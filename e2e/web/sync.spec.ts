// Status that tells the truth: unreachable endpoints, a node that goes away (never "Live" then),
// pause (says paused, not connected), a tab that outlives a host restart (reconnects and refetches,
// never "No wallets yet"), and a note when valuations use prices older than the chain head.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevnetMetadata } from '../../main/test/devnet';
import { AppFrame } from '../page-models/app-frame';
import { SettingsPage } from '../page-models/settings-page';
import { WalletsPage } from '../page-models/wallets-page';
import { screens } from '../support/screens';
import { seedOnePosition } from '../support/seed';
import { syncedData } from '../support/synced';
import { themeColour } from '../support/theme';
import { expect, startWebHost, test } from '../support/web-host';
import type { Locator } from '@playwright/test';

/** A status dot's colour and the colour of a theme variable, both as the page computes them. */
const dotColour = (scope: Locator) => scope.locator('.dot').evaluate((dot) => getComputedStyle(dot).backgroundColor);

test('an unreachable endpoint is a calm status, not a crash; wallets still work', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  // Nothing connects before a wallet and an endpoint exist: the wallet comes first here.
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add('5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', 'Main');
  await expect(wallets.rows).toHaveCount(1);
  await expect(wallets.row('Main').getByTestId('wallet-sync')).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.open();
  await expect(settings.endpoint.status).toContainText('Choose a chain endpoint');
  await settings.endpoint.choose('ws://127.0.0.1:9');
  // Said once under the field: the URL and why, not "Cannot reach endpoint — Cannot reach ws://…".
  await expect(settings.endpoint.status).toHaveText(/^Cannot reach ws:\/\/127\.0\.0\.1:9\b/);
  await expect(settings.endpoint.status).not.toContainText('Cannot reach endpoint');
  await expect(frame.syncIndicator()).toContainText('Cannot reach endpoint');
  await expect(frame.syncIndicator()).toHaveAttribute('data-state', 'error');
  // The wallet never reads as live or up to date while nothing answers.
  await wallets.open();
  const cell = wallets.row('Main').getByTestId('wallet-sync');
  await expect(cell).toHaveAttribute('data-tone', 'problem');
  await expect(cell).toContainText('Waiting: cannot reach endpoint');
  // The dot says it too: the problem colour, not the grey of a status with no tone.
  expect(await dotColour(cell)).toBe(await themeColour(page, '--danger'));
  await screens(page, 'wallets-unreachable');
});

test('a wallet backfills from the devnet with progress, then shows as live', async ({ page, webHost }) => {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  const dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0, faults: { latencyMs: 2 } });
  try {
    await page.goto(webHost.url);
    const frame = new AppFrame(page);
    const wallets = new WalletsPage(page);
    await wallets.open();
    await wallets.add(dn.coldkeys[0]!, 'Erin');
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.endpoint.choose(dn.url);
    await expect(frame.syncIndicator()).toHaveAttribute('data-state', 'connected');

    await wallets.open();
    const cell = wallets.row('Erin').getByTestId('wallet-sync');
    await expect(cell).toHaveAttribute('data-phase', 'live', { timeout: 30_000 });
    await expect(cell).toContainText('Live');
    await expect(cell).toContainText(`#${dn.finalized().toLocaleString('en')}`);
  } finally {
    await dn.close();
  }
});

test.describe('on a synced wallet', () => {
  test('not "Live" once the node goes away; paused says paused; prices older than the head get a note', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const synced = await syncedData('tiny', 1);
    const host = await startWebHost(synced.dataDir);
    try {
      await page.goto(host.url);
      const frame = new AppFrame(page);
      const wallets = new WalletsPage(page);
      await wallets.open();
      const cell = wallets.row('user 0').getByTestId('wallet-sync');
      await expect(cell).toHaveAttribute('data-phase', 'live', { timeout: 30_000 });
      await expect(cell).toContainText('Live');
      expect(await dotColour(cell)).toBe(await themeColour(page, '--accent'));

      // Pause: says paused (not "Connected"), for the app and for each wallet.
      await frame.syncIndicator().getByRole('button', { name: 'Pause sync' }).click();
      await expect(frame.syncIndicator()).toHaveAttribute('data-tone', 'paused');
      await expect(frame.syncIndicator()).toContainText('Sync paused');
      await expect(frame.syncIndicator()).not.toContainText('Connected');
      await expect(cell).toContainText('Paused');
      // Both dots in the paused amber, as the sidebar's edge is (not the grey of a status with no tone).
      const amber = await frame
        .syncIndicator()
        .evaluate((el) => getComputedStyle(el).boxShadow.match(/rgba?\([^)]*\)/)![0]);
      expect(await dotColour(frame.syncIndicator())).toBe(amber);
      expect(await dotColour(cell)).toBe(amber);

      // While paused the head moves on and nothing records new prices: the valuations say how old theirs are.
      synced.devnet.produceBlocks(500);
      const head = synced.devnet.finalized();
      const db = new Database(join(synced.dataDir, 'taofolio.sqlite'), { readonly: true });
      const prices = (db.prepare('SELECT MAX(block_number) AS b FROM subnet_snapshots').get() as { b: number }).b;
      const first = (db.prepare('SELECT first_block AS b FROM sync_state').get() as { b: number }).b;
      db.close();
      // Where the wallet's history begins (its opening balance is what it held there): the block before its first change.
      await expect(cell).toContainText(
        `History from block #${(first - 1).toLocaleString('en')} · recorded up to block #`,
      );
      expect(head - prices).toBeGreaterThanOrEqual(360);
      await expect(page.getByTestId('valuation-lag')).toHaveText(
        new RegExp(
          `pool prices from block #${prices.toLocaleString('en')}, about .* before the chain head \\(#${head.toLocaleString('en')}\\)`,
        ),
        { timeout: 30_000 },
      );
      await screens(page, 'wallets-paused');
      await frame.syncIndicator().getByRole('button', { name: 'Resume sync' }).click();
      await expect(cell).toContainText('Live', { timeout: 30_000 });

      // The node goes away: the wallet waits for it, never "Live".
      await synced.devnet.close();
      await expect(cell).toHaveAttribute('data-tone', 'problem', { timeout: 30_000 });
      await expect(cell).not.toContainText('Live');
      // Waiting for the node, or the run it cut off reported as a sync problem: never live.
      await expect(cell).toContainText(/Waiting: (reconnecting|cannot reach endpoint)|Sync problem/);
      await expect(frame.syncIndicator()).not.toContainText('Connected');
      await screens(page, 'wallets-node-gone');
    } finally {
      await host.stop();
      await synced.devnet.close().catch(() => {});
      rmSync(synced.dataDir, { recursive: true, force: true });
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

test('a tab open across a host restart reconnects and refetches instead of showing an empty app', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-e2e-restart-'));
  seedOnePosition(dataDir);
  const port = await freePort();
  const env = { TAOFOLIO_AUTOSYNC: '0' };
  let host = await startWebHost(dataDir, { port, env });
  try {
    await page.goto(host.url);
    const wallets = new WalletsPage(page);
    await wallets.open();
    await expect(wallets.rows).toHaveCount(1);

    await host.stop();
    const banner = page.getByTestId('host-link');
    await expect(banner).toContainText('Lost the connection to the Taofolio host');
    // What was shown stays, marked as possibly out of date; never "No wallets yet".
    await expect(wallets.rows).toHaveCount(1);
    await expect(page.getByText('No wallets yet.')).toHaveCount(0);
    await screens(page, 'host-lost');

    // While the host is down another wallet lands in its database (as another client could add one).
    const db = new Database(join(dataDir, 'taofolio.sqlite'));
    db.prepare("INSERT INTO wallets (address, label, grp, added_at) VALUES (?, 'Vault', NULL, 0)").run(
      '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN',
    );
    db.close();

    host = await startWebHost(dataDir, { port, env });
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    // Reconnected with the same token and refetched: the tab now shows what the host has.
    await expect(wallets.rows).toHaveCount(2);
    expect(await wallets.labels()).toEqual(['Main', 'Vault']);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
