// Which of a coldkey's positions on a subnet each batched limit-order fill of one block landed on
// (docs/chain/mechanics.md#limit-orders-423-pallet-limitorders). `OrderExecuted` names no hotkey and the
// fills move α silently, so the positions' changes across the block are all there is to go by.

/** A fill's signed α: + for a buy (α received), − for a sale (α given). */
export interface Fill {
  eventIndex: number;
  alpha: bigint;
}

/** More combinations than this are matched one fill at a time (`matchFills`). */
const MAX_COMBINATIONS = 20_000;

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/**
 * The hotkey each fill landed on (null: on none of `hotkeys`), given each hotkey's α change across the
 * block not explained otherwise (`change`, with the coldkey's own stake events and Keep claims taken
 * off).
 *
 * One fill goes to the position whose change is closest to it in its direction. Several are assigned
 * together: the assignment leaving the least α unexplained, where a fill assigned to no position counts
 * its own α. A buy and a sale of the same position in one batch leave one net change (neither fill's
 * sign may show), and an epoch in the block moves every position a little, so matching them one by one
 * can put two fills on one position. Of assignments leaving as much unexplained, the one that spreads it
 * most evenly (least sum of squares: an epoch adds a little to each position, not all to one); then the
 * one found first: fills on no position before any, then hotkeys in ascending order.
 */
export function matchFills(
  fills: readonly Fill[],
  hotkeys: readonly string[],
  change: (hotkey: string) => bigint,
): Map<number, string | null> {
  const sorted = [...new Set(hotkeys)].sort();
  const changes = sorted.map(change);
  if (fills.length === 1 || (sorted.length + 1) ** fills.length > MAX_COMBINATIONS)
    return new Map(fills.map((f) => [f.eventIndex, closest(f.alpha, sorted, changes)]));
  // Depth-first over the choices of each fill (none, then each hotkey), keeping the best assignment.
  const left = [...changes];
  const choice: number[] = [];
  let best: { cost: bigint; spread: bigint; choice: number[] } | undefined;
  // `unassigned`: the α of the fills on no position so far, and the sum of its squares.
  const visit = (i: number, unassigned: bigint, unassignedSq: bigint): void => {
    if (i === fills.length) {
      const cost = left.reduce((s, r) => s + abs(r), unassigned);
      const spread = left.reduce((s, r) => s + r * r, unassignedSq);
      if (!best || cost < best.cost || (cost === best.cost && spread < best.spread))
        best = { cost, spread, choice: [...choice] };
      return;
    }
    const alpha = (fills[i] as Fill).alpha;
    for (let h = -1; h < sorted.length; h++) {
      choice[i] = h;
      if (h < 0) visit(i + 1, unassigned + abs(alpha), unassignedSq + alpha * alpha);
      else {
        left[h] = (left[h] as bigint) - alpha;
        visit(i + 1, unassigned, unassignedSq);
        left[h] = (left[h] as bigint) + alpha;
      }
    }
  };
  visit(0, 0n, 0n);
  const picked = best?.choice ?? [];
  return new Map(fills.map((f, i) => [f.eventIndex, sorted[picked[i] ?? -1] ?? null]));
}

/** The hotkey whose change is closest to `alpha` in its direction (first in order on a tie), or null. */
function closest(alpha: bigint, hotkeys: readonly string[], changes: readonly bigint[]): string | null {
  let found: string | null = null;
  let least = 0n;
  for (let i = 0; i < hotkeys.length; i++) {
    const c = changes[i] as bigint;
    if (c === 0n || c > 0n !== alpha > 0n) continue;
    const miss = abs(c - alpha);
    if (found === null || miss < least) [found, least] = [hotkeys[i] as string, miss];
  }
  return found;
}
