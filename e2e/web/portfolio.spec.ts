import type { Locator } from '@playwright/test';
import { benchmarkIds, periodIds } from '../../shared/vocab';
import { AppFrame } from '../page-models/app-frame';
import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { roundsTo } from '../support/amounts';
import { screens } from '../support/screens';
import { engineAnalytics, engineView, parsePct } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

// The demo scenario, synced from the devnet: three wallets, eleven subnets, three weeks of trades.
test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

test('Portfolio figures equal the engine’s, and the lines add up under both reward treatments', async ({
  page,
  webHost,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  for (const rewards of ['income', 'zero'] as const) {
    await portfolio.rewards.selectOption(rewards);
    const truth = engineView(webHost.dataDir, { rewards });
    const f = truth.total.figures;
    await expect(page.getByTestId('as-of')).toContainText(rewards === 'income' ? 'rewards as income' : 'zero-basis');
    expect(await portfolio.amount('spot-value')).toBe(f.spotValue);
    expect(await portfolio.amount('exit-value')).toBe(f.exitValue);
    expect(await portfolio.amount('total-return')).toBe(f.totalReturn);
    expect(await portfolio.amount('excess-hold-tao')).toBe(truth.total.benchmarks!.holdTao.excess);
    // Stake older than the history enters at its value then: the note names that amount as a value,
    // not as a price (τ per α).
    expect(f.alphaOpening).toBeGreaterThan(0n);
    const opening = page.getByTestId('opening-note');
    await expect(opening).toContainText('entered at its value at the first recorded prices,');
    expect(await amountOf(opening.locator('.amount'))).toBe(f.openingTao);

    const terms = await portfolio.terms();
    const { total, ...lines } = terms;
    expect(total).toBe(f.totalReturn);
    expect(Object.values(lines).reduce((a, b) => a + b, 0n)).toBe(f.totalReturn);
    expect(lines.realized).toBe(f.realized);
    // Friction splits into fees, slippage and burned α, which add up to the engine's friction.
    const part = async (id: string) => portfolio.amountIn(`friction-${id}`);
    const [fees, slippage, burned, friction] = [
      await part('fees'),
      await part('slippage'),
      await part('burned'),
      await part('total'),
    ];
    expect(fees + slippage + burned).toBe(friction);
    expect(friction).toBe(f.friction);
    expect(fees).toBeGreaterThan(0n);
    expect(slippage).toBeGreaterThan(0n);
    expect(lines.unrealized).toBe(f.unrealized);
    if (rewards === 'income') {
      expect(lines.incomeTao).toBe(f.incomeTao);
    } else {
      // Zero basis: income is listed beside the sum, not in it (the cards used to stop adding up).
      expect(lines.incomeTao).toBeUndefined();
      await expect(page.getByTestId('memo-incomeTao')).toBeVisible();
    }
  }
});

test('each return percentage names its base and equals the engine’s ratio', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  const f = engineView(webHost.dataDir).total.figures;
  const net = Number(f.totalReturn) / Number(f.taoIn - f.taoOut);
  const gross = f.totalReturnPct!;
  // Churn inflates gross TAO in: the two bases must give visibly different percentages here.
  expect(Math.abs(net - gross)).toBeGreaterThan(0.001);
  const shownNet = page.getByTestId('return-net');
  const shownGross = page.getByTestId('return-gross');
  expect(parsePct((await shownNet.textContent())!)).toBeCloseTo(net, 4);
  expect(parsePct((await shownGross.textContent())!)).toBeCloseTo(gross, 4);
  await expect(shownNet).toHaveAttribute('title', /of net invested/);
  await expect(shownGross).toHaveAttribute('title', /of gross TAO in/);
});

test('the return percentages stay inside the Total return column at 1280 and 1024 px', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await portfolio.goto(webHost.url);
    await expect(page.getByTestId('return-twr')).toBeVisible();
    const column = page.getByTestId('total-return').locator('xpath=ancestor::div[not(@class)][1]');
    const right = await column.evaluate((el) => el.getBoundingClientRect().right);
    const bases = await column
      .locator('.bases > div')
      .evaluateAll((els) => els.map((el) => [el.textContent, el.getBoundingClientRect().right] as const));
    expect(bases.length).toBeGreaterThanOrEqual(4);
    for (const [text, edge] of bases) expect(edge, `${text} at ${width} px`).toBeLessThanOrEqual(right + 0.5);
  }
});

