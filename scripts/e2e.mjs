// End-to-end suites: build the renderer and the Electron bundles, run the Electron suite (which
// skips itself, saying why, when there is no binary), then the web suite in Debian's Chromium.
// better-sqlite3 is rebuilt for Electron only around the Electron suite and restored afterwards.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { electronBinary } from './electron-binary.mjs';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options }).status ?? 1;
const must = (status) => {
  if (status !== 0) process.exit(status);
};
// The list reporter for the log, and a JSON report that tells a crashed worker from a failed test.
const REPORT = 'test-results/e2e-report.json';
const playwright = (project, ...extra) => {
  rmSync(REPORT, { force: true });
  return run(
    'npx',
    ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--project', project, '--reporter=list,json', ...extra],
    { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: REPORT } },
  );
};

/**
 * The tests that failed, when every one of them failed because its worker process died of a signal
 * (Playwright's "worker process exited unexpectedly (code=null, signal=…)"): a native crash of the test
 * runner's process, not an assertion. Null when any failure is of another kind or there is no report.
 */
function crashedOnly() {
  let report;
  try {
    report = JSON.parse(readFileSync(REPORT, 'utf8'));
  } catch {
    return null;
  }
  const failed = [];
  const walk = (suite) => {
    for (const child of suite.suites ?? []) walk(child);
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        if (test.status === 'unexpected')
          failed.push({ title: spec.title, error: test.results.at(-1)?.error?.message ?? '' });
  };
  for (const suite of report.suites ?? []) walk(suite);
  const crash = /worker process exited unexpectedly \(code=null, signal=SIG[A-Z]+\)/;
  return failed.length > 0 && failed.every((f) => crash.test(f.error)) ? failed : null;
}

/** A suite whose only failures are crashed workers runs those tests once more (said in the log); any other failure stands. */
function suite(project) {
  const status = playwright(project);
  const crashed = status === 0 ? null : crashedOnly();
  if (!crashed) return status;
  console.log(
    `\n${project} suite: ${crashed.length} test(s) did not run to an outcome because their worker process crashed ` +
      `(${crashed.map((f) => `"${f.title}"`).join(', ')}); running them once more.\n`,
  );
  return playwright(project, '--last-failed');
}

must(run('npx', ['vite', 'build', '--logLevel', 'warn']));
must(run('node', ['scripts/build-main.mjs']));

const hasElectron = electronBinary() !== null;
if (hasElectron) {
  must(run('npx', ['electron-builder', 'install-app-deps']));
  const status = suite('electron');
  must(run('npm', ['rebuild', 'better-sqlite3', 'better-sqlite3-multiple-ciphers']));
  must(status);
} else {
  must(suite('electron'));
  console.log(
    'Electron suite: SKIPPED — no Electron binary on this machine (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Run `npx install-electron` with network access to enable it; the web suite below covers the same UI in Chromium.\n',
  );
}

must(suite('web'));
