// A coldkey's α per position at a checkpoint block from storage already read with the block, instead
// of one get_stake_info_for_coldkey call per block (docs/chain/share-pools.md#what-taofolio-reads):
// α = TotalHotkeyAlpha · share / denominator in the arithmetic of the runtime that runs the block
// (V1 U64F64 dividing first before 397; SafeFloat from 397, a V1 entry read first, converted). Used
// only where the answer is the runtime call's: runtimes 320–424 and 441–475 (basket funds are escrow
// positions, so a staker's rows are ordinary pool shares; from 475 a share row counts only when its
// generation stamp equals its pool's, read with the block), a block that is not a runtime upgrade's,
// every key read, a coldkey other than the basket escrow, from 441 every StakingHotkeys hotkey known on
// every known subnet (positions appear silently there), and every position found on a subnet that
// exists at the block under a hotkey in StakingHotkeys (what the call enumerates).
// Anything else returns null and the caller asks the runtime.
import type { PositionRow } from '../db/repos/chain-facts';
import { ESCROW } from './baskets';
import type { BlockState } from './reader';
import { decodeAccountVec, keys, leUint } from './storage-keys';

/**
 * Runtimes whose StakeInfo this module reproduces: compared with the call on the devnet's 393, 424,
 * 455 and 475. 425–440 (never simulated) are left to the call; so is anything after 475.
 */
export const STORAGE_STAKE_SPECS = [
  { from: 320, to: 424 },
  { from: 441, to: 475 },
] as const;
const storageSpec = (spec: number): boolean => STORAGE_STAKE_SPECS.some((r) => r.from <= spec && spec <= r.to);
const ALPHA_V2_SPEC = 397;
/** From this runtime (the basket era) positions can appear without a stake event (see stakeFromStorage). */
export const SILENT_POSITIONS_SPEC = 441;
/** V1 share storage retired (docs/chain/share-pools.md#retirement-of-v1-473). */
const V1_RETIRED_SPEC = 473;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** V1: floor((total / denominator) · share) in U64F64, dividing first (share-pool at spec 391). */
export function v1Value(total: bigint, denominatorBits: bigint, shareBits: bigint): bigint {
  if (denominatorBits === 0n || shareBits === 0n) return 0n;
  const q = ((total << 64n) << 64n) / denominatorBits;
  const perShare = q > U128_MAX ? U128_MAX : q;
  const p = (perShare * shareBits) >> 64n;
  const v = (p > U128_MAX ? U128_MAX : p) >> 64n;
  return v > U64_MAX ? U64_MAX : v;
}

/** SafeFloat as [mantissa, exponent], normalised so that 10²⁰ < mantissa ≤ 10²¹ (0 is [0, 0]). */
type SF = readonly [bigint, bigint];
const SF_MAX = 10n ** 21n;
const SF_MIN = SF_MAX / 10n;
function sf(mantissa: bigint, exponent: bigint): SF {
  if (mantissa === 0n) return [0n, 0n];
  let [m, e] = [mantissa, exponent];
  while (m > SF_MAX) [m, e] = [m / 10n, e + 1n];
  while (m <= SF_MIN) [m, e] = [m * 10n, e - 1n];
  return [m, e];
}
const pow10 = (e: bigint): bigint => (e > 22n ? SF_MAX * 10n : 10n ** e);
function sfAdd(a: SF, b: SF): SF {
  if (a[0] === 0n) return b;
  if (b[0] === 0n) return a;
  return a[1] >= b[1] ? sf(a[0] + b[0] / pow10(a[1] - b[1]), a[1]) : sf(a[0] / pow10(b[1] - a[1]) + b[0], b[1]);
}
/** A V1 share (U64F64 bits) as the V2 runtime reads it: integer part plus fraction / 2⁶⁴. */
function fromBits(bits: bigint): SF {
  if (bits === 0n) return [0n, 0n];
  const [fm, fe] = sf(bits & U64_MAX, 0n);
  const [dm, de] = sf(1n << 64n, 0n);
  return sfAdd(sf(bits >> 64n, 0n), sf((fm * SF_MAX) / dm, fe - de - 21n));
}
/** SafeFloat {mantissa: u128, exponent: i64} as stored. */
function stored(hex: string): SF {
  const raw = leUint(hex, 8, 16);
  return [leUint(hex, 16), raw >= 1n << 63n ? raw - (1n << 64n) : raw];
}
/** V2: SafeFloat(total).mul_div(share, denominator) → u64, truncating and saturating. */
export function v2Value(total: bigint, share: SF, denominator: SF): bigint {
  if (share[0] === 0n || denominator[0] === 0n) return 0n;
  const [tm, te] = sf(total, 0n);
  const [m, e] = sf((tm * share[0]) / denominator[0], te + share[1] - denominator[1]);
  const v = e >= 0n ? m * pow10(e) : m / pow10(-e);
  return v > U64_MAX ? U64_MAX : v;
}

/**
 * The keys stakeFromStorage reads per position, besides poolValueKeys and the subnets' SubnetTAO: the
 * share rows and their 475 generation stamps (absent, so 0 = 0, on runtimes without them).
 */
