// SS58 address checks for watch-only wallets. Pure: shared by renderer hints and main validation.
// Format: base58(prefix ‖ 32-byte public key ‖ first 2 bytes of blake2b-512("SS58PRE" ‖ prefix ‖ key)).
import { base58Decode, base58Encode } from './crypto/base58';
import { blake2b } from './crypto/blake2b';

/** Bittensor (finney) uses the generic Substrate prefix. */
export const BITTENSOR_SS58_PREFIX = 42;

const SS58PRE = new TextEncoder().encode('SS58PRE');

export type Ss58Result =
  | { ok: true; address: string; publicKey: Uint8Array; prefix: number; normalised: boolean }
  | { ok: false; reason: Ss58Error; message: string };

export type Ss58Error = 'empty' | 'hex-key' | 'not-base58' | 'wrong-length' | 'bad-checksum' | 'bad-prefix';

function checksum(payload: Uint8Array): Uint8Array {
  const data = new Uint8Array(SS58PRE.length + payload.length);
  data.set(SS58PRE);
  data.set(payload, SS58PRE.length);
  return blake2b(data, 64).subarray(0, 2);
}

function encodePrefix(prefix: number): Uint8Array {
  if (prefix < 64) return Uint8Array.of(prefix);
  // Two-byte form for prefixes 64..16383 (per the SS58 spec).
  const first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000;
  const second = (prefix >> 8) | ((prefix & 0b0000_0011) << 6);
  return Uint8Array.of(first, second);
}

function fail(reason: Ss58Error, message: string): Ss58Result {
  return { ok: false, reason, message };
}

/** Encode a 32-byte account id as SS58 with the given prefix (default 42). */
export function encodeSs58(publicKey: Uint8Array, prefix = BITTENSOR_SS58_PREFIX): string {
  if (publicKey.length !== 32) throw new RangeError('an account id is 32 bytes');
  const pre = encodePrefix(prefix);
  const payload = new Uint8Array(pre.length + 32);
  payload.set(pre);
  payload.set(publicKey, pre.length);
  const sum = checksum(payload);
  const full = new Uint8Array(payload.length + 2);
  full.set(payload);
  full.set(sum, payload.length);
  return base58Encode(full);
}

/**
 * Validate a coldkey address. Accepts any SS58 prefix with a correct checksum for a 32-byte
 * account and returns it re-encoded with prefix 42; anything else is rejected with a reason.
 */
export function parseSs58(input: string): Ss58Result {
  const text = input.trim();
  if (text === '') return fail('empty', 'Enter an SS58 address.');
  if (/^0x[0-9a-fA-F]*$/.test(text)) {
    return fail('hex-key', 'That looks like a hex public key. Enter the SS58 address (starts with 5… on Bittensor).');
  }
  const bytes = base58Decode(text);
  if (!bytes) return fail('not-base58', 'Not an SS58 address: it contains characters outside base58.');
  if (bytes.length === 0) return fail('not-base58', 'Not an SS58 address.');

  const first = bytes[0]!;
  let prefixLength: number;
  let prefix: number;
  if (first < 64) {
    prefixLength = 1;
    prefix = first;
  } else if (first < 128) {
    if (bytes.length < 2) return fail('wrong-length', 'Address is too short.');
    const second = bytes[1]!;
    prefixLength = 2;
    prefix = ((first & 0b0011_1111) << 2) | (second >> 6) | ((second & 0b0011_1111) << 8);
  } else {
    return fail('bad-prefix', 'Not an SS58 address: invalid network prefix.');
  }
  // Only 32-byte account ids (sr25519/ed25519 coldkeys) are wallets; short indices are not.
  if (bytes.length !== prefixLength + 32 + 2) {
    return fail(
      'wrong-length',
      `Wrong length for an SS58 account address (${bytes.length} bytes decoded, expected ${prefixLength + 34}).`,
    );
  }
  const payload = bytes.subarray(0, prefixLength + 32);
  const sum = checksum(payload);
  if (sum[0] !== bytes[prefixLength + 32] || sum[1] !== bytes[prefixLength + 33]) {
    return fail('bad-checksum', 'Checksum mismatch: the address has a typo.');
  }
  const publicKey = Uint8Array.from(payload.subarray(prefixLength));
  const address = encodeSs58(publicKey, BITTENSOR_SS58_PREFIX);
  return { ok: true, address, publicKey, prefix, normalised: prefix !== BITTENSOR_SS58_PREFIX };
}

export function isBittensorAddress(input: string): boolean {
  const result = parseSs58(input);
  return result.ok && !result.normalised && result.address === input.trim();
}

export function publicKeyHex(publicKey: Uint8Array): string {
  return '0x' + Array.from(publicKey, (b) => b.toString(16).padStart(2, '0')).join('');
}
