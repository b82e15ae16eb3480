// Subnet dissolutions between the blocks a coldkey's discovery read (docs/chain/change-discovery.md): from
// 441 a stake transfer in leaves no mark the finder follows, and a subnet dissolved before the coldkey's
// next change block takes the α away again, so both ends of that gap read the pair empty (basket475 seed
// 65: in at 14,940, dissolved at 15,000, change blocks 14,910 and 15,416). A subnet whose SubnetTAO is
// there at one read and gone at the next was dissolved in between: the block where it went is found by
// bisection on that one key (its α rows go at the same block: at the dissolution before 475, at its
// settle phase from 475), and the pairs are read at the block before it.
import { midpointsAhead } from './block-reads';
import type { CheckpointPairs } from './checkpoint-pairs';
import type { BlockState, ChainReader } from './reader';
import { SILENT_POSITIONS_SPEC } from './stake-from-storage';
import { keys } from './storage-keys';

type Pair = { hotkey: string; netuid: number };

/**
 * SubnetTAO presence is the chain's, not a coldkey's: the wallets of one reader share what was read, so
 * a bisection another wallet made narrows the next one's.
 */
const shared = new WeakMap<ChainReader, Map<number, Map<number, Promise<boolean>>>>();

/** The block in (p, q] where netuid's SubnetTAO went, present at p and absent at q (one read per level). */
async function vanished(reader: ChainReader, netuid: number, p: number, q: number): Promise<number> {
  let byNetuid = shared.get(reader);
  if (!byNetuid) shared.set(reader, (byNetuid = new Map()));
  let known = byNetuid.get(netuid);
  if (!known) byNetuid.set(netuid, (known = new Map()));
  const key = keys.subnetTao(netuid);
  const present = (b: number): Promise<boolean> => {
    let hit = known.get(b);
    if (!hit) {
      hit = reader.readBlock(b, [key], false, 'dissolution search').then((s) => (s.values.get(key) ?? null) !== null);
      known.set(b, hit);
      hit.catch(() => known.delete(b));
    }
    return hit;
  };
  let [lo, hi] = [p, q];
  // Points another wallet read inside the gap narrow it (the first absent one, the last present before it).
  const inside = [...known.keys()].filter((b) => b > lo && b < hi).sort((x, y) => x - y);
  for (const b of inside)
    if (await present(b)) lo = b;
    else {
      hi = b;
      break;
    }
  while (hi > lo + 1) {
    void reader.prefetchHashes(midpointsAhead([{ p: lo, q: hi }]));
    const m = Math.floor((lo + hi) / 2);
    if (await present(m)) lo = m;
    else hi = m;
  }
  return hi;
}

/**
 * Searches the dissolutions between consecutive blocks the finder read with the pools (its change blocks
 * and the blocks before them) from `lo` on: where the block before one holds a pair no known position is,
 * the pair becomes a position and the dissolution block a change block candidate (verification then
 * finds the block the α came in); where it holds a known position on the dissolved subnet, the block is
 * a candidate too. True when a candidate or a position was added. With `hi`, the range's upper end, also
 * between the last change block and it, where that block ran 441+ (basket475 seed 458: in at 14,918,
 * dissolved at 15,000, no change block after 14,902): one more read per range that has change blocks.
 * Subnets above the highest at both ends of the first run are not searched (ChangeFinder.netuids).
 */
export async function searchDissolutions(
  finder: {
    readonly reader: ChainReader;
    readonly pairs: CheckpointPairs;
    readonly netuids: readonly number[];
    read(b: number, withEvents: boolean, withPools: boolean, phase: string): Promise<BlockState>;
    seed(positions: readonly Pair[], hotkeys: readonly string[]): void;
  },
  changeBlocks: Iterable<number>,
  lo: number,
  candidates: Set<number>,
  hi?: number,
): Promise<boolean> {
  const reads = [...new Set([...changeBlocks].flatMap((b) => [b - 1, b]))].filter((b) => b >= lo);
  const states = await Promise.all(
    reads.sort((x, y) => x - y).map((b) => finder.read(b, false, true, 'dissolution search')),
  );
  const last = states.at(-1);
  if (hi !== undefined && last && hi > last.number && (last.upgradeSpec ?? 0) >= SILENT_POSITIONS_SPEC)
    states.push(await finder.read(hi, false, true, 'dissolution search'));
  const has = (s: BlockState, n: number) => (s.values.get(keys.subnetTao(n)) ?? null) !== null;
  const gaps: { netuid: number; p: number; q: number }[] = [];
  for (const [i, s] of states.slice(0, -1).entries()) {
    const next = states[i + 1]!;
    // Before 441 a transfer in sets LastColdkeyHotkeyStakeBlock, which the walk follows.
    if ((next.upgradeSpec ?? 0) < SILENT_POSITIONS_SPEC) continue;
    for (const n of finder.netuids)
      if (n !== 0 && has(s, n) && !has(next, n)) gaps.push({ netuid: n, p: s.number, q: next.number });
  }
  const found = await Promise.all(
    gaps.map(async ({ netuid, p, q }) => {
      const block = await vanished(finder.reader, netuid, p, q);
      const before = await finder.read(block - 1, false, true, 'dissolution search');
      const holding = finder.pairs.holdingAt(before.number, before.values);
      return { block, netuid, holding, unknown: finder.pairs.heldAt(before.number, before.values) };
    }),
  );
  let added = false;
  for (const { block, netuid, holding, unknown } of found) {
    // A known position can be emptied, filled by a transfer in and dissolved inside one gap as well: both
    // ends read it empty, so only its α before the dissolution shows it (basket475 seed 4313, a position
    // known from StakeInfo before the walk: in at 14,935, dissolved at 15,000).
    const dissolvedHere = holding.some((h) => h.netuid === netuid);
    if ((unknown.length > 0 || dissolvedHere) && !candidates.has(block)) {
      candidates.add(block);
      added = true;
    }
    if (unknown.length > 0) {
      finder.seed(unknown, []);
      added = true;
    }
  }
  return added;
}
