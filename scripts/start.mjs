// `npm start`: build and launch the Electron app, or explain how to get Electron.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.error(`Electron is not installed on this machine, so the desktop app cannot start.

  • With network access, download it once with \`npx install-electron\` (Electron's own installer,
    part of \`npm install\`'s packages), then run \`npm start\` again.
  • Or use the web host, which runs the same app in your browser, bound to 127.0.0.1:
        npm run web
    and open the URL it prints.`);
  process.exit(1);
}

// electron 45's native-module tooling (@electron/rebuild) requires Node 22.12+.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`The desktop app's build needs Node.js 22.12 or newer (this is ${process.versions.node}):
electron 45's tooling rebuilds the native SQLite module with @electron/rebuild, which requires it.
The web host runs the same app on Node.js 20.19+:  npm run web`);
  process.exit(1);
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npm', ['run', 'build']);
// better-sqlite3 is a native module: rebuild it for Electron's ABI (`npm rebuild better-sqlite3`
// switches back to Node's for the web host and tests; scripts/ensure-node-abi.mjs does it for you).
run('npx', ['electron-builder', 'install-app-deps']);
run(binary, ['.']);
