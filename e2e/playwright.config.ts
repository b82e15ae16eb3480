import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: false,
  // Each test starts its own web host, data dir and devnet on free ports, so files run side by side.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', launchOptions: chromiumLaunchOptions() },
  projects: [
    { name: 'web', testDir: './web' },
    { name: 'electron', testDir: './electron' },
  ],
});
