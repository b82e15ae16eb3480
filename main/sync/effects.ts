// Per-position effects of the chain events that move a coldkey's α without a stake event of its
// own, read off the checkpoints at the block before and the block itself (docs/chain/mechanics.md).
import type { CheckpointFacts, PositionRow, SilentEffectRow } from '../db/repos/chain-facts';
import type { SilentRef, StakeEventRow } from './event-types';
import { removedAlphaIsNet } from '../../shared/engine/runtime';
import { matchFills } from './batched-orders';

const key = (hotkey: string, netuid: number) => `${hotkey}|${netuid}`;
const alphaMap = (positions: readonly PositionRow[]) =>
  new Map(positions.map((p) => [key(p.hotkey, p.netuid), p.alpha]));

/**
 * Effects of `refs` on `coldkey`, and the rows amended with what only the positions tell (the
 * hotkey of a batched order). α that left a position is its value at the block before, with the
 * coldkey's own stake events earlier in the block; α that arrived elsewhere by value is the same
 * amount, so an epoch in the same block stays emission.
 */
export function silentEffects(
  coldkey: string,
  refs: readonly SilentRef[],
  rows: StakeEventRow[],
  prior: CheckpointFacts,
  after: CheckpointFacts,
  /** Root-claim Keep payouts of this block: α staked on positions before a later event of the block. */
  keeps: readonly { eventIndex: number; hotkey: string; netuid: number; alpha: bigint }[] = [],
): SilentEffectRow[] {
  const before = alphaMap(prior.positions);
  const spec = after.block.specVersion;
  // α of a position right before event `index`: the block before, plus Keep claims and the coldkey's
  // own stake events earlier in the block.
  const heldBefore = (p: PositionRow, index: number) =>
    keeps
      .filter((k) => k.eventIndex < index && k.hotkey === p.hotkey && k.netuid === p.netuid)
      .reduce((sum, k) => sum + k.alpha, p.alpha) + traded(rows, coldkey, p.hotkey, p.netuid, spec, index);
  // The positions of the block before, and those a Keep claim or a stake event of the coldkey filled
  // earlier in the block (at 0 then): a claim in on_initialize then a swap or dissolution in an
  // extrinsic moves what the claim paid.
  const touched = [
    ...prior.positions,
    ...[
      ...new Map(
        [...keeps, ...rows.filter((r) => r.hotkey !== null && r.netuid !== null)].map((k) => [
          key(k.hotkey as string, k.netuid as number),
          { hotkey: k.hotkey as string, netuid: k.netuid as number, alpha: 0n },
        ]),
      ).values(),
    ].filter((k) => !before.has(key(k.hotkey, k.netuid))),
  ];
  const now = alphaMap(after.positions);
  const landed = batchedFills(coldkey, refs, rows, spec, keeps, before, now);
  const out: SilentEffectRow[] = [];
  const effect = (ref: SilentRef, hotkey: string, netuid: number, alpha: bigint, tao = 0n) =>
    out.push({ eventIndex: ref.eventIndex, coldkey, hotkey, netuid, kind: ref.kind, alpha, tao });
  for (const ref of refs) {
    switch (ref.kind) {
      case 'HotkeySwapped':
        for (const p of touched) {
          if (p.hotkey !== ref.oldHotkey || (ref.netuid !== null && p.netuid !== ref.netuid)) continue;
          const held = heldBefore(p, ref.eventIndex);
          // What the old hotkey kept through the swap: its α after the block, less what the coldkey's
          // stake events and Keep claims put on it after the swap's event.
          const later =
            traded(rows, coldkey, p.hotkey, p.netuid, spec) -
            traded(rows, coldkey, p.hotkey, p.netuid, spec, ref.eventIndex) +
            keeps
              .filter((k) => k.eventIndex > ref.eventIndex && k.hotkey === p.hotkey && k.netuid === p.netuid)
              .reduce((sum, k) => sum + k.alpha, 0n);
          const left = (now.get(key(p.hotkey, p.netuid)) ?? 0n) - later;
          // keep_stake swaps leave the α where it was; a swap that moved it leaves nothing or share-pool
          // rounding dust (basket475 seed 1057, 13,000: 1 α-rao of 8,655,261,347,554 stayed).
          if (left !== 0n && 2n * left >= held) continue;
          const moved = left > 0n ? held - left : held;
          if (moved === 0n && !before.has(key(p.hotkey, p.netuid))) continue;
          effect(ref, p.hotkey, p.netuid, -moved);
          effect(ref, ref.newHotkey, p.netuid, moved);
        }
        break;
      case 'ColdkeySwapped':
        if (ref.oldColdkey === coldkey)
          for (const p of touched) {
            const moved = heldBefore(p, ref.eventIndex);
            if (moved !== 0n || before.has(key(p.hotkey, p.netuid))) effect(ref, p.hotkey, p.netuid, -moved);
          }
        if (ref.newColdkey === coldkey)
          for (const p of after.positions) {
            // The growth across the block, less what the new coldkey's own stake events moved: it may
            // stake in a later extrinsic of the same block (upgrade424 seed 104, 9,500: an add_stake of
            // 2,228,162,019,549 α onto a position that arrived with 14,038,719,242 α).
            const arrived =
              p.alpha - (before.get(key(p.hotkey, p.netuid)) ?? 0n) - traded(rows, coldkey, p.hotkey, p.netuid, spec);
            if (arrived > 0n) effect(ref, p.hotkey, p.netuid, arrived);
          }
        break;
      case 'NetworkRemoved': {
        // Only positions the block deleted: from 475 NetworkRemoved leaves them in place and their
        // payout comes in a later block's settle transfer (a ref of its own, see ./mechanics).
        const held = touched
          .filter((p) => p.netuid === ref.netuid && (now.get(key(p.hotkey, p.netuid)) ?? 0n) === 0n)
          .map((p) => ({ ...p, alpha: heldBefore(p, ref.eventIndex) }))
          .filter((p) => p.alpha > 0n);
        const paid = payoutsByPosition(held, ref.payouts);
        held.forEach((p, i) => effect(ref, p.hotkey, p.netuid, -p.alpha, paid[i] ?? 0n));
        break;
      }
      case 'SharePoolDenominatorReconciled':
        // The revaluation is the position's α change across the block, recorded as an adjustment, not
        // as emission, less what the coldkey's own stake events of the block moved: the migration's
        // block has extrinsics too, which may trade the position (basket475 seed 69: a remove in the
        // 475 upgrade block was booked twice, as the reconcile and as the sale).
        for (const p of new Set([...prior.positions, ...after.positions].map((x) => x.hotkey + '|' + x.netuid))) {
          const [hotkey, n] = p.split('|') as [string, string];
          if (hotkey !== ref.hotkey || Number(n) !== ref.netuid) continue;
          const delta = (now.get(p) ?? 0n) - (before.get(p) ?? 0n) - traded(rows, coldkey, hotkey, ref.netuid, spec);
          if (delta !== 0n) effect(ref, hotkey, ref.netuid, delta);
        }
        break;
      case 'OrderExecutedBatched': {
        const hotkey = landed.get(ref.eventIndex) ?? null;
        if (hotkey === null) break;
        const target = ref.buy ? ref.alpha : -ref.alpha;
        effect(ref, hotkey, ref.netuid, target, ref.buy ? -ref.tao : ref.tao);
        const row = rows.find((r) => r.eventIndex === ref.eventIndex);
        if (row) row.hotkey = hotkey;
        break;
      }
    }
  }
  return out;
}

