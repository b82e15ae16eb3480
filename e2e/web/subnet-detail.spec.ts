import type { Locator } from '@playwright/test';
import { amountOf } from '../page-models/figures';
import { parseAmount } from '../support/amounts';
import { SubnetsPage } from '../page-models/subnets-page';
import { screens } from '../support/screens';
import { engineAnalytics, engineView, parsePct, storedEmissionShare, storedNetTaoFlow } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

test('a subnet’s own page: figures equal the engine’s, the bet decomposes exactly, lines end at their cards, income and flows are the engine’s', async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await subnets.row(5).getByRole('link').click();
  await expect(page).toHaveURL(/#\/subnets\/5$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SN5');

  const truth = engineView(webHost.dataDir);
  const sn5 = truth.subnets.find((s) => s.netuid === 5)!;
  const amount = (id: string) => amountOf(page.getByTestId(id));
  expect(await amount('detail-value-amount')).toBe(sn5.figures.spotValue);
  const hold = sn5.benchmarks!.holdTao;
  const [price, emission, friction, excess] = [
    await amount('decomp-price'),
    await amount('decomp-emission'),
    await amount('decomp-friction'),
    await amount('decomp-excess'),
  ];
  expect(price + emission + friction).toBe(excess);
  expect(excess).toBe(hold.excess);
  // Less TAO came out of SN5 than went in: the flows held as TAO would be worth its Hold TAO value.
  expect(hold.benchmarkValue).toBeGreaterThan(0n);
  expect(await amount('subnet-hold-tao')).toBe(hold.benchmarkValue);
  await expect(page.getByTestId('hold-tao-negative')).toHaveCount(0);

  // Positions per validator: one row per engine position on SN5.
  await expect(page.getByTestId('hotkey-row')).toHaveCount(truth.positions.filter((p) => p.netuid === 5).length);
  // Their cost basis is the wallet's book split by α held, not a book per validator (hotkey-attribution.test.ts).
  await expect(page.getByTestId('positions-book-note')).toContainText('one cost-basis book per wallet on this subnet');

  // Price history from the local snapshots ends at the price used for the value; the bet's value line
  // ends at the value card, its Hold TAO line at the bet's Hold TAO value.
  const priceChart = page.getByTestId('chart-subnet.price');
  await expect(priceChart.locator('.recharts-line')).toHaveCount(1);
  expect(await amountOf(priceChart.getByTestId('legend-value-price').locator('.amount'))).toBe(sn5.price);
  await expect(priceChart.locator('.chart-markers').first()).toBeVisible();
  const valueChart = page.getByTestId('chart-subnet.value');
  expect(await amountOf(valueChart.getByTestId('legend-value-value').locator('.amount'))).toBe(sn5.figures.spotValue);
  expect(await amountOf(valueChart.getByTestId('legend-value-holdTao').locator('.amount'))).toBe(hold.benchmarkValue);

  // Exiting 25 / 50 / 100 % now: each costs something, and more the more is sold.
  const costs: bigint[] = [];
  for (const pct of [25, 50, 100]) {
    const row = page.getByTestId(`exit-${pct}`);
    const [spot, out] = [
      await amountOf(row.locator('td').nth(1).locator('.amount')),
      await amountOf(row.locator('td').nth(2).locator('.amount')),
    ];
    expect(out).toBeLessThan(spot);
    costs.push(spot - out);
  }
  expect(costs[0]!).toBeLessThan(costs[1]!);
  expect(costs[1]!).toBeLessThan(costs[2]!);
  // Selling everything values the subnet's whole α at once; the card sums each position's floored value,
  // so they may differ by at most one rao per position.
  const spot100 = await amountOf(page.getByTestId('exit-100').locator('td').nth(1).locator('.amount'));
  const positions = BigInt(truth.positions.filter((p) => p.netuid === 5).length);
  const gap = spot100 - sn5.figures.spotValue;
  expect(gap >= 0n ? gap : -gap).toBeLessThanOrEqual(positions);
  await expect(page.getByTestId('health-tao-reserve')).toHaveText(/^τ/);
  // Share of network emissions: SN5's TAO injection over every subnet's, as the snapshots recorded them.
  const share = storedEmissionShare(webHost.dataDir, 5, truth.asOfBlock);
  expect(share).not.toBeNull();
  expect(share!).toBeGreaterThan(0);
  expect(share!).toBeLessThan(1);
  const shownShare = page.getByTestId('health-emission-share');
  expect(parsePct((await shownShare.getAttribute('title'))!)).toBeCloseTo(share!, 6);

  // Net TAO flow into the pool (7 / 30 days): the engine's, and the stored reserves' difference (SQL).
  const { subnet } = engineAnalytics(webHost.dataDir, 'tao', 5);
  const asOf = { block: truth.asOfBlock, timestamp: truth.asOfTimestamp };
  const flows = [
    ['health-flow-7d', 7, subnet.health.netTaoFlow7d],
    ['health-flow-30d', 30, subnet.health.netTaoFlow30d],
  ] as const;
  for (const [id, days, engine] of flows) {
    const stored = storedNetTaoFlow(webHost.dataDir, 5, asOf, days);
    expect(engine, `${days} d flow`).toBe(stored);
    if (stored === null) await expect(page.getByTestId(id)).toHaveText('not enough history');
    else expect(await amount(id)).toBe(stored);
  }
  expect(subnet.health.netTaoFlow7d).not.toBeNull(); // three weeks of history: the 7-day flow is known

  // Emission income over time: one bar per week of the engine's income on SN5, each bar's exact amount
  // (its tooltip's full precision) equal to the engine's for that week.
  const weeks = subnet.income.week;
  expect(weeks.length).toBeGreaterThan(1);
  expect(weeks.some((w) => (w.amount ?? 0n) > 0n)).toBe(true);
  const income = page.getByTestId('chart-subnet.income');
  await income.getByRole('group', { name: 'Income per' }).getByRole('button', { name: 'week' }).click();
  await expect(income.getByTestId('chart-summary')).toContainText(`${weeks.length} points`);
  const bars = income.locator('.recharts-bar-rectangle');
  await bars.first().scrollIntoViewIfNeeded();
  const shownWeeks = new Set<string>();
  const tip = income.getByTestId('chart-tip');
  let previous: string | null = null;
  for (let i = 0; i < (await bars.count()); i++) {
    const box = (await bars.nth(i).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(tip).toBeVisible();
    // The tip follows the pointer a render after the move: until then it is the previous bar's.
    if (previous !== null) await expect(tip.locator('.chart-tip-day')).not.toHaveText(previous);
    previous = (await tip.locator('.chart-tip-day').textContent()) ?? '';
    const start = /\d{4}-\d{2}-\d{2}/.exec((await tip.textContent()) ?? '')![0];
    const week = weeks.find((w) => w.start === start);
    expect(week, `engine week ${start}`).toBeDefined();
    expect(await amountOf(tip.getByTestId('chart-tip-value'))).toBe(week!.amount);
    shownWeeks.add(start);
  }
  // Every week with income has its bar (a week without any draws none).
  expect([...shownWeeks].sort()).toEqual(weeks.filter((w) => w.amount !== 0n).map((w) => w.start));

  await screens(page, 'subnet-detail');
});

test('exiting now says what it sells: the α you can sell (locked α apart), or that there is nothing to sell', async ({
  page,
  webHost,
}) => {
  const truth = engineView(webHost.dataDir);
  const closed = truth.subnets.find((s) => s.figures.alpha === 0n);
  const locked = truth.subnets.find((s) => s.holding.locked > 0n && s.holding.available > 0n);
  expect(closed, 'a subnet sold out in the demo').toBeDefined();
  expect(locked, 'a subnet with locked α in the demo').toBeDefined();
  const exiting = page.getByRole('table', { name: 'Cost of exiting now' });
  const note = page.getByTestId('exit-note');

  // Nothing held: a sentence, not a table of headers with no rows.
  await page.goto(`${webHost.url}#/subnets/${closed!.netuid}`);
  await expect(note).toHaveText(`Nothing held on SN${closed!.netuid}: nothing to sell.`);
  await expect(exiting).toHaveCount(0);

  // Part of it locked: 100 % is of the α that can be sold, and the note says how much is left out.
  await page.goto(`${webHost.url}#/subnets/${locked!.netuid}`);
  await expect(exiting).toBeVisible();
  await expect(note).toContainText('The percentages are of the α you can sell now');
  // α amounts in the subnet's symbol ("1,142.012345678 η"): the number before it.
  const alphaOf = async (at: Locator) => parseAmount((await at.getAttribute('title'))!.replace(/\s\S+$/, ''));
  expect(await alphaOf(note.getByTestId('exit-locked'))).toBe(locked!.holding.locked);
  expect(await alphaOf(page.getByTestId('exit-100').locator('td').first().locator('.amount'))).toBe(
    locked!.holding.available,
  );
});

test('under zero-basis rewards, emission income is said to be inside the PnL beside it, on Subnets and a subnet’s page', async ({
  page,
  webHost,
}) => {
  await page.goto(`${webHost.url}#/subnets`);
  const rewards = page.getByRole('combobox', { name: 'Rewards' });
  await expect(page.getByTestId('value-6')).toBeVisible();
  await expect(page.getByTestId('zero-basis-note')).toHaveCount(0);
  await rewards.selectOption('zero');
  await expect(page.getByTestId('zero-basis-note')).toContainText(
    'the Emissions column (emission income) is already inside unrealized and realized PnL',
  );
  await new SubnetsPage(page).row(6).getByRole('link').click();
  await expect(page.getByTestId('detail-income')).toContainText(
    'Emission income (already inside unrealized and realized PnL)',
  );
  await rewards.selectOption('income');
  await expect(page.getByTestId('detail-income').locator('dt')).toHaveText('Emission income');

  // A subnet more TAO came out of than went in: its negative Hold TAO value is what the flows leave, said so.
  const negative = engineView(webHost.dataDir).subnets.find((s) => (s.benchmarks?.holdTao.benchmarkValue ?? 0n) < 0n);
  expect(negative).toBeDefined();
  await page.goto(`${webHost.url}#/subnets/${negative!.netuid}`);
  await expect(page.getByTestId('hold-tao-negative')).toHaveText(': more TAO came out than went in');
  expect(await amountOf(page.getByTestId('subnet-hold-tao'))).toBe(negative!.benchmarks!.holdTao.benchmarkValue);
});
