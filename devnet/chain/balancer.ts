/**
 * The weighted (balancer) pool of spec ≥ 423, in the runtime's fixed-point steps (see
 * docs/chain/balancer.md): quote weight q (TAO side, Perquintill, 1e18 = 1) and base weight 1 − q;
 *   price      = ((1 − q)/q) · SubnetTAO / SubnetAlphaIn                  (U64F64)
 *   sell α     tao_out   = floor(y · (1 − (x/(x + Δx))^((1−q)/q)))
 *   buy α      alpha_out = floor(x · (1 − (y/(y + Δy))^(q/(1−q))))
 *   fee        floor(amount · FeeRate/65535) of the input, before the swap
 * and the weight update that keeps the price when emission adds liquidity. The fractional power
 * is computed here with 150-bit fixed-point logarithm/exponential series; the runtime uses
 * safe_bigmath's pow_ratio_scaled, so a result can differ from finney's by one unit at a rounding
 * boundary (the devnet is consistent with itself: its sim_swap equals its remove_stake).
 */
export const PERQUINTILL = 1_000_000_000_000_000_000n;
export const HALF = PERQUINTILL / 2n;
const MIN_WEIGHT = PERQUINTILL / 100n;
const ONE64 = 1n << 64n;
const U64_MAX = ONE64 - 1n;

// ---------------------------------------------------------------- fixed-point pow

const P = 10n ** 45n;

/** ln(z) for z = num/den > 0, in units of 1/P. */
function ln(num: bigint, den: bigint): bigint {
  // z = m · 2^k with m in [1/√2, √2): ln z = k·ln2 + 2·atanh((m−1)/(m+1))
  let k = 0n;
  let n = num;
  let d = den;
  while (n * 1_000_000n > d * 1_414_214n) {
    d *= 2n;
    k += 1n;
  }
  while (n * 1_414_214n < d * 1_000_000n) {
    n *= 2n;
    k -= 1n;
  }
  return k * LN2 + atanh2(n - d, n + d);
}

/** 2·atanh(a/b) for |a/b| < 0.18, in units of 1/P. */
function atanh2(a: bigint, b: bigint): bigint {
  const t = (a * P) / b;
  const t2 = (t * t) / P;
  let term = t;
  let sum = 0n;
  for (let i = 1n; term !== 0n; i += 2n) {
    sum += term / i;
    term = (term * t2) / P;
  }
  return 2n * sum;
}

const LN2 = atanh2(1n, 3n); // ln 2 = 2·atanh(1/3)

/** e^y for y ≤ 0 (units of 1/P), in units of 1/P. */
function expNeg(y: bigint): bigint {
  // y = −n·ln2 + t, t in (−ln2, 0]: e^y = e^t / 2^n
  let n = 0n;
  let t = y;
  while (t <= -LN2) {
    t += LN2;
    n += 1n;
  }
  let term = P;
  let sum = P;
  for (let i = 1n; term !== 0n; i += 1n) {
    term = (term * t) / (P * i);
    sum += term;
  }
  return sum >> n;
}

/** e^(−dt/tau) as U64F64 bits (the lock decay; the runtime clamps the exponent at −40). */
export function expNegRatio(dt: bigint, tau: bigint): bigint {
  if (dt === 0n) return 1n << 64n;
  let y = -(dt * P) / tau;
  if (y < -40n * P) y = -40n * P;
  return (expNeg(y) << 64n) / P;
}

/** floor(scale · (a/b)^(p/q)) for 0 < a ≤ b (pow_ratio_scaled). */
export function powRatioScaled(a: bigint, b: bigint, p: bigint, q: bigint, scale: bigint): bigint {
  if (a <= 0n) return 0n;
  if (a >= b) return scale;
  if (p === q) return (scale * a) / b;
  return (scale * expNeg((ln(a, b) * p) / q)) / P;
}

// ---------------------------------------------------------------- pool

export interface Reserves {
  /** SubnetTAO */
  tao: bigint;
  /** SubnetAlphaIn */
  alpha: bigint;
}

/** Price as U64F64 bits: (w1/w2) · (y/x), each step a truncating U64F64 operation. */
export function priceBits(q: bigint, r: Reserves): bigint {
  if (r.alpha === 0n || q === 0n) return 0n;
  const ratioW = ((PERQUINTILL - q) << 64n) / q;
  const ratioR = (r.tao << 64n) / r.alpha;
  return (ratioW * ratioR) >> 64n;
}

/** SwapRuntimeApi.current_alpha_price: floor(price · 1e9). */
export function priceRao(q: bigint, r: Reserves): bigint {
  const v = (priceBits(q, r) * 1_000_000_000n) >> 64n;
  return v > U64_MAX ? U64_MAX : v;
}

/** Swap fee of `amount` at FeeRate/65535, as U64F64 (calculate_fee_amount). */
export function balancerFee(amount: bigint, feeRate: bigint): bigint {
  const rate = (feeRate << 64n) / 65535n;
  return (amount * rate) >> 64n;
}

/** 1 − (base/(base+delta))^(wIn/wOut) as U64F64 bits (exp_scaled, then one − e). */
function oneMinusExp(base: bigint, delta: bigint, wNum: bigint, wDen: bigint): bigint {
  if (base + delta === 0n) return ONE64;
  const r = powRatioScaled(base, base + delta, wNum, wDen, PERQUINTILL);
  let e = (r << 64n) / PERQUINTILL;
  if (e > ONE64) e = ONE64;
  return ONE64 - e;
}

/** α in (net of fee) → TAO out. */
export function taoOut(q: bigint, r: Reserves, alphaIn: bigint): bigint {
  if (alphaIn <= 0n) return 0n;
  return (r.tao * oneMinusExp(r.alpha, alphaIn, PERQUINTILL - q, q)) >> 64n;
}

/** TAO in (net of fee) → α out. */
export function alphaOut(q: bigint, r: Reserves, taoIn: bigint): bigint {
  if (taoIn <= 0n) return 0n;
  return (r.alpha * oneMinusExp(r.tao, taoIn, q, PERQUINTILL - q)) >> 64n;
}

/** (v · p + 1e18/2) / 1e18 (mul_perquintill_round). */
function mulRound(p: bigint, v: bigint): bigint {
  return (v * p + PERQUINTILL / 2n) / PERQUINTILL;
}

/**
 * Quote weight after liquidity was added to reserves `from` (weight `q`) to reach `to`
 * (update_weights_for_added_liquidity). The update keeps the price, so applying it once for the
 * cumulative injection of many blocks equals applying it block by block up to rounding.
 */
export function weightAfterInjection(q: bigint, from: Reserves, to: Reserves): bigint {
  if (from.tao === to.tao && from.alpha === to.alpha) return q;
  const q1 = mulRound(PERQUINTILL - q, from.tao * to.alpha);
  const q2 = mulRound(q, from.alpha * to.tao);
  const sum = q1 + q2;
  const next = sum === 0n ? HALF : (q2 * PERQUINTILL) / sum;
  // An update outside [1 %, 99 %] is refused by the runtime; the weight stays.
  return next < MIN_WEIGHT || next > PERQUINTILL - MIN_WEIGHT ? q : next;
}
