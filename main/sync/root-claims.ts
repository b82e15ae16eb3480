// Root-claim payouts of a coldkey at one block (docs/chain/root-claims.md). RootClaimed{coldkey}
// carries no amounts: the claimed α per (root hotkey, subnet) is the growth of the RootClaimed
// watermark across the block; Keep stakes it on that subnet, Swap sells it into root stake. From
// spec 411 each Swap claim's TAO is visible as a Balances.Transfer from the subnet's account to
// root's; before, it is reconstructed from the pool after the block.
import type { CheckpointFacts, PayoutRow, SubnetRow } from '../db/repos/chain-facts';
import type { StakeEventRow, TransferRef } from './event-types';
import { SUMMARY_EVENT_KINDS } from '../../shared/vocab';
import { subnetOfAccount } from './mechanics';
import { decodeAccountVec, keys, leUint } from './storage-keys';

/** Values of `keys` at a block: from a read already made when it covered them, else one request. */
export type ValuesAt = (block: number, keys: readonly string[]) => Promise<ReadonlyMap<string, string | null>>;

/** The keys rootClaimPayouts reads: watermarks of `rootHotkeys` × `netuids`, the claim type, StakingHotkeys. */
export function rootClaimKeys(coldkey: string, rootHotkeys: Iterable<string>, netuids: readonly number[]): string[] {
  const hotkeys = [...new Set(rootHotkeys)].sort();
  if (hotkeys.length === 0) return [];
  return [
    ...hotkeys.flatMap((hot) => netuids.filter((n) => n !== 0).map((n) => keys.rootClaimed(n, hot, coldkey))),
    keys.rootClaimType(coldkey),
    keys.stakingHotkeys(coldkey),
  ];
}

/**
 * The (root hotkey, subnet) pairs a claim at a block staked α on: the coldkey's watermark grew across
 * the block (`before` is b − 1's values, `after` b's) and its claim type (read at b − 1) keeps that
 * subnet's α. That α stays on the subnet under the root hotkey and earns there, and no stake event
 * names the position, so change discovery must watch it: if it ends silently before the head (a
 * dissolution), nothing else lists it (devnet upgrade424 seed 219: Keep claims on a subnet dissolved
 * at 10,500). Only keys both reads hold count.
 */
export function keptClaimPairs(
  coldkey: string,
  rootHotkeys: Iterable<string>,
  netuids: readonly number[],
  before: ReadonlyMap<string, string | null>,
  after: ReadonlyMap<string, string | null>,
): { hotkey: string; netuid: number }[] {
  const type = decodeClaimType(before.get(keys.rootClaimType(coldkey)) ?? null);
  const out: { hotkey: string; netuid: number }[] = [];
  for (const hotkey of rootHotkeys)
    for (const netuid of netuids) {
      if (netuid === 0 || !type.keep(netuid)) continue;
      const k = keys.rootClaimed(netuid, hotkey, coldkey);
      if (!before.has(k) || !after.has(k)) continue;
      if (leUint(after.get(k) ?? null, 16) > leUint(before.get(k) ?? null, 16)) out.push({ hotkey, netuid });
    }
  return out;
}

export async function rootClaimPayouts(
  valuesAt: ValuesAt,
  coldkey: string,
  b: number,
  eventIndex: number,
  claimTransfers: readonly TransferRef[],
  prior: CheckpointFacts,
  after: CheckpointFacts,
  rows: readonly StakeEventRow[],
): Promise<PayoutRow[]> {
  const rootPositions = new Set(
    [...prior.positions, ...after.positions].filter((p) => p.netuid === 0).map((p) => p.hotkey),
  );
  const netuids = prior.subnets.map((s) => s.netuid).filter((n) => n !== 0);
  if (rootPositions.size === 0 || netuids.length === 0) return [];
  const candidates = [...rootPositions].sort();
  const watermarkKeys = candidates.flatMap((hot) => netuids.map((n) => keys.rootClaimed(n, hot, coldkey)));
  const [wBefore, wAfter] = await Promise.all([
    valuesAt(b - 1, [...watermarkKeys, keys.rootClaimType(coldkey), keys.stakingHotkeys(coldkey)]),
    valuesAt(b, watermarkKeys),
  ]);
  const claimType = decodeClaimType(wBefore.get(keys.rootClaimType(coldkey)) ?? null);
  // The chain claims hotkey by hotkey in StakingHotkeys order, each hotkey's subnets ascending.
  const staking = decodeAccountVec(wBefore.get(keys.stakingHotkeys(coldkey)) ?? null);
  const rootHotkeys = [
    ...staking.filter((h) => rootPositions.has(h)),
    ...candidates.filter((h) => !staking.includes(h)),
  ];
  // Claims run in on_initialize after the block's emission injection, so the pools they swap
  // against are those at the block with the claims undone, not those of the block before.
  const poolAfter = new Map<number, SubnetRow>(after.subnets.map((s) => [s.netuid, s]));
  const out: PayoutRow[] = [];
  for (const hot of rootHotkeys) {
    for (const n of netuids) {
      const k = keys.rootClaimed(n, hot, coldkey);
      const alpha = leUint(wAfter.get(k) ?? null, 16) - leUint(wBefore.get(k) ?? null, 16);
      if (alpha <= 0n) continue;
      const keep = claimType.keep(n);
      const p = poolAfter.get(n);
      const tao = keep || !p ? 0n : swapOutputBeforeClaim(p.taoIn, p.alphaIn, alpha);
      out.push({ eventIndex, hotkey: hot, netuid: n, mode: keep ? 'keep' : 'swap', alpha, tao });
    }
  }
  const fromTransfers = withClaimTransfers(out, claimTransfers);
  return fromTransfers === out ? withRootGrowth(out, prior, after, rows) : fromTransfers;
}

