// After `npm start` rebuilt better-sqlite3 for Electron, plain Node (tests, web host, CLI) cannot
// load it. Detect that and rebuild for Node once.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

try {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(String(error))) throw error;
  console.log('better-sqlite3 was built for Electron; rebuilding it for Node…');
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
