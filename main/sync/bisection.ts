// Fingerprint bisection of ChangeFinder (docs/chain/change-discovery.md#fingerprint-bisection): the blocks
// in gaps (p, q] where the coldkey's fingerprint changes, or, where the node serves it, the changes of a
// narrow gap in one range request (range-changes.ts, #ranges-on-your-own-node).
import { FULL_READ_GAP, midpointsAhead, splitGap, type Gap } from './block-reads';
import { fingerprintValues } from './fingerprint-keys';
import { RangeChanges } from './range-changes';
import type { BlockState, ChainReader } from './reader';

export interface BisectionReads {
  reader: ChainReader;
  coldkey: string;
  /** Block b with the whole fingerprint and the pools (its checkpoint's read), and its events if asked. */
  full(b: number, withEvents: boolean, phase: 'bisection' | 'ranged'): Promise<BlockState>;
  /** Block b with `keyList` only. */
  narrow(b: number, keyList: readonly string[]): Promise<BlockState>;
}

/**
 * Adds to `out` the blocks of `gaps` where the fingerprint changes. Each gap is bisected on its own, its
 * halves as soon as its midpoint is read: level by level (all gaps' midpoints, then all halves'), a level
 * waited for its slowest gap. The midpoint hashes of every gap still open, some levels ahead, come in one
 * request when a gap lacks its own (as many requests as level by level on `npm run bench:sync`). Above the
 * last levels a midpoint reads only the gap's differing keys. A gap narrow enough for one range request is
 * asked for instead, its blocks read at once (events; the block before with pools), as bisection's last
 * levels read theirs.
 */
export async function bisectGaps(reads: BisectionReads, gaps: readonly Gap[], out: Set<number>): Promise<void> {
  const { reader, coldkey } = reads;
  const found = (b: number) => [reads.full(b, true, 'ranged'), reads.full(b - 1, false, 'ranged')];
  const ranges = new RangeChanges(reader, found);
  const open = new Set<Gap>(gaps);
  const bisect = async (gap: Gap): Promise<void> => {
    const { p, q, keyList, vP, vQ } = gap;
    // Located by a range request, or a one-block gap: its own change block.
    if ((await ranges.locate([gap], out)).length === 0 || q === p + 1) {
      if (q === p + 1) out.add(q);
      open.delete(gap);
      return;
    }
    const m = Math.floor((p + q) / 2);
    // Not awaited: a read waits for its own block's hash, not for the others'.
    if (!reader.hasHash(m)) void reader.prefetchHashes(midpointsAhead([...open].filter((g) => g.q > g.p + 1)));
    // Near the end of a bisection the midpoint is likely the change block or the one before, whose
    // checkpoints need the whole fingerprint and the pools, and its events (small beside its ~1,450
    // keys) would otherwise cost one more request: read them all now.
    const sM = q - p <= FULL_READ_GAP ? await reads.full(m, true, 'bisection') : await reads.narrow(m, keyList);
    const vM = fingerprintValues(coldkey, sM.values, keyList);
    const halves = [splitGap(p, m, keyList, vP, vM), splitGap(m, q, keyList, vM, vQ)].filter((g) => g !== null);
    open.delete(gap);
    for (const g of halves) open.add(g);
    await Promise.all(halves.map(bisect));
  };
  await Promise.all(gaps.map(bisect));
}
