import { AppFrame } from '../page-models/app-frame';
import { WalletsPage } from '../page-models/wallets-page';
import { expect, test } from '../support/web-host';

const MAIN = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const VAULT = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';

test('Settings: back up now, then restore that backup in place, without a restart', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Kept');
  await expect(wallets.rows).toHaveCount(1);

  await frame.link('Settings').click();
  const section = page.getByRole('region', { name: 'Backups' });
  const rows = section.getByRole('listitem');
  await expect(rows).toHaveCount(0);
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('manual');

  await wallets.open();
  await wallets.add(VAULT, 'Added after the backup');
  await expect(wallets.rows).toHaveCount(2);

  await frame.link('Settings').click();
  const manual = rows.filter({ hasText: 'manual' });
  // Asked first; cancelling changes nothing.
  await manual.getByRole('button', { name: 'Restore' }).click();
  await expect(manual).toContainText('Replace the data with this backup?');
  await manual.getByRole('button', { name: 'Cancel' }).click();
  await expect(manual.getByRole('button', { name: 'Confirm restore' })).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  // By keyboard: the question opens on Cancel, Escape cancels, and the focus is back on Restore.
  await manual.getByRole('button', { name: 'Restore' }).focus();
  await page.keyboard.press('Enter');
  await expect(manual.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(manual.getByRole('button', { name: 'Confirm restore' })).toHaveCount(0);
  await expect(manual.getByRole('button', { name: 'Restore' })).toBeFocused();
  await manual.getByRole('button', { name: 'Restore' }).click();
  await manual.getByRole('button', { name: 'Confirm restore' }).click();
  await expect(section).toContainText('Restored the chosen backup. The database it replaced is kept as');
  // The replaced database is kept as a backup of its own.
  await expect(rows.filter({ hasText: 'before-restore' })).toHaveCount(1);
  await expect(section.getByRole('status')).toHaveCount(0);

  // Same page, no reload: the Wallets page shows the restored data.
  await wallets.open();
  await expect(wallets.rows).toHaveCount(1);
  await expect(wallets.row('Kept')).toHaveCount(1);
});
