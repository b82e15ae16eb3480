/**
 * Per-runtime (spec_version) rules for stake events and pool swaps (docs/chain/fees.md,
 * docs/chain/pricing-and-exit.md).
 * Everything spec-dependent lives here so the ledger and the exit-value code read one table.
 *
 * Ranges (mainnet first-parent merges; specs between the named ones follow the range they fall in):
 *   233–251  no fee field; add/remove flat 50,000 rao TAO; moves 25,000 per side; tao fields net of fee
 *   252–256  as above but remove/move fee dynamic (≥50,000; /2 per move side) and NOT observable
 *   257–282  `fee` field (TAO on both events); tao fields net of fee
 *   283–296  swap v3: StakeAdded.tao gross (fee TAO inside); StakeRemoved.alpha gross (fee α inside),
 *            tao net; moves: both sides pay; FeeRate 196/65535
 *   297–314  FeeRate 33/65535; cross-subnet move: origin free, destination pays; same-subnet = transfer
 *   315–396  cross-subnet move: origin pays (dest free) unless origin is root (then dest pays)
 *   ≥397     StakeRemoved.alpha is NET (gross = alpha + fee); alpha-paid tx fees exist
 *   ≥423     balancer pool: out = y·(1 − (x/(x+Δ))^((1−q)/q)) with the pool's weight q, or the weight the
 *            spot price implies when q is not known (flagged approximate); docs/chain/pricing-and-exit.md
 * Root (netuid 0): 1:1, no swap fee from 283; before 283 it paid the same flat/dynamic fee.
 */

export const FLAT_STAKE_FEE = 50_000n;
export const HALF_FLAT_STAKE_FEE = 25_000n;
export const FEE_RATE_DENOM = 65_535n;

export const SPEC_DTAO = 233;
export const SPEC_DYNAMIC_REMOVE_FEE = 252;
export const SPEC_FEE_FIELD = 257;
export const SPEC_SWAP_V3 = 283;
export const SPEC_SAME_SUBNET_TRANSFER = 297;
export const SPEC_ORIGIN_PAYS = 315;
/** Root dividends are claimed from here (docs/chain/root-claims.md), no longer sold into root's pool. */
export const SPEC_ROOT_CLAIMS = 334;
export const SPEC_NET_REMOVED_ALPHA = 397;
export const SPEC_BALANCER = 423;

export type { FeeUnit } from '../vocab';
import type { FeeUnit } from '../vocab';

/** Default swap FeeRate numerator (denominator 65535) for v3+ runtimes. */
export function defaultFeeRate(spec: number): bigint {
  return spec < SPEC_SAME_SUBNET_TRANSFER ? 196n : 33n;
}

/** True when the StakeAdded/StakeRemoved `tao` field is net of the (TAO) fee: specs before v3. */
export function taoFieldsNetOfFee(spec: number): boolean {
  return spec < SPEC_SWAP_V3;
}

/** Unit of the fee charged on a removal (StakeRemoved): TAO before v3, alpha from v3. */
export function removeFeeUnit(spec: number): FeeUnit {
  return spec < SPEC_SWAP_V3 ? 'tao' : 'alpha';
}

/** Same-subnet moves are plain share transfers (fee 0, tao = price × α) from 297; swaps before. */
export function sameSubnetIsTransfer(spec: number): boolean {
  return spec >= SPEC_SAME_SUBNET_TRANSFER;
}

/** StakeRemoved.alpha is the gross position decrease (fee included) before 397, net after. */
export function removedAlphaIsNet(spec: number): boolean {
  return spec >= SPEC_NET_REMOVED_ALPHA;
}

/** Is the fee field present in Stake* events of this runtime? */
export function hasFeeField(spec: number): boolean {
  return spec >= SPEC_FEE_FIELD;
}

/**
 * Implied fee (TAO) of a runtime without a fee field (233–256), for a plain add/remove or one move side.
 * Same-subnet moves pay 25,000 per side at every pre-297 spec (docs/chain/fees.md); cross-subnet sides are dyn/2 at
 * 252–256. Returns null when the fee is dynamic and unobservable (252–256 removals, cross-subnet sides).
 */
export function impliedPreFieldFee(spec: number, side: 'add' | 'remove' | 'move' | 'move-same-subnet'): bigint | null {
  if (side === 'add') return FLAT_STAKE_FEE;
  if (side === 'move-same-subnet') return HALF_FLAT_STAKE_FEE;
  if (spec < SPEC_DYNAMIC_REMOVE_FEE) return side === 'remove' ? FLAT_STAKE_FEE : HALF_FLAT_STAKE_FEE;
  return null;
}

/** Which side of a cross-subnet move pays the swap fee (v3+); 'both' at 283–296; 'both' (half each) before v3. */
export function crossSubnetFeeSide(spec: number, originNetuid: number): 'both' | 'origin' | 'destination' {
  if (spec < SPEC_SAME_SUBNET_TRANSFER) return 'both';
  if (spec < SPEC_ORIGIN_PAYS) return 'destination';
  return originNetuid === 0 ? 'destination' : 'origin';
}

