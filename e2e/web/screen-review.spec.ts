// Defects of a screen review on the demo data (devnet demo, seed 1), each checked where it showed:
// Activity's validator column, its Tab stops and a derived entry's runtime, the toolbars' field heights,
// the Wallets columns under the remove question, and plain links in both themes.
import type { Locator, Page } from '@playwright/test';
import { ActivityPage } from '../page-models/activity-page';
import { PortfolioPage } from '../page-models/portfolio-page';
import { WalletsPage } from '../page-models/wallets-page';
import { themeColour } from '../support/theme';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });

/** The heights (px, to 0.1) of the fields and buttons in `scope`. */
const heights = (scope: Locator) =>
  scope
    .locator('input, select, button')
    .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height * 10) / 10));

async function openActivity(page: Page, url: string): Promise<ActivityPage> {
  await page.goto(url);
  const activity = new ActivityPage(page);
  await activity.open();
  await expect(activity.rows.first()).toBeVisible();
  return activity;
}

test('Activity at 1280 px: a shortened hotkey fits the validator column whole, and the fields are one height', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const activity = await openActivity(page, webHost.url);
  // Cells of one validator (a move's "A → B" is two, and may be cut, its whole text on hover).
  const cells = await activity.rows.getByTestId('activity-validator').evaluateAll((els) =>
    els
      .filter((el) => !el.textContent!.includes('→'))
      .map((el) => ({
        text: el.textContent!,
        cut: el.classList.contains('ellipsis'),
        over: el.scrollWidth - el.clientWidth,
      })),
  );
  // The demo's hotkeys "5DZ8Xn39…GSDKeA" (133 px) and "5F5rTimh…8TAaLd" (120 px) were cut in 118 px.
  expect(cells.some((c) => /^5\w{7}…\w{6}$/.test(c.text))).toBe(true);
  expect(cells.filter((c) => c.cut || c.over > 0)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );

  // The date fields were 36 px beside 32.5 px selects and a 34 px search box.
  const filters = await heights(activity.filters);
  expect(filters.length).toBeGreaterThanOrEqual(6);
  expect(new Set(filters).size, `${filters}`).toBe(1);
});

test('Activity by keyboard: one Tab stop for the grid, a click keeps the keys there; a derived entry shows its block’s runtime', async ({
  page,
  webHost,
}) => {
  const activity = await openActivity(page, webHost.url);
  // From the grid, Tab goes through its column headers and out: the scroll area inside it was a Tab
  // stop of its own (Chromium's for a scroller with nothing focusable), doing nothing the grid's keys do not.
  await activity.grid.focus();
  const stops: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const [inGrid, what] = await page.evaluate(() => {
      const el = document.activeElement!;
      return [!!el.closest('[role="grid"]'), `${el.tagName.toLowerCase()}.${el.className}`];
    });
    if (!inGrid) break;
    stops.push(what);
  }
  expect(stops.length).toBeGreaterThan(0);
  expect(stops.filter((s) => !s.startsWith('button.sort-button'))).toEqual([]);
  // A click on a row focuses the grid (not the scroll area): the arrows go on from there.
  await activity.rows.nth(2).click();
  await expect(activity.grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(activity.rows.and(page.locator('[aria-selected="true"]'))).toHaveCount(1);

  // A fund's dividends have no chain event: the runtime is its block's, not "Runtime —".
  await activity.filter('Kind').selectOption({ label: 'Fund dividends' });
  await activity.rows.first().click();
  await expect(activity.detail.getByText(/^None: fund shares read from the chain state/)).toBeVisible();
  await expect(activity.detail.getByTestId('detail-runtime')).toHaveText(/^spec \d+$/);
  await expect(activity.detail).not.toContainText('Runtime—');
});

test('Portfolio’s toolbar and date range: fields and buttons one height', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  await portfolio.expectDrawn();
  const toolbar = page.locator('.toolbar').first();
  const range = page.getByRole('heading', { name: 'Realized and income in a date range' }).locator('..');
  const all = [...(await heights(toolbar)), ...(await heights(range))];
  expect(all.length).toBeGreaterThanOrEqual(4);
  expect(new Set(all).size, `${all}`).toBe(1);
});

test('Wallets: the remove question moves no column', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await expect(wallets.rows.first()).toBeVisible();
  const columns = () =>
    page
      .getByRole('table', { name: 'Watched wallets' })
      .locator('thead th')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
  const before = await columns();
  const row = wallets.rows.first();
  await row.getByRole('button', { name: /^Remove / }).click();
  await expect(row.getByRole('button', { name: 'Keep' })).toBeFocused();
  expect(await columns()).toEqual(before);
  await row.getByRole('button', { name: 'Keep' }).click();
  await expect(row.getByRole('button', { name: 'Confirm remove' })).toHaveCount(0);
  expect(await columns()).toEqual(before);
});

test('a plain link is in the theme’s accent in light and dark, with the focus ring', async ({ page, webHost }) => {
  await page.goto(`${webHost.url}#/settings`);
  const link = page.getByRole('link', { name: 'Run the setup again' });
  await expect(link).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Not the browser's rgb(0, 0, 238) (visited: purple).
    expect(await link.evaluate((el) => getComputedStyle(el).color), colorScheme).toBe(
      await themeColour(page, '--accent'),
    );
  }
  await link.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const ring = await link.evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor];
  });
  expect(ring).toEqual(['solid', '2px', await themeColour(page, '--focus')]);
});
