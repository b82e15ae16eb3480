// The hand-built keys and raw decoders sync compares storage with (storage-keys.ts), against values
// built here with @polkadot/util directly.
import { describe, expect, it } from 'vitest';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress, xxhashAsU8a } from '@polkadot/util-crypto';
import { decodeAccountVec, keys, leInt, leUint } from './storage-keys';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const BOB = encodeAddress(new Uint8Array(32).fill(7), 42);
const blake128Concat = (ss58: string) => u8aConcat(blake2AsU8a(decodeAddress(ss58), 128), decodeAddress(ss58));
const prefix = (pallet: string, item: string) => u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128));

describe('storage keys', () => {
  it('builds Alpha(hot, cold, netuid) as the runtime hashes it, and the same string on every call', () => {
    const expected = u8aToHex(
      u8aConcat(prefix('SubtensorModule', 'Alpha'), blake128Concat(BOB), blake128Concat(ALICE), new Uint8Array([7, 1])),
    );
    expect(keys.alpha(BOB, ALICE, 263)).toBe(expected);
    expect(keys.alpha(BOB, ALICE, 263)).toBe(expected);
    // arguments are not interchangeable in the memo
    expect(keys.alpha(ALICE, BOB, 263)).not.toBe(expected);
    expect(keys.alpha(BOB, ALICE, 7)).not.toBe(expected);
    expect(keys.timestampNow()).toBe(u8aToHex(prefix('Timestamp', 'Now')));
  });
});

describe('leUint / leInt', () => {
  it('reads little-endian integers at an offset, with or without 0x', () => {
    expect(leUint('0x0102000000000000', 8)).toBe(0x0201n);
    expect(leUint('0xff0102', 2, 1)).toBe(0x0201n);
    expect(leUint('ffffffffffffffffffffffffffffffff', 16)).toBe((1n << 128n) - 1n);
    expect(leUint(null, 8)).toBe(0n);
    expect(leInt('0xffffffffffffffffffffffffffffffff', 16)).toBe(-1n);
    expect(() => leUint('0x0102', 4)).toThrow(/too short/);
  });

  it('reads 8-byte values above 2^53 and upper-case hex exactly, and refuses a non-hex digit', () => {
    expect(leUint('0xffffffffffffffff', 8)).toBe((1n << 64n) - 1n);
    expect(leUint('0x0100000000002000', 8)).toBe((0x20n << 48n) + 1n);
    expect(leUint('0x00000000FFFFFF1F', 8)).toBe(0x1fffffffn << 32n);
    expect(leUint('0x0aBc', 2)).toBe(0xbc0an);
    expect(() => leUint('0x01zz', 2)).toThrow();
  });
});

describe('decodeAccountVec', () => {
  it('decodes a SCALE Vec<AccountId32> to ss58, and a caller cannot change what the next call returns', () => {
    const hex = u8aToHex(u8aConcat(new Uint8Array([2 << 2]), decodeAddress(ALICE), decodeAddress(BOB)));
    const first = decodeAccountVec(hex);
    expect(first).toEqual([encodeAddress(decodeAddress(ALICE), 42), encodeAddress(decodeAddress(BOB), 42)]);
    first.pop();
    expect(decodeAccountVec(hex)).toHaveLength(2);
    expect(decodeAccountVec(null)).toEqual([]);
  });
});

describe('memoised keys', () => {
  it('ignore the extra arguments map() passes (index, array)', () => {
    expect([3, 4].map(keys.subnetTao)).toEqual([keys.subnetTao(3), keys.subnetTao(4)]);
    expect([3, 4].map(keys.subnetTao)[1]).not.toBe(keys.subnetTao(3));
  });
});