export interface ExitQuote {
  /** TAO (rao) received for selling the α now. */
  tao: bigint;
  /** Fee charged (unit below). */
  fee: bigint;
  feeUnit: FeeUnit;
  /** True when the quote is an approximation (dynamic pre-v3 fee, balancer weights). */
  approximate: boolean;
}

export interface PoolState {
  netuid: number;
  taoIn: bigint;
  alphaIn: bigint;
  /** rao per 1e9 alpha-rao */
  price: bigint;
  /** FeeRate numerator override (Swap.FeeRate), else the runtime default. */
  feeRate?: bigint | null;
  /** Balancer quote (TAO-side) weight q, Perquintill (1e18 = 1); null/absent: not read. */
  balancerQuote?: bigint | null;
}

/**
 * What selling `alpha` through the pool would return now (constant product x·y = k on the reserves up
 * to 422, the weighted pool from 423).
 * Root: 1:1 (minus the flat fee before v3). Pre-v3: flat 50,000 rao (dynamic ≥50,000 at 252–282 is
 * approximated by 50,000 and flagged). v3: fee = floor(α × FeeRate / 65535) in α, the rest swapped.
 * Balancer (≥423): `balancerExit` below.
 */
export function quoteExit(alpha: bigint, pool: PoolState, spec: number): ExitQuote {
  if (alpha <= 0n) return { tao: 0n, fee: 0n, feeUnit: 'alpha', approximate: false };
  if (pool.netuid === 0) {
    if (spec >= SPEC_SWAP_V3) return { tao: alpha, fee: 0n, feeUnit: 'alpha', approximate: false };
    const tao = alpha > FLAT_STAKE_FEE ? alpha - FLAT_STAKE_FEE : 0n;
    return { tao, fee: alpha - tao, feeUnit: 'tao', approximate: spec >= SPEC_DYNAMIC_REMOVE_FEE };
  }
  if (spec >= SPEC_BALANCER) return balancerExit(alpha, pool, spec);
  if (spec < SPEC_SWAP_V3) {
    const gross = constantProductOut(pool.taoIn, pool.alphaIn, alpha);
    const tao = gross > FLAT_STAKE_FEE ? gross - FLAT_STAKE_FEE : 0n;
    return { tao, fee: gross - tao, feeUnit: 'tao', approximate: spec >= SPEC_DYNAMIC_REMOVE_FEE };
  }
  const rate = pool.feeRate ?? defaultFeeRate(spec);
  const fee = (alpha * rate) / FEE_RATE_DENOM;
  return { tao: constantProductOut(pool.taoIn, pool.alphaIn, alpha - fee), fee, feeUnit: 'alpha', approximate: false };
}

/** TAO out of an x·y = k pool for `a` α in: floor(taoReserve × a / (alphaReserve + a)). */
function constantProductOut(taoReserve: bigint, alphaReserve: bigint, a: bigint): bigint {
  const den = alphaReserve + a;
  return den === 0n ? 0n : (taoReserve * a) / den;
}

const PERQUINTILL = 10n ** 18n;
const FLOAT_BITS = 53n;

/**
 * A balancer-pool sale (spec ≥ 423): fee = floor(α·FeeRate/65535) in α, then
 * out = floor(y · (1 − (x / (x + Δ))^w)), w = (1 − q)/q. The power is a ratio evaluated in floating
 * point as −expm1(w·log1p(−Δ/(x+Δ))) (no cancellation for small sales) and applied to the TAO reserve
 * in integers; the runtime's fixed point can differ by a unit or two. Without q, w is the weight the
 * spot price implies (price = w·y/x), within the price's rounding: flagged approximate.
 */
function balancerExit(alpha: bigint, pool: PoolState, spec: number): ExitQuote {
  const rate = pool.feeRate ?? defaultFeeRate(spec);
  const fee = (alpha * rate) / FEE_RATE_DENOM;
  const swapped = alpha - fee;
  const q = pool.balancerQuote ?? null;
  const x = pool.alphaIn;
  const y = pool.taoIn;
  if (x <= 0n || y <= 0n || swapped <= 0n) return { tao: 0n, fee, feeUnit: 'alpha', approximate: q === null };
  const w =
    q !== null && q > 0n ? Number(PERQUINTILL - q) / Number(q) : (Number(pool.price) * Number(x)) / (Number(y) * 1e9);
  const share = -Math.expm1(w * Math.log1p(-Number(swapped) / Number(x + swapped)));
  const scaled = BigInt(Math.floor(Math.min(1, Math.max(0, share)) * 2 ** Number(FLOAT_BITS)));
  return { tao: (y * scaled) >> FLOAT_BITS, fee, feeUnit: 'alpha', approximate: q === null };
}
