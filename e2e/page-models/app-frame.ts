import type { Locator, Page } from '@playwright/test';

export class AppFrame {
  readonly nav: Locator;
  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
  }

  link(name: 'Portfolio' | 'Subnets' | 'Activity' | 'Wallets' | 'Settings'): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** The global sync indicator in the sidebar (connection state, overall progress, pause). */
  syncIndicator(): Locator {
    return this.page.getByTestId('sync-indicator');
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
}
