import { AppFrame } from '../page-models/app-frame';
import { expect, test } from '../support/web-host';

test('the access token leaves the address bar and history at once, and a reload still works', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  // A fresh install opens on the onboarding.
  await expect(frame.heading()).toHaveText('Welcome to Taofolio');
  expect(page.url()).not.toContain(webHost.token);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  // The history entry itself was rewritten: no entry, back or forward, carries the token.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).not.toContain(webHost.token);
  await page.reload();
  await expect(frame.heading()).toHaveText('Welcome to Taofolio');
  await expect(page.getByRole('form', { name: 'Add a wallet' })).toBeVisible();
  expect(page.url()).not.toContain(webHost.token);
});
