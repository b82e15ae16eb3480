import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame } from './app-frame';

/** A count as the page writes it ("1,234"). */
const n = (v: number) => v.toLocaleString('en-US');

/** The Activity page: filters, the virtualised ledger grid, the entry detail and the export. */
export class ActivityPage {
  readonly count: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly detail: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.count = page.getByTestId('activity-count');
    this.grid = page.getByRole('grid', { name: 'Ledger entries' });
    this.rows = page.getByTestId('activity-row');
    this.filters = page.getByRole('form', { name: 'Filter activity' });
    this.search = this.filters.getByLabel('Search');
    this.detail = page.getByTestId('activity-detail');
    this.exportButton = page.getByRole('button', { name: /^Export .* entries/ });
  }

  async open(): Promise<void> {
    await new AppFrame(this.page).link('Activity').click();
  }

  filter(label: 'Wallet' | 'Subnet' | 'Kind' | 'From (UTC)' | 'To (UTC)'): Locator {
    const role = label === 'From (UTC)' || label === 'To (UTC)' ? 'textbox' : 'combobox';
    return this.filters.getByRole(role, { name: label, exact: true });
  }

  /**
   * Wait until the count line reads exactly "N entries" (no filter) or "M of N entries" for the current
   * choices. Exactly: "5 of 300 entries" is a substring of "15 of 300 entries". And for the current
   * choices: while the list for new choices loads, the line keeps the previous counts and is aria-busy.
   */
  async expectCount(total: number, matched?: number): Promise<void> {
    const text = matched === undefined ? `${n(total)} entries` : `${n(matched)} of ${n(total)} entries`;
    await expect(this.count).toHaveText(new RegExp(`^${text}( ·|$)`));
    await expect(this.count).not.toHaveAttribute('aria-busy', 'true');
    await expect(this.count).toHaveText(new RegExp(`^${text}( ·|$)`));
  }

  /** The number of entries, once the list without a filter has loaded ("N entries", not aria-busy). */
  async total(): Promise<number> {
    return this.settled(/^([\d,]+) entries( ·|$)/);
  }

  /**
   * After a filter or a search (`searchFor`) out of `total` entries: how many it matches, once its list
   * has loaded. The "M of N" line appears with the new choices (aria-busy, the previous counts, until
   * their list is in), so it cannot be the line of the list before them.
   */
  async matched(total: number): Promise<number> {
    return this.settled(new RegExp(`^([\\d,]+) of ${n(total)} entries( ·|$)`));
  }

  /** The count line's first number once it matches `line` and is no longer aria-busy. */
  private async settled(line: RegExp): Promise<number> {
    await expect(this.count).toHaveText(line);
    await expect(this.count).not.toHaveAttribute('aria-busy', 'true');
    const text = (await this.count.textContent()) ?? '';
    const match = line.exec(text);
    if (!match) throw new Error(`the count line changed to "${text}" with no change of choices`);
    return Number(match[1]!.replace(/,/g, ''));
  }

  /** Search at once (Enter), not after the typing pause, so what follows sees the new choices. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  header(name: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${name}`) }).getByRole('button');
  }

  row(seq: number): Locator {
    return this.page.locator(`[data-testid="activity-row"][data-seq="${seq}"]`);
  }

  /** The seq numbers of the rows in the page, top to bottom. */
  async seqs(): Promise<number[]> {
    const rows = await this.rows.evaluateAll((els) =>
      els.map((el) => ({ seq: Number(el.getAttribute('data-seq')), top: el.getBoundingClientRect().top })),
    );
    return rows.sort((a, b) => a.top - b.top).map((r) => r.seq);
  }

  /**
   * How many lines the filter bar's fields and buttons take: their distinct bottoms (a line aligns them at
   * its end, a button's top below a labelled field's); a range error is not counted.
   */
  async filterLines(): Promise<number> {
    const bottoms = await this.filters
      .locator(':scope > :not(.field-error)')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().bottom)));
    return new Set(bottoms).size;
  }

  /**
   * How `label` lays out in the first row's kind cell, its text swapped for a moment (the real cell and
   * stylesheet, for a kind the data may not have): its lines, and how far the text reaches past the cell's
   * sides or its row's top and bottom (0 or less when it fits).
   */
  kindLayout(label: string): Promise<{ lines: number; out: number }> {
    return this.rows
      .first()
      .getByTestId('activity-kind')
      .evaluate((cell, label) => {
        // The text node React holds: its value changed and put back, the node itself kept.
        const text = cell.firstChild as Text;
        const before = text.nodeValue;
        text.nodeValue = label;
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        const [box, row] = [range.getBoundingClientRect(), cell.parentElement!.getBoundingClientRect()];
        const out = Math.max(cell.scrollWidth - cell.clientWidth, row.top - box.top, box.bottom - row.bottom);
        text.nodeValue = before;
        return { lines, out };
      }, label);
  }

  /** Click "Export … entries" and read the file it downloads. */
  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportButton.click()]);
    return readFileSync(await download.path(), 'utf8');
  }
}
