/**
 * Direct SCALE encoders for the storage value shapes a multi-key read serves by the thousand:
 * integers, bools, fixed byte arrays (AccountId), Bytes, and structs and vectors of those. Building a
 * @polkadot/types codec per value costs microseconds (a BN, a Map per struct); these write the hex
 * straight from the JS value.
 *
 * Each encoder is compiled from the runtime's own codec class (a default instance tells the width,
 * sign, field order, element type), so the bytes are the codec's. An input the fast path is not
 * sure about (out of range, a hex-string integer, a codec instance, a missing struct field, …)
 * yields `undefined` and the caller falls back to the codec, which then encodes it or throws
 * exactly as before (devnet/test/fast-encode.test.ts compares both on every shape).
 */
import { Bytes, Int, Struct, U8aFixed, UInt, Vec, bool } from '@polkadot/types';
import type { TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';

/** hex body (no 0x) of a value, or undefined = "let the codec do it" */
export type FastEncoder = (value: unknown) => string | undefined;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const SCRATCH = new DataView(new ArrayBuffer(16));
const TWO32 = 2 ** 32;

function bytesHex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[SCRATCH.getUint8(i)];
  return s;
}

/** SCALE compact length prefix (lengths < 2^30). */
export function compactHex(n: number): string {
  if (n < 64) return HEX[n << 2] as string;
  if (n < 1 << 14) {
    const v = (n << 2) | 1;
    return (HEX[v & 0xff] as string) + HEX[v >> 8];
  }
  if (n < 1 << 30) {
    SCRATCH.setUint32(0, n * 4 + 2, true);
    return bytesHex(4);
  }
  return '';
}

/** Little-endian two's complement of an integer `bits` wide; undefined when out of range or not an integer. */
function intEncoder(bits: number, signed: boolean): FastEncoder {
  const bytes = bits / 8;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const fitsNumber = bits <= 48 || (!signed && bits >= 64);
  return (value) => {
    if (typeof value === 'number') {
      // small non-negative safe integers (the codec rejects non-integers and unsafe numbers)
      if (!Number.isSafeInteger(value) || value < 0 || !fitsNumber) return undefined;
      if (bits <= 48 && value >= 2 ** (signed ? bits - 1 : bits)) return undefined;
      SCRATCH.setUint32(0, value % TWO32, true);
      SCRATCH.setUint32(4, Math.floor(value / TWO32), true);
      SCRATCH.setUint32(8, 0, true);
      SCRATCH.setUint32(12, 0, true);
      return bytesHex(bytes);
    }
    if (typeof value !== 'bigint' || value < min || value > max) return undefined;
    const u = value < 0n ? BigInt.asUintN(bits, value) : value;
    SCRATCH.setBigUint64(0, BigInt.asUintN(64, u), true);
    if (bytes > 8) SCRATCH.setBigUint64(8, u >> 64n, true);
    return bytesHex(bytes);
  };
}

const LOWER_HEX = /^0x(?:[0-9a-f]{2})*$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Encoder for the shape of `inst` (a default instance of the codec class), or null if not a fast shape. */
function fromInstance(inst: Codec): FastEncoder | null {
  if (inst instanceof bool) return (v) => (typeof v === 'boolean' ? (v ? '01' : '00') : undefined);
  if (inst instanceof UInt || inst instanceof Int) {
    const bits = inst.bitLength();
    return bits % 8 === 0 && bits <= 128 ? intEncoder(bits, inst instanceof Int) : null;
  }
  if (inst instanceof U8aFixed) {
    const len = 2 + 2 * inst.length;
    return (v) => (typeof v === 'string' && v.length === len && LOWER_HEX.test(v) ? v.slice(2) : undefined);
  }
  if (inst instanceof Bytes) {
    return (v) =>
      typeof v === 'string' && LOWER_HEX.test(v) ? compactHex((v.length - 2) / 2) + v.slice(2) : undefined;
  }
  if (inst instanceof Vec) {
    // a one-element vector gives a default element, i.e. the element's codec class
    const one = new (inst.constructor as new (r: unknown, v: unknown[]) => Vec<Codec>)(inst.registry, [undefined]);
    const el = one[0] ? fromInstance(one[0]) : null;
    if (!el) return null;
    return (v) => {
      if (!Array.isArray(v) || v.length >= 1 << 30) return undefined;
      let s = compactHex(v.length);
      for (const x of v) {
        const h = el(x);
        if (h === undefined) return undefined;
        s += h;
      }
      return s;
    };
  }
  if (inst instanceof Struct) {
    // renamed fields (`_alias`) read other input keys: leave those to the codec
    if (inst.toRawType().includes('"_alias"')) return null;
    const keys = inst.defKeys;
    const fields: FastEncoder[] = [];
    for (const k of keys) {
      const f = fromInstance(inst.get(k) as Codec);
      if (!f) return null;
      fields.push(f);
    }
    return (v) => {
      if (!isPlainObject(v)) return undefined;
      let s = '';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        if (!Object.prototype.hasOwnProperty.call(v, k)) return undefined;
        const h = (fields[i] as FastEncoder)(v[k]);
        if (h === undefined) return undefined;
        s += h;
      }
      return s;
    };
  }
  return null;
}

/** Fast encoder of a registry type (by name), or null when the type has a shape left to the codec. */
export function compile(registry: TypeRegistry, type: string): FastEncoder | null {
  let inst: Codec;
  try {
    inst = registry.createTypeUnsafe(type, []);
  } catch {
    return null;
  }
  return fromInstance(inst);
}
