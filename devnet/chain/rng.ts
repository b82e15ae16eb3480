/** Deterministic PRNG (splitmix32-style); the whole chain is a pure function of the seed. */
export class Rng {
  private s: number;
  constructor(seed: number | string) {
    let h = 0x9e3779b9;
    const str = String(seed);
    for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), 0x85ebca6b) >>> 0;
    this.s = h >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x9e3779b9) >>> 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  }
  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor(this.next() * (hiExclusive - lo));
  }
  pick<T>(arr: readonly T[]): T {
    const v = arr[Math.floor(this.next() * arr.length)];
    if (v === undefined) throw new Error('pick from empty array');
    return v;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Geometric gap with mean `mean` (≥ 1). */
  gap(mean: number): number {
    return 1 + Math.floor(-Math.log(1 - this.next()) * Math.max(0, mean - 1));
  }
  /** bigint uniform in [lo, hi]. */
  big(lo: bigint, hi: bigint): bigint {
    if (hi <= lo) return lo;
    const span = hi - lo;
    const r = BigInt(Math.floor(this.next() * 2 ** 32)) * 2n ** 21n + BigInt(Math.floor(this.next() * 2 ** 21));
    return lo + ((r * span) >> 53n);
  }
}
