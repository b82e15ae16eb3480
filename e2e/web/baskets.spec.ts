import { amountOf } from '../page-models/figures';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

// The basket era (devnet basket475 seed 1: 393 → 424 → 455 → 475), synced from the devnet: the Subnets
// page shows each wallet's shares of validator funds in a "Root & baskets" section, beside the subnet
// table, with the engine's figures (docs/chain/baskets.md).
test.use({ seed: 'devnet-basket475' });
test.describe.configure({ timeout: 240_000 });

test('Root & baskets lists every basket position with the engine’s shares, value and income', async ({
  page,
  webHost,
}) => {
  const truth = engineView(webHost.dataDir).baskets;
  const held = truth.positions.filter((p) => p.figures.shares > 0n || p.figures.taoOut > 0n || p.figures.income > 0n);
  expect(held.length).toBeGreaterThan(0);
  await page.goto(`${webHost.url}#/subnets`);
  const section = page.getByTestId('root-baskets');
  await expect(section.getByRole('heading', { name: 'Root & baskets' })).toBeVisible();
  const rows = section.getByTestId('basket-row');
  await expect(rows).toHaveCount(truth.positions.length);
  for (const p of truth.positions) {
    const row = section.locator(`[data-testid="basket-row"][data-coldkey="${p.coldkey}"][data-hotkey="${p.hotkey}"]`);
    expect(await amountOf(row.getByTestId('basket-shares'))).toBe(p.figures.shares);
    expect(await amountOf(row.getByTestId('basket-value'))).toBe(p.figures.value);
    expect(await amountOf(row.getByTestId('basket-income'))).toBe(p.figures.income);
  }
  expect(await amountOf(section.getByTestId('basket-total-value'))).toBe(truth.total.value);
  // The drill-down of the position with the most records: the engine's records, kind by kind.
  const busiest = [...truth.positions].sort((a, b) => b.records.length - a.records.length)[0]!;
  const row = section.locator(
    `[data-testid="basket-row"][data-coldkey="${busiest.coldkey}"][data-hotkey="${busiest.hotkey}"]`,
  );
  await row.getByRole('button').click();
  const records = section.getByTestId('basket-record');
  await expect(records).toHaveCount(busiest.records.length);
  expect(await records.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-kind')))).toEqual(
    busiest.records.map((r) => r.kind),
  );
  expect(busiest.records.some((r) => r.kind === 'claim')).toBe(true);
});

test('Portfolio allocation shows the validator funds beside the subnets', async ({ page, webHost }) => {
  const view = engineView(webHost.dataDir);
  // one slice per fund (summed over wallets) beside the subnets; the legend names the 7 largest
  const byFund = new Map<string, bigint>();
  for (const p of view.baskets.positions) byFund.set(p.hotkey, (byFund.get(p.hotkey) ?? 0n) + p.figures.value);
  const shown = [
    ...view.subnets.map((s) => ({ id: String(s.netuid), value: s.figures.spotValue })),
    ...[...byFund].map(([hotkey, value]) => ({ id: `fund-${hotkey}`, value })),
  ]
    .filter((s) => s.value > 0n)
    .sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : 0))
    .slice(0, 7);
  const funds = shown.filter((s) => s.id.startsWith('fund-'));
  expect(funds.length).toBeGreaterThan(0);
  await page.goto(webHost.url);
  for (const f of funds) {
    const item = page.getByTestId(`allocation-${f.id}`);
    await expect(item).toContainText('Validator fund ');
  }
});
