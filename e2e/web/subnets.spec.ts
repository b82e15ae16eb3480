import { AppFrame } from '../page-models/app-frame';
import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { SubnetsPage } from '../page-models/subnets-page';
import { WalletsPage } from '../page-models/wallets-page';
import { screens } from '../support/screens';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

const KEY_COLUMNS = ['Subnet', 'Price', 'Value', 'Cost basis', 'Unrealized', 'Realized', 'Emissions', 'vs Hold TAO'];

test('every key column is visible at 1280×800 with no horizontal overflow; 1920 adds columns', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  // The table as it ends up: its overflow measured with every figure in, not before the analytics come.
  await subnets.expectMarketFigures();
  const overflow = () => subnets.overflow();
  expect(await overflow()).toEqual({ page: 0, card: 0 });
  for (const name of KEY_COLUMNS) {
    const header = subnets.table.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await expect(header).toBeVisible();
    const box = (await header.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  }
  await expect(subnets.table.getByRole('columnheader', { name: /^Exit value/ })).toBeHidden();
  await screens(page, 'subnets-1280');

  // And at 1024 px: a narrower sidebar and two-line figures under the main ones keep every key column in
  // view (the table used to scroll sideways, Emissions and vs Hold TAO out of sight).
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await overflow()).toEqual({ page: 0, card: 0 });
  for (const name of KEY_COLUMNS) {
    const box = (await subnets.table.getByRole('columnheader', { name: new RegExp(`^${name}`) }).boundingBox())!;
    expect(box.x + box.width, `${name} at 1024 px`).toBeLessThanOrEqual(1024);
  }

  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(subnets.table.getByRole('columnheader', { name: /^Exit value/ })).toBeVisible();
  expect(await overflow()).toEqual({ page: 0, card: 0 });
  const width = (await subnets.table.boundingBox())!.width;
  expect(width).toBeGreaterThan(1500);
  // A share of the portfolio is never negative: "58.3%", not "+58.3%".
  await expect(subnets.table.locator('thead th:nth-child(5)')).toHaveText(/^Share/);
  const shares = await subnets.rows.locator('td:nth-child(5)').allTextContents();
  expect(shares.length).toBeGreaterThan(3);
  for (const share of shares) expect(share).toMatch(/^(\d+\.\d%|—)$/);
  await screens(page, 'subnets-1920');
});

test('narrower windows: wide tables scroll inside their cards, the page never sideways', async ({ page, webHost }) => {
  // What sticks out: how far the page scrolls sideways, and the cards whose content overflows them.
  const sideways = () =>
    page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      cards: [...document.querySelectorAll('.card')]
        .filter((card) => card.scrollWidth > card.clientWidth)
        .map((card) => card.querySelector('h2')?.textContent ?? card.className),
    }));
  const subnets = new SubnetsPage(page);
  const portfolio = new PortfolioPage(page);
  for (const [width, height] of [
    [1024, 700],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height });
    await portfolio.goto(webHost.url);
    await portfolio.expectDrawn();
    expect(await sideways(), `Portfolio at ${width} px`).toEqual({ page: 0, cards: [] });
    await page.goto(`${webHost.url}#/subnets`);
    await subnets.expectMarketFigures();
    expect(await sideways(), `Subnets at ${width} px`).toEqual({ page: 0, cards: [] });
    await subnets.rows.first().getByRole('link').click();
    await expect(
      page
        .getByRole('table', { name: /^Positions on SN/ })
        .locator('tbody tr')
        .first(),
    ).toBeVisible();
    expect(await sideways(), `a subnet's page at ${width} px`).toEqual({ page: 0, cards: [] });
  }
});

