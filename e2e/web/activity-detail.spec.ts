// An Activity entry's detail pane at the app's window widths (1280 and 1400 px, and the Electron window's
// minimum, main/index.ts), in τ and in USD: it fits its pane with no sideways scrolling (the legs table
// was wider than the pane: TAO, Fee and At spot were reachable only by scrolling), and no amount breaks
// across lines (a fund record's "(353.65 USD)" wrapped as "US D").
import type { Locator } from '@playwright/test';
import { ActivityPage } from '../page-models/activity-page';
import { SettingsPage } from '../page-models/settings-page';
import { engineView } from '../support/engine-truth';
import { priceCsv } from '../support/prices';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

const WIDTHS = [1280, 1400, 760];

/** The pane scrolls only up and down, and each amount is on one line (one client rect). */
async function expectFits(detail: Locator, what: string): Promise<void> {
  const m = await detail.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    broken: [...el.querySelectorAll('.amount')]
      .filter((a) => a.getClientRects().length !== 1)
      .map((a) => a.textContent),
  }));
  expect(m.scrollWidth, `${what}: the pane's content width`).toBeLessThanOrEqual(m.clientWidth);
  expect(m.broken, `${what}: amounts on two lines`).toEqual([]);
}

test('an entry’s detail fits its pane at the app’s widths, in τ and in USD, with no amount broken', async ({
  page,
  webHost,
}) => {
  // A fund sale: its detail has the most amounts (TAO, cost basis given up, realized), each with USD beside it.
  const sale = engineView(webHost.dataDir)
    .baskets.positions.flatMap((p) => p.records)
    .find((r) => r.basis !== 0n && r.realized !== 0n);
  expect(sale).toBeDefined();

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.fiat.getByLabel('Import CSV file').setInputFiles({
    name: 'tao-usd.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(priceCsv()),
  });
  await expect(settings.fiat.getByRole('status').first()).toContainText('Imported 730 daily USD prices');
  const activity = new ActivityPage(page);
  await activity.open();
  const total = await activity.total();
  const currency = page.getByRole('group', { name: 'Currency' });
  const detail = activity.detail;

  for (const code of ['τ', 'USD'] as const) {
    await currency.getByRole('button', { name: code }).click();
    await expect(currency.getByRole('button', { name: code })).toHaveAttribute('aria-pressed', 'true');
    // An entry with two legs (a fee among them), then the fund sale.
    await activity.searchFor('');
    await activity.expectCount(total);
    const twoLegs = page.locator('[data-testid="activity-row"][data-legs="2"]').first();
    await twoLegs.click();
    await expect(detail.getByTestId('detail-leg')).toHaveCount(2);
    if (code === 'USD') await expect(detail.getByTestId('detail-fiat').first()).toContainText('USD');
    // Its figures stay right-aligned, one to a line.
    const aligns = await detail
      .getByTestId('detail-leg')
      .locator('td.num')
      .evaluateAll((cells) => cells.map((c) => getComputedStyle(c).textAlign));
    expect(aligns.length).toBeGreaterThan(0);
    expect(new Set(aligns)).toEqual(new Set(['right']));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await expectFits(detail, `${code}, ${width} px, two legs`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await activity.searchFor(String(sale!.blockNumber));
    await activity.matched(total);
    // The sale among the block's fund records (its detail has a cost basis given up).
    const fundRows = await page.locator('[data-testid="activity-row"][data-legs="0"]').all();
    for (const row of fundRows) {
      await row.click();
      await expect(row).toHaveAttribute('aria-selected', 'true');
      await expect(detail.getByTestId('detail-fund')).toBeVisible();
      if ((await detail.getByTestId('detail-fund-basis').count()) > 0) break;
    }
    await expect(detail.getByTestId('detail-fund-basis')).toBeVisible();
    if (code === 'USD') await expect(detail.getByTestId('detail-fund-basis')).toContainText('USD');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await expectFits(detail, `${code}, ${width} px, fund sale`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
