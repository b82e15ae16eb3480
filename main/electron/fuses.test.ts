// Every Electron fuse that @electron/fuses knows is set explicitly, to its hardened value, in the
// packaging config (electron-builder flips them in the binary at package time).
import { FuseV1Options } from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const HARDENED: Record<string, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};

function configuredFuses(): Record<string, boolean> {
  const yml = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?: {2}.+\n?)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries(
    block
      .trim()
      .split('\n')
      .map((line) => /^\s*(\w+):\s*(true|false)\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2] === 'true']),
  );
}

describe('Electron fuses', () => {
  it('sets every known fuse to its hardened value', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(known.sort()).toEqual(Object.keys(HARDENED).sort());
    const configured = configuredFuses();
    for (const fuse of known) {
      const key = fuse[0]!.toLowerCase() + fuse.slice(1);
      expect(configured[key], key).toBe(HARDENED[fuse]);
    }
  });
});