test('IRR, TWR, period returns, risk and a date range equal the engine’s', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  const { cockpit } = engineAnalytics(webHost.dataDir, 'tao', 5);
  // A percentage's full precision is its hover text: six decimals of a percent.
  const fullPct = async (loc: Locator) => parsePct((await loc.getAttribute('title'))!);
  const close = (shown: number, engine: number | null, what: string) => {
    expect(engine, what).not.toBeNull();
    expect(Math.abs(shown - engine!), what).toBeLessThan(1e-8);
  };
  const mw = cockpit.returns.moneyWeighted;
  if (mw.annualised === null) {
    // Three weeks of history: no annual rate; the money-weighted return over the period instead.
    await expect(page.getByTestId('return-irr-missing')).toHaveAttribute('title', /under 30 days/i);
    // Said on the page too, not only on hover: a keyboard or touch user sees why there is no rate.
    await expect(page.getByTestId('return-irr-missing')).toHaveText('— (under 30 days of history)');
    close(await fullPct(page.getByTestId('return-mwr-period')), mw.period, 'money-weighted return');
  } else close(await fullPct(page.getByTestId('return-irr')), mw.annualised, 'IRR');
  close(await fullPct(page.getByTestId('return-twr')), cockpit.returns.timeWeighted, 'TWR');

  const rows = cockpit.performance.rows;
  expect(rows.filter((r) => r.kind === 'subnet').length).toBeGreaterThan(3);
  expect(rows.filter((r) => r.kind === 'benchmark').length).toBeGreaterThanOrEqual(3);
  let compared = 0;
  for (const row of rows) {
    const cells = page.getByTestId(`perf-${row.kind}-${row.id}`).locator('td');
    const figures: [string, number | null][] = [
      ...periodIds.map((id) => [id, row.periods[id].value] as [string, number | null]),
      ['volatility', row.risk.volatility],
      ['maxDrawdown', row.risk.maxDrawdown === null ? null : -Math.abs(row.risk.maxDrawdown)],
    ];
    for (const [i, [what, engine]] of figures.entries()) {
      const cell = cells.nth(i + 1).locator('.amount');
      if (engine === null) await expect(cell).toHaveText('—');
      else {
        close(await fullPct(cell), engine, `${row.kind} ${row.id} ${what}`);
        compared++;
      }
    }
    // Volatility is never negative: no "+" in front of it.
    await expect(cells.nth(periodIds.length + 1)).not.toContainText('+');
    const sharpe = cells.nth(figures.length + 1);
    if (row.risk.sharpe === null) await expect(sharpe).toHaveText('—');
    else {
      // A negative ratio with the minus sign every other figure uses, not toFixed's hyphen ("-27.06").
      const title = (await sharpe.locator('.amount').getAttribute('title'))!;
      expect(Number(title.replace(/^−/, '-'))).toBe(row.risk.sharpe);
      await expect(sharpe).toHaveText(/^(−?\d+\.\d\d)$/);
      if (row.risk.sharpe <= -0.005) await expect(sharpe).toHaveText(/^−/);
    }
    // Root stake, when its yield is the risk-free rate, says why it has no Sharpe ratio.
    if (row.riskFree) await expect(sharpe).toHaveAttribute('title', /is the risk-free rate/);
  }
  expect(rows.filter((r) => r.riskFree).map((r) => r.id)).toEqual(['rootStake']);
  expect(compared).toBeGreaterThan(30);

  // A date range: realized PnL and income for those days only, as the engine computes them.
  const days = cockpit.series.map((p) => p.day);
  const [from, to] = [days[Math.floor(days.length / 3)]!, days[Math.floor((2 * days.length) / 3)]!];
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  await expect(page.getByText(`${from} to ${to} (UTC days, inclusive)`)).toBeVisible();
  // The risk columns follow the range, and both say so.
  await expect(page.getByText(`Risk from ${from} to ${to}.`)).toBeVisible();
  await expect(page.getByText('The risk columns of Period returns and risk use the same days.')).toBeVisible();
  const ranged = engineAnalytics(webHost.dataDir, 'tao', 5, { from, to }).cockpit.range;
  expect(await portfolio.amount('range-realized')).toBe(ranged.realized);
  expect(await portfolio.amount('range-income')).toBe(ranged.income);
  expect(ranged.income).toBeLessThan(cockpit.figures.incomeTao!);
});

