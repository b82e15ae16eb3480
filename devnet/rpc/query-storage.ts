/**
 * `state_queryStorage(keys, from, to)` as Substrate serves it (sc-rpc `query_storage`): the keys'
 * values at `from` (every key, null for none), then one change set per block in (from, to] where any
 * of the keys has a value other than at the block before, listing only those keys, in request order.
 * Blocks are named by hash. Substrate reads every key at every block of the range; here a log cell
 * skips to its next logged change or runtime switch (its encoding cannot change in between), other
 * cells are read block by block.
 */
import type { Chain } from '../chain/chain.js';
import { blockHash } from '../chain/headers.js';
import { runtimeFor, type Runtime } from '../scale/runtime.js';
import { encodeCellAt, encodedOf } from './cell-encoding.js';

export interface StorageChangeSet {
  block: string;
  changes: [string, string | null][];
}

/** Spans [start, end) of blocks in [from, to] that share one runtime (storage encodes per runtime). */
function runtimeRuns(chain: Chain, from: number, to: number): { start: number; end: number; rt: Runtime }[] {
  const runs: { start: number; end: number; rt: Runtime }[] = [];
  for (let b = from; b <= to; b++) {
    const rt = runtimeFor(chain.specAt(b));
    const last = runs[runs.length - 1];
    if (last && last.rt === rt) last.end = b + 1;
    else runs.push({ start: b, end: b + 1, rt });
  }
  return runs;
}

export function queryStorageChanges(
  chain: Chain,
  keys: readonly string[],
  from: number,
  to: number,
): StorageChangeSet[] {
  const runs = runtimeRuns(chain, from, to);
  const first: [string, string | null][] = [];
  const later = new Map<number, [string, string | null][]>();
  for (const key of keys) {
    const shown = key.toLowerCase();
    const cell = chain.cells.get(shown);
    const record = cell && encodedOf(cell);
    let prev = cell ? encodeCellAt(chain, cell, from, runs[0]!.rt, record!) : null;
    first.push([shown, prev]);
    if (!cell) continue;
    for (const run of runs) {
      for (let b = Math.max(run.start, from + 1); b < run.end;) {
        const v = encodeCellAt(chain, cell, b, run.rt, record!);
        if (v !== prev) {
          let set = later.get(b);
          if (!set) later.set(b, (set = []));
          set.push([shown, v]);
          prev = v;
        }
        // A log cell's value (and, within one runtime, its encoding) holds until its next change.
        b = cell.kind === 'log' && record!.to > b + 1 ? Math.min(record!.to, run.end) : b + 1;
      }
    }
  }
  // A block with no change is left out, `from` too when no key was asked.
  const out: StorageChangeSet[] = first.length > 0 ? [{ block: blockHash(chain, from), changes: first }] : [];
  for (const b of [...later.keys()].sort((x, y) => x - y))
    out.push({ block: blockHash(chain, b), changes: later.get(b)! });
  return out;
}