/**
 * Before spec 411: a Swap claim adds exactly its TAO to the coldkey's root stake under the same
 * hotkey, so that position's growth across the block, less what the coldkey's own StakeAdded and
 * StakeRemoved on it moved (root α is TAO 1:1), is the hotkey's total Swap TAO. With one Swap subnet
 * it is the amount; with several it is split in proportion to the reconstructed amounts (largest
 * remainder), so the total is exact and only the split is reconstructed. Any other event of the
 * coldkey on that root position, but for the summaries of moves (which move nothing), leaves the
 * reconstruction as it is.
 */
export function withRootGrowth(
  payouts: PayoutRow[],
  prior: CheckpointFacts,
  after: CheckpointFacts,
  rows: readonly StakeEventRow[],
): PayoutRow[] {
  const rootAlpha = (cp: CheckpointFacts, hotkey: string) =>
    cp.positions.find((p) => p.netuid === 0 && p.hotkey === hotkey)?.alpha ?? 0n;
  const out = [...payouts];
  for (const hotkey of new Set(payouts.filter((p) => p.mode === 'swap').map((p) => p.hotkey))) {
    // Summaries label the StakeRemoved/StakeAdded pair of a move or swap (upgrade424 seed 1080, 1,994: a
    // swap_stake out of root after a Swap claim kept the reconstruction, 295 rao over the chain's amount).
    const own = rows.filter((r) => r.hotkey === hotkey && r.netuid === 0 && !SUMMARY_EVENT_KINDS.has(r.kind));
    if (own.some((r) => r.kind !== 'StakeAdded' && r.kind !== 'StakeRemoved')) continue;
    // A stake change of the coldkey in the block's extrinsics (after the claims in on_initialize), e.g. a
    // move into root: its α is in the event (upgrade seed 14, 8,997: the claims were short 4,969 rao).
    const moved = own.reduce((sum, r) => sum + (r.kind === 'StakeAdded' ? r.alpha : -r.alpha), 0n);
    const growth = rootAlpha(after, hotkey) - rootAlpha(prior, hotkey) - moved;
    const swaps = out.map((p, i) => ({ p, i })).filter(({ p }) => p.mode === 'swap' && p.hotkey === hotkey);
    const guess = swaps.reduce((sum, { p }) => sum + p.tao, 0n);
    if (growth <= 0n || guess <= 0n) continue;
    let given = 0n;
    const shares = swaps.map(({ p, i }) => {
      const tao = (growth * p.tao) / guess;
      given += tao;
      return { i, tao, rem: (growth * p.tao) % guess };
    });
    shares.sort((a, b) => (a.rem > b.rem ? -1 : a.rem < b.rem ? 1 : a.i - b.i));
    for (const [k, s] of shares.entries())
      out[s.i] = { ...out[s.i]!, tao: s.tao + (BigInt(k) < growth - given ? 1n : 0n) };
  }
  return out;
}

/**
 * From spec 411: replace reconstructed Swap TAO by the chain's own transfers, those from subnet
 * accounts to root's between the previous RootClaimed (of any coldkey) of the same phase and this
 * one. Per subnet they pair with the Swap claims in claim order; a subnet whose count of transfers
 * differs from its Swap claims keeps the reconstruction.
 */
export function withClaimTransfers(payouts: PayoutRow[], claimTransfers: readonly TransferRef[]): PayoutRow[] {
  const bySubnet = new Map<number, bigint[]>();
  for (const t of claimTransfers) {
    const n = subnetOfAccount(t.from);
    if (n === null || n === 0) continue;
    bySubnet.set(n, [...(bySubnet.get(n) ?? []), t.amount]);
  }
  const used = new Map<number, number>();
  if (bySubnet.size === 0) return payouts;
  return payouts.map((p) => {
    if (p.mode !== 'swap') return p;
    const amounts = bySubnet.get(p.netuid) ?? [];
    const swaps = payouts.filter((q) => q.mode === 'swap' && q.netuid === p.netuid).length;
    if (amounts.length !== swaps) return p;
    const i = used.get(p.netuid) ?? 0;
    used.set(p.netuid, i + 1);
    return { ...p, tao: amounts[i]! };
  });
}

/**
 * TAO out of a fee-less constant-product sale of `alpha` that left the pool at (taoAfter, alphaAfter):
 * the t with t = floor((taoAfter + t)·alpha / alphaAfter), i.e. out = floor(y·Δ/(x+Δ)) with
 * y = taoAfter + t and x = alphaAfter − Δ. Found by fixed-point iteration (contracting: Δ < x).
 */
export function swapOutputBeforeClaim(taoAfter: bigint, alphaAfter: bigint, alpha: bigint): bigint {
  if (alphaAfter <= alpha) return 0n;
  let t = (taoAfter * alpha) / (alphaAfter - alpha);
  for (let i = 0; i < 64; i++) {
    const next = ((taoAfter + t) * alpha) / alphaAfter;
    if (next === t) return t;
    t = next;
  }
  return t;
}

/** RootClaimType: Swap (default, 0x00) | Keep (0x01) | KeepSubnets{subnets: BTreeSet<u16>} (0x02). */
function decodeClaimType(hex: string | null): { keep(netuid: number): boolean } {
  if (!hex || hex === '0x00') return { keep: () => false };
  if (hex === '0x01') return { keep: () => true };
  const bytes = Buffer.from(hex.slice(2), 'hex');
  if (bytes[0] !== 2) return { keep: () => false };
  const len = (bytes[1] ?? 0) >> 2;
  const subnets = new Set<number>();
  for (let i = 0; i < len; i++) subnets.add(bytes.readUInt16LE(2 + 2 * i));
  return { keep: (n) => subnets.has(n) };
}
