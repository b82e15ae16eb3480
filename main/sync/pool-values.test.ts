// Hand-worked decoding of the pool values reconciliation reads (docs/chain/share-pools.md, epochs.md).
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { POOL_VALUE_SCALE } from '../../shared/engine/reconcile';
import { epochIndexOf, poolValueKeys, poolValueOf, withEmptied } from './pool-values';
import type { BlockState, ChainReader } from './reader';
import { keys } from './storage-keys';

const HOT = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const le = (n: bigint, bytes: number) => {
  const u = new Uint8Array(bytes);
  let v = n < 0n ? (1n << BigInt(8 * bytes)) + n : n;
  for (let i = 0; i < bytes; i++, v >>= 8n) u[i] = Number(v & 0xffn);
  return u;
};
const hex = (...parts: Uint8Array[]) => u8aToHex(new Uint8Array(parts.flatMap((p) => [...p])));

describe('pool value per share', () => {
  // 5 α in the pool over 2.5 α of shares: 2.0 per share.
  const total = hex(le(5_000_000_000n, 8));
  it('V1: U64F64 bits = 2.5e9 · 2⁶⁴ → 2.0', () => {
    const values = new Map([
      [keys.totalHotkeyAlpha(HOT, 1), total],
      [keys.totalHotkeyShares(HOT, 1), hex(le(2_500_000_000n << 64n, 16))],
      [keys.totalHotkeySharesV2(HOT, 1), null],
    ]);
    expect(poolValueOf(values, HOT, 1)).toBe(2n * POOL_VALUE_SCALE);
  });
  it('V2: SafeFloat 2.5e20 · 10⁻¹¹ → 2.0; a V1 entry, while it exists, wins', () => {
    const v2 = hex(le(250_000_000_000_000_000_000n, 16), le(-11n, 8));
    const values = new Map<string, string | null>([
      [keys.totalHotkeyAlpha(HOT, 1), total],
      [keys.totalHotkeyShares(HOT, 1), null],
      [keys.totalHotkeySharesV2(HOT, 1), v2],
    ]);
    expect(poolValueOf(values, HOT, 1)).toBe(2n * POOL_VALUE_SCALE);
    values.set(keys.totalHotkeyShares(HOT, 1), hex(le(5_000_000_000n << 64n, 16)));
    expect(poolValueOf(values, HOT, 1)).toBe(POOL_VALUE_SCALE);
  });
  it('no denominator: no value', () => {
    expect(poolValueOf(new Map([[keys.totalHotkeyAlpha(HOT, 1), total]]), HOT, 1)).toBeNull();
  });
});

describe('epoch counter', () => {
  it('before 423: steps at the blocks where (block + netuid + 1) mod (tempo + 1) = tempo', () => {
    // netuid 3, tempo 9 (period 10): epochs at 5, 15, 25, … ((5 + 3 + 1) mod 10 = 9)
    const values = new Map([[keys.tempo(3), hex(le(9n, 2))]]);
    const at = (b: number) => epochIndexOf(values, b, 3);
    expect([at(4), at(5), at(14), at(15)]).toEqual([0n, 1n, 1n, 2n]);
    // absent Tempo = 360 (period 361): netuid 1 runs at 358 ((358 + 1 + 1) mod 361 = 360)
    expect([epochIndexOf(new Map(), 357, 1), epochIndexOf(new Map(), 358, 1)]).toEqual([0n, 1n]);
  });
  it('from 423: SubnetEpochIndex; root: none', () => {
    expect(epochIndexOf(new Map([[keys.subnetEpochIndex(2), hex(le(41n, 8))]]), 9_000, 2)).toBe(41n);
    expect(epochIndexOf(new Map(), 9_000, 0)).toBeNull();
  });
  it('from 423 a subnet without SubnetEpochIndex is unknown, not the fixed rule’s count (demo seed 3, 136,800)', () => {
    // The dissolution removed the counter (378 at 136,596, an epoch at 136,676); the fixed rule says 378.
    expect(epochIndexOf(new Map(), 136_800, 2)).toBe(378n);
    expect(epochIndexOf(new Map(), 136_800, 2, true)).toBeNull();
    expect(epochIndexOf(new Map([[keys.subnetEpochIndex(2), hex(le(379n, 8))]]), 136_800, 2, true)).toBe(379n);
  });
});

describe('pool value keys', () => {
  it('from a one-pass iterator: each pool, each hotkey owner once, each subnet counter once (none for root)', () => {
    const positions = new Map([
      ['a', { hotkey: HOT, netuid: 0 }],
      ['b', { hotkey: HOT, netuid: 3 }],
    ]).values();
    expect(poolValueKeys(positions)).toEqual([
      keys.totalHotkeyAlpha(HOT, 0),
      keys.totalHotkeyShares(HOT, 0),
      keys.totalHotkeySharesV2(HOT, 0),
      keys.totalHotkeyAlpha(HOT, 3),
      keys.totalHotkeyShares(HOT, 3),
      keys.totalHotkeySharesV2(HOT, 3),
      keys.owner(HOT),
      keys.tempo(3),
      keys.subnetEpochIndex(3),
    ]);
  });
});

describe('emptied positions at a change block', () => {
  const HOT2 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
  // Both pools at 2.0 per share in the block's read (the finder's read carries every known pool's keys).
  const values = new Map<string, string | null>();
  for (const [h, n] of [
    [HOT, 1],
    [HOT2, 2],
  ] as const) {
    values.set(keys.totalHotkeyAlpha(h, n), hex(le(4_000_000_000n, 8)));
    values.set(keys.totalHotkeyShares(h, n), null);
    values.set(keys.totalHotkeySharesV2(h, n), hex(le(2_000_000_000n, 16), le(0n, 8)));
    values.set(keys.owner(h), null);
    values.set(keys.subnetEpochIndex(n), hex(le(7n, 8)));
    values.set(keys.tempo(n), null);
  }
  const state: BlockState = { number: 500, hash: '0x01', timestamp: 0, upgradeSpec: 424, values, events: null };
  const reader = {
    readBlock: () => {
      throw new Error('no extra read: the keys are in the block read');
    },
  } as unknown as ChainReader;

  it('a position held at the block before and absent after gets a zero row with its pool value; others none', async () => {
    const prior = [
      { hotkey: HOT, netuid: 1, alpha: 5n },
      { hotkey: HOT2, netuid: 2, alpha: 3n },
    ];
    const rows = await withEmptied(reader, state, HOT, prior, [{ hotkey: HOT, netuid: 1, alpha: 6n }]);
    expect(rows.map((r) => [r.hotkey, r.netuid, r.alpha, r.poolValue, r.epochIndex])).toEqual([
      [HOT, 1, 6n, undefined, undefined],
      [HOT2, 2, 0n, 2n * POOL_VALUE_SCALE, 7n],
    ]);
    // Nothing emptied: the rows as they were.
    const same = [{ hotkey: HOT, netuid: 1, alpha: 6n }];
    expect(await withEmptied(reader, state, HOT, [{ hotkey: HOT, netuid: 1, alpha: 5n }], same)).toBe(same);
  });
});
