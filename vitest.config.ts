import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// The node suites share each worker's module registry (isolate: false): a fresh registry per file
// re-imported @polkadot/api and the devnet about 150 times, some 40 % of the suite's time. Files
// that patch a library's prototype or assert on process-wide state keep a registry (and a process) of
// their own: the egress tests record every socket the process opens, and a shared worker once showed
// them a reconnect that an earlier file's client made to its own closed devnet.
const NODE_TESTS = ['shared/**/*.test.ts', 'main/**/*.test.ts', 'devnet/**/*.test.ts'];
const OWN_REGISTRY = [
  'main/chain/request-json.test.ts',
  'main/host/web.test.ts',
  'main/egress.test.ts',
  'main/connection-gate.test.ts',
  'main/services/chain-info.test.ts',
];
// A file that leaves a test backend open fails: the backend would retry the file's closed devnet for
// the rest of the worker's life, holding its database and registries.
const NODE_SETUP = 'main/test/open-backends-guard.ts';

// Three projects: the engine, backend and devnet suites run in Node (shared registry, or their own);
// the renderer's unit tests (formatting and the components that compute anything) run in happy-dom.
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
    // The CLI bundles that tests spawn (main/test/programs.ts).
    globalSetup: ['main/test/bundle-programs.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: NODE_TESTS,
          exclude: [...configDefaults.exclude, ...OWN_REGISTRY],
          isolate: false,
          environment: 'node',
          setupFiles: [NODE_SETUP],
        },
      },
      {
        extends: true,
        test: {
          name: 'node-isolated',
          include: OWN_REGISTRY,
          environment: 'node',
          setupFiles: [NODE_SETUP],
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
