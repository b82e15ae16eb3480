import type { Locator, Page } from '@playwright/test';
import { parsePct, parseUnits } from '../support/engine-truth';

/**
 * Figures as the screen shows them, read back as numbers: an amount's full precision is its hover
 * text (title), so a figure compares exactly with the engine's integer.
 */
export async function amountOf(locator: Locator): Promise<bigint> {
  const title = await locator.getAttribute('title');
  if (title === null) throw new Error('amount without its full-precision title');
  return parseUnits(title);
}

export async function pctOf(locator: Locator): Promise<number> {
  return parsePct((await locator.textContent()) ?? '');
}

export function byTestId(page: Page | Locator, id: string): Locator {
  return page.getByTestId(id);
}

/** Every element that shows a figure (amounts, percentages, legend values) on the page. */
export function figureElements(page: Page): Locator {
  return page.locator('.amount');
}