export function shareKeysOf(coldkey: string, positions: Iterable<{ hotkey: string; netuid: number }>): string[] {
  const out = [keys.stakingHotkeys(coldkey)];
  for (const p of positions)
    out.push(
      keys.alpha(p.hotkey, coldkey, p.netuid),
      keys.alphaV2(p.hotkey, coldkey, p.netuid),
      keys.alphaShareEpoch(p.hotkey, coldkey, p.netuid),
      keys.alphaSharePoolEpoch(p.hotkey, p.netuid),
    );
  return out;
}

/**
 * The positions with α of `coldkey` among `known` at block `s` (sorted as readPositions sorts), or
 * null when storage cannot stand in for the runtime call here (see the file comment). `specVersion`
 * is the runtime that executed the block; `sameRuntimeNext`: block s + 1 ran it too (no upgrade in s).
 */
export function stakeFromStorage(
  s: BlockState,
  specVersion: number,
  sameRuntimeNext: boolean,
  coldkey: string,
  known: readonly { hotkey: string; netuid: number }[],
): PositionRow[] | null {
  if (!sameRuntimeNext || !storageSpec(specVersion) || coldkey === ESCROW) return null;
  const v = s.values;
  const get = (k: string): string | null => v.get(k) ?? null;
  // A pair with neither share row has no α in any pool generation: its share keys suffice (the
  // pairs change discovery reads only to prove them empty carry no others).
  const hasRow = (p: { hotkey: string; netuid: number }) =>
    get(keys.alpha(p.hotkey, coldkey, p.netuid)) !== null || get(keys.alphaV2(p.hotkey, coldkey, p.netuid)) !== null;
  const wanted = [keys.stakingHotkeys(coldkey)];
  for (const p of known) {
    wanted.push(keys.alpha(p.hotkey, coldkey, p.netuid), keys.alphaV2(p.hotkey, coldkey, p.netuid));
    if (hasRow(p))
      wanted.push(
        keys.alphaShareEpoch(p.hotkey, coldkey, p.netuid),
        keys.alphaSharePoolEpoch(p.hotkey, p.netuid),
        keys.totalHotkeyAlpha(p.hotkey, p.netuid),
        keys.totalHotkeyShares(p.hotkey, p.netuid),
        keys.totalHotkeySharesV2(p.hotkey, p.netuid),
      );
  }
  if (!wanted.every((k) => v.has(k))) return null;
  const staking = new Set(decodeAccountVec(get(keys.stakingHotkeys(coldkey))));
  // From 441 a position can appear silently (a hotkey swap's new hotkey, a claim's root stake, a
  // coldkey swap): a staking hotkey on a known subnet without a known position there is left to the
  // call, which enumerates it.
  const knownPairs = new Set(known.map((p) => `${p.hotkey}|${p.netuid}`));
  const knownNetuids = [...new Set(known.map((p) => p.netuid))];
  if (
    specVersion >= SILENT_POSITIONS_SPEC &&
    [...staking].some((h) => knownNetuids.some((n) => !knownPairs.has(`${h}|${n}`)))
  )
    return null;
  const rows: PositionRow[] = [];
  for (const { hotkey, netuid } of known.filter(hasRow)) {
    // A row of an older pool generation reads as absent; rather than decode that, leave it to the call.
    const stamp = leUint(get(keys.alphaShareEpoch(hotkey, coldkey, netuid)), 8);
    if (stamp !== leUint(get(keys.alphaSharePoolEpoch(hotkey, netuid)), 8)) return null;
    const total = leUint(get(keys.totalHotkeyAlpha(hotkey, netuid)), 8);
    const v1Share = get(keys.alpha(hotkey, coldkey, netuid));
    const v1Denominator = get(keys.totalHotkeyShares(hotkey, netuid));
    // A V1 row under a runtime without V1 (mid-sweep of the 473 migration): unknown how it reads.
    if (specVersion >= V1_RETIRED_SPEC && (v1Share || v1Denominator)) return null;
    let alpha: bigint;
    if (specVersion < ALPHA_V2_SPEC) {
      alpha = v1Value(total, leUint(v1Denominator, 16), leUint(v1Share, 16));
    } else {
      const v2Share = get(keys.alphaV2(hotkey, coldkey, netuid));
      const v2Denominator = get(keys.totalHotkeySharesV2(hotkey, netuid));
      const share = v1Share ? fromBits(leUint(v1Share, 16)) : v2Share ? stored(v2Share) : sf(0n, 0n);
      const denominator = v1Denominator
        ? fromBits(leUint(v1Denominator, 16))
        : v2Denominator
          ? stored(v2Denominator)
          : sf(0n, 0n);
      alpha = v2Value(total, share, denominator);
    }
    if (alpha === 0n) continue;
    // The call enumerates StakingHotkeys × existing subnets: anything outside that (or a subnet whose
    // SubnetTAO was not read: a position with no α needs none) is left to it.
    if (!staking.has(hotkey) || get(keys.subnetTao(netuid)) === null) return null;
    rows.push({ hotkey, netuid, alpha });
  }
  return rows.sort((a, b) => a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
}
