// The storage values read at one block (BlockState.values), kept per read as an array aligned with
// the read's key list rather than as a Map per block (docs/chain/change-discovery.md#values-per-read).
// A backfill keeps ~3,000 blocks' reads of ~1,450 keys each until they are recorded: a Map per block
// hashed every key into a fresh table (and copied it again when a later read of the block added
// keys), which with the garbage it left was the largest item of sync's own code in a CPU profile.
// Reads of the walk, the events and verification ask the same key list block after block, so the
// list and its index are shared: a block then costs one array of values.

/** A read's storage keys in request order, with the position of each (built when first looked up). */
export class KeyList {
  #index: Map<string, number> | null = null;
  #after = new Map<KeyList, readonly string[]>();

  constructor(readonly keys: readonly string[]) {}

  /** `first`'s keys then these: the same array for every read of both (its request text is kept once). */
  after(first: KeyList): readonly string[] {
    let all = this.#after.get(first);
    if (!all) this.#after.set(first, (all = [...first.keys, ...this.keys]));
    return all;
  }

  /** Position of `k` in the list, or undefined. */
  indexOf(k: string): number | undefined {
    if (this.keys.length <= SCAN_MAX) {
      const i = this.keys.indexOf(k);
      return i < 0 ? undefined : i;
    }
    if (!this.#index) {
      const index = new Map<string, number>();
      for (let i = 0; i < this.keys.length; i++) if (!index.has(this.keys[i]!)) index.set(this.keys[i]!, i);
      this.#index = index;
    }
    return this.#index.get(k);
  }
}

/** Lists this short are searched in place: cheaper than building an index for them. */
const SCAN_MAX = 16;

/** Recent lists by length, most recent first: reads asking the same keys share one KeyList. */
const recent = new Map<number, KeyList[]>();
const RECENT_PER_LENGTH = 4;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shared KeyList of `keys` (same strings in the same order), made if none of the recent ones
 * matches. Comparing two lists of the same key strings is a pointer comparison per key, far cheaper
 * than indexing them again. `keys` must not be changed afterwards.
 */
export function keyList(keys: readonly string[]): KeyList {
  let bucket = recent.get(keys.length);
  if (!bucket) recent.set(keys.length, (bucket = []));
  for (let j = 0; j < bucket.length; j++) {
    const candidate = bucket[j]!;
    if (candidate.keys === keys || sameKeys(candidate.keys, keys)) {
      if (j > 0) bucket.unshift(...bucket.splice(j, 1));
      return candidate;
    }
  }
  const list = new KeyList(keys);
  bucket.unshift(list);
  if (bucket.length > RECENT_PER_LENGTH) bucket.pop();
  return list;
}

/** One read's values: `vals[i]` is the value of `list.keys[i]` (null: no entry). */
export interface ValuesPart {
  list: KeyList;
  vals: readonly (string | null)[];
}

/**
 * Every value read at one block, over one or more reads (state at a block never changes, so a key
 * read twice has one value). Read-only, with the Map interface callers use.
 */
export class BlockValues implements ReadonlyMap<string, string | null> {
  constructor(readonly parts: readonly ValuesPart[]) {}

  get(k: string): string | null | undefined {
    for (const part of this.parts) {
      const i = part.list.indexOf(k);
      if (i !== undefined) return part.vals[i] ?? null;
    }
    return undefined;
  }

  has(k: string): boolean {
    for (const part of this.parts) if (part.list.indexOf(k) !== undefined) return true;
    return false;
  }

  /** These values and `more` (a later read of the same block), without copying either. */
  with(more: BlockValues): BlockValues {
    return new BlockValues([...this.parts, ...more.parts]);
  }

  *entries(): MapIterator<[string, string | null]> {
    const seen = new Set<string>();
    for (const part of this.parts)
      for (let i = 0; i < part.list.keys.length; i++) {
        const k = part.list.keys[i]!;
        if (seen.has(k)) continue;
        seen.add(k);
        yield [k, part.vals[i] ?? null];
      }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<string | null> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.entries();
  }

  get size(): number {
    let n = 0;
    for (const _ of this.entries()) n += 1;
    return n;
  }

  forEach(fn: (value: string | null, key: string, map: ReadonlyMap<string, string | null>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
