import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: false,
  // Each test starts its own web host, data dir and devnet on free ports, so files run side by side.
  workers: 2,
  retries: 0,
  // Hang guards, not performance checks (bench:ui measures speed): two tests share two cores, each
  // with its own host, devnet and browser.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', launchOptions: chromiumLaunchOptions() },
  projects: [
    { name: 'web', testDir: './web' },
    { name: 'electron', testDir: './electron' },
  ],
});
