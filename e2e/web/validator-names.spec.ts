import { ActivityPage } from '../page-models/activity-page';
import { SubnetsPage } from '../page-models/subnets-page';
import { engineView, storedIdentities } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

/** The names the demo devnet gives the owners of its first validators (devnet/chain/genesis.ts). */
const DEVNET_NAMES = new Set(['Aurora Stake', 'Basalt Nodes', 'Cobalt Relay', 'Δelta Validators']);

test('validators show by their on-chain name on Subnets, Subnet detail and Activity, the hotkey on hover', async ({
  page,
  webHost,
}) => {
  const names = storedIdentities(webHost.dataDir);
  const truth = engineView(webHost.dataDir);
  const positions = truth.positions.filter((p) => p.netuid !== 0 && p.figures.alpha > 0n);
  // Sync read an identity for every hotkey the wallets staked with; some owners have one, some not.
  for (const p of truth.positions) expect(names.has(p.hotkey)).toBe(true);
  const named = positions.filter((p) => names.get(p.hotkey));
  const unnamed = positions.filter((p) => !names.get(p.hotkey));
  expect(named.length).toBeGreaterThan(0);
  expect(unnamed.length).toBeGreaterThan(0);
  for (const p of named) expect(DEVNET_NAMES.has(names.get(p.hotkey)!)).toBe(true);

  const target = named[0]!;
  const name = names.get(target.hotkey)!;
  const title = `${name} · ${target.hotkey}`;

  // Subnets: the position rows under a subnet name their validator.
  await page.goto(`${webHost.url}#/subnets`);
  const subnets = new SubnetsPage(page);
  await subnets
    .row(target.netuid)
    .getByRole('button', { name: /positions?$/ })
    .click();
  const onSubnets = page.locator(`.position-row .validator[data-hotkey="${target.hotkey}"]`).first();
  await expect(onSubnets).toHaveText(name);
  await expect(onSubnets).toHaveAttribute('title', title);
  const other = unnamed.find((p) => p.netuid === target.netuid);
  if (other) {
    const plain = page.locator(`.position-row .validator[data-hotkey="${other.hotkey}"]`).first();
    await expect(plain).toHaveText(`${other.hotkey.slice(0, 8)}…${other.hotkey.slice(-6)}`);
    await expect(plain).toHaveAttribute('title', other.hotkey);
  }

  // Subnet detail: the position per hotkey.
  await page.goto(`${webHost.url}#/subnets/${target.netuid}`);
  const onDetail = page.getByTestId('hotkey-row').locator(`.validator[data-hotkey="${target.hotkey}"]`).first();
  await expect(onDetail).toHaveText(name);
  await expect(onDetail).toHaveAttribute('title', title);

  // Activity: entries with that validator name it, the full hotkey on hover.
  const activity = new ActivityPage(page);
  await activity.open();
  const total = await activity.total();
  // Hovered only once the searched list is in: the list for new choices is a new grid, and a row
  // hovered before it came would be gone, with the pointer's hover.
  await activity.searchFor(target.hotkey);
  expect(await activity.matched(total)).toBeGreaterThan(0);
  await expect(activity.rows.first()).toBeVisible();
  const cell = activity.rows.first().getByTestId('activity-validator');
  await expect(cell).toContainText(name);
  // A row's hover text is on the page only while the pointer is on the row (renderer/src/activity/row-hover.ts).
  await expect(cell).not.toHaveAttribute('title');
  await cell.hover();
  await expect(cell).toHaveAttribute('title', new RegExp(`${name} · ${target.hotkey}`));
});
