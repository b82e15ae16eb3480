// Positions a hotkey swap carries: a coldkey's position on the old hotkey continues on the new one, and
// one known on the new hotkey was on the old one before the swap (docs/chain/change-discovery.md).
import { num, ss58, type DecodedEvent } from './event-types';

/** A hotkey swap: on every subnet (netuid null) or on one. */
export interface HotkeySwap {
  oldHotkey: string;
  newHotkey: string;
  netuid: number | null;
}

/**
 * A decoded HotkeySwapped(owner, old, new) or HotkeySwappedOnSubnet(owner, old, new, netuid), with the
 * owner coldkey that made it; null for any other event. The one reading of their fields (./mechanics too).
 */
export function hotkeySwapOf(e: DecodedEvent): (HotkeySwap & { owner: string }) | null {
  if (e.section !== 'subtensorModule' || (e.method !== 'HotkeySwapped' && e.method !== 'HotkeySwappedOnSubnet'))
    return null;
  const d = e.data;
  return { owner: ss58(d[0]), oldHotkey: ss58(d[1]), newHotkey: ss58(d[2]), netuid: d.length >= 4 ? num(d[3]) : null };
}

/** The hotkey swaps among decoded events, whoever's positions they move. */
export function hotkeySwapsOf(blocks: Iterable<readonly DecodedEvent[]>): HotkeySwap[] {
  const out: HotkeySwap[] = [];
  for (const events of blocks)
    for (const e of events) {
      const swap = hotkeySwapOf(e);
      if (swap) out.push({ oldHotkey: swap.oldHotkey, newHotkey: swap.newHotkey, netuid: swap.netuid });
    }
  return out;
}

/**
 * The pairs `swaps` map the known positions onto, both ways and through chains of swaps, that are not
 * known yet. A position can be learned after its swap's block was read: the walk goes down from the head,
 * so a swap is read before the events below it that name the old hotkey's position (upgrade424 seed
 * 4101: the swap at 8,500 was read knowing only root on the old hotkey; its subnet-1 position, known
 * from 3,142, was never watched on the new hotkey, and its coldkey swap at 9,500 went unrecorded).
 */
export function swappedPairs(
  swaps: readonly HotkeySwap[],
  positions: Iterable<{ hotkey: string; netuid: number }>,
): { hotkey: string; netuid: number }[] {
  const key = (hotkey: string, netuid: number) => `${hotkey}|${netuid}`;
  const known = new Map([...positions].map((p) => [key(p.hotkey, p.netuid), p]));
  const added: { hotkey: string; netuid: number }[] = [];
  for (let todo = [...known.values()]; todo.length > 0;) {
    const next: { hotkey: string; netuid: number }[] = [];
    for (const p of todo)
      for (const s of swaps) {
        if (s.netuid !== null && s.netuid !== p.netuid) continue;
        const to = p.hotkey === s.oldHotkey ? s.newHotkey : p.hotkey === s.newHotkey ? s.oldHotkey : null;
        if (to === null || known.has(key(to, p.netuid))) continue;
        const q = { hotkey: to, netuid: p.netuid };
        known.set(key(to, p.netuid), q);
        added.push(q);
        next.push(q);
      }
    todo = next;
  }
  return added;
}
