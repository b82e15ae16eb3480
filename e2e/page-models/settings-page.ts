import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app-frame';

/** The endpoint chooser (Settings and the onboarding's second step). */
export class EndpointChooser {
  readonly ownNode: Locator;
  readonly url: Locator;
  readonly test: Locator;
  readonly use: Locator;
  readonly usePublic: Locator;
  readonly publicOption: Locator;
  readonly report: Locator;
  readonly urlError: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.ownNode = page.getByRole('form', { name: 'Your own node' });
    this.url = this.ownNode.getByLabel('WebSocket URL');
    this.test = this.ownNode.getByRole('button', { name: /Test connection|Testing/ });
    this.use = this.ownNode.getByRole('button', { name: 'Use this node' });
    this.publicOption = page.getByRole('group', { name: 'Public endpoint' });
    this.usePublic = this.publicOption.getByRole('button', { name: /public endpoint/ });
    this.report = page.getByTestId('probe-report');
    this.urlError = this.ownNode.locator('#endpoint-error');
    this.status = page.getByTestId('chain-status');
  }

  /** Type an endpoint and save it. */
  async choose(url: string): Promise<void> {
    await this.url.fill(url);
    await this.use.click();
  }
}

/** The Settings page. */
export class SettingsPage {
  readonly endpoint: EndpointChooser;
  readonly accounting: Locator;
  readonly currency: Locator;
  readonly currencyError: Locator;
  readonly fiat: Locator;
  readonly fiatMissing: Locator;
  readonly backups: Locator;

  constructor(readonly page: Page) {
    this.endpoint = new EndpointChooser(page);
    this.accounting = page.getByRole('region', { name: 'Accounting' });
    this.currency = this.accounting.getByRole('textbox', { name: 'Fiat currency' });
    this.currencyError = this.accounting.locator('#currency-error');
    this.fiat = page.getByRole('region', { name: /TAO price history/ });
    this.fiatMissing = page.getByTestId('fiat-missing');
    this.backups = page.getByRole('region', { name: 'Backups' });
  }

  async open(): Promise<void> {
    await new AppFrame(this.page).link('Settings').click();
  }

  /** Imports `csv` as the TAO/USD price history and waits until it says it took `days` daily prices. */
  async importPrices(csv: string, days: number): Promise<void> {
    await this.fiat.getByLabel('Import CSV file').setInputFiles({
      name: 'tao-usd.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await expect(this.fiat.getByRole('status').first()).toContainText(`Imported ${days} daily USD prices`);
  }
}
