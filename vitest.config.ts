import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: the engine, backend and devnet suites run in Node; the renderer's unit tests
// (formatting and the components that compute anything) run in happy-dom.
export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest leaves one core to its main thread, which idles here: on a 2-core machine that halves the
    // speed of a suite whose files are CPU-bound (a devnet and a sync in one process).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Hang guards only (timing belongs in the benchmarks): two workers share the cores with the
    // processes some tests spawn, so a loaded machine can take several times a quiet one's time.
    testTimeout: 300_000,
    hookTimeout: 300_000,
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
