// The pages at 1024 px (and the returns table at 1280), then at 1280 and 900 px: what used to scroll
// sideways, break a line where it should not, or cut a short label. The Subnets table's own check is in
// subnets.spec.ts.
import type { Locator, Page } from '@playwright/test';
import { ACTIVITY_KINDS } from '../../shared/vocab';
import { ActivityPage } from '../page-models/activity-page';
import { PortfolioPage } from '../page-models/portfolio-page';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

/** How far an element scrolls sideways (0 when its content fits). */
const sideways = (locator: Locator) => locator.evaluate((el) => el.scrollWidth - el.clientWidth);

/** Cells whose text reaches past their own box (into a neighbour), as "text: px out". */
const textOutsideItsCell = (table: Locator) =>
  table.evaluate((el) =>
    [...el.querySelectorAll('th, td, [role="columnheader"]')].flatMap((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const [text, box] = [range.getBoundingClientRect(), cell.getBoundingClientRect()];
      const out = Math.max(box.left - text.left, text.right - box.right);
      return text.width > 0 && out > 0.5 ? [`${(cell as HTMLElement).innerText}: ${out.toFixed(1)}`] : [];
    }),
  );

/** The scroller a table sits in. */
const scrollerOf = (page: Page, name: string | RegExp) =>
  page.getByRole('table', { name }).locator('xpath=ancestor::div[contains(@class, "scroll-x")][1]');

test('at 1024 px the baselines, the adds-up line and a subnet’s positions fit; focus on a figure’s label shows; Activity’s search hint fits, at 900 px with a filter on too', async ({
  page,
  webHost,
}) => {
  const portfolio = new PortfolioPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await portfolio.goto(webHost.url);
  await portfolio.expectDrawn();
  // 1280 px: the returns table's fixed columns fit its card (it scrolled by 4 px).
  expect(await sideways(scrollerOf(page, 'Period returns and risk'))).toBe(0);

  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await sideways(scrollerOf(page, 'Benchmarks')), 'baselines table').toBe(0);
  // The four terms of "How it adds up" on one line: "= Total return" alone on a second read as a new term.
  const tops = await portfolio.addsUp
    .locator(':scope > div')
    .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(tops.length).toBe(4);
  expect(new Set(tops).size).toBe(1);
  // The returns table's ten columns fit too (it scrolled by 203 px): tighter, its risk headers on two
  // lines, its row names wrapping; no figure pokes out of its cell.
  const perf = scrollerOf(page, 'Period returns and risk');
  expect(await sideways(perf), 'returns table').toBe(0);
  expect(await textOutsideItsCell(page.getByRole('table', { name: 'Period returns and risk' }))).toEqual([]);

  // Narrower than its columns: it scrolls, with the row names kept in view.
  await page.setViewportSize({ width: 900, height: 700 });
  expect(await sideways(perf)).toBeGreaterThan(0);
  await perf.evaluate((el) => el.scrollBy({ left: 400 }));
  const name = perf.getByRole('cell', { name: 'Portfolio', exact: true });
  const [nameLeft, scrollerLeft] = [
    (await name.boundingBox())!.x,
    await perf.evaluate((el) => el.getBoundingClientRect().left),
  ];
  expect(Math.abs(nameLeft - scrollerLeft)).toBeLessThan(1);
  await page.setViewportSize({ width: 1024, height: 700 });

  // A figure's label reached by keyboard has the same 2 px focus ring as buttons and links.
  const label = page.locator('.headline .metric-label').first();
  await label.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(label).toBeFocused();
  expect(await label.evaluate((el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth])).toEqual([
    'solid',
    '2px',
  ]);

  await page.goto(`${webHost.url}#/subnets/6`);
  const positions = page.getByRole('table', { name: 'Positions on SN6' });
  await expect(positions.getByTestId('hotkey-row').first()).toBeVisible();
  expect(await sideways(scrollerOf(page, 'Positions on SN6')), 'positions by validator').toBe(0);

  // Activity's search shows its whole hint, not cut at "block-extr" (1024 px) nor, with a filter on and
  // "Clear filters" beside it, at "block-extrins" (900 px).
  await page.goto(`${webHost.url}#/activity`);
  const activity = new ActivityPage(page);
  await expect(activity.search).toBeVisible();
  const hint = () =>
    activity.search.evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      return {
        needed: context.measureText(el.placeholder).width,
        room: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
      };
    });
  const wide = await hint();
  expect(wide.needed).toBeLessThanOrEqual(wide.room);
  await page.setViewportSize({ width: 900, height: 700 });
  await activity.filter('Kind').selectOption({ index: 1 });
  await expect(activity.filters.getByRole('button', { name: 'Clear filters' })).toBeVisible();
  const narrow = await hint();
  expect(narrow.needed).toBeLessThanOrEqual(narrow.room);
});

/** Whether `text` fits the header cell marked data-cut=`column`, in the Activity rows' font (cell-fit.ts's 2 px slack). */
const fitsColumn = (grid: Locator, column: string, text: string) =>
  grid.evaluate(
    (el, [column, text]) => {
      const style = getComputedStyle(el);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const cell = el.querySelector<HTMLElement>(`[data-cut="${column}"]`)!;
      return context.measureText(text!).width <= cell.getBoundingClientRect().width - 2;
    },
    [column, text],
  );

