// End-to-end suites: build the renderer and the Electron bundles, run the Electron suite (which
// skips itself, saying why, when there is no binary), then the web suite in Debian's Chromium.
// better-sqlite3 is rebuilt for Electron only around the Electron suite and restored afterwards.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options }).status ?? 1;
const must = (status) => {
  if (status !== 0) process.exit(status);
};
const playwright = (project) =>
  run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--project', project]);

must(run('npx', ['vite', 'build', '--logLevel', 'warn']));
must(run('node', ['scripts/build-main.mjs']));

const hasElectron = electronBinary() !== null;
if (hasElectron) {
  must(run('npx', ['electron-builder', 'install-app-deps']));
  const status = playwright('electron');
  must(run('npm', ['rebuild', 'better-sqlite3', 'better-sqlite3-multiple-ciphers']));
  must(status);
} else {
  must(playwright('electron'));
  console.log(
    'Electron suite: SKIPPED — no Electron binary on this machine (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Run `npx install-electron` with network access to enable it; the web suite below covers the same UI in Chromium.\n',
  );
}

must(playwright('web'));
