// Settings: errors under the field they are about, fiat prices with the days they miss (dates
// listed). Backups are covered by backups.spec.ts.
import { SettingsPage } from '../page-models/settings-page';
import { screens } from '../support/screens';
import { WEEK_DAYS as days } from '../support/seed';
import { expect, test } from '../support/web-host';

test.use({ seed: 'one-position' });

test('an invalid currency is reported under the currency field, not under the endpoint', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.currency.fill('US');
  await settings.currency.press('Tab');
  await expect(settings.currencyError).toHaveText('Use a 3-letter currency code.');
  await expect(settings.currency).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.endpoint.ownNode.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Chain endpoint' }).getByRole('alert')).toHaveCount(0);
  await settings.currency.fill('EUR');
  await settings.currency.press('Enter');
  await expect(settings.currencyError).toHaveCount(0);
  await expect(settings.fiat).toContainText('TAO price history (EUR)');
});

test.describe('with a week of buys', () => {
  test.use({ seed: 'week-of-buys' });

  test('fiat prices: the days with activity but no price are listed as a warning, by date', async ({
    page,
    webHost,
  }) => {
    await page.goto(webHost.url);
    const settings = new SettingsPage(page);
    await settings.open();
    // Prices for two of the seven days: the other five are missing (three runs of dates).
    // A CoinGecko export (its own columns and date-times).
    const csv = `snapped_at,price,market_cap,total_volume\n${days[1]} 00:00:00 UTC,400.5,1,2\n${days[3]} 00:00:00 UTC,410,1,2\n`;
    await settings.importPrices(csv, 2);
    await expect(settings.fiatMissing).toHaveAttribute('data-count', '5');
    // One buy a day: five of the seven export rows lack a price.
    await expect(settings.fiatMissing).toContainText('5 days have no USD price: 5 of 7 export rows');
    expect(await settings.fiatMissing.locator('.day-ranges li').allTextContents()).toEqual([
      days[0],
      days[2],
      `${days[4]} – ${days[6]}`,
    ]);
    await screens(page, 'settings');

    // Filling the gaps clears the warning.
    const rest = [0, 2, 4, 5, 6].map((i) => `${days[i]},405`).join('\n');
    await settings.fiat.getByLabel('Import CSV file').setInputFiles({
      name: 'tao-usd-rest.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`date,price\n${rest}\n`),
    });
    await expect(settings.fiatMissing).toHaveAttribute('data-count', '0');
    await expect(settings.fiatMissing).toContainText(
      'Every day with activity, income or a current value has a USD price.',
    );
  });
});
