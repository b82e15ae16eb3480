/** Accounts are handled as 0x-hex public keys internally; SS58 (prefix 42) only at the edges. */
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress } from '@polkadot/util-crypto';

export type Acc = string;

const u8aCache = new Map<Acc, Uint8Array>();

export function accU8a(a: Acc): Uint8Array {
  let u = u8aCache.get(a);
  if (!u) u8aCache.set(a, (u = hexToU8a(a)));
  return u;
}

/** Deterministic account from a label (not a real keypair: the devnet never verifies signatures). */
export function deriveAccount(label: string): Acc {
  return u8aToHex(blake2AsU8a(stringToU8a(`taofolio-devnet:${label}`), 256));
}

const ss58Cache = new Map<Acc, string>();

export function ss58(a: Acc): string {
  let s = ss58Cache.get(a);
  if (!s) ss58Cache.set(a, (s = encodeAddress(accU8a(a), 42)));
  return s;
}

export function fromSs58(address: string): Acc {
  return u8aToHex(decodeAddress(address));
}

/** Accepts ss58 or 0x-hex. */
export function toAcc(a: string): Acc {
  return a.startsWith('0x') ? a.toLowerCase() : fromSs58(a);
}

/**
 * A pallet's sub-account: "modl" ‖ pallet id (8 bytes) ‖ SCALE(sub) zero-padded to 32 bytes
 * (PalletId::into_sub_account_truncating). The subtensor pallet id is "subtensr".
 */
export function palletSubAccount(palletId: string, sub: Uint8Array): Acc {
  const out = new Uint8Array(32);
  out.set(stringToU8a('modl'), 0);
  out.set(stringToU8a(palletId), 4);
  out.set(sub.subarray(0, 20), 12);
  return u8aToHex(out);
}

const subnetAccounts = new Map<number, Acc>();

/** The subnet's account (get_subnet_account_id): holds the pool's TAO from spec 411 on. */
export function subnetAccount(netuid: number): Acc {
  let a = subnetAccounts.get(netuid);
  if (!a) subnetAccounts.set(netuid, (a = palletSubAccount('subtensr', new Uint8Array([netuid & 0xff, netuid >> 8]))));
  return a;
}

/** The block author of every devnet block (receives swap fees from spec 385). */
export const BLOCK_AUTHOR: Acc = deriveAccount('block-author');

/** The devnet's sudo key: signs runtime upgrades and root calls (coldkey swaps, dissolutions). */
export const SUDO: Acc = deriveAccount('sudo');
