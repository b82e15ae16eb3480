import { AppFrame } from '../page-models/app-frame';
import { expect, test } from '../support/web-host';

test('Settings: back up now, then restore that backup at the next start', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  await frame.link('Settings').click();
  const section = page.getByRole('region', { name: 'Backups' });
  const rows = section.getByRole('listitem');
  await expect(rows).toHaveCount(0);
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('manual');
  await rows.first().getByRole('button', { name: 'Restore' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'The chosen backup will be restored when Taofolio starts again.',
  );
});
