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
 * Adds to `out` the blocks of `gaps` where the fingerprint changes, bisecting all gaps level by level; the
 * next levels' midpoint hashes come in one request, and above the last levels a midpoint reads only the
 * gap's differing keys. A gap narrow enough for one range request is asked for instead, its blocks read at
 * once (events; the block before with pools), as bisection's last levels read theirs.
 */
export async function bisectGaps(reads: BisectionReads, gaps: readonly Gap[], out: Set<number>): Promise<void> {
  const { reader, coldkey } = reads;
  const found = (b: number) => [reads.full(b, true, 'ranged'), reads.full(b - 1, false, 'ranged')];
  let level = [...gaps];
  while ((level = await new RangeChanges(reader, found).locate(level, out)).length > 0) {
    // Not awaited: this level's midpoint hashes came with an earlier level's list, and its reads
    // need not wait for the next levels' (a read waits for its own block's hash).
    void reader.prefetchHashes(midpointsAhead(level.filter((g) => g.q > g.p + 1)));
    const next: Gap[] = [];
    await Promise.all(
      level.map(async ({ p, q, keyList, vP, vQ }) => {
        if (q === p + 1) {
          out.add(q);
          return;
        }
        const m = Math.floor((p + q) / 2);
        // Near the end of a bisection the midpoint is likely the change block or the one before, whose
        // checkpoints need the whole fingerprint and the pools, and its events (small beside its ~1,450
        // keys) would otherwise cost one more request: read them all now.
        const sM = q - p <= FULL_READ_GAP ? await reads.full(m, true, 'bisection') : await reads.narrow(m, keyList);
        const vM = fingerprintValues(coldkey, sM.values, keyList);
        const left = splitGap(p, m, keyList, vP, vM);
        const right = splitGap(m, q, keyList, vM, vQ);
        if (left) next.push(left);
        if (right) next.push(right);
      }),
    );
    level = next;
  }
}
