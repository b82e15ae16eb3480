// The pages at 1024 px (and the returns table at 1280): what used to scroll sideways or break a line
// where it should not. The Subnets table's own check is in subnets.spec.ts.
import type { Locator, Page } from '@playwright/test';
import { PortfolioPage } from '../page-models/portfolio-page';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

/** How far an element scrolls sideways (0 when its content fits). */
const sideways = (locator: Locator) => locator.evaluate((el) => el.scrollWidth - el.clientWidth);

/** Cells whose text reaches past their own box (into a neighbour), as "text: px out". */
const textOutsideItsCell = (table: Locator) =>
  table.evaluate((el) =>
    [...el.querySelectorAll('th, td')].flatMap((cell) => {
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

test('at 1024 px the baselines, the adds-up line and a subnet’s positions fit; focus on a figure’s label shows', async ({
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

  // Activity's search shows its whole hint ("…, block-extrinsic or 0x hash"), not cut at "block-extr".
  await page.goto(`${webHost.url}#/activity`);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeVisible();
  const [needed, room] = await search.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    return [
      context.measureText(el.placeholder).width,
      el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    ];
  });
  expect(needed).toBeLessThanOrEqual(room);
});
