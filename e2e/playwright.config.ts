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
  // Bundles the web host and the CLI the tests start (scripts/node-bundle.ts), as `npm run web` does.
  globalSetup: './support/global-setup.ts',
  use: {
    // A failed test keeps its trace (DOM snapshots of every step). The trace's screencast is left out:
    // recording it for every test took about a fifth of the suite's time on a 2-core machine.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: false },
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'web', testDir: './web' },
    { name: 'electron', testDir: './electron' },
  ],
});