/**
 * α the coldkey's own stake events of the block (those before event `until`, if given) moved on
 * (hotkey, netuid): StakeAdded adds its α; StakeRemoved takes its gross α (from 397 the event carries
 * the net α and the position lost α + fee, shared/engine/legs.ts removedGross); AlphaRecycled and
 * AlphaBurned take theirs; a fund claim stakes its TAO on root 1:1. Summaries (StakeMoved, …) come with
 * these events and move nothing themselves.
 */
function traded(
  rows: readonly StakeEventRow[],
  coldkey: string,
  hotkey: string,
  netuid: number,
  spec: number,
  until = Number.POSITIVE_INFINITY,
): bigint {
  let moved = 0n;
  for (const r of rows) {
    if (r.coldkey !== coldkey || r.hotkey !== hotkey || r.netuid !== netuid || r.eventIndex >= until) continue;
    if (r.kind === 'StakeAdded') moved += r.alpha;
    else if (r.kind === 'StakeRemoved') moved -= removedAlphaIsNet(spec) ? r.alpha + r.fee : r.alpha;
    else if (r.kind === 'AlphaRecycled' || r.kind === 'AlphaBurned') moved -= r.alpha;
    else if (r.kind === 'BasketClaimed' && netuid === 0) moved += r.tao;
  }
  return moved;
}

