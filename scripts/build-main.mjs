// Bundle the Electron main process, the backend utility process and the sandboxed preload (a
// sandboxed preload cannot require our modules, so it must be a single file). The main bundle
// carries no engine, SQLite or chain code: those run in backend.cjs.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'bufferutil', 'utf-8-validate'],
};

await Promise.all([
  build({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.cjs' }),
  build({ ...common, entryPoints: ['main/backend-process.ts'], outfile: 'dist/main/backend.cjs' }),
  build({ ...common, entryPoints: ['main/electron/preload.ts'], outfile: 'dist/main/preload.cjs' }),
]);
// Runtime-API definitions for V14-only runtimes (main/chain/bundled-apis.ts reads them from here).
cpSync('main/chain/metadata', 'dist/main/metadata', { recursive: true });