test('at 1280 and 900 px tables fit their cards with whole header words; Activity keeps short labels and its dates together, every kind whole and its filters in two lines', async ({
  page,
  webHost,
}) => {
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${webHost.url}#/subnets`);
    const subnets = page.getByRole('table', { name: 'Positions by subnet' });
    await expect(subnets.getByTestId('subnet-row').first()).toBeVisible();
    // Root & baskets and a subnet's positions too: at 900 px they scrolled by 100-123 px ("vs Ho").
    const tables = [subnets, page.getByTestId('root-baskets').getByRole('table')];
    await expect(tables[1]!).toBeVisible();
    for (const table of tables) {
      expect(await sideways(table.locator('xpath=ancestor::div[contains(@class, "scroll-x")][1]')), `${width}`).toBe(0);
      expect(await textOutsideItsCell(table.locator('thead'))).toEqual([]);
    }
    // At 1280 every subnet row is as high as the others: no second line breaks between its figures.
    if (width === 1280) {
      const heights = await subnets
        .getByTestId('subnet-row')
        .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
      // Within 2 px (a glyph such as "—" from another font); a broken second line adds a line (~16 px).
      expect(Math.max(...heights) - Math.min(...heights), heights.join()).toBeLessThanOrEqual(2);
    }
    await page.goto(`${webHost.url}#/subnets/6`);
    const positions = page.getByRole('table', { name: 'Positions on SN6' });
    await expect(positions.getByTestId('hotkey-row').first()).toBeVisible();
    expect(await sideways(scrollerOf(page, 'Positions on SN6')), `${width} positions`).toBe(0);
    expect(await textOutsideItsCell(positions.locator('thead'))).toEqual([]);

    // Wallets: the date on one line, an address in at most three.
    await page.goto(`${webHost.url}#/wallets`);
    const wallets = page.getByRole('table', { name: 'Watched wallets' });
    await expect(wallets.locator('.wallet-added').first()).toBeVisible();
    const lines = (selector: string) =>
      wallets
        .locator(selector)
        .first()
        .evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
    expect(await lines('.wallet-added')).toBe(1);
    expect(await lines('.address')).toBeLessThanOrEqual(3);
    // The table inside its card (a moved-to coldkey, unbroken, pushed it 172 px past at 900 px).
    const past = await wallets.evaluate((el) => {
      const card = el.parentElement!;
      const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
      return el.getBoundingClientRect().right - inner;
    });
    expect(past, `${width} px`).toBeLessThanOrEqual(0.5);

    // Activity: From and To on one line; at 1280 a short wallet label ("Demo wallet") fits its column,
    // and with the detail open every kind but the longest ("Fund shares claimed" was cut) fits one line.
    await page.goto(`${webHost.url}#/activity`);
    const activity = new ActivityPage(page);
    const grid = activity.grid;
    await expect(page.getByTestId('activity-row').first()).toBeVisible();
    const top = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())!.y;
    expect(await top('To (UTC)')).toBe(await top('From (UTC)'));
    if (width === 1280) {
      expect(await fitsColumn(grid, 'wallet', 'Demo wallet')).toBe(true);
      await page.getByTestId('activity-row').first().click();
      await expect(page.getByTestId('activity-detail')).toBeVisible();
      expect(await fitsColumn(grid, 'kind', 'Fund shares claimed')).toBe(true);
      expect(await fitsColumn(grid, 'kind', 'Share pool reconciled')).toBe(true);
    } else {
      await page.getByTestId('activity-row').first().click();
      await expect(page.getByTestId('activity-detail')).toBeVisible();
    }
    // With the detail open every kind reads whole, in at most two lines inside its row: at 1280 "Transfer
    // between your wallets" was cut to "Transfer between y…".
    for (const { label } of Object.values(ACTIVITY_KINDS)) {
      const { lines, out } = await activity.kindLayout(label);
      expect(lines, `${width} px: ${label}`).toBeLessThanOrEqual(2);
      expect(out, `${width} px: ${label}`).toBeLessThanOrEqual(0.5);
    }
    if (width === 1280) {
      // And in a row of the data: the cell not cut (cell-fit.ts lets it take two lines), its text inside.
      await activity.filter('Kind').selectOption('internal-transfer');
      await activity.rows.first().click();
      await expect(page.getByTestId('activity-detail')).toBeVisible();
      const kind = activity.rows.first().getByTestId('activity-kind');
      await expect(kind).toHaveText('Transfer between your wallets');
      await expect(kind).not.toHaveClass(/ellipsis/);
      expect(await kind.evaluate((el) => [el.scrollWidth - el.clientWidth, el.scrollHeight - el.clientHeight])).toEqual(
        [0, 0],
      );
      await activity.filters.getByRole('button', { name: 'Clear filters' }).click();
    }
    expect(await textOutsideItsCell(grid.locator('.activity-head'))).toEqual([]);
    // The filters in two lines, with "Clear filters" too: at 900 px they took four.
    expect(await activity.filterLines(), `${width} px`).toBeLessThanOrEqual(2);
    await activity.filter('Kind').selectOption('burn');
    await expect(activity.filters.getByRole('button', { name: 'Clear filters' })).toBeVisible();
    expect(await activity.filterLines(), `${width} px, a filter on`).toBeLessThanOrEqual(2);
    // The choices are remembered: the next width starts with none.
    await activity.filters.getByRole('button', { name: 'Clear filters' }).click();
  }
});
