// Lint for stylesheets (npm run lint): ESLint's max-lines (400, eslint.config.js) covers the TypeScript;
// this holds the renderer's CSS to the same limit, so a stylesheet that outgrows it is split by area too.
// TypeScript, not .mjs: ESLint's typed rules read it with the node project (eight loose .mjs/.js files
// is all its default project allows).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX = 400;
const dir = 'renderer/src';
const over = readdirSync(dir, { recursive: true })
  .filter((f) => String(f).endsWith('.css'))
  .map((f): [string, number] => [
    join(dir, String(f)),
    readFileSync(join(dir, String(f)), 'utf8').split('\n').length - 1,
  ])
  .filter(([, lines]) => lines > MAX);
for (const [file, lines] of over) console.error(`${file}: ${lines} lines (max ${MAX}); split it by area`);
process.exit(over.length > 0 ? 1 : 0);
