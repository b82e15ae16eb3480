// After `npm start` rebuilt better-sqlite3 for Electron, plain Node (tests, web host, CLI) cannot
// load it. Detect that and rebuild for Node once.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

for (const name of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) {
  try {
    const Database = createRequire(import.meta.url)(name);
    new Database(':memory:').close();
  } catch (error) {
    if (!/NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(String(error))) throw error;
    console.log(`${name} was built for Electron; rebuilding it for Node…`);
    const result = spawnSync('npm', ['rebuild', name], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
