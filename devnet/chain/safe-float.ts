/**
 * SafeFloat, the share type of the AlphaV2 share pool (spec ≥ 397): value = mantissa · 10^exponent
 * with the mantissa kept normalised to (MAX/10, MAX], MAX = 10^21. Arithmetic is integer (U256 in
 * the runtime, bigint here) and truncating, operation by operation as the runtime does it, so shares
 * and the values read from them match to the rao. See docs/chain/share-pools.md.
 */
export const SAFE_FLOAT_MAX = 10n ** 21n;
const SAFE_FLOAT_MAX_EXP = 21n;
const MIN_MANTISSA = SAFE_FLOAT_MAX / 10n;
const U64_MAX = (1n << 64n) - 1n;

/** 10^e capped at 10^22 (what the runtime needs; larger shifts divide to 0 anyway). */
function cappow10(e: bigint): bigint {
  if (e > SAFE_FLOAT_MAX_EXP + 1n) return SAFE_FLOAT_MAX * 10n;
  return 10n ** e;
}

export interface SafeFloatJson {
  mantissa: bigint;
  exponent: bigint;
}

export class SafeFloat {
  private constructor(
    readonly mantissa: bigint,
    readonly exponent: bigint,
  ) {}

  static readonly ZERO = new SafeFloat(0n, 0n);

  /** Normalises (mantissa, exponent) so that MAX/10 < mantissa ≤ MAX. */
  static of(mantissa: bigint, exponent: bigint): SafeFloat {
    if (mantissa === 0n) return SafeFloat.ZERO;
    let m = mantissa;
    let e = exponent;
    while (m > SAFE_FLOAT_MAX) {
      m /= 10n;
      e += 1n;
    }
    while (m <= MIN_MANTISSA) {
      m *= 10n;
      e -= 1n;
    }
    return new SafeFloat(m, e);
  }

  static fromU64(v: bigint): SafeFloat {
    return SafeFloat.of(v, 0n);
  }

  static fromJson(j: SafeFloatJson): SafeFloat {
    return new SafeFloat(j.mantissa, j.exponent);
  }

  /** Conversion of a V1 share (U64F64 bits): int + frac / 2^64, as the lazy V1 → V2 migration reads it. */
  static fromU64F64(bits: bigint): SafeFloat {
    if (bits === 0n) return SafeFloat.ZERO;
    const int = SafeFloat.of(bits >> 64n, 0n);
    const frac = SafeFloat.of(bits & U64_MAX, 0n).div(SafeFloat.of(1n << 64n, 0n));
    return int.add(frac);
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  toJson(): SafeFloatJson {
    return { mantissa: this.mantissa, exponent: this.exponent };
  }

  div(a: SafeFloat): SafeFloat {
    if (a.mantissa === 0n) return SafeFloat.ZERO;
    return SafeFloat.of((this.mantissa * SAFE_FLOAT_MAX) / a.mantissa, this.exponent - a.exponent - SAFE_FLOAT_MAX_EXP);
  }

  add(a: SafeFloat): SafeFloat {
    if (this.isZero()) return a;
    if (a.isZero()) return this;
    if (this.exponent >= a.exponent) {
      return SafeFloat.of(this.mantissa + a.mantissa / cappow10(this.exponent - a.exponent), this.exponent);
    }
    return SafeFloat.of(this.mantissa / cappow10(a.exponent - this.exponent) + a.mantissa, a.exponent);
  }

  /** Saturating at zero, like the runtime's U256 saturating_sub. */
  sub(a: SafeFloat): SafeFloat {
    if (a.isZero()) return this;
    if (this.isZero()) return SafeFloat.ZERO;
    const sat = (x: bigint) => (x < 0n ? 0n : x);
    if (this.exponent >= a.exponent) {
      return SafeFloat.of(sat(this.mantissa - a.mantissa / cappow10(this.exponent - a.exponent)), this.exponent);
    }
    return SafeFloat.of(sat(this.mantissa / cappow10(a.exponent - this.exponent) - a.mantissa), a.exponent);
  }

  /** this · a / b without intermediate rounding (one truncating division). */
  mulDiv(a: SafeFloat, b: SafeFloat): SafeFloat {
    if (b.mantissa === 0n) return SafeFloat.ZERO;
    return SafeFloat.of((this.mantissa * a.mantissa) / b.mantissa, this.exponent + a.exponent - b.exponent);
  }

  /** Saturating conversion to u64 (truncating). */
  toU64(): bigint {
    if (this.exponent === 0n) return this.mantissa > U64_MAX ? U64_MAX : this.mantissa;
    const q = this.exponent > 0n ? this.mantissa * cappow10(this.exponent) : this.mantissa / cappow10(-this.exponent);
    return q > U64_MAX ? U64_MAX : q;
  }
}
