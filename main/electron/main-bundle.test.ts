// The Electron main process never runs the engine, SQLite or the chain client: its bundle (built
// exactly as scripts/build-main.mjs builds it) must not contain them. The backend bundle must.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function inputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'bufferutil', 'utf-8-validate'],
  });
  const files = Object.keys(result.metafile.inputs);
  // External imports do not appear as inputs; record them from the import lists.
  const externals = Object.values(result.metafile.inputs).flatMap((i) =>
    i.imports.filter((x) => x.external).map((x) => x.path),
  );
  return [...files, ...externals];
}

const FORBIDDEN = [
  /shared\/engine\//,
  /better-sqlite3/,
  /@polkadot\//,
  /main\/db\//,
  /main\/sync\//,
  /main\/backend\.ts$/,
];

describe('Electron main bundle', () => {
  it('imports neither the engine nor SQLite nor the chain client', async () => {
    const files = await inputs('main/index.ts');
    expect(files.length).toBeGreaterThan(5);
    for (const pattern of FORBIDDEN)
      expect(
        files.filter((f) => pattern.test(f)),
        String(pattern),
      ).toEqual([]);
  });

  it('while the backend process bundle carries all three', async () => {
    const files = await inputs('main/backend-process.ts');
    for (const pattern of [/shared\/engine\//, /better-sqlite3/, /@polkadot\/api\//])
      expect(
        files.some((f) => pattern.test(f)),
        String(pattern),
      ).toBe(true);
  });
});
