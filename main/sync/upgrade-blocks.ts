// Runtime-upgrade blocks of a synced range (docs/chain/change-discovery.md#runtime-upgrade-blocks):
// the first block each new spec version executed, where its migrations ran (and may have changed
// every holder's α without an event of the coldkey's). Every block state carries
// System.LastRuntimeUpgrade, so the upgrades lie between reads already made whose specs differ;
// those gaps are bisected on the spec, one state read per level (the hashes of the next levels come
// in one request), about log2(gap) reads per upgrade.
import { midpointsAhead } from './block-reads';
import type { PositionRow } from '../db/repos/chain-facts';
import { readPositions } from './checkpoints';
import type { BlockState, ChainReader } from './reader';
import { SILENT_POSITIONS_SPEC } from './stake-from-storage';

type Spec = number | null;
interface Gap {
  p: number;
  sp: Spec;
  q: number;
  sq: Spec;
}

/**
 * Upgrade blocks are the chain's, not a coldkey's: every wallet syncing through one reader shares the
 * search of a range (a backfill's wallets all sync the same range, concurrently) and what it read.
 */
const shared = new WeakMap<ChainReader, { specs: Map<number, Spec>; searches: Map<string, Promise<number[]>> }>();

/**
 * The blocks in [lo, hi] whose spec differs from the block before's, ascending. `known` holds the
 * spec of blocks read so far; `read` reads a block's state (its reads count as the caller's).
 */
export function upgradeBlocks(
  reader: ChainReader,
  known: ReadonlyMap<number, Spec>,
  read: (b: number) => Promise<BlockState>,
  lo: number,
  hi: number,
): Promise<number[]> {
  let cache = shared.get(reader);
  if (!cache) shared.set(reader, (cache = { specs: new Map(), searches: new Map() }));
  const { specs, searches } = cache;
  const key = `${lo}-${hi}`;
  const hit = searches.get(key);
  if (hit) return hit;
  const tracked = (b: number) =>
    read(b).then((s) => {
      specs.set(b, s.upgradeSpec);
      return s;
    });
  const search = bisectSpecs({ reader, known: new Map([...specs, ...known]), read: tracked, lo, hi });
  searches.set(key, search);
  // Wallets starting later find the upgrades in `specs` (both sides of each read): no read again.
  search.then(
    () => searches.delete(key),
    () => searches.delete(key),
  );
  return search;
}

/** One search of [lo, hi]: upgradeBlocks' arguments, with `read` recording the spec of each block it reads. */
interface SpecSearch {
  reader: ChainReader;
  known: ReadonlyMap<number, Spec>;
  read: (b: number) => Promise<BlockState>;
  lo: number;
  hi: number;
}

async function bisectSpecs({ reader, known, read, lo, hi }: SpecSearch): Promise<number[]> {
  const ends = await Promise.all([read(lo - 1), read(hi)]);
  const specs = new Map([...known, ...ends.map((s) => [s.number, s.upgradeSpec] as const)]);
  const points = [...specs].filter(([b]) => b >= lo - 1 && b <= hi).sort((x, y) => x[0] - y[0]);
  let gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const [p, sp] = points[i - 1]!;
    const [q, sq] = points[i]!;
    if (sp !== sq) gaps.push({ p, sp, q, sq });
  }
  const found: number[] = [];
  while (gaps.length > 0) {
    // Not awaited: a read waits for its own block's hash, not for the next levels' (as in ChangeFinder's bisection).
    void reader.prefetchHashes(midpointsAhead(gaps.filter((g) => g.q > g.p + 1)));
    const next: Gap[] = [];
    await Promise.all(
      gaps.map(async (g) => {
        if (g.q === g.p + 1) {
          found.push(g.q);
          return;
        }
        const m = Math.floor((g.p + g.q) / 2);
        const sm = (await read(m)).upgradeSpec;
        if (sm !== g.sp) next.push({ p: g.p, sp: g.sp, q: m, sq: sm });
        if (sm !== g.sq) next.push({ p: m, sp: sm, q: g.q, sq: g.sq });
      }),
    );
    gaps = next;
  }
  return found.sort((a, b) => a - b);
}

/**
 * The positions StakeInfo lists at the block before each of `upgrades` that ran 441 or later. From 441 a
 * position can arrive unseen (a stake transfer in from another coldkey onto a subnet it holds nothing
 * else on, gone before the head: docs/chain/change-discovery.md). The checkpoint before an upgrade asks
 * StakeInfo, which lists it, while the one at the upgrade reads share storage for the known positions
 * only and so dropped it: a sale to 0 α that never happened, and the position lost from then on
 * (basket475 seed 59). Known before verification, its keys join the fingerprint and the blocks it came
 * and went in are found. One call per such upgrade (basket475 discovery budget: 2,117 → 2,122 requests).
 */
export async function heldBefore(
  upgrades: readonly number[],
  finder: {
    readonly reader: ChainReader;
    readonly coldkey: string;
    read(b: number, withEvents: boolean, withPools: boolean, phase: string): Promise<BlockState>;
  },
): Promise<PositionRow[]> {
  const out: PositionRow[] = [];
  for (const b of upgrades) {
    // With the pools, as the checkpoint at b − 1 reads it: one read serves both.
    const before = await finder.read(b - 1, false, true, 'runtime upgrade');
    const runtime = await finder.reader.runtimeFor(before);
    if (runtime.specVersion >= SILENT_POSITIONS_SPEC)
      out.push(...(await readPositions(finder.reader, runtime, before.hash, finder.coldkey, before.number)));
  }
  return out;
}
