// BasketTwr readings at checkpoints (docs/chain/baskets.md#baskettwr): the total-return index of the
// funds of the validators a coldkey root-stakes with, read with the storage of the checkpoint's block
// (its keys ride along in the multi-key read the block needs anyway, so no request is added). Read
// only where the block's runtime declares the item; an absent entry is the item's default from that
// runtime's metadata (1.0, 2^64, in metadata 455 and 475).
import { keys, leUint } from './storage-keys';
import type { BlockRuntime, BlockState, ChainReader } from './reader';
import { runtimeFeatures } from './runtime-features';
import type { PositionRow, TwrRow } from '../db/repos/chain-facts';

/** The BasketTwr keys of these validators. */
export const twrKeysOf = (hotkeys: readonly string[]): string[] => hotkeys.map(keys.basketTwr);

/** The readings of `hotkeys` in `s` (those whose key was read with it), by hotkey; none before the item exists. */
export function twrReadings(s: BlockState, runtime: BlockRuntime, hotkeys: readonly string[]): TwrRow[] {
  const fallback = runtimeFeatures(runtime.registry).basketTwrDefault;
  if (fallback === null) return [];
  const rows: TwrRow[] = [];
  for (const hotkey of [...new Set(hotkeys)].sort()) {
    const k = keys.basketTwr(hotkey);
    if (!s.values.has(k)) continue;
    const v = s.values.get(k) ?? null;
    rows.push({ hotkey, twr: v === null ? fallback : leUint(v, 16) });
  }
  return rows;
}

/**
 * The readings of a checkpoint: the validators `funds` (those read with the block, and the funds the
 * checkpoint found fund shares in) and those of the root positions the checkpoint found. A validator
 * whose key the block's read did not carry (a root position a basket claim created, or a hotkey swap
 * moved, after change discovery read the block; fund shares held without root stake at a change block)
 * costs one more multi-key read of just those keys at that block.
 */
export async function checkpointTwr(
  reader: ChainReader,
  s: BlockState,
  positions: readonly PositionRow[],
  funds: readonly string[],
): Promise<TwrRow[]> {
  const runtime = await reader.runtimeFor(s);
  if (runtimeFeatures(runtime.registry).basketTwrDefault === null) return [];
  const all = [...new Set([...funds, ...positions.filter((p) => p.netuid === 0).map((p) => p.hotkey)])];
  const unread = all.filter((h) => !s.values.has(keys.basketTwr(h)));
  let state = s;
  if (unread.length > 0) {
    const extra = await reader.readBlock(s.number, twrKeysOf(unread), false, 'fund index');
    state = { ...s, values: new Map([...s.values, ...extra.values]) };
  }
  return twrReadings(state, runtime, all);
}
