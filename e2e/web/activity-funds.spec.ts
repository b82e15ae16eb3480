// Validator-fund records in Activity on the demo (devnet demo seed 1, which reaches 475 with a fund-share
// purchase): the purchase is a row with the engine's shares and TAO, compared as numbers; its detail names
// the BasketStakedIn it came from (block hash, extrinsic, event index); the kind and Root filters keep it,
// a subnet's drops it; the export has its fund-shares line (docs/chain/baskets.md#activity).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE, type DB } from '../../main/db/open';
import { ledgerFactsRepo } from '../../main/db/repos/ledger-facts';
import { walletsRepo } from '../../main/db/repos/wallets';
import { formatTao, type BasketRecord, type StakeEvent } from '../../shared/engine';
import { ACTIVITY_KINDS } from '../../shared/vocab';
import { ActivityPage } from '../page-models/activity-page';
import { amountOf } from '../page-models/figures';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

test.use({ seed: 'devnet-demo' });
test.describe.configure({ timeout: 240_000 });

/** The BasketStakedIn events stored for the watched wallets (what the detail must name). */
function storedPurchases(dataDir: string): StakeEvent[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true }) as DB;
  db.defaultSafeIntegers(true);
  try {
    const coldkeys = walletsRepo(db)
      .list()
      .map((w) => w.address);
    return ledgerFactsRepo(db)
      .events(coldkeys)
      .filter((e) => e.kind === 'BasketStakedIn');
  } finally {
    db.close();
  }
}

test('a fund-share purchase is an Activity row with the engine’s shares and TAO, its event, filters and export', async ({
  page,
  webHost,
}) => {
  const view = engineView(webHost.dataDir);
  const purchases: BasketRecord[] = view.baskets.positions
    .flatMap((p) => p.records)
    .filter((r) => r.kind === 'purchase')
    .sort((a, b) => b.blockNumber - a.blockNumber);
  expect(purchases.length).toBeGreaterThan(0);
  const events = storedPurchases(webHost.dataDir);
  expect(events).toHaveLength(purchases.length);

  await page.goto(webHost.url);
  const activity = new ActivityPage(page);
  await activity.open();
  const total = await activity.total();
  await activity.filter('Kind').selectOption({ label: ACTIVITY_KINDS['fund-purchase'].label });
  await activity.expectCount(total, purchases.length);
  await expect(activity.rows).toHaveCount(purchases.length);
  const rows = activity.rows;
  for (const [i, r] of purchases.entries()) {
    const row = rows.nth(i);
    await expect(row.getByTestId('activity-kind')).toHaveText('Bought fund shares');
    // Full precision is the hover text, on the page while the pointer is on the row (row-hover.ts).
    await row.hover();
    await expect(row.getByTestId('activity-tao').locator('.amount')).toHaveAttribute('title', /\d/);
    expect(await amountOf(row.getByTestId('activity-shares'))).toBe(r.shares);
    expect(await amountOf(row.getByTestId('activity-tao').locator('.amount'))).toBe(r.tao);
    await expect(row).toContainText('Fund');
  }

  // The newest purchase in full: the event it came from, its amounts at full precision.
  const newest = purchases[0]!;
  const event = events.find((e) => e.blockNumber === newest.blockNumber && e.coldkey === newest.coldkey)!;
  await rows.first().click();
  await expect(activity.detail.getByRole('heading', { name: 'Bought fund shares' })).toBeVisible();
  await expect(activity.detail.getByTestId('detail-hash')).toHaveText(event.blockHash);
  await expect(activity.detail.getByTestId('detail-extrinsic')).toHaveText(
    `${event.blockNumber}-${event.extrinsicIndex}`,
  );
  await expect(activity.detail.getByTestId('detail-source')).toContainText(String(event.eventIndex));
  expect(await amountOf(activity.detail.getByTestId('detail-fund-shares').locator('.amount'))).toBe(newest.shares);
  expect(await amountOf(activity.detail.getByTestId('detail-fund-tao').locator('.amount').first())).toBe(newest.tao);

  // Funds are root validators': the Root filter keeps the purchase, a subnet's does not.
  await activity.filter('Subnet').selectOption({ label: 'Root' });
  await activity.expectCount(total, purchases.length);
  await expect(activity.rows).toHaveCount(purchases.length);
  const csv = await activity.exportCsv();
  const lines = csv.trim().split('\r\n').slice(1);
  expect(lines).toHaveLength(purchases.length);
  expect(lines.map((l) => l.split(',').slice(4, 10))).toEqual(
    purchases.map((r) => ['fund-purchase', r.coldkey, r.hotkey, '', formatTao(r.shares), formatTao(r.tao)]),
  );
  const subnet = view.subnets.find((s) => s.netuid > 0)!;
  await activity.filter('Subnet').selectOption({ label: `SN${subnet.netuid}` });
  await activity.expectCount(total, 0);
});
