// Fiat display: once TAO prices are imported a currency toggle appears; in fiat the Portfolio's cards,
// charts and tooltips, the Subnets table, Activity and a subnet's page show the service's fiat
// figures, which equal the engine's τ figures × the day's price (compared as numbers).
import { AppFrame } from '../page-models/app-frame';
import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { SettingsPage } from '../page-models/settings-page';
import { ActivityPage } from '../page-models/activity-page';
import { SubnetsPage } from '../page-models/subnets-page';
import { engineAnalytics, engineView } from '../support/engine-truth';
import { priceCsv } from '../support/prices';
import { screens } from '../support/screens';
import { expect, test } from '../support/web-host';
import type { Locator } from '@playwright/test';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

/** The CSV's price of a day (1e-8 USD per τ), for the day of a unix-ms time. */
function priceOnDay(ms: number): bigint {
  const i = Math.floor((ms - Date.UTC(2026, 0, 1)) / 86_400_000);
  return BigInt(Math.round((300 + (i % 13) * 7.25) * 1e8));
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** A fiat amount on screen (8 decimals in its full-precision title) as the service's 1e-8 units. */
const fiatOf = async (loc: Parameters<typeof amountOf>[0]) => (await amountOf(loc)) / 10n;

test('after importing prices, fiat shows on cards, charts and a subnet’s page, equal to the service’s figures', async ({
  page,
  webHost,
}) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  const currency = page.getByRole('group', { name: 'Currency' });
  await expect(page.getByTestId('total-return')).toBeVisible();
  await expect(currency).toHaveCount(0); // nothing to convert with yet

  const settings = new SettingsPage(page);
  await settings.open();
  await settings.importPrices(priceCsv(), 730);

  const frame = new AppFrame(page);
  await frame.link('Portfolio').click();
  await expect(page.getByTestId('total-return')).toBeVisible();
  await expect(page.getByTestId('fiat-basis-note')).toHaveCount(0); // in τ nothing is converted
  await currency.getByRole('button', { name: 'USD' }).click();
  await expect(currency.getByRole('button', { name: 'USD' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('total-return')).toContainText('USD');
  // The lines convert at one price (they add up); the lot-based USD gains are named, and where they are.
  await expect(page.getByTestId('fiat-basis-note')).toContainText('TAO’s price on the as-of day');
  await expect(page.getByTestId('fiat-basis-note')).toContainText('PnL CSV (its usd columns) and PnL JSON exports');

  const { cockpit, subnet } = engineAnalytics(webHost.dataDir, 'fiat', 5);
  expect(cockpit.currency).toBe('fiat');
  const hold = cockpit.benchmarks.find((b) => b.id === 'holdTao')!;
  expect(await fiatOf(page.getByTestId('total-return'))).toBe(cockpit.returns.totalReturn);
  expect(await fiatOf(page.getByTestId('excess-hold-tao'))).toBe(hold.excess);
  expect(await fiatOf(page.getByTestId('hold-tao-value'))).toBe(hold.benchmarkValue);
  expect(await fiatOf(page.getByTestId('spot-value-fiat'))).toBe(hold.betValue);
  // The value card's exit and locked values are in USD too (they stayed τ); the τ value is beside them.
  expect(await fiatOf(page.getByTestId('exit-value-fiat'))).toBe(cockpit.figures.exitValue);
  const locked = engineView(webHost.dataDir).total.holding.lockedValue;
  expect(locked).toBeGreaterThan(0n);
  expect(await fiatOf(page.getByTestId('locked-value-fiat'))).toBe(
    floorDiv(locked * cockpit.fiat!.priceAsOf!, 1_000_000_000n),
  );
  await expect(page.getByTestId('spot-value')).toHaveText(/^τ/);
  // The opening balance's value is in USD too (it stayed τ), at the same price, its τ figure beside it.
  const opening = engineView(webHost.dataDir).total.figures.openingTao;
  expect(opening).toBeGreaterThan(0n);
  await expect(page.getByTestId('opening-value-fiat')).toContainText('USD');
  expect(await fiatOf(page.getByTestId('opening-value-fiat'))).toBe(
    floorDiv(opening * cockpit.fiat!.priceAsOf!, 1_000_000_000n),
  );
  expect(await amountOf(page.getByTestId('opening-value'))).toBe(opening);
  await expect(page.getByTestId('opening-note')).toContainText('at the as-of day’s TAO price)');
  // The value chart is drawn in USD: its axis, and its lines end at the fiat cards.
  await expect(
    portfolio.valueChart.locator('.recharts-cartesian-axis-tick-value[orientation="left"]').first(),
  ).toContainText('USD');
  const lineEnd = (id: string) => fiatOf(portfolio.valueChart.getByTestId(`legend-value-${id}`).locator('.amount'));
  expect(await lineEnd('value')).toBe(cockpit.series.at(-1)!.value);
  expect(await lineEnd('holdTao')).toBe(hold.benchmarkValue);
  await screens(page, 'portfolio-fiat');

  // The choice is the app's, not the page's: a subnet's page opens in USD with the service's figures.
  await page.goto(`${webHost.url}#/subnets/5`);
  await expect(currency.getByRole('button', { name: 'USD' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('health-tao-reserve')).toContainText('USD');
  expect(await fiatOf(page.getByTestId('health-tao-reserve'))).toBe(subnet.health.taoReserve);
  // Its label names the pool's side, not a unit: it read "Pool depth (τ)" beside a USD amount.
  const reserveItem = page.locator('.equation > div').filter({ has: page.getByTestId('health-tao-reserve') });
  await expect(reserveItem.locator('dt')).toHaveText('Pool depth (TAO side)');
  await expect(page.getByTestId('detail-value-amount')).toContainText('USD');
  // Its help says the τ-computed figure is shown in USD (it said only "in τ").
  await expect(page.getByTestId('detail-value').locator('.metric-label')).toHaveAttribute(
    'title',
    /in τ\. Shown in USD at the as-of day’s TAO price\.$/,
  );
  expect(await fiatOf(page.getByTestId('detail-value-amount'))).toBe(subnet.figures!.figures.spotValue);
  const bet = subnet.figures!.benchmarks.find((b) => b.id === 'holdTao')!;
  expect(await fiatOf(page.getByTestId('decomp-excess'))).toBe(bet.excess);
  for (const e of subnet.exit) {
    const cells = page.getByTestId(`exit-${e.percent}`).locator('td');
    expect(await fiatOf(cells.nth(1).locator('.amount'))).toBe(e.spotValue);
    expect(await fiatOf(cells.nth(2).locator('.amount'))).toBe(e.exitValue);
  }
  // Each position's excess over holding TAO is in USD too (it stayed τ), the service's figure.
  const excesses = await Promise.all((await page.getByTestId('position-excess').all()).map(fiatOf));
  const expectedExcess = subnet.positions.flatMap((p) =>
    p.holdTao && p.holdTao.excess !== null ? [p.holdTao.excess] : [],
  );
  expect(expectedExcess.length).toBeGreaterThan(0);
  expect(excesses.map(String).sort()).toEqual(expectedExcess.map(String).sort());
  const value = page.getByTestId('chart-subnet.value');
  // Each USD axis label is one line: "−100k USD" wrapped into "−100k" over "USD".
  const leftTicks = value.locator('.recharts-cartesian-axis-tick-value[orientation="left"]');
  await expect(leftTicks.filter({ hasText: '−' }).first()).toBeVisible();
  expect(await leftTicks.locator('tspan').count()).toBe(await leftTicks.count());
  expect(await fiatOf(value.getByTestId('legend-value-value').locator('.amount'))).toBe(subnet.series.at(-1)!.value);
  await screens(page, 'subnet-detail-fiat');

  // Subnets: every row's money figures and the totals are the engine's τ figures × the as-of day's price.
  const tau = engineView(webHost.dataDir);
  const priceAsOf = cockpit.fiat!.priceAsOf!;
  const atAsOf = (rao: bigint) => floorDiv(rao * priceAsOf, 1_000_000_000n);
  await frame.link('Subnets').click();
  const subnets = new SubnetsPage(page);
  await expect(currency.getByRole('button', { name: 'USD' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('table-unit')).toContainText('Amounts in USD');
  await expect(subnets.row(5).getByTestId('value-5')).toHaveAttribute('title', / USD$/);
  // Fiat figures are wider than τ ones: still every key column in view at 1280 px, no horizontal scroll.
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await subnets.overflow()).toEqual({ page: 0, card: 0 });
  for (const s of tau.subnets) {
    const f = cockpit.subnets.find((x) => x.netuid === s.netuid)!.figures;
    for (const [id, rao, shown] of [
      ['value', s.figures.spotValue, f.spotValue],
      ['cost', s.figures.costBasis, f.costBasis],
      ['unrealized', s.figures.unrealized, f.unrealized],
      ['income', s.figures.incomeTao, f.incomeTao],
    ] as const) {
      const onScreen = await fiatOf(page.getByTestId(`${id}-${s.netuid}`));
      expect(onScreen, `${id} of SN${s.netuid}`).toBe(atAsOf(rao));
      expect(onScreen).toBe(shown);
    }
  }
  expect(await fiatOf(page.getByTestId('total-value'))).toBe(atAsOf(tau.total.figures.spotValue));
  expect(await fiatOf(page.getByTestId('total-unrealized'))).toBe(atAsOf(tau.total.figures.unrealized));
  // A subnet's positions, expanded, show their figures in USD too (they stayed τ): the service's.
  await subnets
    .row(5)
    .getByRole('button', { name: /positions?$/ })
    .click();
  const positionRows = page.locator('.position-row');
  const sn5Positions = cockpit.positions.filter((p) => p.netuid === 5);
  await expect(positionRows).toHaveCount(sn5Positions.length);
  await expect(positionRows.filter({ hasText: 'τ' })).toHaveCount(0);
  const shownValues = await Promise.all((await positionRows.all()).map((r) => fiatOf(r.locator('.amount').nth(1))));
  expect(shownValues.map(String).sort()).toEqual(sn5Positions.map((p) => String(p.figures.spotValue)).sort());
  // A position's drill-down: each TAO amount and value at spot has its USD value at its entry's day's price
  // below it, as Activity shows the same entries (they showed in τ only).
  await positionRows.first().getByRole('button').first().click();
  await expect(page.getByTestId('drilldown-fiat-note')).toContainText('at TAO’s price on that entry’s day');
  const legs = page.getByTestId('drilldown-leg');
  await expect(legs.first().getByTestId('drilldown-tao-fiat')).toContainText('USD');
  for (const leg of (await legs.all()).slice(0, 5)) {
    const price = priceOnDay(Number(await leg.getAttribute('data-time')));
    for (const id of ['drilldown-tao', 'drilldown-spot']) {
      const rao = await amountOf(leg.getByTestId(id).locator('.amount').first());
      expect(await fiatOf(leg.getByTestId(`${id}-fiat`).locator('.amount'))).toBe(
        floorDiv(rao * price, 1_000_000_000n),
      );
    }
  }
  // Root & baskets too (it stayed τ): its figures at the as-of day's price.
  await expect(page.getByTestId('baskets-unit')).toContainText('Amounts in USD');
  expect(tau.baskets.positions.length).toBeGreaterThan(0);
  expect(await fiatOf(page.getByTestId('basket-total-value'))).toBe(atAsOf(tau.baskets.total.value));
  const basketValues = await Promise.all((await page.getByTestId('basket-value').all()).map(fiatOf));
  expect(basketValues).toEqual(tau.baskets.positions.map((p) => atAsOf(p.figures.value)));
  // The total row's top border spans the row as the subnet table's does (its label cell had none).
  const borders = (row: Locator) =>
    row.locator('td, th').evaluateAll((cells) => cells.map((c) => getComputedStyle(c).borderTopWidth));
  const subnetBorder = (await borders(page.getByTestId('totals-row')))[0]!;
  expect(subnetBorder).toBe('2px');
  expect(new Set(await borders(page.getByTestId('basket-total')))).toEqual(new Set([subnetBorder]));
  // A position's records are historical: each at TAO's price on its own day (they were at the as-of day's),
  // shares given up at what they cost in USD when acquired (the engine's lot-based figures), the service's
  // figures; the TAO column says its unit.
  await expect(page.getByTestId('baskets-unit')).toContainText('A position’s row is at the as-of day’s TAO price.');
  await expect(page.getByTestId('baskets-unit')).toContainText('at TAO’s price on each record’s own day');
  const basket = tau.baskets.positions.find((p) =>
    (['realized', 'income'] as const).every((k) => p.records.some((r) => r[k] !== 0n)),
  )!;
  await page
    .locator(`[data-testid="basket-row"][data-hotkey="${basket.hotkey}"][data-coldkey="${basket.coldkey}"]`)
    .getByRole('button')
    .first()
    .click();
  const recordsTable = page.getByTestId('basket-records');
  await expect(recordsTable.locator('thead th').nth(2)).toHaveText('TAO in USD');
  await expect(recordsTable.getByTestId('basket-record')).toHaveCount(basket.records.length);
  await expect(recordsTable.getByTestId('basket-record').filter({ hasText: 'τ' })).toHaveCount(0);
  const onOwnDay = (rao: bigint, ms: number) => floorDiv(rao * priceOnDay(ms), 1_000_000_000n);
  const recordsShown: Partial<Record<'tao' | 'basis' | 'income' | 'realized', bigint[]>> = {};
  let notAsOf = 0;
  for (const id of ['tao', 'basis', 'income', 'realized'] as const) {
    const shown = await Promise.all((await recordsTable.getByTestId(`basket-record-${id}`).all()).map(fiatOf));
    const lotBased = id === 'basis' || id === 'realized';
    expect(shown, `records' ${id}`).toEqual(
      basket.records.map((r) => (lotBased && r.fiat ? r.fiat[id] : onOwnDay(r[id], r.timestamp))),
    );
    expect(shown, `records' ${id}`).toEqual(cockpit.basketRecords![basket.key]!.map((f) => f[id]));
    notAsOf += basket.records.filter((r, i) => r[id] !== 0n && shown[i] !== atAsOf(r[id])).length;
    recordsShown[id] = shown;
  }
  expect(notAsOf).toBeGreaterThan(0);
  // One that gives shares up is checked against Activity's detail of the same record, below.
  const givenUpAt = basket.records.findIndex((r) => r.fiat && r.basis !== 0n && r.realized !== 0n);
  expect(givenUpAt, 'a claim among the records').toBeGreaterThanOrEqual(0);
  const givenUp = basket.records[givenUpAt]!;
  await screens(page, 'subnets-fiat');

  // Activity: each entry's TAO amount at its own day's price (the detail shows both, at full precision).
  const activity = new ActivityPage(page);
  await activity.open();
  await expect(currency.getByRole('button', { name: 'USD' })).toHaveAttribute('aria-pressed', 'true');
  await expect(activity.rows.first().getByTestId('activity-tao')).toContainText('USD');
  // The column says so too: its amounts are USD, not TAO (and back to TAO with the τ button, below).
  await expect(activity.grid.getByRole('columnheader', { name: /^TAO/ })).toHaveText(/^TAO in USD/);
  // Entries with legs (a fund-share record has none: its detail shows the fund instead).
  const withLegs = page.locator('[data-testid="activity-row"]:not([data-legs="0"])');
  let feesChecked = 0;
  for (const i of [0, 1, 2]) {
    const row = withLegs.nth(i);
    await row.click();
    const leg = activity.detail.getByTestId('detail-leg').first();
    const when = Number(await row.getAttribute('data-time'));
    const rao = await amountOf(leg.getByTestId('detail-tao').locator('.amount').first());
    const expected = floorDiv(rao * priceOnDay(when), 1_000_000_000n);
    expect(await fiatOf(leg.getByTestId('detail-fiat').locator('.amount'))).toBe(expected);
    expect(await fiatOf(row.getByTestId('activity-tao').locator('.amount'))).toBe(expected);
    // So does its value at spot (it showed in τ only), and a note says which day's price that is.
    const spot = leg.getByTestId('detail-spot');
    await expect(spot.getByTestId('detail-spot-fiat')).toHaveCount(1);
    const spotRao = await amountOf(spot.locator('.amount').first());
    const spotFiat = await fiatOf(spot.getByTestId('detail-spot-fiat').locator('.amount'));
    expect(spotFiat).toBe(floorDiv(spotRao * priceOnDay(when), 1_000_000_000n));
    await expect(activity.detail.getByTestId('detail-fiat-note')).toContainText(
      `TAO’s price on this entry’s day, ${new Date(when).toISOString().slice(0, 10)}`,
    );
    // A TAO fee has its value at the day's price below it too (it showed in τ only).
    const fee = leg.getByTestId('detail-fee');
    if ((await fee.getByTestId('detail-fee-fiat').count()) > 0) {
      const feeRao = await amountOf(fee.locator('.amount').first());
      const feeFiat = await fiatOf(fee.getByTestId('detail-fee-fiat').locator('.amount'));
      expect(feeFiat).toBe(floorDiv(feeRao * priceOnDay(when), 1_000_000_000n));
      feesChecked++;
    }
  }
  expect(feesChecked).toBeGreaterThan(0);
  // A fund record's cost basis given up, realized and income at its day's price too (they showed in τ only).
  const records = tau.baskets.positions.flatMap((p) => p.records);
  let lotDiffers = 0;
  const booked = (['basis', 'realized', 'income'] as const).map((k) => records.find((r) => r[k] !== 0n)!);
  const total = await activity.total();
  let sameAsBaskets = 0;
  for (const r of new Set([...booked, givenUp])) {
    await activity.searchFor(String(r.blockNumber));
    await activity.matched(total);
    // The record's row among the block's: its fund's hotkey and shares in the detail.
    let found = false;
    for (const row of await activity.rows.all()) {
      await row.click();
      await expect(row).toHaveAttribute('aria-selected', 'true');
      const fund = activity.detail.getByTestId('detail-fund');
      if ((await fund.count()) === 0 || !(await fund.textContent())!.includes(r.hotkey)) continue;
      found = (await amountOf(fund.getByTestId('detail-fund-shares').locator('.amount'))) === r.shares;
      if (found) break;
    }
    expect(found, `the fund record at block ${r.blockNumber}`).toBe(true);
    const detail = activity.detail.getByTestId('detail-fund');
    for (const k of ['basis', 'realized', 'income'] as const) {
      if (r[k] === 0n) continue;
      const dd = detail.getByTestId(`detail-fund-${k}`);
      await expect(dd.locator('.amount'), `${k}: in τ and in USD`).toHaveCount(2);
      expect(await amountOf(dd.locator('.amount').first())).toBe(r[k]);
      // Shares given up: cost basis and realized from what they cost in USD when acquired (the engine's
      // lot-based record figures, as the portfolio's USD figures); else the τ amount at the day's price.
      const atDay = floorDiv(r[k] * priceOnDay(r.timestamp), 1_000_000_000n);
      const want = r.fiat && k !== 'income' ? r.fiat[k] : atDay;
      expect(want, `${k} at block ${r.blockNumber}`).not.toBeNull();
      const inActivity = await fiatOf(dd.locator('.amount').nth(1));
      expect(inActivity).toBe(want);
      if (want !== atDay) lotDiffers++;
      // The same figure as on Subnets → Root & baskets for this record.
      if (r === givenUp) {
        expect(inActivity, `${k} at block ${r.blockNumber}, as on Root & baskets`).toBe(recordsShown[k]![givenUpAt]);
        sameAsBaskets++;
      }
    }
    const realizedNote = activity.detail.getByTestId('detail-fiat-realized-note');
    if (r.fiat) await expect(realizedNote).toContainText('on the days they were acquired');
    else await expect(realizedNote).toHaveCount(0);
  }
  // Some lot-based figure is not the τ one at the day's price (else this would not tell them apart).
  expect(lotDiffers).toBeGreaterThan(0);
  expect(sameAsBaskets).toBe((['basis', 'realized', 'income'] as const).filter((k) => givenUp[k] !== 0n).length);
  await activity.searchFor('');
  await screens(page, 'activity-fiat');
  await currency.getByRole('button', { name: 'τ' }).click();
  await expect(activity.grid.getByRole('columnheader', { name: /^TAO/ })).toHaveText(/^TAO$/);
  // α amounts are in each subnet's own token symbol (the devnet's: its netuid's Greek letter), as on Subnets.
  const onSn5 = activity.rows.filter({ has: page.getByRole('gridcell', { name: 'SN5', exact: true }) }).first();
  await expect(onSn5.getByTestId('activity-alpha')).toHaveText(/ ζ$/);
  await expect(activity.grid.getByTestId('activity-alpha').filter({ hasText: / α$/ })).toHaveCount(0);
  await currency.getByRole('button', { name: 'USD' }).click();
  await page.goto(`${webHost.url}#/subnets/5`);

  // Back to τ everywhere with one click.
  await currency.getByRole('button', { name: 'τ' }).click();
  await expect(page.getByTestId('health-tao-reserve')).toHaveText(/^τ/);
  await frame.link('Portfolio').click();
  await expect(page.getByTestId('total-return')).not.toContainText('USD');
});
