/**
 * The per-(hotkey, netuid) share pool behind every stake position, in both storage generations:
 *  - V1 (< 397): `Alpha` / `TotalHotkeyShares` as U64F64 bits; value = floor((total/denominator)·share),
 *    dividing first.
 *  - V2 (≥ 397): `AlphaV2` / `TotalHotkeySharesV2` as SafeFloat; value = total·share/denominator in
 *    SafeFloat. Any write migrates the touched entries lazily: the V1 entry is deleted and the V2 one
 *    written; reads prefer a V1 entry, converted.
 * `TotalHotkeyAlpha` (the shared value) is the same item in both. See docs/chain/share-pools.md.
 */
import type { Acc } from './accounts.js';
import { shareValue, sharesFor } from './fixed.js';
import { SafeFloat } from './safe-float.js';
import type { ChainState } from './state.js';

/** First runtime with AlphaV2 shares. */
export const ALPHA_V2_SPEC = 397;

function shareV2(s: ChainState, hot: Acc, cold: Acc, netuid: number, b: number): SafeFloat {
  const v1 = s.getLog<bigint>('Alpha', b, hot, cold, netuid);
  if (v1 !== undefined) return SafeFloat.fromU64F64(v1);
  return s.getLog<SafeFloat>('AlphaV2', b, hot, cold, netuid) ?? SafeFloat.ZERO;
}

function denominatorV2(s: ChainState, hot: Acc, netuid: number, b: number): SafeFloat {
  const v1 = s.getLog<bigint>('TotalHotkeyShares', b, hot, netuid);
  if (v1 !== undefined) return SafeFloat.fromU64F64(v1);
  return s.getLog<SafeFloat>('TotalHotkeySharesV2', b, hot, netuid) ?? SafeFloat.ZERO;
}

/**
 * α of (hot, cold, netuid) at block b as that block's runtime computes it; with `total`, the shares of
 * block b valued at another TotalHotkeyAlpha (emission accounting).
 */
export function positionValue(s: ChainState, hot: Acc, cold: Acc, netuid: number, b: number, total?: bigint): bigint {
  const t = total ?? s.totalHotkeyAlpha(hot, netuid, b);
  if (s.specAt(b) < ALPHA_V2_SPEC) {
    const share = s.shares(hot, cold, netuid, b);
    if (share === 0n) return 0n;
    return shareValue(t, s.totalHotkeyShares(hot, netuid, b), share);
  }
  const share = shareV2(s, hot, cold, netuid, b);
  if (share.isZero()) return 0n;
  const denom = denominatorV2(s, hot, netuid, b);
  return SafeFloat.fromU64(t).mulDiv(share, denom).toU64();
}

/** Writes a V2 share and denominator, deleting the V1 entries (the lazy migration). */
function writeV2(s: ChainState, hot: Acc, cold: Acc, netuid: number, share: SafeFloat, denom: SafeFloat): void {
  if (s.getLog<bigint>('Alpha', s.cur, hot, cold, netuid) !== undefined)
    s.setLog('Alpha', undefined, hot, cold, netuid);
  if (s.getLog<bigint>('TotalHotkeyShares', s.cur, hot, netuid) !== undefined)
    s.setLog('TotalHotkeyShares', undefined, hot, netuid);
  s.setLog('AlphaV2', share.isZero() ? undefined : share, hot, cold, netuid);
  s.setLog('TotalHotkeySharesV2', denom.isZero() ? undefined : denom, hot, netuid);
}

/** update_value_for_one(+alpha). */
export function increaseShares(s: ChainState, hot: Acc, cold: Acc, netuid: number, alpha: bigint): void {
  const total = s.totalHotkeyAlpha(hot, netuid);
  if (s.specAt(s.cur) < ALPHA_V2_SPEC) {
    const denom = s.totalHotkeyShares(hot, netuid);
    const share = s.shares(hot, cold, netuid);
    // Empty pool: the first key gets shares 1:1.
    const add = denom === 0n || total === 0n ? alpha << 64n : sharesFor(alpha, total, denom);
    s.setIndexed('TotalHotkeyAlpha', netuid, total + alpha, hot, netuid);
    s.setLog('TotalHotkeyShares', denom + add, hot, netuid);
    s.setLog('Alpha', share + add, hot, cold, netuid);
    return;
  }
  const denom = denominatorV2(s, hot, netuid, s.cur);
  const share = shareV2(s, hot, cold, netuid, s.cur);
  const update = SafeFloat.fromU64(alpha);
  if (denom.isZero()) writeV2(s, hot, cold, netuid, update, update);
  else {
    const perUpdate = update.mulDiv(denom, SafeFloat.fromU64(total));
    writeV2(s, hot, cold, netuid, share.add(perUpdate), denom.add(perUpdate));
  }
  s.setIndexed('TotalHotkeyAlpha', netuid, total + alpha, hot, netuid);
}

