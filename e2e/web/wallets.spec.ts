import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { AppFrame } from '../page-models/app-frame';
import { WalletsPage } from '../page-models/wallets-page';
import { screens } from '../support/screens';
import { SWAPPED_TO } from '../support/seed';
import { expect, test } from '../support/web-host';

const MAIN = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const VAULT = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';
// The VAULT account written with the Polkadot prefix (0).
const VAULT_PREFIX_0 = encodeAddress(decodeAddress(VAULT), 0);

test('manage watched wallets end to end, persisted in SQLite', async ({ page, webHost }) => {
  // Privacy: the UI itself never talks to anything but its own host (no fonts, scripts, telemetry).
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (ws) => requested.push(ws.url()));
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  const wallets = new WalletsPage(page);
  // A fresh install opens on the onboarding; the Wallets page is one click away.
  await expect(frame.heading()).toHaveText('Welcome to Taofolio');
  await wallets.open();
  await expect(frame.heading()).toHaveText('Wallets');
  await expect(page.getByText('No wallets yet.')).toBeVisible();

  await wallets.add(MAIN, 'Main', 'Personal');
  await expect(wallets.rows).toHaveCount(1);
  await wallets.add(VAULT, 'Vault');
  await expect(wallets.rows).toHaveCount(2);
  expect(await wallets.labels()).toEqual(['Main', 'Vault']);
  await expect(wallets.row('Main')).toContainText(MAIN);
  await expect(wallets.row('Main')).toContainText('Personal');

  await wallets.rename('Vault', 'Cold storage');
  await expect(wallets.row('Cold storage')).toContainText(VAULT);
  await wallets.remove('Main');
  await expect(wallets.rows).toHaveCount(1);

  await page.reload();
  await expect(wallets.rows).toHaveCount(1);
  expect(await wallets.labels()).toEqual(['Cold storage']);
  await expect(wallets.row('Cold storage')).toContainText(VAULT);
  await expect(page.getByText('1 wallet watched')).toBeVisible();

  await wallets.add(MAIN, 'Main', 'Personal');
  await expect(wallets.rows).toHaveCount(2);
  await screens(page, 'wallets');

  const wsOrigin = webHost.origin.replace('http://', 'ws://');
  expect(requested.length).toBeGreaterThan(3);
  expect(requested.filter((url) => !url.startsWith(webHost.origin + '/') && !url.startsWith(wsOrigin + '/'))).toEqual(
    [],
  );
});

test('an invalid address shows an inline error and adds nothing', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Main');
  await expect(wallets.rows).toHaveCount(1);

  for (const [input, message] of [
    ['not an address', /not an SS58 address/i],
    [MAIN.slice(0, 30) + (MAIN[30] === 'a' ? 'b' : 'a') + MAIN.slice(31), /checksum/i],
    ['0x' + 'ab'.repeat(32), /hex public key/i],
    [MAIN, /already watched as “Main”/],
  ] as const) {
    await wallets.add(input, 'Should not exist');
    await expect(wallets.addressError).toHaveText(message);
    await expect(wallets.address).toHaveAttribute('aria-invalid', 'true');
    await expect(wallets.rows).toHaveCount(1);
  }
  await page.reload();
  await expect(wallets.rows).toHaveCount(1);
  expect(await wallets.labels()).toEqual(['Main']);
});

test('a refused add’s “already watched” goes once that wallet is removed (it would no longer be true)', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Main');
  await expect(wallets.rows).toHaveCount(1);
  await wallets.add(MAIN, 'Main again');
  await expect(wallets.addressError).toHaveText('This address is already watched as “Main”.');

  await wallets.remove('Main');
  await expect(wallets.rows).toHaveCount(0);
  await expect(wallets.addressError).toHaveCount(0);
  await expect(wallets.address).not.toHaveAttribute('aria-invalid', 'true');
  // What was typed stays: adding it now works.
  await expect(wallets.address).toHaveValue(MAIN);
  await wallets.submit.click();
  await expect(wallets.rows).toHaveCount(1);
  expect(await wallets.labels()).toEqual(['Main again']);
});

test('a group that is too long is flagged on the Group field, like the other fields', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Main', 'G'.repeat(41));
  await expect(wallets.group).toHaveAttribute('aria-invalid', 'true');
  await expect(wallets.group).toHaveAccessibleDescription('Group is at most 40 characters.');
  await expect(wallets.address).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wallets.label).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wallets.rows).toHaveCount(0);
});

