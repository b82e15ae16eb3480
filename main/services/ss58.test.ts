import { stringToU8a, u8aConcat } from '@polkadot/util';
import { base58Encode, blake2AsU8a, cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSs58 } from './ss58';

// Real finney addresses: the opentensor foundation validator hotkey and a well-known coldkey.
const FINNEY = ['5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3', '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN'];

describe('parseSs58', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  it('accepts valid finney addresses unchanged', () => {
    for (const address of FINNEY) {
      const result = parseSs58(address);
      expect(result).toMatchObject({ ok: true, address, prefix: 42, normalised: false });
      if (result.ok) expect(Buffer.from(result.publicKey)).toEqual(Buffer.from(decodeAddress(address)));
    }
  });

  it('trims surrounding whitespace', () => {
    expect(parseSs58(`  ${FINNEY[0]}\n`)).toMatchObject({ ok: true, address: FINNEY[0] });
  });

  it('accepts other-prefix addresses and normalises them to 42', () => {
    const key = decodeAddress(FINNEY[1]!);
    for (const prefix of [0, 2, 7, 63, 64, 1284, 16383]) {
      const other = encodeAddress(key, prefix);
      const result = parseSs58(other);
      expect(result).toMatchObject({ ok: true, address: FINNEY[1], prefix, normalised: true });
    }
  });

  it('rejects a bad checksum', () => {
    const address = FINNEY[0]!;
    // Change one character in the middle: still base58, same length, wrong checksum.
    const swapped = address.slice(0, 20) + (address[20] === 'a' ? 'b' : 'a') + address.slice(21);
    expect(parseSs58(swapped)).toMatchObject({ ok: false, reason: 'bad-checksum' });
  });

  it('rejects wrong lengths', () => {
    // Truncated or extended text never decodes to a valid account.
    expect(parseSs58(FINNEY[0]!.slice(0, -1))).toMatchObject({ ok: false });
    expect(parseSs58(FINNEY[0]! + '1')).toMatchObject({ ok: false });
    // Correct checksums around the wrong payload size: 33-byte (ecdsa) keys and 8-byte indices are not coldkeys.
    expect(parseSs58(encodeAddress(new Uint8Array(33).fill(3), 42))).toMatchObject({
      ok: false,
      reason: 'wrong-length',
    });
    expect(parseSs58(encodeAddress(new Uint8Array(8).fill(7), 42))).toMatchObject({
      ok: false,
      reason: 'wrong-length',
    });
  });

  it('rejects empty and whitespace-only input', () => {
    expect(parseSs58('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseSs58('   \t ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('rejects the reserved prefixes 46 and 47 even with a correct checksum', () => {
    const key = decodeAddress(FINNEY[0]!);
    for (const prefix of [46, 47]) {
      const payload = u8aConcat([prefix], key);
      const sum = blake2AsU8a(u8aConcat(stringToU8a('SS58PRE'), payload), 512).subarray(0, 2);
      expect(parseSs58(base58Encode(u8aConcat(payload, sum)))).toMatchObject({ ok: false, reason: 'bad-prefix' });
    }
  });

  it('rejects hex keys and garbage with a clear reason', () => {
    expect(parseSs58('0x' + 'ab'.repeat(32))).toMatchObject({ ok: false, reason: 'hex-key' });
    expect(parseSs58('hello world')).toMatchObject({ ok: false, reason: 'not-base58' });
    expect(parseSs58('0OIl')).toMatchObject({ ok: false, reason: 'not-base58' });
  });
});
