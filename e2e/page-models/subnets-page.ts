import type { Locator, Page } from '@playwright/test';
import { amountOf } from './figures';

/** The Subnets table. */
export class SubnetsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly totals: Locator;
  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Positions by subnet' });
    this.rows = page.getByTestId('subnet-row');
    this.totals = page.getByTestId('totals-row');
  }

  async netuids(): Promise<number[]> {
    return await this.rows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-netuid'))));
  }

  /** How far the page and the table's card scroll sideways (0, 0 when everything fits). */
  overflow(): Promise<{ page: number; card: number }> {
    return this.table.evaluate((table) => {
      const doc = table.ownerDocument.documentElement;
      const card = table.parentElement!;
      return { page: doc.scrollWidth - doc.clientWidth, card: card.scrollWidth - card.clientWidth };
    });
  }

  row(netuid: number): Locator {
    return this.page.locator(`[data-testid="subnet-row"][data-netuid="${netuid}"]`);
  }

  amount(testId: string): Promise<bigint> {
    return amountOf(this.page.getByTestId(testId));
  }

  sortBy(column: string): Promise<void> {
    return this.table.getByRole('button', { name: column, exact: false }).first().click();
  }
}
