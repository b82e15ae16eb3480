import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';

export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

/** Full-page screenshots in the light and the dark theme: e2e/artifacts/<name>-light.png / -dark.png. */
export async function screens(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const shot = await page.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), fullPage: true });
    await test.info().attach(`${name}-${colorScheme}`, { body: shot, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: null });
}
