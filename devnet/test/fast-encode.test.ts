/**
 * The direct storage encoders (scale/fast-encode.ts) give the codec's bytes: for every stored value
 * of a chain that runs through 393, 424, 455 and 475 (and the 320/343 of tiny), at blocks of every
 * runtime, and at the edges of every integer width; an input they are unsure about goes to the codec.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import { ensureMetadata } from './helpers.js';
import { World } from '../chain/world.js';
import { SCENARIOS } from '../scenarios/index.js';
import { runtimeFor } from '../scale/runtime.js';
import { compile } from '../scale/fast-encode.js';
import { storageInput } from '../scale/encode.js';
import { ITEMS } from '../scale/keys.js';

beforeAll(() => ensureMetadata());

function codecHex(spec: number, type: string, input: unknown): string {
  return u8aToHex(runtimeFor(spec).registry.createTypeUnsafe(type, [input]).toU8a());
}

describe('fast storage encoders', () => {
  it('equal the codec for every stored value, on every runtime of tiny, basket475 and miners', () => {
    let fast = 0;
    const items = new Set<string>();
    for (const name of ['tiny', 'basket475', 'miners']) {
      const cfg = SCENARIOS[name]!;
      const w = new World(1, cfg);
      w.genesis();
      w.generate(cfg.blocks);
      const blocks = cfg.specs.flatMap((s, i) => [s.from + 1, (cfg.specs[i + 1]?.from ?? cfg.blocks) - 1]);
      for (const b of blocks) {
        const spec = w.chain.specAt(b);
        const rt = runtimeFor(spec);
        for (const [key, cell] of w.chain.cells) {
          if (cell.item === 'SystemEvents') continue;
          const value = w.chain.readCell(cell, b);
          const { pallet, item } = ITEMS[cell.item];
          const t = rt.storageType(pallet, item);
          if (value === undefined || !t) continue;
          const input = storageInput(cell.item, value);
          const hex = compile(rt.registry, t.value)?.(input);
          if (hex !== undefined) {
            fast++;
            items.add(cell.item);
          }
          const served = rt.storageHexEncoder(pallet, item)!(input);
          expect(served, `${cell.item} ${key} @${b} (spec ${spec})`).toBe(codecHex(spec, t.value, input));
        }
      }
    }
    // the fast path is what serves them (the codec is only the fallback)
    expect(fast).toBeGreaterThan(5_000);
    for (const item of ['Alpha', 'AlphaV2', 'TotalHotkeyAlpha', 'SubnetTAO', 'SwapBalancer', 'StakingHotkeys', 'Lock'])
      expect(items).toContain(item);
    expect(items).toContain('SystemAccount');
  });

  it('equal the codec at the edges of every integer width, and leave doubtful inputs to it', () => {
    const rt = runtimeFor(424);
    const cases: [string, unknown[]][] = [
      ['u8', [0, 255, 255n, 7]],
      ['u16', [0, 65_535, 65_535n, 360]],
      ['u32', [0, 2 ** 32 - 1, 2n ** 32n - 1n]],
      ['u64', [0, 1, Number.MAX_SAFE_INTEGER, 2n ** 64n - 1n, 2n ** 53n + 1n, 2n ** 32n]],
      ['u128', [0, 2n ** 128n - 1n, 2n ** 127n, 12_345_678_901_234_567_890n]],
      ['i64', [0n, -1n, -(2n ** 63n), 2n ** 63n - 1n, -129n]],
      ['i128', [-1n, -(2n ** 127n), 2n ** 127n - 1n, 5n]],
      ['bool', [true, false]],
      ['Vec<u64>', [[], [1n, 2n, 3], Array.from({ length: 70 }, (_, i) => BigInt(i))]],
      ['Bytes', ['0x', '0x00ff', `0x${'ab'.repeat(20_000)}`]],
    ];
    for (const [type, values] of cases) {
      const enc = compile(rt.registry, type);
      expect(enc, type).not.toBeNull();
      for (const v of values) {
        const hex = enc!(v);
        expect(hex, `${type} ${String(v)}`).toBeDefined();
        expect('0x' + hex, `${type} ${String(v)}`).toBe(codecHex(424, type, v));
      }
    }
    // out of range, non-integers, strings and codec-style inputs: not fast (the codec decides)
    const doubtful: [string, unknown[]][] = [
      ['u8', [256, -1, 1.5, '7', 2n ** 8n]],
      ['u64', [2n ** 64n, -1n, 2 ** 60, '0x10', null]],
      ['i64', [2n ** 63n, -(2n ** 63n) - 1n, 5]],
      ['bool', [1, 'true']],
      ['Bytes', ['0xABCD', 'abc', '0x123']],
      [
        'AccountId',
        ['0x' + 'AB'.repeat(32), '0x' + 'ab'.repeat(31), '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
      ],
    ];
    for (const [type, values] of doubtful)
      for (const v of values) expect(compile(rt.registry, type)!(v), `${type} ${String(v)}`).toBeUndefined();
    // the served encoding still equals the codec for those it can encode
    const acc = rt.storageHexEncoder('SubtensorModule', 'Owner')!;
    const ss58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    expect(acc(ss58)).toBe(codecHex(424, rt.storageType('SubtensorModule', 'Owner')!.value, ss58));
    expect(() => rt.storageHexEncoder('SubtensorModule', 'SubnetTAO')!(-1n)).toThrow(/Negative number/);
  });
});
