// Encryption at rest from the UI: set a passphrase in Settings, lock, a wrong passphrase refused,
// unlock; the next start of the host opens on the unlock screen and shows nothing before it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppFrame } from '../page-models/app-frame';
import { WalletsPage } from '../page-models/wallets-page';
import { expect, startWebHost, test } from '../support/web-host';

const MAIN = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const CANARY = 'PlaintextCanary';

test('set a passphrase, lock, refuse a wrong one, unlock; a restart starts locked', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, CANARY);
  await expect(wallets.rows).toHaveCount(1);

  await frame.link('Settings').click();
  const security = page.getByRole('region', { name: 'Security' });
  await expect(security.getByTestId('encryption-state')).toContainText('not encrypted');
  const enable = security.getByRole('form', { name: 'Set a passphrase' });
  await enable.getByLabel('New passphrase', { exact: true }).fill('correct horse');
  await enable.getByLabel('New passphrase again').fill('correct hose');
  await enable.getByRole('button', { name: 'Set a passphrase' }).click();
  await expect(enable.getByRole('alert')).toHaveText('The two new passphrases differ.');
  await expect(security.getByTestId('encryption-state')).toContainText('not encrypted');
  await enable.getByLabel('New passphrase again').fill('correct horse');
  await enable.getByRole('button', { name: 'Set a passphrase' }).click();
  await expect(security.getByTestId('encryption-state')).toHaveText(
    'The database is encrypted: it opens only with the passphrase.',
  );
  await expect(security.getByLabel('Lock when unused')).toHaveValue('15');

  await security.getByRole('button', { name: 'Lock now' }).click();
  const unlock = page.getByRole('form', { name: 'Taofolio is locked' });
  await expect(unlock).toBeVisible();
  // Nothing of the data stays on screen.
  await expect(page.getByText(CANARY)).toHaveCount(0);
  await expect(frame.nav).toHaveCount(0);
  await unlock.getByLabel('Passphrase').fill('wrong horse');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toHaveText('Wrong passphrase. Nothing was read or written.');
  await unlock.getByLabel('Passphrase').fill('correct horse');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock).toHaveCount(0);
  await frame.link('Wallets').click();
  await expect(wallets.row(CANARY)).toHaveCount(1);

  // A new host process on the same data folder: it cannot read the database until unlocked.
  await webHost.stop();
  const database = readFileSync(join(webHost.dataDir, 'taofolio.sqlite'));
  expect(database.includes(CANARY)).toBe(false);
  // Same port and folder: the open tab reconnects by itself and, answered `locked`, asks.
  const again = await startWebHost(webHost.dataDir, { port: webHost.port, env: { TAOFOLIO_AUTOSYNC: '0' } });
  try {
    await expect(unlock).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(CANARY)).toHaveCount(0);
    await expect(frame.nav).toHaveCount(0);
    await unlock.getByLabel('Passphrase').fill('correct horse');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await frame.link('Wallets').click();
    await expect(wallets.row(CANARY)).toHaveCount(1);

    // Remove it again: the next start opens without asking.
    await frame.link('Settings').click();
    const remove = security.getByRole('form', { name: 'Remove the passphrase' });
    await remove.getByLabel('Current passphrase').fill('not it at all');
    await remove.getByRole('button', { name: 'Remove the passphrase' }).click();
    await expect(remove.getByRole('alert')).toHaveText('Wrong passphrase. Nothing was changed.');
    await remove.getByLabel('Current passphrase').fill('correct horse');
    await remove.getByRole('button', { name: 'Remove the passphrase' }).click();
    await expect(security.getByTestId('encryption-state')).toContainText('not encrypted');
  } finally {
    await again.stop();
  }
});
