// Privacy, as a whole flow in Chromium against the web host: onboarding, sync to live, every screen
// (a subnet's own page included), every export. Recorded at three levels: every outbound TCP
// connection of the host process (net.Socket connect, through e2e/support/egress-hook.ts), every
// connection Chromium itself asks for (all its traffic goes through a recording proxy, loopback
// included), and every request and WebSocket of the page. Only 127.0.0.1 and the chosen endpoint
// may appear. A fresh install (no wallet, no endpoint) makes no outbound connection at all.
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Devnet } from '../../devnet/index';
import { ensureDevnetMetadata } from '../../main/test/devnet';
import { AppFrame } from '../page-models/app-frame';
import { EndpointChooser } from '../page-models/settings-page';
import { SubnetsPage } from '../page-models/subnets-page';
import { WalletsPage } from '../page-models/wallets-page';
import { chromiumLaunchOptions } from '../support/chromium';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { expect, test, type RunningWebHost } from '../support/web-host';

test.use({ hostOptions: { recordEgress: true } });

/**
 * Chromium's own Google services (form-field crowdsourcing, account checks) call home whatever page
 * is open; they are the browser's, not the app's, and a user's browser has its own settings for
 * them. Switched off here so that what remains in the proxy's record is what the app caused.
 */
const CHROMIUM_QUIET = [
  '--disable-features=AutofillServerCommunication,AutofillCrowdsourcing,OptimizationHints,MediaRouter,Translate,AccountConsistency,SigninInterceptBubble',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-signin-promo',
];

/**
 * What Chromium's profile asks for whatever page is open, even with the flags above: the Google
 * account check (ListAccounts) of a fresh profile. Kept out of the verdict by name; any other host
 * fails the test.
 */
const CHROMIUM_OWN = new Set(['accounts.google.com:443']);

let dn: Devnet;
let proxy: RecordingProxy;
let browser: Browser;
test.beforeAll(async () => {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
  proxy = await startRecordingProxy();
  const options = chromiumLaunchOptions();
  browser = await chromium.launch({ ...options, args: [...options.args, ...CHROMIUM_QUIET, ...proxy.chromiumArgs] });
});
test.afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await dn?.close();
});

/** A page of the proxied browser that logs every request and WebSocket it makes. */
async function recordedPage(): Promise<{ page: Page; urls: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  return { page, urls };
}

/** What the page and the browser reached: only the web host (and blob: URLs of its own exports). */
function expectBrowserStayedHome(host: RunningWebHost, urls: string[]): void {
  const ws = host.origin.replace('http://', 'ws://');
  const own = [`${host.origin}/`, `${ws}/`, `blob:${host.origin}/`];
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => !own.some((prefix) => u.startsWith(prefix)))).toEqual([]);
  expect(proxy.peers.length).toBeGreaterThan(0);
  expect(proxy.peers.filter((peer) => peer !== `127.0.0.1:${host.port}` && !CHROMIUM_OWN.has(peer))).toEqual([]);
}

test('a fresh install (no wallet, no endpoint) makes no outbound connection at all', async ({ webHost }) => {
  proxy.peers.length = 0;
  const { page, urls } = await recordedPage();
  await page.goto(webHost.url);
  await expect(new AppFrame(page).heading()).toHaveText('Welcome to Taofolio');
  // Every screen of a fresh install, then a moment for anything that would dial late.
  for (const link of ['Portfolio', 'Subnets', 'Activity', 'Wallets', 'Settings'] as const) {
    await new AppFrame(page).link(link).click();
    await expect(new AppFrame(page).heading()).toHaveText(link);
  }
  await page.waitForTimeout(1500);
  expect(webHost.egress()).toEqual([]);
  expectBrowserStayedHome(webHost, urls);
  await page.context().close();
});

test('onboarding, sync, every screen and every export reach only 127.0.0.1 and the chosen endpoint', async ({
  webHost,
}) => {
  test.setTimeout(180_000);
  proxy.peers.length = 0;
  const { page, urls } = await recordedPage();
  const frame = new AppFrame(page);
  const wallets = new WalletsPage(page);
  const endpoint = `127.0.0.1:${new URL(dn.url).port}`;

  await page.goto(webHost.url);
  await expect(frame.heading()).toHaveText('Welcome to Taofolio');
  await wallets.add(dn.coldkeys[0]!, 'Erin');
  await expect(page.getByTestId('onboarding-wallets')).toContainText('Watching Erin. Nothing has connected yet.');
  expect(webHost.egress()).toEqual([]);
  await new EndpointChooser(page).choose(dn.url);
  await expect(page.getByTestId('onboarding-done')).toContainText(dn.url);

  await wallets.open();
  await expect(wallets.row('Erin').getByTestId('wallet-sync')).toHaveAttribute('data-phase', 'live', {
    timeout: 60_000,
  });

  // Every screen, with what it fetches.
  await frame.link('Portfolio').click();
  await expect(frame.heading()).toHaveText('Portfolio');
  const portfolioExports = page.getByRole('group', { name: 'Export' }).getByRole('button');
  await expect(portfolioExports.first()).toBeVisible();
  const formats = await portfolioExports.count();
  expect(formats).toBeGreaterThan(0);
  for (let i = 0; i < formats; i++) {
    const [file] = await Promise.all([page.waitForEvent('download'), portfolioExports.nth(i).click()]);
    expect((await file.failure()) ?? 'ok').toBe('ok');
  }
  await frame.link('Subnets').click();
  const subnets = new SubnetsPage(page);
  await expect(subnets.rows.first()).toBeVisible();
  await subnets.rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/subnets\/\d+$/);
  await frame.link('Activity').click();
  await expect(frame.heading()).toHaveText('Activity');
  const activityExport = page.getByRole('button', { name: /^Export \d[\d,]* entries/ });
  await expect(activityExport).toBeEnabled();
  const [events] = await Promise.all([page.waitForEvent('download'), activityExport.click()]);
  expect((await events.failure()) ?? 'ok').toBe('ok');
  await frame.link('Settings').click();
  await expect(frame.heading()).toHaveText('Settings');
  await frame.link('Wallets').click();
  await expect(wallets.rows).toHaveCount(1);

  const contacted = webHost.egress();
  expect(contacted.length).toBeGreaterThan(0);
  expect(contacted.filter((peer) => peer !== endpoint)).toEqual([]);
  expectBrowserStayedHome(webHost, urls);
  console.log(
    `egress e2e: host opened ${contacted.length} connections (all to ${endpoint}); Chromium asked the proxy for ${proxy.peers.length} (${proxy.peers.filter((p) => CHROMIUM_OWN.has(p)).length} of them its own account check, the rest to the host); the page made ${urls.length} requests (all to the host)`,
  );
  await page.context().close();
});