/**
 * update_value_for_one(−alpha) for alpha ≤ the position. V1 deletes the entry on a full removal
 * (the devnet's pre-397 model); V2 subtracts the shares worth alpha, as the runtime does, and only a
 * zero share is deleted. Returns the α actually removed.
 */
export function decreaseShares(s: ChainState, hot: Acc, cold: Acc, netuid: number, alpha: bigint): bigint {
  const value = positionValue(s, hot, cold, netuid, s.cur);
  const total = s.totalHotkeyAlpha(hot, netuid);
  if (s.specAt(s.cur) < ALPHA_V2_SPEC) {
    const denom = s.totalHotkeyShares(hot, netuid);
    const share = s.shares(hot, cold, netuid);
    if (alpha >= value) {
      s.setIndexed('TotalHotkeyAlpha', netuid, total - value, hot, netuid);
      s.setLog('TotalHotkeyShares', denom - share, hot, netuid);
      s.setLog('Alpha', undefined, hot, cold, netuid);
      return value;
    }
    let sub = sharesFor(alpha, total, denom);
    if (sub > share) sub = share;
    s.setIndexed('TotalHotkeyAlpha', netuid, total - alpha, hot, netuid);
    s.setLog('TotalHotkeyShares', denom - sub, hot, netuid);
    s.setLog('Alpha', share - sub, hot, cold, netuid);
    return alpha;
  }
  // The runtime decreases only when the position covers the amount.
  if (value < alpha || alpha <= 0n) return 0n;
  const denom = denominatorV2(s, hot, netuid, s.cur);
  const share = shareV2(s, hot, cold, netuid, s.cur);
  const perUpdate = SafeFloat.fromU64(alpha).mulDiv(denom, SafeFloat.fromU64(total));
  writeV2(s, hot, cold, netuid, share.sub(perUpdate), denom.sub(perUpdate));
  s.setIndexed('TotalHotkeyAlpha', netuid, total - alpha, hot, netuid);
  return alpha;
}

/**
 * The 473 retirement of V1 share storage on one pool: every remaining V1 share and denominator is
 * rewritten as V2; a V1 position worth less than `dust` α is deleted instead and its α burned.
 * Returns the swept positions.
 */
export function retireV1(
  s: ChainState,
  hot: Acc,
  netuid: number,
  colds: Acc[],
  dust: bigint,
): { cold: Acc; alpha: bigint }[] {
  const swept: { cold: Acc; alpha: bigint }[] = [];
  const v1Denom = s.getLog<bigint>('TotalHotkeyShares', s.cur, hot, netuid);
  let denom = denominatorV2(s, hot, netuid, s.cur);
  for (const cold of colds) {
    const v1 = s.getLog<bigint>('Alpha', s.cur, hot, cold, netuid);
    if (v1 === undefined) continue;
    const value = positionValue(s, hot, cold, netuid, s.cur);
    const share = SafeFloat.fromU64F64(v1);
    s.setLog('Alpha', undefined, hot, cold, netuid);
    if (value < dust) {
      denom = denom.sub(share);
      s.setIndexed('TotalHotkeyAlpha', netuid, s.totalHotkeyAlpha(hot, netuid) - value, hot, netuid);
      s.setIndexed('SubnetAlphaOut', netuid, s.subnetAlphaOut(netuid) - value, netuid);
      if (value > 0n) swept.push({ cold, alpha: value });
    } else {
      s.setLog('AlphaV2', share, hot, cold, netuid);
    }
  }
  if (v1Denom !== undefined) s.setLog('TotalHotkeyShares', undefined, hot, netuid);
  if (v1Denom !== undefined || swept.length)
    s.setLog('TotalHotkeySharesV2', denom.isZero() ? undefined : denom, hot, netuid);
  return swept;
}

/** The 464 reconcile: the denominator becomes the sum of the live shares. Returns whether it changed. */
export function reconcileDenominator(s: ChainState, hot: Acc, netuid: number, colds: Acc[]): boolean {
  let sum = SafeFloat.ZERO;
  for (const cold of colds) sum = sum.add(shareV2(s, hot, cold, netuid, s.cur));
  const denom = denominatorV2(s, hot, netuid, s.cur);
  if (sum.mantissa === denom.mantissa && sum.exponent === denom.exponent) return false;
  s.setLog('TotalHotkeySharesV2', sum.isZero() ? undefined : sum, hot, netuid);
  return true;
}
