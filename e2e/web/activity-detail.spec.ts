// An Activity entry's detail pane at the app's window widths (1280 and 1400 px, and the Electron window's
// minimum, main/index.ts), in τ and in USD: it fits its pane with no sideways scrolling (the legs table
// was wider than the pane: TAO, Fee and At spot were reachable only by scrolling), and no amount breaks
// across lines (a fund record's "(353.65 USD)" wrapped as "US D"). And the grid beside it still shows its
// amount columns (with the pane open at 1280 px the grid's `overflow: hidden` cut off α, TAO and Fee).
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
  await settings.importPrices(priceCsv(), 730);
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
      // The grid beside it keeps its amounts in view, in USD too ("TAO in USD").
      await expectAmountsShown(activity, twoLegs, `${code}, ${width} px, grid`);
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

/** The α, TAO and Fee header cells, and `row`'s amount cells and amounts, lie within the grid's box. */
async function expectAmountsShown(activity: ActivityPage, row: Locator, what: string): Promise<void> {
  const grid = await activity.grid.boundingBox();
  expect(grid, what).not.toBeNull();
  const heads = ['α', 'TAO', 'Fee'].map((name) =>
    activity.grid.getByRole('columnheader', { name: new RegExp(`^${name}`) }),
  );
  const cells = row.locator('[role="gridcell"].num');
  await expect(cells, what).toHaveCount(3);
  const amounts = await row.locator('.amount').all();
  expect(amounts.length, what).toBeGreaterThan(0);
  for (const box of [...heads, ...(await cells.all()), ...amounts]) {
    const b = await box.boundingBox();
    const label = `${what}: ${await box.evaluate((el) => el.getAttribute('role') ?? el.className)} "${await box.textContent()}"`;
    expect(b, label).not.toBeNull();
    expect(b!.width, label).toBeGreaterThan(0);
    expect(b!.x, label).toBeGreaterThanOrEqual(grid!.x);
    expect(b!.x + b!.width, label).toBeLessThanOrEqual(grid!.x + grid!.width + 0.5);
  }
  // A narrow grid hides columns before them: each amount cell still names its header's column (aria-colindex).
  for (const [i, head] of heads.entries()) {
    const column = await head.evaluate((el) => String([...el.parentElement!.children].indexOf(el) + 1));
    expect(await head.getAttribute('aria-colindex'), `${what}: header's column index`).toBe(column);
    expect(await cells.nth(i).getAttribute('aria-colindex'), `${what}: cell's column index`).toBe(column);
  }
  // Right-aligned, on one line each.
  const styles = await cells.evaluateAll((els) =>
    els.map((c) => `${getComputedStyle(c).textAlign} ${getComputedStyle(c).whiteSpace}`),
  );
  expect(new Set(styles), what).toEqual(new Set(['right nowrap']));
  for (const a of amounts) expect(await a.evaluate((el) => el.getClientRects().length), what).toBe(1);
  // Each amount within its own cell: none spills over its neighbour.
  const spills = await row.locator('.amount').evaluateAll((els) =>
    els
      .filter((a) => {
        const r = a.getBoundingClientRect();
        const c = a.closest('[role="gridcell"]')!.getBoundingClientRect();
        return r.left < c.left - 0.5 || r.right > c.right + 0.5;
      })
      .map((a) => a.textContent),
  );
  expect(spills, `${what}: amounts wider than their cells`).toEqual([]);
}

test('with the detail open the grid still shows the α, TAO and Fee columns at the app’s widths', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(webHost.url);
  const activity = new ActivityPage(page);
  await activity.open();
  await activity.total();
  // An entry with two legs: its α column stacks two amounts.
  const row = page.locator('[data-testid="activity-row"][data-legs="2"]').first();
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(activity.detail).toBeVisible();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expectAmountsShown(activity, row, `${width} px, detail open`);
  }
  // Still a grid to move through: the arrows move the selection, Escape closes the detail.
  await page.setViewportSize({ width: 1280, height: 800 });
  const selected = page.locator('[data-testid="activity-row"][aria-selected="true"]');
  const seq = await row.getAttribute('data-seq');
  await activity.grid.focus();
  await page.keyboard.press('ArrowDown');
  await expect(selected).not.toHaveAttribute('data-seq', seq!);
  await expectAmountsShown(activity, selected, '1280 px, detail open, after ArrowDown');
  await page.keyboard.press('Escape');
  await expect(activity.detail).toBeHidden();
  // With no detail too: at the minimum width the grid is narrower than its columns.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expectAmountsShown(activity, row, `${width} px, no detail`);
  }
});