test('a date range that ends before it starts is flagged, and all history is shown; the page survives a reload', async ({
  page,
  webHost,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  await portfolio.expectDrawn();
  const { cockpit } = engineAnalytics(webHost.dataDir, 'tao', 5);
  const days = cockpit.series.map((p) => p.day);
  const [early, late] = [days[1]!, days.at(-2)!];
  const all = `${cockpit.range.from} to ${cockpit.range.to} (UTC days, inclusive)`;
  await page.getByLabel('From').fill(late);
  await page.getByLabel('To', { exact: true }).fill(early);
  const problem = page.getByTestId('range-problem');
  await expect(problem).toHaveText('The “From” day is after the “To” day: showing all history.');
  await expect(page.getByText(all)).toBeVisible();
  expect(await portfolio.amount('range-realized')).toBe(cockpit.range.realized);
  // Remembered as typed, it must not leave the page with nothing but an error on the next visit.
  await page.reload();
  await expect(page.getByTestId('spot-value')).toBeVisible();
  await expect(problem).toBeVisible();
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(early);
  await page.getByLabel('To', { exact: true }).fill(late);
  await expect(problem).toHaveCount(0);
  await expect(page.getByText(`${late} to ${late} (UTC days, inclusive)`)).toBeVisible();
});

test('switching to FIFO shows FIFO’s figures, and the choice survives navigation', async ({ page, webHost }) => {
  const acb = engineView(webHost.dataDir, { method: 'acb' }).total.figures;
  const fifo = engineView(webHost.dataDir, { method: 'fifo' }).total.figures;
  // This seed makes the methods disagree, so the switch is visible in the numbers.
  expect(fifo.realized).not.toBe(acb.realized);

  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  expect((await portfolio.terms()).realized).toBe(acb.realized);
  await portfolio.method.selectOption('fifo');
  await expect(page.getByTestId('as-of')).toContainText('FIFO');
  expect((await portfolio.terms()).realized).toBe(fifo.realized);
  expect((await portfolio.terms()).unrealized).toBe(fifo.unrealized);
  expect(await portfolio.amount('total-return')).toBe(acb.totalReturn);

  const frame = new AppFrame(page);
  await frame.link('Subnets').click();
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('fifo');
  await frame.link('Portfolio').click();
  await expect(portfolio.method).toHaveValue('fifo');
  await page.reload();
  await expect(portfolio.method).toHaveValue('fifo');
  await expect(page.getByTestId('as-of')).toContainText('FIFO');
  expect((await portfolio.terms()).realized).toBe(fifo.realized);
});

test('every chart line’s last point equals its card', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  const truth = engineView(webHost.dataDir);
  expect(await portfolio.lineEnd('value')).toBe(await portfolio.amount('spot-value'));
  expect(await portfolio.lineEnd('value')).toBe(truth.total.figures.spotValue);
  expect(await portfolio.lineEnd('holdTao')).toBe(await portfolio.amount('hold-tao-value'));
  expect(await portfolio.lineEnd('holdTao')).toBe(truth.total.benchmarks!.holdTao.benchmarkValue);
  // Every benchmark line ends at its row of the benchmark table and at the engine's figure.
  const shown = benchmarkIds.filter((id) => truth.total.benchmarks![id].available);
  expect(shown.length).toBeGreaterThanOrEqual(3);
  await expect(portfolio.valueChart.locator('[data-testid^="legend-value-"]')).toHaveCount(shown.length + 1);
  for (const id of shown) {
    const card = await amountOf(page.getByTestId(`bench-${id}`).locator('td').nth(1).locator('.amount'));
    expect(await portfolio.lineEnd(id), id).toBe(card);
    expect(card, id).toBe(truth.total.benchmarks![id].benchmarkValue);
  }
});

/** A UTC day "2026-11-16" as the charts write it: "Nov 16, 2026" (`year: false`: the axis's "Nov 16"). */
const written = (day: string, year = true) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });

