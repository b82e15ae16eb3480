/**
 * The inputs of the basket positions (./baskets) in the order they are replayed: the basket events of the
 * tracked wallets, the root effects of hotkey swaps (a fund moves with its hotkey), and the basket
 * snapshots sync read at checkpoints (docs/chain/baskets.md).
 */
import type { PositionEffect, StakeEvent } from './ledger';
import type { BasketSnapshot } from './basket-types';

export const BASKET_EVENT_KINDS: ReadonlySet<string> = new Set([
  'BasketStakedIn',
  'BasketClaimed',
  'BasketClaimDustSkipped',
  'ColdkeySwapped',
]);

/** One input at its place: an event, the effects of one hotkey swap, or a snapshot. */
export interface BasketItem {
  block: number;
  timestamp: number;
  order: number;
  e?: StakeEvent;
  s?: BasketSnapshot;
  x?: PositionEffect[];
}

export interface BasketItemScope {
  trackedColdkeys: ReadonlySet<string>;
  /** Nothing after this block (default: everything). */
  asOfBlock?: number;
  effects?: readonly PositionEffect[];
}

/** The items of the tracked wallets up to the as-of block, in block order. */
export function basketItems(
  events: readonly StakeEvent[],
  snapshots: readonly BasketSnapshot[],
  scope: BasketItemScope,
): BasketItem[] {
  const asOf = scope.asOfBlock ?? Number.MAX_SAFE_INTEGER;
  const tracked = scope.trackedColdkeys;
  // Events of a block come before the snapshot read at that block (sync reads it after the block).
  const items: BasketItem[] = [];
  const involved = (e: StakeEvent) =>
    tracked.has(e.coldkey) || (e.counterpartyColdkey !== null && tracked.has(e.counterpartyColdkey));
  for (const e of events)
    if (
      BASKET_EVENT_KINDS.has(e.kind) &&
      involved(e) &&
      (e.hotkey !== null || e.kind === 'ColdkeySwapped') &&
      e.blockNumber <= asOf
    )
      items.push({ block: e.blockNumber, timestamp: e.timestamp, order: e.eventIndex, e });
  // A hotkey swap moves the fund with the hotkey (docs/chain/baskets.md#swaps): its root effects pair the
  // old hotkey (α out) with the new one (α in) at one event.
  const swaps = new Map<string, PositionEffect[]>();
  for (const x of scope.effects ?? [])
    if (x.kind === 'HotkeySwapped' && x.netuid === 0 && tracked.has(x.coldkey) && x.blockNumber <= asOf) {
      const k = `${x.blockNumber}|${x.eventIndex}|${x.coldkey}`;
      swaps.set(k, [...(swaps.get(k) ?? []), x]);
    }
  for (const xs of swaps.values()) {
    const first = xs[0] as PositionEffect;
    items.push({ block: first.blockNumber, timestamp: first.timestamp, order: first.eventIndex, x: xs });
  }
  for (const s of snapshots)
    if (tracked.has(s.coldkey) && s.blockNumber <= asOf)
      items.push({ block: s.blockNumber, timestamp: s.timestamp, order: Number.MAX_SAFE_INTEGER, s });
  items.sort((x, y) => x.block - y.block || x.order - y.order);
  return items;
}
