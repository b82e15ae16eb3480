import type { Locator, Page } from '@playwright/test';
import { AppFrame } from './app-frame';

/** The Wallets page, shared by the web and Electron suites. */
export class WalletsPage {
  readonly form: Locator;
  readonly address: Locator;
  readonly label: Locator;
  readonly group: Locator;
  readonly submit: Locator;
  readonly addressError: Locator;
  readonly rows: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Add a wallet' });
    this.address = this.form.getByLabel('Coldkey address');
    this.label = this.form.getByLabel('Label');
    this.group = this.form.getByLabel('Group (optional)');
    this.submit = this.form.getByRole('button', { name: 'Add wallet' });
    this.addressError = this.form.locator('#address-error');
    this.rows = page.getByTestId('wallet-row');
    this.status = this.form.getByRole('status');
  }

  /** Go to the Wallets page through the navigation (a fresh install opens on the onboarding). */
  async open(): Promise<void> {
    await new AppFrame(this.page).link('Wallets').click();
  }

  async add(address: string, label: string, group?: string): Promise<void> {
    await this.address.fill(address);
    await this.label.fill(label);
    if (group !== undefined) await this.group.fill(group);
    await this.submit.click();
  }

  row(label: string): Locator {
    return this.rows.filter({ hasText: label });
  }

  /** Open a wallet's rename form from its row and return the form. */
  async openRename(label: string): Promise<Locator> {
    await this.row(label)
      .getByRole('button', { name: `Rename ${label}` })
      .click();
    return this.page.getByRole('form', { name: `Rename ${label}` });
  }

  async rename(label: string, newLabel: string): Promise<void> {
    const form = await this.openRename(label);
    await form.getByLabel('New label').fill(newLabel);
    await form.getByRole('button', { name: 'Save' }).click();
  }

  async remove(label: string): Promise<void> {
    const row = this.row(label);
    await row.getByRole('button', { name: `Remove ${label}` }).click();
    await row.getByRole('button', { name: 'Confirm remove' }).click();
  }

  async labels(): Promise<string[]> {
    return this.rows.locator('.wallet-label').allTextContents();
  }
}
