// Multi-key reads at historical blocks, kept per block and merged, and what the walk and bisection read next (docs/chain/change-discovery.md#what-each-change-costs-in-requests):
// state at a block never changes, so a later read of the same block asks only for the keys (or the
// events) not read there yet, and nothing at all when everything is known.
import { BlockValues, keyList, type KeyList } from './block-values';
import { fixedKeys, type BlockState, type ChainReader } from './reader';

interface Cached {
  promise: Promise<BlockState>;
  /**
   * The key lists read (or being read) at this block, the fixed keys every read carries among them:
   * known before the answers arrive, so a read made while another is in flight asks only the rest.
   */
  lists: KeyList[];
  withEvents: boolean;
}

/** Two reads of the same block: the values of both (neither copied), and the events of either. */
function merged(old: BlockState, add: BlockState): BlockState {
  const values =
    old.values instanceof BlockValues && add.values instanceof BlockValues
      ? old.values.with(add.values)
      : new Map([...old.values, ...add.values]);
  return { ...old, values, events: old.events ?? add.events };
}

export class BlockReads {
  readonly #cache = new Map<number, Cached>();

  constructor(readonly reader: ChainReader) {}

  /** `wanted` (and the events if asked) at block b; the values map may hold more keys than asked. */
  read(b: number, wanted: readonly string[], withEvents: boolean, purpose: string): Promise<BlockState> {
    const hit = this.#cache.get(b);
    const list = keyList(wanted);
    // The walk, events and verification reads ask the same list block after block: a list already
    // read here is found by identity, without looking up each of its keys.
    const missing = !hit
      ? list.keys
      : hit.lists.includes(list)
        ? []
        : wanted.filter((k) => !hit.lists.some((l) => l.indexOf(k) !== undefined));
    const needEvents = withEvents && !hit?.withEvents;
    if (hit && missing.length === 0 && !needEvents) return hit.promise;
    const fresh = this.reader.readBlock(b, missing, needEvents, purpose);
    const promise = hit ? Promise.all([hit.promise, fresh]).then(([old, add]) => merged(old, add)) : fresh;
    const entry: Cached = {
      promise,
      lists: [...(hit?.lists ?? []), keyList(missing), fixedKeys(needEvents)],
      withEvents: withEvents || (hit?.withEvents ?? false),
    };
    this.#cache.set(b, entry);
    promise.catch(() => {
      if (this.#cache.get(b) === entry) this.#cache.delete(b);
    });
    return promise;
  }

  /** Forget the reads below `b`. */
  forgetBelow(b: number): void {
    for (const k of this.#cache.keys()) if (k < b) this.#cache.delete(k);
  }
}

/** The midpoints bisection may read in (p, q] within `depth` levels, the first (p + q) / 2. */
function midpoints(p: number, q: number, depth: number, out: number[]): number[] {
  if (depth === 0 || q <= p + 1) return out;
  const m = Math.floor((p + q) / 2);
  out.push(m);
  midpoints(p, m, depth - 1, out);
  midpoints(m, q, depth - 1, out);
  return out;
}

/**
 * The blocks whose hashes a bisection level prefetches: the midpoints of the gaps' next levels (both
 * halves), as many levels ahead as keep it within 1,000 hashes (one request). Up to 4 levels took
 * 108 block-hash requests on the basket475 backfill of main/sync/discovery-budget.test.ts, where
 * bisection runs 10–12 levels on few gaps; up to 10 (9 for a single gap) took 79: most hashes
 * fetched ahead go unused, but a list of 1,000 costs one request like a list of 15.
 */
export function midpointsAhead(gaps: readonly { p: number; q: number }[]): number[] {
  const depth = Math.min(10, Math.max(1, Math.floor(Math.log2(1_000 / Math.max(1, gaps.length) + 1))));
  return gaps.flatMap((g) => midpoints(g.p, g.q, depth, []));
}

/** Gaps at most this wide read the whole fingerprint and the pools at their midpoint (ChangeFinder bisection). */
export const FULL_READ_GAP = 8;

/** A gap (p, q] whose ends differ in the keys `keyList` (their values at p and at q). */
export interface Gap {
  p: number;
  q: number;
  keyList: readonly string[];
  vP: readonly string[];
  vQ: readonly string[];
}

/**
 * The gap (p, q] restricted to the keys whose values differ at its ends, or null when none does.
 * A key equal at both ends is taken as unchanged in between: the nonce, StakingHotkeys and
 * LastColdkeyHotkeyStakeBlock only grow, and a position's shares or lock returning to the exact same
 * value inside a gap is the "change undone within the gap" the fingerprint never sees
 * (docs/chain/change-discovery.md#fingerprint-bisection).
 */
export function splitGap(
  p: number,
  q: number,
  keyList: readonly string[],
  vP: readonly string[],
  vQ: readonly string[],
): Gap | null {
  const idx: number[] = [];
  for (let i = 0; i < keyList.length; i++) if (vP[i] !== vQ[i]) idx.push(i);
  if (idx.length === 0) return null;
  if (idx.length === keyList.length) return { p, q, keyList, vP, vQ };
  return { p, q, keyList: idx.map((i) => keyList[i]!), vP: idx.map((i) => vP[i]!), vQ: idx.map((i) => vQ[i]!) };
}
