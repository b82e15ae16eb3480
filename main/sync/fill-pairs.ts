// Positions a batched limit-order buy creates (docs/chain/change-discovery.md#what-the-walk-misses).
// OrderExecuted names no hotkey, so a buy onto a hotkey the coldkey holds nothing on yet lands on a pair
// no event names. Before 441 the pallet's transfer writes the receiving pair's
// LastColdkeyHotkeyStakeBlock (transfer_staked_alpha), so the walk reaches the fill's block along that
// hotkey's chain: a chain that reached a block where no event of the coldkey names its hotkey changed
// there through a fill. Without this, a position bought that way and dissolved before the head was never
// known: neither the fill nor the dissolution's payout was recorded (devnet upgrade424 seed 1365, a fill
// at 10,330 onto subnet 2, dissolved at 10,500).
import { POSITION_KINDS, type ChangeBlock } from './change-block';
import { SILENT_POSITIONS_SPEC } from './stake-from-storage';

/**
 * The pairs the batched buys of change block `c` may have landed on: each hotkey whose chain reached `c`
 * (`reachedBy`) and that no event of the coldkey there names, on each subnet the coldkey bought on in a
 * batch there. From 441 the map records root stake only, so a chain says nothing about fills.
 */
export function fillPairs(
  coldkey: string,
  c: ChangeBlock,
  reachedBy: Iterable<string>,
): { hotkey: string; netuid: number }[] {
  if (c.specVersion >= SILENT_POSITIONS_SPEC) return [];
  const bought = new Set<number>();
  for (const ref of c.silent) if (ref.kind === 'OrderExecutedBatched' && ref.buy) bought.add(ref.netuid);
  if (bought.size === 0) return [];
  const named = new Set<string>();
  for (const row of c.rows)
    if (row.coldkey === coldkey && row.hotkey && POSITION_KINDS.has(row.kind)) named.add(row.hotkey);
  const netuids = [...bought].sort((a, b) => a - b);
  const out: { hotkey: string; netuid: number }[] = [];
  for (const hotkey of reachedBy) if (!named.has(hotkey)) for (const netuid of netuids) out.push({ hotkey, netuid });
  return out;
}

/** fillPairs of every change block in `changes` that chains reached (`reached`: block → their hotkeys). */
export function reachedFillPairs(
  coldkey: string,
  reached: ReadonlyMap<number, readonly string[]>,
  changes: ReadonlyMap<number, ChangeBlock>,
): { hotkey: string; netuid: number }[] {
  return [...reached].flatMap(([b, hots]) => {
    const c = changes.get(b);
    return c ? fillPairs(coldkey, c, hots) : [];
  });
}
