// Activity on a synced devnet scenario (tiny, seed 1): the rows are the engine's ledger, compared as
// numbers; newest first; filters, search, sort, keyboard and the remembered choices; the export
// follows the filters.
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { LedgerEntry } from '../../shared/engine';
import { LEDGER_KINDS } from '../../shared/vocab';
import { ActivityPage } from '../page-models/activity-page';
import { AppFrame } from '../page-models/app-frame';
import { WalletsPage } from '../page-models/wallets-page';
import { parseAmount, roundsTo } from '../support/amounts';
import { screens } from '../support/screens';
import { syncedData, type SyncedData } from '../support/synced';
import { expect, startWebHost, test, type RunningWebHost } from '../support/web-host';

let synced: SyncedData;
let host: RunningWebHost;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  synced = await syncedData('tiny', 1);
  // Nothing follows the chain here: the list is exactly what was synced.
  host = await startWebHost(synced.dataDir, { env: { TAOFOLIO_AUTOSYNC: '0' } });
});
test.afterAll(async () => {
  await host?.stop();
  await synced?.devnet.close();
  if (synced) rmSync(synced.dataDir, { recursive: true, force: true });
});

const newestFirst = () => [...synced.ledger].reverse();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const csvEntries = (csv: string) =>
  new Set(
    csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[3]),
  );

async function openActivity(page: Page): Promise<ActivityPage> {
  await page.goto(host.url);
  await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
  const activity = new ActivityPage(page);
  await activity.open();
  await activity.expectCount(synced.ledger.length);
  return activity;
}

