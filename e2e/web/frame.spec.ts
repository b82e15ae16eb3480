import { AppFrame } from '../page-models/app-frame';
import { expect, test } from '../support/web-host';

test.describe('with wallets', () => {
  test.use({ seed: 'one-position' });
  test('the app opens on Portfolio when wallets exist', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const frame = new AppFrame(page);
    await expect(frame.heading()).toHaveText('Portfolio');
    await expect(frame.link('Portfolio')).toHaveAttribute('aria-current', 'page');
  });
});

test('a fresh install opens on the first-run setup, whose first step adds a wallet', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await expect(new AppFrame(page).heading()).toHaveText('Welcome to Taofolio');
  await expect(page.getByRole('form', { name: 'Add a wallet' })).toBeVisible();
  // A reload stays there.
  await page.reload();
  await expect(new AppFrame(page).heading()).toHaveText('Welcome to Taofolio');
});

test('/favicon.ico is served (no 404 in the console)', async ({ page, webHost }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(webHost.url);
  await expect(new AppFrame(page).heading()).toBeVisible();
  const icon = await page.request.get(`${webHost.origin}/favicon.ico`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  const body = await icon.body();
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(failed).toEqual([]);
});

test.describe('theme', () => {
  test.use({ seed: 'one-position' });
  test('the theme choice applies and is remembered', async ({ page, webHost }) => {
    await page.goto(webHost.url);
    const theme = page.getByRole('combobox', { name: 'Theme' });
    const root = page.locator('html');
    await theme.selectOption('light');
    await expect(root).toHaveCSS('background-color', 'rgb(246, 247, 249)');
    await theme.selectOption('dark');
    await expect(root).toHaveCSS('background-color', 'rgb(17, 19, 21)');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await expect(root).toHaveCSS('background-color', 'rgb(17, 19, 21)');
  });
});