/**
 * The position each batched limit-order fill of the block landed on, by event index (./batched-orders):
 * each position's change across the block less what the coldkey's own stake events and Keep claims
 * moved on it (a remove of the whole position before a batched buy onto it leaves a net fall: basket475
 * seed 601, 8,613), the fills of each subnet matched together.
 */
function batchedFills(
  coldkey: string,
  refs: readonly SilentRef[],
  rows: readonly StakeEventRow[],
  spec: number,
  keeps: readonly { hotkey: string; netuid: number; alpha: bigint }[],
  before: Map<string, bigint>,
  now: Map<string, bigint>,
): Map<number, string | null> {
  const fills = refs.filter((r) => r.kind === 'OrderExecutedBatched');
  const landed = new Map<number, string | null>();
  for (const netuid of new Set(fills.map((f) => f.netuid))) {
    const hotkeys = [...new Set([...before.keys(), ...now.keys()])]
      .map((k) => k.split('|') as [string, string])
      .filter(([, n]) => Number(n) === netuid)
      .map(([hotkey]) => hotkey);
    const change = (hotkey: string) =>
      (now.get(key(hotkey, netuid)) ?? 0n) -
      (before.get(key(hotkey, netuid)) ?? 0n) -
      traded(rows, coldkey, hotkey, netuid, spec) -
      keeps.filter((k) => k.hotkey === hotkey && k.netuid === netuid).reduce((s, k) => s + k.alpha, 0n);
    const onSubnet = fills
      .filter((f) => f.netuid === netuid)
      .map((f) => ({ eventIndex: f.eventIndex, alpha: f.buy ? f.alpha : -f.alpha }));
    for (const [eventIndex, hotkey] of matchFills(onSubnet, hotkeys, change)) landed.set(eventIndex, hotkey);
  }
  return landed;
}

/**
 * Dissolution pays each (hotkey, coldkey) position pro rata by its α value, one transfer each.
 * Shares are monotone in α, so sorted transfers pair with positions sorted by α; with a count
 * that does not match, the total is split by α (largest remainder), like the chain does.
 */
export function payoutsByPosition(held: readonly PositionRow[], payouts: readonly bigint[]): bigint[] {
  const total = payouts.reduce((a, b) => a + b, 0n);
  const order = held.map((p, i) => ({ i, alpha: p.alpha })).sort((a, b) => (a.alpha > b.alpha ? -1 : 1));
  const out = new Array<bigint>(held.length).fill(0n);
  if (payouts.length === held.length) {
    const sorted = [...payouts].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    order.forEach((o, rank) => (out[o.i] = sorted[rank]!));
    return out;
  }
  const alphaTotal = held.reduce((a, p) => a + p.alpha, 0n);
  if (alphaTotal === 0n) return out;
  let given = 0n;
  const remainders = held.map((p, i) => {
    const share = (total * p.alpha) / alphaTotal;
    out[i] = share;
    given += share;
    return { i, rem: (total * p.alpha) % alphaTotal };
  });
  remainders.sort((a, b) => (a.rem > b.rem ? -1 : a.rem < b.rem ? 1 : a.i - b.i));
  for (let k = 0; given < total && k < remainders.length; k++, given++) {
    const i = remainders[k]!.i;
    out[i] = (out[i] ?? 0n) + 1n;
  }
  return out;
}
