// Lint step: Playwright compiles the e2e suites (and the engine code they import) with its own Babel
// transform, which rejects some TypeScript that tsc and esbuild accept (`declare` class fields). Listing
// the tests compiles every file without running any; its output is shown only when that fails.
import { spawnSync } from 'node:child_process';

const listed = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--list'], {
  encoding: 'utf8',
});
if (listed.status !== 0) {
  process.stdout.write(listed.stdout);
  process.stderr.write(listed.stderr);
  console.error('The e2e suites do not compile under Playwright (above).');
  process.exit(listed.status ?? 1);
}
