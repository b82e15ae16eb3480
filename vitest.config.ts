import { defineConfig } from 'vitest/config';

// Two projects: the engine, backend and devnet suites run in Node; the renderer's unit tests
// (formatting and the components that compute anything) run in happy-dom.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'devnet/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['renderer/test/setup.ts'],
        },
      },
    ],
  },
});
