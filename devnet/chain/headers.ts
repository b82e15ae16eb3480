/**
 * Block hashes and headers derived on demand: hash(b) = blake2(seed, b, fork)[0..24] ‖ b ‖ fork, so
 * a hash maps back to its number without a table (block 0 is finney's real genesis hash).
 */
import { stringToU8a, u8aConcat, u8aToHex, hexToU8a } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Chain } from './chain.js';
import { GENESIS_HASH } from './chain.js';

function be32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, false);
  return b;
}

export function blockHash(chain: Chain, b: number): string {
  if (b === 0) return GENESIS_HASH;
  const fork = chain.forks.get(b) ?? 0;
  const h = blake2AsU8a(u8aConcat(stringToU8a(`devnet:${chain.seed}:`), be32(b), be32(fork)), 256);
  return u8aToHex(u8aConcat(h.subarray(0, 24), be32(b), be32(fork)));
}

/** Block number of a canonical hash at or below head, else null (unknown or abandoned fork). */
export function blockNumberOf(chain: Chain, hash: string): number | null {
  const h = hash.toLowerCase();
  if (h === GENESIS_HASH) return 0;
  if (!/^0x[0-9a-f]{64}$/.test(h)) return null;
  const u = hexToU8a(h);
  const n = new DataView(u.buffer, u.byteOffset).getUint32(24, false);
  if (n > chain.head) return null;
  return blockHash(chain, n) === h ? n : null;
}

export interface HeaderJson {
  parentHash: string;
  number: string;
  stateRoot: string;
  extrinsicsRoot: string;
  digest: { logs: string[] };
}

export function header(chain: Chain, b: number): HeaderJson {
  const hash = hexToU8a(blockHash(chain, b));
  const slot = chain.timestampAt(b) / 12_000n;
  const slotBytes = new Uint8Array(8);
  new DataView(slotBytes.buffer).setBigUint64(0, slot, true);
  // PreRuntime(aura, slot) digest like finney's first log item.
  const aura = u8aConcat(new Uint8Array([6]), stringToU8a('aura'), new Uint8Array([0x20]), slotBytes);
  return {
    parentHash: b === 0 ? '0x' + '00'.repeat(32) : blockHash(chain, b - 1),
    number: '0x' + b.toString(16),
    stateRoot: u8aToHex(blake2AsU8a(u8aConcat(hash, stringToU8a('state')), 256)),
    extrinsicsRoot: u8aToHex(blake2AsU8a(u8aConcat(hash, stringToU8a('xts')), 256)),
    digest: { logs: b === 0 ? [] : [u8aToHex(aura)] },
  };
}