test('rows are the engine ledger, newest first, with the amounts it books (root claims and pairs included)', async ({
  page,
}) => {
  const activity = await openActivity(page);
  const expected = newestFirst();
  const shown = await activity.seqs();
  expect(shown.length).toBeGreaterThan(8);
  expect(shown).toEqual(expected.slice(0, shown.length).map((e) => e.seq));
  for (const seq of shown) {
    const entry = synced.ledger[seq]!;
    const row = activity.row(seq);
    await expect(row.getByTestId('activity-kind')).toHaveText(LEDGER_KINDS[entry.kind].label);
    const alphas = await row.getByTestId('activity-alpha').locator('.amount').allTextContents();
    expect(alphas.length).toBe(entry.legs.length);
    alphas.forEach((text, i) => expect(roundsTo(text, entry.legs[i]!.alpha), `${seq} α ${text}`).toBe(true));
    expect(roundsTo(await row.getByTestId('activity-tao').innerText(), entry.firstLeg.tao)).toBe(true);
  }

  // Full precision in the detail, exactly the engine's numbers: a root claim, a two-leg entry, a sale.
  const pick = (test: (e: LedgerEntry) => boolean) => expected.find(test);
  const samples = [
    pick((e) => e.kind === 'root-claim-keep'),
    pick((e) => e.legCount === 2),
    pick((e) => e.kind === 'sell'),
  ].filter((e): e is LedgerEntry => e !== undefined);
  expect(samples.map((e) => e.kind)).toContain('root-claim-keep');
  expect(samples.some((e) => e.legCount === 2)).toBe(true);
  for (const entry of samples) {
    await activity.searchFor(`${entry.blockNumber}`);
    const inBlock = synced.ledger.filter((e) => e.blockNumber === entry.blockNumber).length;
    await activity.expectCount(synced.ledger.length, inBlock);
    await activity.row(entry.seq).click();
    await expect(activity.detail.getByTestId('detail-block')).toHaveText(`#${entry.blockNumber.toLocaleString('en')}`);
    // The local time written as the app writes dates ("Dec 6, 2026, 07:40 PM"), not "12/6/2026, 7:40:00 PM".
    const local = await page.evaluate(
      (t) =>
        new Intl.DateTimeFormat(undefined, {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(t)),
      entry.timestamp,
    );
    await expect(activity.detail.getByTestId('detail-local-time')).toHaveText(`(${local} local)`);
    const hash = entry.sources[0]?.blockHash;
    if (hash) await expect(activity.detail.getByTestId('detail-hash')).toHaveText(hash);
    const legs = activity.detail.getByTestId('detail-leg');
    await expect(legs).toHaveCount(entry.legCount);
    for (const [i, leg] of entry.legs.entries()) {
      expect(parseAmount(await legs.nth(i).getByTestId('detail-alpha').innerText())).toBe(leg.alpha);
      expect(parseAmount(await legs.nth(i).getByTestId('detail-tao').innerText())).toBe(leg.tao);
    }
    // Each chain event once, with its index.
    const indices = await activity.detail.getByTestId('detail-source').locator('td:nth-child(2)').allTextContents();
    expect(indices.map(Number)).toEqual(entry.sources.map((s) => s.eventIndex));
    if (entry.kind === 'root-claim-keep') expect(entry.firstLeg.alpha).toBeGreaterThan(0n);
  }
  await screens(page, 'activity-detail');
  await activity.searchFor('');
});

test('filters, search and sorting narrow and order the rows; the export follows them', async ({ page }) => {
  const activity = await openActivity(page);
  await screens(page, 'activity');
  const [user0, empty] = [
    synced.wallets.find((w) => w.label === 'user 0')!,
    synced.wallets.find((w) => w.label === 'Empty')!,
  ];

  // An empty wallet: nothing shown, nothing to export (the old page exported every row).
  await activity.filter('Wallet').selectOption({ label: 'Empty' });
  await activity.expectCount(synced.ledger.length, 0);
  await expect(page.getByText('No entry matches these filters.')).toBeVisible();
  await expect(activity.exportButton).toBeDisabled();
  expect(empty.id).toBeGreaterThan(0);

  // One wallet: the count and the exported entries are exactly the engine's entries of that wallet.
  await activity.filter('Wallet').selectOption({ label: 'user 0' });
  const mine = synced.ledger.filter((e) => e.legs.some((l) => l.coldkey === user0.address));
  await activity.expectCount(synced.ledger.length, mine.length);
  const csv = await activity.exportCsv();
  expect(csvEntries(csv)).toEqual(new Set(mine.map((e) => String(e.seq))));

  // Subnet and kind on top of the wallet.
  const netuid = mine.find((e) => e.kind === 'buy')!.firstLeg.netuid;
  await activity.filter('Subnet').selectOption({ label: `SN${netuid}` });
  await activity.filter('Kind').selectOption({ label: LEDGER_KINDS.buy.label });
  const buys = mine.filter((e) => e.kind === 'buy' && e.legs.some((l) => l.netuid === netuid));
  await activity.expectCount(synced.ledger.length, buys.length);
  expect(csvEntries(await activity.exportCsv())).toEqual(new Set(buys.map((e) => String(e.seq))));
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await activity.expectCount(synced.ledger.length);

  // Date range (UTC days, both ends included).
  const target = synced.ledger[Math.floor(synced.ledger.length / 2)]!;
  await activity.filter('From (UTC)').fill(day(target.timestamp));
  await activity.filter('To (UTC)').fill(day(target.timestamp));
  const sameDay = synced.ledger.filter((e) => day(e.timestamp) === day(target.timestamp));
  await activity.expectCount(synced.ledger.length, sameDay.length);
  // Reversed: the range is reported and claims no entries (it is not applied, so the list is not shown).
  await activity.filter('From (UTC)').fill(day(target.timestamp + 86_400_000));
  await expect(activity.count).toHaveText('No date range: “From” is after “To”');
  await expect(page.getByRole('button', { name: 'Export entries (CSV)' })).toBeDisabled();
  await expect(activity.grid).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await activity.expectCount(synced.ledger.length);

  // Search by block, and by part of a hotkey.
  await activity.searchFor(String(target.blockNumber));
  const inBlock = synced.ledger.filter((e) => e.blockNumber === target.blockNumber);
  await activity.expectCount(synced.ledger.length, inBlock.length);
  expect(await activity.seqs()).toEqual(inBlock.map((e) => e.seq).reverse());
  const hotkey = target.firstLeg.hotkey;
  await activity.searchFor(hotkey.slice(3, 14));
  const withHotkey = synced.ledger.filter(
    (e) =>
      e.legs.some((l) => l.hotkey.includes(hotkey.slice(3, 14))) ||
      e.sources.some((s) =>
        [s.hotkey, s.destHotkey, s.coldkey, s.counterpartyColdkey].some((k) => k?.includes(hotkey.slice(3, 14))),
      ),
  );
  await activity.expectCount(synced.ledger.length, withHotkey.length);
  await activity.searchFor('');
  await activity.expectCount(synced.ledger.length);

  // Sort by α, largest first, then smallest first.
  await activity.header('α').click();
  const byAlpha = [...synced.ledger].sort((a, b) =>
    a.firstLeg.alpha < b.firstLeg.alpha ? 1 : a.firstLeg.alpha > b.firstLeg.alpha ? -1 : b.seq - a.seq,
  );
  await expect(activity.grid.getByRole('columnheader', { name: /^α/ })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await activity.seqs()).slice(0, 5)).toEqual(byAlpha.slice(0, 5).map((e) => e.seq));
  await activity.header('α').click();
  await expect(activity.grid.getByRole('columnheader', { name: /^α/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await activity.seqs())[0]).toBe(byAlpha.at(-1)!.seq);
});

test('keyboard: arrows move, Enter opens the detail, Escape closes it, End reaches the oldest entry', async ({
  page,
}) => {
  const activity = await openActivity(page);
  const expected = newestFirst();
  await activity.grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(activity.row(expected[2]!.seq)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(activity.detail.getByTestId('detail-block')).toHaveText(
    `#${expected[2]!.blockNumber.toLocaleString('en')}`,
  );
  await page.keyboard.press('Escape');
  await expect(activity.detail).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(activity.row(expected.at(-1)!.seq)).toHaveAttribute('aria-selected', 'true');
  await expect(activity.row(expected.at(-1)!.seq)).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(activity.row(expected[0]!.seq)).toBeInViewport();
  // A header's sort button sorts with Enter and Space, and keeps the focus; the rows' keys are not its.
  const taoHeader = activity.grid.getByRole('columnheader', { name: /^TAO/ });
  await activity.header('TAO').focus();
  await page.keyboard.press('Enter');
  await expect(taoHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(activity.detail).toHaveCount(0);
  await expect(activity.header('TAO')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(taoHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(activity.header('TAO')).toBeFocused();
  await activity.header('Kind').focus();
  await page.keyboard.press(' ');
  await expect(activity.grid.getByRole('columnheader', { name: /^Kind/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(activity.detail).toHaveCount(0);
  // "/" jumps to the search box.
  await activity.grid.focus();
  await page.keyboard.press('/');
  await expect(activity.search).toBeFocused();
});

test('choices are remembered across pages and reloads', async ({ page }) => {
  const activity = await openActivity(page);
  await activity.filter('Kind').selectOption({ label: LEDGER_KINDS.sell.label });
  const sells = synced.ledger.filter((e) => e.kind === 'sell').length;
  await activity.expectCount(synced.ledger.length, sells);
  await activity.header('TAO').click();
  await expect(activity.grid.getByRole('columnheader', { name: /^TAO/ })).toHaveAttribute('aria-sort', 'descending');
  await activity.expectCount(synced.ledger.length, sells);
  const frame = new AppFrame(page);
  await frame.link('Wallets').click();
  await activity.open();
  await expect(activity.filter('Kind')).toHaveValue('sell');
  await activity.expectCount(synced.ledger.length, sells);
  await expect(activity.grid.getByRole('columnheader', { name: /^TAO/ })).toHaveAttribute('aria-sort', 'descending');
  await page.reload();
  await expect(activity.filter('Kind')).toHaveValue('sell');
  await activity.expectCount(synced.ledger.length, sells);
});

test('a long wallet label keeps the filters in their row: the Wallet choice does not grow to fit it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const activity = await openActivity(page);
  const top = async (label: 'Wallet' | 'Subnet' | 'Kind') => (await activity.filter(label).boundingBox())!.y;
  const before = [await top('Wallet'), await top('Subnet'), await top('Kind')];
  expect(new Set(before).size).toBe(1);
  const wallets = new WalletsPage(page);
  await wallets.open();
  const [original] = await wallets.labels();
  // The longest label a wallet may have (80 characters).
  const long = 'Cold storage for the long-term subnet bets, shared with the family trust, 2026 A';
  await wallets.rename(original!, long);
  await expect(wallets.row(long)).toBeVisible();
  try {
    await activity.open();
    await activity.expectCount(synced.ledger.length);
    await expect(activity.filter('Wallet').getByRole('option', { name: long })).toHaveCount(1);
    expect([await top('Wallet'), await top('Subnet'), await top('Kind')]).toEqual(before);
  } finally {
    await wallets.open();
    await wallets.rename(long, original!);
    await expect(wallets.row(original!)).toBeVisible();
  }
});
