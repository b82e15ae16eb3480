import type { Page } from '@playwright/test';
import { AppFrame } from '../page-models/app-frame';
import { PortfolioPage } from '../page-models/portfolio-page';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

// Column and row headings that name a thing rather than a figure: they need no definition.
const NOT_METRICS = new Set(['', 'Wallet', 'Validator', 'Subnet', 'Sell', 'Baseline', 'Period', 'Position', 'Total']);

/**
 * Every heading of a figure (table column headers, summary terms, chart titles) on the current page
 * that carries no definition: a metric label with its one-sentence help.
 */
async function undefinedMetrics(page: Page): Promise<string[]> {
  const figures = await page.locator('main th, main dt').evaluateAll(
    (els, skip) => {
      const out: string[] = [];
      for (const el of els) {
        if ((el as HTMLElement).offsetParent === null) continue; // a column hidden at this width
        // A metric label, or a sort button carrying the same help (shown on hover and on focus).
        const label = el.querySelector('.metric-label, button.sort[data-help]');
        const text = (el.textContent ?? '').replace(/[+=↑↓▲▼]/g, '').trim();
        if (skip.includes(text)) continue;
        if (!label || !(label.getAttribute('title') ?? '').trim()) out.push(text);
      }
      return out;
    },
    [...NOT_METRICS],
  );
  const charts = await page.locator('main figure.chart .chart-head').evaluateAll((heads) =>
    heads
      .map((h) => h.querySelector('h2, h3'))
      .filter((h) => h && !(h.getAttribute('title') ?? '').trim())
      .map((h) => `chart: ${h!.textContent}`),
  );
  return [...figures, ...charts];
}

test('every figure on Portfolio, Subnets and a subnet’s page has a definition, on hover and on focus', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${webHost.url}#/portfolio`);
  await page.getByTestId('spot-value').waitFor();
  const frame = new AppFrame(page);
  const seen: Record<string, string[]> = {};
  const counts: Record<string, number> = {};
  for (const name of ['Portfolio', 'Subnets', 'SN5'] as const) {
    if (name === 'SN5') await page.locator('[data-testid="subnet-row"][data-netuid="5"] a').click();
    else await frame.link(name).click();
    await expect(page.locator('main .amount').first()).toBeVisible();
    // Every section drawn: the charts and tables below the headline come a task or more after it.
    if (name === 'Portfolio') await new PortfolioPage(page).expectDrawn();
    if (name === 'SN5') {
      await expect(page.getByTestId('health-tao-reserve')).toBeVisible();
      await expect(page.getByTestId('chart-subnet.value')).toBeVisible(); // the charts come in a deferred render
    }
    seen[name] = await undefinedMetrics(page);
    counts[name] = await page.locator('main .metric-label, main button.sort[data-help]').count();
  }
  expect(seen).toEqual({ Portfolio: [], Subnets: [], SN5: [] });
  expect(counts.Portfolio).toBeGreaterThan(20);
  expect(counts.Subnets).toBeGreaterThan(8);
  expect(counts.SN5).toBeGreaterThan(15);

  // The same definition is reachable by keyboard: a metric label takes focus and shows its help.
  const label = page.locator('main .metric-label').first();
  await label.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(label).toBeFocused();
  const shown = await label.evaluate((el) => getComputedStyle(el, '::after').content);
  expect(shown).toContain((await label.getAttribute('data-help'))!.slice(0, 20));
});

test('keyboard only: the navigation, a subnet’s page from the table, and back', async ({ page, webHost }) => {
  await page.goto(`${webHost.url}#/portfolio`);
  await page.getByTestId('spot-value').waitFor();
  const frame = new AppFrame(page);
  // Tab reaches the navigation; Enter follows a link.
  await frame.link('Subnets').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/subnets$/);
  const link = page.locator('[data-testid="subnet-row"][data-netuid="5"] a');
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/subnets\/5$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SN5');
  // Every focusable control on the subnet's page is reachable with Tab, in order, without a trap.
  const reached = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.textContent?.slice(0, 30) ?? ''}:${el.getAttribute('aria-label') ?? ''}` : '';
    });
    reached.add(id);
  }
  expect(reached.size).toBeGreaterThan(20);
  await page.getByRole('link', { name: '← Subnets' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/subnets$/);
});
