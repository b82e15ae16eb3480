// Node programs (the web host, the CLI) bundled into one ESM file each, so a process starts in about
// 0.6 s instead of the 3 s `tsx` spends resolving and transforming each of its modules separately.
// `npm run web` runs the web host this way, and the tests start the programs they spawn the same way.
//
// Every bundled module keeps its own source URL as `import.meta.url`, so each path it resolves from
// itself (the built renderer, the vendored metadata, package.json) is the same as under `tsx`,
// wherever the bundle is written.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/** The programs `npm run web` and the tests run bundled (entry → output, relative to the repository). */
export const NODE_PROGRAMS = {
  web: { entry: 'main/host/web-program.ts', outfile: 'dist/node/web.mjs' },
  cli: { entry: 'main/cli.ts', outfile: 'dist/node/cli.mjs' },
  /** The CLI with the crash tests' kill seam (main/test/crash-entry.ts); not a shipped program. */
  crashCli: { entry: 'main/test/crash-entry.ts', outfile: 'dist/test/crash-entry.mjs' },
} as const;

export type NodeProgram = keyof typeof NODE_PROGRAMS;

/** The absolute path of a program's bundle. */
export const programPath = (program: NodeProgram): string => join(ROOT, NODE_PROGRAMS[program].outfile);

const sourceUrls: Plugin = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes('/node_modules/')) return undefined;
      const source = await readFile(path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path));
      return { contents, loader: 'ts' };
    });
  },
};

/** Bundle the given programs (all of them by default) into their output files. */
export async function bundlePrograms(programs: readonly NodeProgram[] = Object.keys(NODE_PROGRAMS) as NodeProgram[]) {
  await Promise.all(
    programs.map((program) =>
      build({
        absWorkingDir: ROOT,
        entryPoints: [NODE_PROGRAMS[program].entry],
        outfile: NODE_PROGRAMS[program].outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        plugins: [sourceUrls],
        // Native modules and their optional helpers load from node_modules at run time.
        external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'bufferutil', 'utf-8-validate'],
        // CommonJS dependencies inside an ES module bundle still call require().
        banner: {
          js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
      }),
    ),
  );
}

if (process.argv[1] === import.meta.filename) {
  const asked = process.argv.slice(2) as NodeProgram[];
  const unknown = asked.filter((name) => !(name in NODE_PROGRAMS));
  if (unknown.length > 0) {
    console.error(`Unknown program(s): ${unknown.join(', ')}. Known: ${Object.keys(NODE_PROGRAMS).join(', ')}.`);
    process.exit(2);
  }
  await bundlePrograms(asked.length > 0 ? asked : undefined);
}
