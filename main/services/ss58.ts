// SS58 address checks for watch-only wallets, on @polkadot/util-crypto. Any prefix with a valid
// checksum over a 32-byte account is accepted and re-encoded with Bittensor's prefix 42; anything
// else gets a reason a person can act on.
import { base58Decode } from '@polkadot/util-crypto/base58';
import { checkAddressChecksum } from '@polkadot/util-crypto/address/checksum';
import { encodeAddress } from '@polkadot/util-crypto/address/encode';

/** Bittensor (finney) uses the generic Substrate prefix. */
export const BITTENSOR_SS58_PREFIX = 42;

export type Ss58Result =
  | { ok: true; address: string; publicKey: Uint8Array; prefix: number; normalised: boolean }
  | { ok: false; reason: Ss58Error; message: string };

export type Ss58Error = 'empty' | 'hex-key' | 'not-base58' | 'wrong-length' | 'bad-checksum' | 'bad-prefix';

const fail = (reason: Ss58Error, message: string): Ss58Result => ({ ok: false, reason, message });

function decodeBase58(text: string): Uint8Array | null {
  try {
    return base58Decode(text);
  } catch {
    return null;
  }
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
  const bytes = decodeBase58(text);
  if (!bytes) return fail('not-base58', 'Not an SS58 address: it contains characters outside base58.');
  if (bytes.length === 0) return fail('not-base58', 'Not an SS58 address.');
  // Bit 7 of the first byte is reserved.
  if ((bytes[0]! & 0b1000_0000) !== 0) return fail('bad-prefix', 'Not an SS58 address: invalid network prefix.');
  const prefixLength = (bytes[0]! & 0b0100_0000) !== 0 ? 2 : 1;
  // Only 32-byte account ids (sr25519/ed25519 coldkeys) are wallets; short indices and 33-byte keys are not.
  if (bytes.length !== prefixLength + 32 + 2) {
    return fail(
      'wrong-length',
      `Wrong length for an SS58 account address (${bytes.length} bytes decoded, expected ${prefixLength + 34}).`,
    );
  }
  const [valid, end, , prefix] = checkAddressChecksum(bytes);
  if (prefix === 46 || prefix === 47) return fail('bad-prefix', 'Not an SS58 address: reserved network prefix.');
  if (!valid) return fail('bad-checksum', 'Checksum mismatch: the address has a typo.');
  const publicKey = bytes.slice(prefixLength, end);
  return {
    ok: true,
    address: encodeAddress(publicKey, BITTENSOR_SS58_PREFIX),
    publicKey,
    prefix,
    normalised: prefix !== BITTENSOR_SS58_PREFIX,
  };
}
