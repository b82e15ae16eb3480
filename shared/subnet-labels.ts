/**
 * Subnet names and token symbols per lifetime of a netuid. A dissolved netuid can be registered again by
 * another subnet (docs/chain/swaps-and-dissolution.md#a-netuid-registered-again): what a staker held
 * there before is the earlier subnet's, under the earlier subnet's name and token, not the newcomer's.
 */

/** A subnet's latest recorded name and token symbol in one lifetime of its netuid. */
export interface SubnetLabel {
  netuid: number;
  name: string | null;
  symbol: string | null;
  /**
   * The lifetime's first block: the subnet's registration block (NetworkRegisteredAt, 0 for a genesis
   * subnet). Null where no snapshot of it recorded one (rows recorded before registration blocks were
   * kept): then it covers every block before the next lifetime.
   */
  from: number | null;
}

/** The labels of every netuid's lifetimes, to look up by netuid and block. */
export class SubnetLabelBook {
  /** Per netuid, its lifetimes from the latest back. */
  private readonly byNetuid = new Map<number, SubnetLabel[]>();

  constructor(labels: readonly SubnetLabel[]) {
    for (const l of labels) {
      const list = this.byNetuid.get(l.netuid);
      if (list) list.push(l);
      else this.byNetuid.set(l.netuid, [l]);
    }
    for (const list of this.byNetuid.values()) list.sort((a, b) => (b.from ?? -1) - (a.from ?? -1));
  }

  /** The subnet at this netuid now (its latest lifetime recorded). */
  latest(netuid: number): SubnetLabel | undefined {
    return this.byNetuid.get(netuid)?.[0];
  }

  /**
   * The subnet that held this netuid at `block`: the latest lifetime begun by then (a block before
   * every recorded lifetime's start gets the earliest).
   */
  at(netuid: number, block: number): SubnetLabel | undefined {
    const list = this.byNetuid.get(netuid);
    if (!list) return undefined;
    return list.find((l) => (l.from ?? -1) <= block) ?? list.at(-1);
  }
}

/** The subnet now at a netuid, when a row's positions were in an earlier subnet there (since dissolved). */
export interface SubnetSuccessor {
  name: string | null;
  symbol: string | null;
  /** The block it was registered. */
  registeredAt: number;
}

/**
 * The name and symbol of a row of netuid `netuid` as of block `asOf`: the subnet's the row's positions
 * were last in (the lifetime of `lastActivity`, the block of their last change; none: the subnet there
 * at `asOf`), with the subnet holding the netuid at `asOf` when that is a later one.
 */
export function rowLabel(
  book: SubnetLabelBook,
  netuid: number,
  lastActivity: number | null,
  asOf: number,
): { name: string | null; symbol: string | null; successor: SubnetSuccessor | null } {
  const now = book.at(netuid, asOf);
  const held = lastActivity === null ? now : book.at(netuid, Math.min(lastActivity, asOf));
  if (!held) return { name: null, symbol: null, successor: null };
  const successor =
    now !== undefined && now !== held && now.from !== null
      ? { name: now.name, symbol: now.symbol, registeredAt: now.from }
      : null;
  return { name: held.name, symbol: held.symbol, successor };
}

/** A subnet's recorded dissolution: the block its holders were paid out (a tracked position closed there). */
export interface SubnetDissolution {
  blockNumber: number;
  /** That block's time (ms), null when not recorded. */
  timestamp: number | null;
}

/**
 * The dissolution a row of netuid `netuid` shows as of `asOf`: the latest recorded at or before it,
 * unless the netuid lives on after it (positions changed there later, a pool snapshot later, or a
 * subnet registered there later: then it is another subnet's, `rowLabel`'s successor). Null: none.
 */
export function rowDissolution(
  book: SubnetLabelBook,
  dissolutions: readonly (SubnetDissolution & { netuid: number })[],
  netuid: number,
  asOf: number,
  after: { lastActivity: number | null; lastSnapshot: number | null },
): SubnetDissolution | null {
  let last: SubnetDissolution | null = null;
  for (const d of dissolutions)
    if (d.netuid === netuid && d.blockNumber <= asOf && (!last || d.blockNumber > last.blockNumber)) last = d;
  if (!last) return null;
  const since = last.blockNumber;
  const later = (b: number | null | undefined) => b !== null && b !== undefined && b > since && b <= asOf;
  if (later(after.lastActivity) || later(after.lastSnapshot) || later(book.at(netuid, asOf)?.from)) return null;
  return { blockNumber: last.blockNumber, timestamp: last.timestamp };
}

/**
 * For an entry at `block` on `netuids`: the token symbol of each whose subnet then was an earlier one
 * than the netuid's latest (null where that one's was not recorded); undefined when there is none.
 */
export function earlierSymbols(
  book: SubnetLabelBook,
  block: number,
  netuids: Iterable<number>,
): Record<number, string | null> | undefined {
  let out: Record<number, string | null> | undefined;
  for (const netuid of netuids) {
    const then = book.at(netuid, block);
    if (then && then !== book.latest(netuid)) (out ??= {})[netuid] = then.symbol;
  }
  return out;
}