test('a rename that was cancelled or refused leaves nothing behind for the next one', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Main', 'Personal');
  await expect(wallets.rows).toHaveCount(1);

  // Typed, then cancelled: the next rename starts from the wallet's label and group, not the draft.
  let form = await wallets.openRename('Main');
  await form.getByLabel('New label').fill('Half-typed');
  await form.getByLabel('New group').fill('Other');
  await form.getByRole('button', { name: 'Cancel' }).click();
  form = await wallets.openRename('Main');
  await expect(form.getByLabel('New label')).toHaveValue('Main');
  await expect(form.getByLabel('New group')).toHaveValue('Personal');

  // Refused (no label), then cancelled: the next rename shows no stale error.
  await form.getByLabel('New label').fill('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText(/label/i);
  await form.getByRole('button', { name: 'Cancel' }).click();
  form = await wallets.openRename('Main');
  await expect(form.getByLabel('New label')).toHaveValue('Main');
  await expect(form.getByRole('alert')).toHaveCount(0);
});

test('renaming and removing by keyboard: Escape cancels, focus goes back to the button', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(MAIN, 'Main');
  await expect(wallets.rows).toHaveCount(1);
  const row = wallets.row('Main');
  const renameButton = row.getByRole('button', { name: 'Rename Main' });
  const removeButton = row.getByRole('button', { name: 'Remove Main' });

  await renameButton.focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Rename Main' });
  await expect(form.getByLabel('New label')).toBeFocused();
  await page.keyboard.type(' (old)');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(renameButton).toBeFocused();
  expect(await wallets.labels()).toEqual(['Main']);

  // Saved with Enter: focus is back on the (renamed) row's Rename button.
  await page.keyboard.press('Enter');
  await page.keyboard.type(' wallet');
  await page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Rename Main wallet' })).toBeFocused();

  // Remove asks with the focus on the safe answer; Escape keeps the wallet.
  await removeButton.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: 'Confirm remove' })).toHaveCount(0);
  await expect(removeButton).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(removeButton).toBeFocused();
  await expect(wallets.rows).toHaveCount(1);
});

test('an address for another network is normalised to prefix 42 with a note', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const wallets = new WalletsPage(page);
  await wallets.open();
  await wallets.add(VAULT_PREFIX_0, 'From Polkadot');
  await expect(wallets.row('From Polkadot')).toContainText(VAULT);
  await expect(wallets.status).toContainText('SS58 prefix 0');
});

test('navigation shows every section; empty sections say what will appear', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  for (const name of ['Portfolio', 'Subnets', 'Activity', 'Settings', 'Wallets'] as const) {
    await frame.link(name).click();
    await expect(frame.heading()).toHaveText(name);
    await expect(frame.link(name)).toHaveAttribute('aria-current', 'page');
  }
  await frame.link('Portfolio').click();
  await expect(page.getByText('No stake history yet.')).toBeVisible();
  await frame.link('Subnets').click();
  await expect(page.getByText('No positions yet.')).toBeVisible();
});

test('the web host refuses a WebSocket connection without the token', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const results = await page.evaluate(async (origin) => {
    const attempt = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      });
    const wsOrigin = origin.replace('http', 'ws');
    return { none: await attempt(`${wsOrigin}/api`), wrong: await attempt(`${wsOrigin}/api?token=wrong`) };
  }, webHost.origin);
  expect(results).toEqual({ none: 'refused', wrong: 'refused' });

  // A tab opened without the token (a new tab has none in its session) is told what is missing
  // instead of being shown data.
  const fresh = await page.context().newPage();
  await fresh.goto(webHost.origin + '/');
  await expect(fresh.getByRole('alert')).toContainText('Missing access token');
  // The tab that had the URL keeps working across a reload without the token in its address.
  await page.goto(webHost.origin + '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Taofolio');
});

test.describe('after a coldkey swap', () => {
  test.use({ seed: 'coldkey-swapped' });

  test('the wallet says where its stake went and offers to follow the new coldkey', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const wallets = new WalletsPage(page);
    await wallets.open();
    const note = wallets.row('Main').getByTestId('moved-to');
    await expect(note).toContainText(`moved this wallet’s stake to ${SWAPPED_TO} at block #300`);
    await screens(page, 'wallets-coldkey-swap');
    await note.getByRole('button', { name: 'Follow the new coldkey' }).click();
    await expect(wallets.rows).toHaveCount(2);
    const followed = page.locator(`[data-testid="wallet-row"][data-address="${SWAPPED_TO}"]`);
    await expect(followed.locator('.wallet-label')).toHaveText('Main (new coldkey)');
    await expect(note).toContainText('Followed as “Main (new coldkey)”.');
  });
});
