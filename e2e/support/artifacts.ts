import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const DIR = join(import.meta.dirname, '..', 'artifacts');

/** Screenshot a screen in both themes into e2e/artifacts (kept as test artifacts). */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(DIR, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
