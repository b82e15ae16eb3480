import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppFrame } from '../page-models/app-frame';
import { expect, test } from '../support/web-host';

test.use({ seed: 'one-position' });

test('portfolio and subnet figures come from the stored facts, with a drill-down', async ({ page, webHost }) => {
  await page.goto(webHost.url + '#/portfolio');
  const frame = new AppFrame(page);
  await expect(frame.heading()).toHaveText('Portfolio');
  await expect(page.getByTestId('spot-value')).toHaveText('τ0.6200');
  await expect(page.locator('.stats').first()).toContainText('Realized PnL−τ0.0100');
  await expect(page.locator('.stats').first()).toContainText('Cost basisτ0.6200');
  await expect(page.locator('.stats').first()).toContainText('0.0100 α');

  const dir = join(import.meta.dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'portfolio-page.png'), fullPage: true });

  await frame.link('Subnets').click();
  const row = page.getByTestId('subnet-row');
  await expect(row).toContainText('SN1');
  await expect(row).toContainText('Apex');
  await expect(row).toContainText('0.3100 α');
  await page.getByRole('button', { name: /Main →/ }).click();
  const drill = page.locator('.drilldown');
  await expect(drill).toContainText('Stake (buy)');
  await expect(drill).toContainText('Unstake (sell)');
  await expect(drill).toContainText('pool at block 200');

  // Switching the method recomputes (one buy: every method gives the same basis here).
  await page.getByLabel('Method').selectOption('fifo');
  await expect(row).toContainText('τ0.6200');
});
