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

test.describe('an address that names no page', () => {
  test.use({ seed: 'one-position' });
  test('says so, marks no page in the menu, and links to Portfolio', async ({ page, webHost }) => {
    const frame = new AppFrame(page);
    for (const hash of ['#/nope', '#/subnets/70000']) {
      await page.goto(`${webHost.url}${hash}`);
      await expect(frame.heading()).toHaveText('Page not found');
      await expect(page.getByRole('main')).toContainText(hash);
      await expect(frame.nav.locator('[aria-current="page"]')).toHaveCount(0);
    }
    await page.getByRole('link', { name: 'Go to Portfolio' }).click();
    await expect(frame.heading()).toHaveText('Portfolio');
    await expect(frame.link('Portfolio')).toHaveAttribute('aria-current', 'page');
    // Going from a page to a mistyped address shows the note, not the page it came from.
    await page.evaluate(() => (window.location.hash = '#/nope'));
    await expect(frame.heading()).toHaveText('Page not found');
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
