import { expect, type Locator, type Page } from '@playwright/test';
import { amountOf } from './figures';

/** The Portfolio page, shared by the web and Electron suites. */
export class PortfolioPage {
  readonly method: Locator;
  readonly rewards: Locator;
  readonly valueChart: Locator;
  readonly addsUp: Locator;
  constructor(readonly page: Page) {
    this.method = page.getByRole('combobox', { name: 'Method' });
    this.rewards = page.getByRole('combobox', { name: 'Rewards' });
    this.valueChart = page.getByTestId('chart-portfolio.value');
    this.addsUp = page.getByTestId('adds-up');
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(`${url}#/portfolio`);
    await this.page.getByTestId('spot-value').waitFor();
  }

  /**
   * Wait until every section below the headline is drawn with the headline's computation: they follow
   * it one per task (renderer/src/app/staged.ts), the date-range card last, and a section still showing
   * the previous computation is aria-busy, as is a card inside one still drawing its rows in batches
   * (the returns table, renderer/src/portfolio/Performance.tsx).
   */
  async expectDrawn(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Realized and income in a date range' })).toBeVisible();
    await expect(this.page.locator('.stage[aria-busy="true"], .stage [aria-busy="true"]')).toHaveCount(0);
  }

  amount(testId: string): Promise<bigint> {
    return amountOf(this.page.getByTestId(testId));
  }

  /** The amount inside a container with this test id. */
  amountIn(testId: string): Promise<bigint> {
    return amountOf(this.page.getByTestId(testId).locator('.amount'));
  }

  /** The last value of a chart line, as its legend shows it. */
  lineEnd(lineId: string): Promise<bigint> {
    return amountOf(this.valueChart.getByTestId(`legend-value-${lineId}`).locator('.amount'));
  }

  /** The adds-up lines: id → amount (waits for them to render, e.g. after a reload). */
  async terms(): Promise<Record<string, bigint>> {
    const out: Record<string, bigint> = {};
    const rows = this.addsUp.locator('[data-testid^="term-"]');
    await rows.first().waitFor();
    for (const row of await rows.all()) {
      const id = (await row.getAttribute('data-testid'))!.replace('term-', '');
      out[id] = await amountOf(row.locator('.amount'));
    }
    return out;
  }
}
