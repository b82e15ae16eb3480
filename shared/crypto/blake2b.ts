// Pure BLAKE2b (RFC 7693) over BigInt-free 32-bit halves, so shared/ needs no crypto dependency.
// Only used for SS58 checksums (short inputs), so clarity wins over speed.

const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

// 64-bit words are stored as (lo, hi) pairs in Uint32Arrays: word i at [2i, 2i+1].
function add64(v: Uint32Array, a: number, b: number): void {
  const lo = v[a]! + v[b]!;
  const carry = lo >= 0x100000000 ? 1 : 0;
  v[a] = lo >>> 0;
  v[a + 1] = (v[a + 1]! + v[b + 1]! + carry) >>> 0;
}

function addConst64(v: Uint32Array, a: number, lo: number, hi: number): void {
  const sum = v[a]! + lo;
  const carry = sum >= 0x100000000 ? 1 : 0;
  v[a] = sum >>> 0;
  v[a + 1] = (v[a + 1]! + hi + carry) >>> 0;
}

function xorRotr64(v: Uint32Array, a: number, b: number, n: number): void {
  const xlo = v[a]! ^ v[b]!;
  const xhi = v[a + 1]! ^ v[b + 1]!;
  if (n === 32) {
    v[a] = xhi;
    v[a + 1] = xlo;
  } else if (n < 32) {
    v[a] = ((xlo >>> n) | (xhi << (32 - n))) >>> 0;
    v[a + 1] = ((xhi >>> n) | (xlo << (32 - n))) >>> 0;
  } else {
    const m = n - 32;
    v[a] = ((xhi >>> m) | (xlo << (32 - m))) >>> 0;
    v[a + 1] = ((xlo >>> m) | (xhi << (32 - m))) >>> 0;
  }
}

function mix(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  add64(v, a, b);
  addConst64(v, a, m[x]!, m[x + 1]!);
  xorRotr64(v, d, a, 32);
  add64(v, c, d);
  xorRotr64(v, b, c, 24);
  add64(v, a, b);
  addConst64(v, a, m[y]!, m[y + 1]!);
  xorRotr64(v, d, a, 16);
  add64(v, c, d);
  xorRotr64(v, b, c, 63);
}

function compress(h: Uint32Array, block: Uint8Array, bytesSeen: number, last: boolean): void {
  const v = new Uint32Array(32);
  const m = new Uint32Array(32);
  v.set(h, 0);
  v.set(IV, 16);
  // Counter fits in 53 bits for any input we will ever hash.
  v[24] = (v[24]! ^ (bytesSeen >>> 0)) >>> 0;
  v[25] = (v[25]! ^ Math.floor(bytesSeen / 0x100000000)) >>> 0;
  if (last) {
    v[28] = ~v[28]! >>> 0;
    v[29] = ~v[29]! >>> 0;
  }
  for (let i = 0; i < 32; i++) {
    m[i] = (block[i * 4]! | (block[i * 4 + 1]! << 8) | (block[i * 4 + 2]! << 16) | (block[i * 4 + 3]! << 24)) >>> 0;
  }
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10]!;
    mix(v, m, 0, 8, 16, 24, s[0]! * 2, s[1]! * 2);
    mix(v, m, 2, 10, 18, 26, s[2]! * 2, s[3]! * 2);
    mix(v, m, 4, 12, 20, 28, s[4]! * 2, s[5]! * 2);
    mix(v, m, 6, 14, 22, 30, s[6]! * 2, s[7]! * 2);
    mix(v, m, 0, 10, 20, 30, s[8]! * 2, s[9]! * 2);
    mix(v, m, 2, 12, 22, 24, s[10]! * 2, s[11]! * 2);
    mix(v, m, 4, 14, 16, 26, s[12]! * 2, s[13]! * 2);
    mix(v, m, 6, 8, 18, 28, s[14]! * 2, s[15]! * 2);
  }
  for (let i = 0; i < 16; i++) h[i] = (h[i]! ^ v[i]! ^ v[i + 16]!) >>> 0;
}

/** BLAKE2b digest of `input` with `outLen` bytes (1..64), unkeyed. */
export function blake2b(input: Uint8Array, outLen = 64): Uint8Array {
  if (outLen < 1 || outLen > 64) throw new RangeError('blake2b output length must be 1..64');
  const h = new Uint32Array(IV);
  h[0] = (h[0]! ^ 0x01010000 ^ outLen) >>> 0;
  const block = new Uint8Array(128);
  let offset = 0;
  while (input.length - offset > 128) {
    block.set(input.subarray(offset, offset + 128));
    offset += 128;
    compress(h, block, offset, false);
  }
  block.fill(0);
  block.set(input.subarray(offset));
  compress(h, block, input.length, true);
  const out = new Uint8Array(outLen);
  for (let i = 0; i < outLen; i++) out[i] = (h[i >> 2]! >>> (8 * (i & 3))) & 0xff;
  return out;
}
