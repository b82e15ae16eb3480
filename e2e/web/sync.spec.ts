import { ensureDevnetMetadata } from '../../main/test/devnet';
import { AppFrame } from '../page-models/app-frame';
import { WalletsPage } from '../page-models/wallets-page';
import { expect, test } from '../support/web-host';

test('an unreachable endpoint is a calm status, not a crash; wallets still work', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  // Nothing connects before a wallet and an endpoint exist: the wallet comes first here.
  await frame.link('Wallets').click();
  const wallets = new WalletsPage(page);
  await wallets.add('5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', 'Main');
  await expect(wallets.rows).toHaveCount(1);
  await expect(wallets.row('Main').getByTestId('wallet-sync')).toBeVisible();

  await frame.link('Settings').click();
  await expect(page.getByTestId('chain-status')).toContainText('Choose a chain endpoint');
  const endpoint = page.getByRole('form', { name: 'Chain endpoint' }).getByLabel('WebSocket URL');
  await endpoint.fill('ws://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(page.getByTestId('chain-status')).toContainText('Cannot reach endpoint');
  await expect(frame.syncIndicator()).toContainText('Cannot reach endpoint');
  await expect(frame.syncIndicator()).toHaveAttribute('data-state', 'error');
});

test('a wallet backfills from the devnet with progress, then shows as up to date', async ({ page, webHost }) => {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  const dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0, faults: { latencyMs: 2 } });
  try {
    await page.goto(webHost.url);
    const frame = new AppFrame(page);
    await frame.link('Wallets').click();
    const wallets = new WalletsPage(page);
    await wallets.add(dn.coldkeys[0]!, 'Erin');
    await frame.link('Settings').click();
    await page.getByRole('form', { name: 'Chain endpoint' }).getByLabel('WebSocket URL').fill(dn.url);
    await page.getByRole('button', { name: 'Save endpoint' }).click();
    await expect(frame.syncIndicator()).toHaveAttribute('data-state', 'connected');

    await frame.link('Wallets').click();
    const cell = wallets.row('Erin').getByTestId('wallet-sync');
    await expect(cell).toHaveAttribute('data-phase', /live|idle/, { timeout: 30_000 });
    await expect(cell).toContainText(`#${dn.finalized().toLocaleString('en')}`);
  } finally {
    await dn.close();
  }
});
