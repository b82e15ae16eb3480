/**
 * Units, prices and THE rounding rule of the engine.
 *
 * - TAO amounts: bigint rao (1 TAO = 1e9 rao). Alpha amounts: bigint alpha-rao (1 α = 1e9 alpha-rao).
 * - Prices: bigint rao per 1e9 alpha-rao ("rao per whole α"), the same scale as the chain's
 *   `SwapRuntimeApi.current_alpha_price` (price × 1e9, floored). Root (netuid 0) is PRICE_SCALE (1:1).
 * - Fiat prices: bigint in 1e-8 fiat units per whole TAO (FIAT_SCALE); fiat amounts are 1e-8 fiat units.
 *
 * ROUNDING RULE (applied everywhere): every division rounds toward −∞ (floor), via `floorDiv`.
 * When part of an amount is carved out of a whole (cost removed on a disposal, cost attributed to a
 * hotkey, the α share of a lot), the carved part is floor(whole × part / total) and the REMAINDER
 * STAYS with what is left, so parts always sum back exactly to the whole (no rao is created or lost).
 */

export const RAO_PER_TAO = 1_000_000_000n;
export const PRICE_SCALE = 1_000_000_000n;
export const FIAT_SCALE = 100_000_000n;

/** Integer division rounding toward −∞ (bigint `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('floorDiv by zero');
  const q = a / b;
  // Same signs (or a = 0): truncation is the floor. Otherwise it rounded up unless exact; checked by
  // a multiplication, not a second division for the remainder (bigint division is the costly op).
  if (a < 0n === b < 0n || a === 0n) return q;
  return q * b === a ? q : q - 1n;
}

/** floor(whole × part / total): the share of `whole` that `part` out of `total` carries. */
export function share(whole: bigint, part: bigint, total: bigint): bigint {
  if (total === 0n) return 0n;
  if (part === total) return whole;
  return floorDiv(whole * part, total);
}

/** Below these, `alphaToTao`'s split form stays within 63 bits at every step (see there). */
const SPLIT_ALPHA_LIMIT = 1_000_000_000_000_000_000n; // 1e9 α
const SPLIT_PRICE_LIMIT = 8_589_934_592n; // 2^33 rao ≈ 8.6 τ per α

/** TAO value (rao) of `alpha` alpha-rao at `price` (rao per 1e9 alpha-rao), floored. */
export function alphaToTao(alpha: bigint, price: bigint): bigint {
  if (alpha >= 0n && alpha < SPLIT_ALPHA_LIMIT && price >= 0n && price < SPLIT_PRICE_LIMIT) {
    // alpha·price / 1e9 with alpha = whole·1e9 + rest is whole·price + rest·price / 1e9, exactly (the
    // floor is the truncation for values ≥ 0). Each product then fits in 63 bits, where V8's bigint
    // arithmetic is about three times as fast as on the two-word product alpha·price.
    const whole = alpha / PRICE_SCALE;
    return whole * price + ((alpha - whole * PRICE_SCALE) * price) / PRICE_SCALE;
  }
  const v = alpha * price;
  return v >= 0n ? v / PRICE_SCALE : floorDiv(v, PRICE_SCALE);
}

/** Price implied by a trade or a holding: rao per 1e9 alpha-rao, floored; null when alpha is 0. */
export function impliedPrice(tao: bigint, alpha: bigint): bigint | null {
  if (alpha === 0n) return null;
  return floorDiv(tao * PRICE_SCALE, alpha);
}

/** Fiat value (1e-8 fiat units) of `rao` at `fiatPrice` (1e-8 fiat units per TAO), floored. */
export function taoToFiat(rao: bigint, fiatPrice: bigint): bigint {
  return floorDiv(rao * fiatPrice, RAO_PER_TAO);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
export function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** Decimal rendering of a fixed-point bigint (e.g. rao → "1.250000000"), exact, no floats. */
export function formatFixed(v: bigint, scale: bigint, decimals: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / scale;
  const frac = (a % scale).toString().padStart(decimals, '0');
  return `${neg ? '-' : ''}${whole.toString()}${decimals > 0 ? '.' + frac : ''}`;
}

/** rao → "12.345678901" (9 decimals, exact). */
export function formatTao(rao: bigint): string {
  return formatFixed(rao, RAO_PER_TAO, 9);
}

const RATIO_SCALE = 1_000_000_000_000n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Below this |num × 1e12 / den|, the float quotient is within 0.25 of the exact one (`ratio`). */
const RATIO_FLOAT_LIMIT = 2 ** 49;

/**
 * Ratio as a JS number for display only (percentages): floor(num × 1e12 / den) / 1e12, so huge values
 * keep their small digits; null when the denominator is 0.
 */
export function ratio(num: bigint, den: bigint): number | null {
  if (den === 0n) return null;
  // The floor taken in floating point where that is provably the same integer: num and den exact as
  // doubles, so the quotient x has two roundings of 2^-53 each and |x − v| < |x|·2^-51 < 0.25 for the
  // exact v; where x is farther than that from an integer, floor(x) = floor(v). A bigint division costs
  // ~120 ns, once per repriced position (docs/benchmarks.md, the priced append). Else the bigint floor.
  if (den > 0n && den <= SAFE && num <= SAFE && num >= -SAFE) {
    const x = (Number(num) * 1e12) / Number(den);
    if (x < RATIO_FLOAT_LIMIT && x > -RATIO_FLOAT_LIMIT) {
      const q = Math.floor(x);
      const slack = Math.abs(x) * 2 ** -51;
      const frac = x - q;
      if (frac > slack && frac < 1 - slack) return q / 1e12;
    }
  }
  return Number(floorDiv(num * RATIO_SCALE, den)) / 1e12;
}
