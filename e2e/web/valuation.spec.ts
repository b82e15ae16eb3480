import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { SubnetsPage } from '../page-models/subnets-page';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';
import { INJECTED_ALPHA, INJECTED_AT } from '../../main/test/valuation-devnet';

// Runtime 424 synced from the devnet, with a lock on one subnet and an α change no rule explains
// (main/test/valuation-devnet.ts): the screen shows the locked α apart from the exit value and lists
// the unexplained change with its block, every number equal to the service's.
test.use({ seed: 'devnet-valuation424' });
test.describe.configure({ timeout: 240_000 });

test('locked α and the unexplained changes on screen equal the service’s', async ({ page, webHost }) => {
  const truth = engineView(webHost.dataDir);
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);

  // Headline: the exit value counts only what can be sold; the locked part is shown apart, at spot.
  expect(truth.total.holding.locked).toBeGreaterThan(0n);
  expect(await portfolio.amount('exit-value')).toBe(truth.total.figures.exitValue);
  expect(await portfolio.amount('locked-value')).toBe(truth.total.holding.lockedValue);
  await expect(page.getByTestId('locked')).toContainText('not in the exit value');

  // The unexplained list: every change above rounding, with its block, subnet, hotkey and α.
  const listed = truth.unexplained.filter((u) => u.alpha < -2n || u.alpha > 2n);
  expect(listed.map((u) => [u.block, u.alpha])).toContainEqual([INJECTED_AT, INJECTED_ALPHA]);
  const rows = page.getByTestId('unexplained-row');
  await expect(rows).toHaveCount(listed.length);
  for (const [i, u] of listed.entries()) {
    const row = rows.nth(i);
    await expect(row.getByTestId('unexplained-block')).toHaveText(String(u.block));
    await expect(row.getByTestId('unexplained-netuid')).toHaveText(`SN${u.netuid}`);
    await expect(row.getByTestId('unexplained-hotkey')).toHaveAttribute('data-hotkey', u.hotkey);
    expect(await amountOf(row.getByTestId('unexplained-alpha-amount'))).toBe(u.alpha);
  }
  // The headline's note: the same net change as the card and `report` (signed: here α vanished).
  const net = truth.unexplained.reduce((sum, u) => sum + u.alpha, 0n);
  expect(net).toBeLessThan(0n);
  expect(await amountOf(page.getByTestId('unexplained-alpha').locator('.amount'))).toBe(net);
  const rounding = truth.unexplained.length - listed.length;
  if (rounding > 0) await expect(page.getByTestId('unexplained-rounding')).toContainText(`And ${rounding} change`);

  // Subnets table: each subnet with a lock shows its locked α beside the α held.
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await expect(subnets.rows.first()).toBeVisible();
  const locked = truth.subnets.filter((s) => s.holding.locked > 0n);
  expect(locked.length).toBeGreaterThan(0);
  for (const s of locked) expect(await subnets.amount(`locked-${s.netuid}`)).toBe(s.holding.locked);
  const unlocked = truth.subnets.filter((s) => s.holding.locked === 0n);
  for (const s of unlocked) await expect(page.getByTestId(`locked-${s.netuid}`)).toHaveCount(0);

  // Expanded, a locked subnet shows which positions carry the lock, each as the service attributes it.
  const first = locked[0]!;
  await subnets
    .row(first.netuid)
    .getByRole('button', { name: /positions?$/ })
    .click();
  const positions = truth.positions.filter((p) => p.netuid === first.netuid);
  await expect(page.locator('.position-row')).toHaveCount(positions.length);
  let shown = 0n;
  for (const p of positions) {
    const mark = page.getByTestId(`position-locked-${p.key}`);
    if (p.holding.locked === 0n) await expect(mark).toHaveCount(0);
    else {
      expect(await amountOf(mark)).toBe(p.holding.locked);
      shown += p.holding.locked;
    }
  }
  expect(shown).toBe(first.holding.locked);
});
