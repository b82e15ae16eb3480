import { expect, type Locator, type Page } from '@playwright/test';
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

  /**
   * Wait for the market figures (price changes, shares, emission yields): they come with the analytics,
   * after the rows, and until then those cells read "—" (narrower than the percentages they become).
   */
  async expectMarketFigures(): Promise<void> {
    await expect(this.rows.first()).toBeVisible();
    await expect(this.table.locator('tbody')).toContainText('%');
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