// East of UTC (UTC+13 in December), where the last hours of a UTC day are the next local day: the
// tooltips named each daily point a day late, and in any zone each tick stood over the day before's point.
test.describe('in a time zone east of UTC', () => {
  test.use({ timezoneId: 'Pacific/Auckland' });
  test('the value chart: axes, crosshair with values, ranges, toggles and a text summary', async ({
    page,
    webHost,
  }) => {
    const portfolio = new PortfolioPage(page);
    await portfolio.goto(webHost.url);
    const chart = portfolio.valueChart;
    // Axes with labelled ticks (dates along x, τ up y) and horizontal gridlines.
    await expect(chart.locator('.recharts-cartesian-axis-tick-value[orientation="bottom"]').first()).toHaveText(
      /^[A-Z][a-z]{2} \d+$/,
    );
    await expect(chart.locator('.recharts-cartesian-axis-tick-value[orientation="left"]').first()).toHaveText(/^τ/);
    await expect(chart.locator('.recharts-cartesian-grid')).toHaveCount(1);

    const plot = chart.locator('.recharts-wrapper');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2, { steps: 8 });
    const tip = chart.getByTestId('chart-tip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Value');
    await expect(tip).toContainText('Hold TAO');

    // Each date tick stands over the point of the UTC day it names, and that point's tooltip names the
    // same day and shows that day's value: the engine's daily points are UTC days, stamped at each
    // day's last millisecond.
    const days = engineView(webHost.dataDir).daily;
    const ticks = await chart.locator('.recharts-cartesian-axis-tick-value[orientation="bottom"]').all();
    expect(ticks.length).toBeGreaterThan(2);
    const valueCell = tip
      .locator('tr')
      .filter({ has: page.locator('th', { hasText: /^\s*Value$/ }) })
      .locator('td');
    let telling = 0; // ticks whose day's value differs from the day before's (so a day's slip would show)
    for (const tick of ticks) {
      const label = (await tick.textContent()) ?? '';
      const i = days.findIndex((p) => written(p.day, false) === label);
      expect(i, `a daily point for the tick ${label}`).toBeGreaterThanOrEqual(0);
      const at = (await tick.boundingBox())!;
      await page.mouse.move(at.x + at.width / 2, box.y + box.height / 2);
      await expect(tip.locator('.chart-tip-day')).toHaveText(`${written(days[i]!.day)} UTC`);
      const shown = (await valueCell.textContent()) ?? '';
      expect(roundsTo(shown, days[i]!.value), `${label}: ${shown}`).toBe(true);
      if (i > 0 && !roundsTo(shown, days[i - 1]!.value)) telling++;
    }
    expect(telling).toBeGreaterThan(0);

    const summary = chart.getByTestId('chart-summary');
    const daily = days.length;
    // The summary names the same first and last UTC days as the tooltips.
    await expect(summary).toContainText(
      `${written(days[0]!.day)} to ${written(days.at(-1)!.day)} (UTC), ${daily} points`,
    );
    await chart.getByRole('button', { name: '7D' }).click();
    await expect(summary).not.toContainText(`${daily} points`);
    await expect(chart.getByRole('button', { name: '7D' })).toHaveAttribute('aria-pressed', 'true');

    const basket = chart.getByTestId('legend-subnetBasket');
    await basket.getByRole('button').click();
    await expect(basket).toHaveAttribute('data-on', 'false');
    await expect(summary).not.toContainText('Subnet basket (cap-weighted)');
    await expect(summary).toContainText('Subnet basket (equal-weighted)');
    await page.reload();
    await expect(chart.getByTestId('legend-subnetBasket')).toHaveAttribute('data-on', 'false');
    await expect(chart.getByRole('button', { name: '7D' })).toHaveAttribute('aria-pressed', 'true');
  });
});

test('privacy mode shows no digit in any amount, percentage or chart, and no green/red', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  await expect(page.locator('.amount.pos, .amount.neg').first()).toBeVisible();
  await page.getByRole('button', { name: 'Hide amounts' }).click();
  await expect(page.getByRole('button', { name: 'Show amounts' })).toHaveAttribute('aria-pressed', 'true');

  const frame = new AppFrame(page);
  for (const name of ['Portfolio', 'Subnets', 'SN5', 'Activity'] as const) {
    if (name === 'SN5') await page.locator('[data-testid="subnet-row"][data-netuid="5"] a').click();
    else await frame.link(name).click();
    // The page arrived (the last page's amounts would satisfy the waits below), then its amounts.
    await expect(frame.heading()).toContainText(name);
    await expect(page.locator('.amount').first()).toBeVisible();
    // Every section drawn: the charts and tables below the headline come a task or more after it.
    if (name === 'Portfolio') await portfolio.expectDrawn();
    if (name === 'SN5') await expect(page.getByTestId('chart-subnet.value')).toBeVisible();
    await expect.poll(() => page.locator('.amount').count()).toBeGreaterThan(10);
    const figures = await page
      .locator('.amount')
      .evaluateAll((els) =>
        els.map((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '', cls: e.className })),
      );
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) {
      expect(f.text).not.toMatch(/[0-9]/);
      expect(f.title).not.toMatch(/[0-9]/);
      expect(f.cls).not.toMatch(/\b(pos|neg)\b/);
    }
  }
  for (const chart of await page.locator('figure.chart').all())
    await expect(chart.getByTestId('chart-hidden')).toBeVisible();
  await frame.link('Portfolio').click();
  const charts = page.locator('figure.chart');
  await portfolio.expectDrawn();
  await expect(charts.first()).toBeVisible();
  for (const chart of await charts.all()) {
    await expect(chart.getByTestId('chart-hidden')).toBeVisible();
    await expect(chart.locator('svg')).toHaveCount(0);
    // The picture, its legend and its summary: no digit (the range buttons are controls, not data).
    for (const part of await chart
      .locator('.chart-plot, .chart-hidden, .chart-legend, [data-testid="chart-summary"]')
      .all())
      expect(await part.textContent()).not.toMatch(/[0-9]/);
  }
  await screens(page, 'portfolio-privacy');
});

test('Portfolio screenshots in both themes', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  await expect(portfolio.valueChart.locator('.recharts-line').first()).toBeVisible();
  await screens(page, 'portfolio');
});
