// First run: add a wallet, then choose the node. Until that choice the backend dials nothing and
// the page talks only to its host; the connection test reports what it found without saving it.
import type { Request, WebSocket } from '@playwright/test';
import type { Devnet } from '../../devnet/index';
import { ENDPOINT_SUGGESTION } from '../../shared/api';
import { ensureDevnetMetadata } from '../../main/test/devnet';
import { AppFrame } from '../page-models/app-frame';
import { EndpointChooser, SettingsPage } from '../page-models/settings-page';
import { WalletsPage } from '../page-models/wallets-page';
import { screens } from '../support/screens';
import { expect, test } from '../support/web-host';

test.use({ hostOptions: { recordEgress: true } });

let dn: Devnet;
test.beforeAll(async () => {
  ensureDevnetMetadata();
  const { startDevnet } = await import('../../devnet/index');
  dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
});
test.afterAll(async () => {
  await dn?.close();
});

test('first run: a wallet, then the node; nothing connects before that choice; the test reports what it found', async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const peers: string[] = [];
  page.on('request', (r: Request) => peers.push(r.url()));
  page.on('websocket', (ws: WebSocket) => peers.push(ws.url()));
  const devnetPort = new URL(dn.url).port;

  await page.goto(webHost.url);
  const frame = new AppFrame(page);
  await expect(frame.heading()).toHaveText('Welcome to Taofolio');
  await expect(page.getByRole('list', { name: 'Setup steps' }).locator('[aria-current="step"]')).toHaveText(
    'Add a wallet',
  );
  await screens(page, 'onboarding-1-wallet');
  await new WalletsPage(page).add(dn.coldkeys[0]!, 'Erin');
  await expect(page.getByTestId('onboarding-wallets')).toContainText('Watching Erin. Nothing has connected yet.');
  await expect(frame.syncIndicator()).toContainText('Not connected');

  // Own node recommended; the public endpoint is one click, labelled as a third party.
  const chooser = new EndpointChooser(page);
  await expect(chooser.ownNode).toContainText('Recommended');
  await expect(chooser.publicOption).toContainText('Third party');
  await expect(chooser.publicOption).toContainText('sees every address and block');
  await expect(chooser.publicOption).toContainText(ENDPOINT_SUGGESTION);
  await screens(page, 'onboarding-2-endpoint');
  // With a wallet but no endpoint chosen: the backend has dialled nothing at all.
  await page.waitForTimeout(1000);
  expect(webHost.egress()).toEqual([]);

  // The connection test reaches only the URL typed, and saves nothing.
  await chooser.url.fill(dn.url);
  await chooser.test.click();
  await expect(chooser.report).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('probe-chain')).toHaveText('Bittensor');
  await expect(page.getByTestId('probe-genesis')).toHaveAttribute(
    'title',
    '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
  );
  await expect(page.getByTestId('probe-runtime')).toHaveText('node-subtensor spec 343');
  await expect(page.getByTestId('probe-history')).toHaveAttribute('data-history', 'archive');
  await expect(chooser.report).toContainText(`#${dn.finalized().toLocaleString('en')}`);
  await screens(page, 'onboarding-probe');
  expect(webHost.egress().length).toBeGreaterThan(0);
  expect(webHost.egress().every((peer) => peer === `127.0.0.1:${devnetPort}`)).toBe(true);
  await expect(frame.syncIndicator()).toContainText('Not connected');

  // A pruned node says so.
  dn.setFaults({ pruned: true });
  await chooser.test.click();
  await expect(page.getByTestId('probe-history')).toHaveAttribute('data-history', 'pruned', { timeout: 30_000 });
  await expect(page.getByTestId('probe-history')).toContainText('full history needs an archive node');
  dn.setFaults({ pruned: false });

  // Choosing the node starts the sync.
  await chooser.use.click();
  await expect(page.getByTestId('onboarding-done')).toContainText(dn.url);
  await expect(frame.syncIndicator()).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await screens(page, 'onboarding-3-done');
  await page.getByRole('link', { name: 'Open the portfolio' }).click();
  await expect(frame.heading()).toHaveText('Portfolio');

  // The page itself never talked to anything but its host (the node is the backend's business).
  const ws = webHost.origin.replace('http://', 'ws://');
  expect(peers.filter((u) => !u.startsWith(`${webHost.origin}/`) && !u.startsWith(`${ws}/`))).toEqual([]);
  expect(webHost.egress().every((peer) => peer === `127.0.0.1:${devnetPort}`)).toBe(true);
});

test('a refused test says why; the public endpoint is saved with one click and dials nothing without a wallet', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.endpoint.url.fill('ws://127.0.0.1:9');
  await settings.endpoint.test.click();
  await expect(settings.endpoint.report).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
  // Said once: the URL, then why ("Cannot reach endpoint — Cannot reach ws://…" said it twice).
  await expect(settings.endpoint.report).toHaveText(
    'Cannot reach ws://127.0.0.1:9. The node did not answer or dropped the connection.',
  );
  await settings.endpoint.url.fill('http://example.com');
  await settings.endpoint.use.click();
  await expect(settings.endpoint.urlError).toHaveText('The endpoint must be a ws:// or wss:// URL.');
  // Corrected, the field no longer says so (it stayed, red, while a ws:// URL was typed and tested).
  await settings.endpoint.url.fill('ws://127.0.0.1:9');
  await expect(settings.endpoint.urlError).toHaveCount(0);
  await expect(settings.endpoint.url).not.toHaveAttribute('aria-invalid', 'true');

  await settings.endpoint.usePublic.click();
  await expect(page.getByTestId('endpoint-current')).toHaveText(ENDPOINT_SUGGESTION);
  await expect(settings.endpoint.usePublic).toHaveText('Using the public endpoint');
  await expect(settings.endpoint.status).toContainText('Add a wallet to start syncing');
  // Only the refused test dialled (the closed local port); the public endpoint was never contacted.
  expect(webHost.egress().every((peer) => peer === '127.0.0.1:9')).toBe(true);
  await page.getByRole('button', { name: 'Stop and forget this endpoint' }).click();
  await expect(page.getByTestId('endpoint-current')).toHaveCount(0);
});
