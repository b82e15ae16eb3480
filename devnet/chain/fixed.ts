/**
 * Share-pool arithmetic in U64F64 bits, as the pre-397 subtensor share pool does it
 * (primitives/share-pool): value = floor((sharedValue / denominator) × share), dividing first
 * (docs/chain/share-pools.md).
 */
export const FRAC = 64n;
export const ONE = 1n << FRAC;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** U64F64 division a/b on bits (truncating), saturating. */
export function fdiv(aBits: bigint, bBits: bigint): bigint {
  if (bBits === 0n) return 0n;
  const r = (aBits << FRAC) / bBits;
  return r > U128_MAX ? U128_MAX : r;
}

/** U64F64 multiplication on bits (truncating), saturating. */
export function fmul(aBits: bigint, bBits: bigint): bigint {
  const r = (aBits * bBits) >> FRAC;
  return r > U128_MAX ? U128_MAX : r;
}

/** alpha of one share holder: floor((total / denominator) × share). */
export function shareValue(totalAlpha: bigint, denominatorBits: bigint, shareBits: bigint): bigint {
  if (denominatorBits === 0n || shareBits === 0n) return 0n;
  const vps = fdiv(totalAlpha << FRAC, denominatorBits);
  const v = fmul(vps, shareBits) >> FRAC;
  return v > U64_MAX ? U64_MAX : v;
}

/** Shares (bits) worth `amount` alpha at the current value per share. */
export function sharesFor(amount: bigint, totalAlpha: bigint, denominatorBits: bigint): bigint {
  const vps = fdiv(totalAlpha << FRAC, denominatorBits);
  if (vps === 0n) return amount << FRAC;
  return fdiv(amount << FRAC, vps);
}