test('a subnet’s positions, expanded, wrap a long wallet label instead of widening the table', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  // The longest label a wallet may have (80 characters).
  const label = 'Cold storage for the long-term subnet bets, shared with the family trust, 2026 A';
  await wallets.rename('Main', label);
  await expect(wallets.row(label)).toBeVisible();
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await subnets.expectMarketFigures();
  for (const row of await subnets.rows.all()) await row.getByRole('button', { name: /positions?$/ }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^▸ ${label} → validator`) }).first()).toBeVisible();
  expect(await subnets.overflow()).toEqual({ page: 0, card: 0 });
});

test('a numeric header’s keyboard tooltip opens over its table, inside the card it scrolls in', async ({
  page,
  webHost,
}) => {
  const portfolio = new PortfolioPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await portfolio.goto(webHost.url);
  await portfolio.expectDrawn();
  // The last numeric header of each table that scrolls inside its card: its tooltip's box, from the
  // label's and the tooltip's computed position, against the scrolling box's edges.
  const labels = page.locator('main .scroll-x table').locator('th.num:last-child .metric-label');
  expect(await labels.count()).toBeGreaterThan(0);
  for (const label of await labels.all()) {
    await label.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(label).toBeFocused();
    const box = await label.evaluate((el) => {
      const tip = getComputedStyle(el, '::after');
      const at = el.getBoundingClientRect();
      const padding = tip.boxSizing === 'border-box' ? 0 : parseFloat(tip.paddingLeft) + parseFloat(tip.paddingRight);
      const left = at.left + parseFloat(tip.left);
      const scroller = (el.closest('.scroll-x') as HTMLElement).getBoundingClientRect();
      return { left, right: left + parseFloat(tip.width) + padding, min: scroller.left, max: scroller.right };
    });
    const name = (await label.textContent()) ?? '';
    expect(box.left, name).toBeGreaterThanOrEqual(box.min);
    expect(box.right, name).toBeLessThanOrEqual(box.max);
  }
});

test('each row and the totals equal the engine’s figures; totals are the sum of the rows', async ({
  page,
  webHost,
}) => {
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await expect(subnets.rows.first()).toBeVisible();
  const truth = engineView(webHost.dataDir);
  expect(await subnets.rows.count()).toBe(truth.subnets.length);
  for (const s of truth.subnets) {
    expect(await subnets.amount(`value-${s.netuid}`)).toBe(s.figures.spotValue);
    expect(await subnets.amount(`unrealized-${s.netuid}`)).toBe(s.figures.unrealized);
    expect(await subnets.amount(`realized-${s.netuid}`)).toBe(s.figures.realized);
    expect(await subnets.amount(`income-${s.netuid}`)).toBe(s.figures.incomeTao);
    expect(await subnets.amount(`excess-${s.netuid}`)).toBe(s.benchmarks!.holdTao.excess);
  }
  const f = truth.total.figures;
  const sum = (pick: (s: (typeof truth.subnets)[number]) => bigint) => truth.subnets.reduce((a, s) => a + pick(s), 0n);
  // From 441 the portfolio also holds validator-fund shares (the "Root & baskets" table): the totals row
  // is then the subnets' rows plus that table's total, and says so.
  const funds = truth.baskets.total;
  await expect(subnets.totals).toContainText(
    truth.baskets.positions.length > 0 ? 'Total incl. validator funds' : /^Total/,
  );
  expect(await subnets.amount('total-value')).toBe(f.spotValue);
  expect(f.spotValue).toBe(sum((s) => s.figures.spotValue) + funds.value);
  expect(await subnets.amount('total-cost')).toBe(f.costBasis);
  expect(await subnets.amount('total-unrealized')).toBe(f.unrealized);
  expect(await subnets.amount('total-realized')).toBe(f.realized);
  expect(f.realized).toBe(sum((s) => s.figures.realized) + funds.realized);
  expect(await subnets.amount('total-income')).toBe(f.incomeTao);
  expect(await subnets.amount('total-excess')).toBe(truth.total.benchmarks!.holdTao.excess);
});

test('columns sort both ways; the order is remembered', async ({ page, webHost }) => {
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await expect(subnets.rows.first()).toBeVisible();
  const truth = engineView(webHost.dataDir);
  // Ties (equal amounts) keep subnet order in either direction.
  const order = (dir: 1 | -1) =>
    [...truth.subnets]
      .sort((a, b) =>
        a.figures.unrealized === b.figures.unrealized
          ? a.netuid - b.netuid
          : (a.figures.unrealized > b.figures.unrealized ? 1 : -1) * dir,
      )
      .map((s) => s.netuid);
  const byUnrealized = order(-1);
  await subnets.sortBy('Unrealized');
  await expect(subnets.table.getByRole('columnheader', { name: /^Unrealized/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  expect(await subnets.netuids()).toEqual(byUnrealized);
  // Keyboard: the header is a real button.
  await subnets.table.getByRole('button', { name: 'Unrealized' }).focus();
  await page.keyboard.press('Enter');
  await expect(subnets.table.getByRole('columnheader', { name: /^Unrealized/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  expect(await subnets.netuids()).toEqual(order(1));
  await new AppFrame(page).link('Portfolio').click();
  await new AppFrame(page).link('Subnets').click();
  await expect(subnets.table.getByRole('columnheader', { name: /^Unrealized/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
});

test('symbols from the chain, root in τ, lowercase α in headers, positions per validator', async ({
  page,
  webHost,
}) => {
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await expect(subnets.rows.first()).toBeVisible();
  const truth = engineView(webHost.dataDir);
  const sn5 = truth.subnets.find((s) => s.netuid === 5)!;
  expect(sn5.symbol).toBeTruthy();
  await expect(subnets.row(5).locator('.symbol')).toHaveText(sn5.symbol!);

  // Root α is TAO one to one: shown in τ, never as α.
  const rootHeld = page.getByTestId('held-0');
  await expect(rootHeld).toHaveText(/^τ/);
  expect(await amountOf(rootHeld)).toBe(truth.subnets.find((s) => s.netuid === 0)!.figures.alpha);

  // Rendered header text keeps α lowercase (an uppercase transform made it "Α").
  const header = await subnets.table.locator('thead').innerText();
  expect(header).toContain('α');
  expect(header).not.toContain('Α');

  const positions = truth.positions.filter((p) => p.netuid === 5);
  await subnets
    .row(5)
    .getByRole('button', { name: /positions?$/ })
    .click();
  await expect(page.locator('.position-row')).toHaveCount(positions.length);
  await page.locator('.position-row').first().getByRole('button').first().click();
  const drill = page.locator('.drilldown');
  await expect(drill).toContainText('Price used');
  expect(await drill.locator('tbody tr').count()).toBeGreaterThan(0);
});

test('a dissolved subnet says so, with its block and date, and shows no price, market or pool figures; nor does root', async ({
  page,
  webHost,
}) => {
  // The demo dissolves one of the demo wallet's subnets on its 19th day; its last snapshot is not current.
  const dissolved = engineView(webHost.dataDir).subnets.filter((s) => s.dissolved);
  expect(dissolved).toHaveLength(1);
  const { netuid, dissolved: when } = dissolved[0]!;
  const block = when!.blockNumber.toLocaleString('en-US');
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await subnets.expectMarketFigures();
  const row = subnets.row(netuid);
  await expect(row.getByTestId(`dissolved-${netuid}`)).toHaveText(/^\s*· dissolved$/);
  await expect(row.getByTestId(`dissolved-${netuid}`)).toHaveAttribute(
    'title',
    new RegExp(`^Dissolved at block ${block} \\(`),
  );
  await expect(row.getByTestId(`price-dissolved-${netuid}`)).toHaveText('dissolved');
  await expect(row.getByTestId(`price-dissolved-${netuid}`)).toHaveAttribute(
    'title',
    new RegExp(`^Dissolved at block ${block} \\(.+ UTC\\)$`),
  );
  // No price, no 24 h / 7 d change, no emission yield or share of the market: none is current.
  await expect(row.locator('td:nth-child(2)')).not.toContainText('%');
  await expect(row.locator('td:nth-child(2)')).not.toContainText('τ');

  // Its position's drill-down uses no price either: the last snapshot's, before the payout, is not one now.
  await row.getByRole('button', { name: /positions?$/ }).click();
  await page.locator('.position-row').first().getByRole('button').first().click();
  const used = page.locator('.drilldown').getByTestId('drilldown-price-dissolved');
  await expect(used).toHaveText(new RegExp(`^none: dissolved at block ${block} \\(.+ UTC\\), its .+ paid out in TAO$`));
  await expect(page.locator('.drilldown').getByText(/Price used:/)).not.toContainText('τ');

  await row.locator('a.subnet-link').click();
  await expect(page.getByTestId('dissolved-note')).toContainText(`was dissolved at block ${block}`);
  await expect(page.getByTestId('detail-price')).toContainText('none: dissolved');
  // The price chart's legend says so too, not the last price before as if it still traded.
  const priceLegend = page.getByTestId('chart-subnet.price').getByTestId('legend-value-price');
  await expect(priceLegend).toHaveText('dissolved');
  await expect(priceLegend.locator('[title]')).toHaveAttribute('title', new RegExp(`^Dissolved at block ${block} \\(`));
  await expect(page.getByTestId('health-no-pool')).toContainText(`SN${netuid} was dissolved at block ${block}`);
  for (const id of ['health-tao-reserve', 'health-flow-7d', 'health-emission-share'])
    await expect(page.getByTestId(id)).toHaveCount(0);

  // Root has no α pool: its page says so instead of a zero α side, a market cap and flows.
  await page.goto(`${webHost.url}#/subnets/0`);
  await expect(page.getByTestId('health-no-pool')).toContainText('Root (SN0) has no α pool');
  await expect(page.getByTestId('health-tao-reserve')).toHaveCount(0);
});
