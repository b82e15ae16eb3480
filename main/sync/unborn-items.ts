// Storage items a runtime upgrade introduced, and the blocks known to predate them
// (docs/chain/change-discovery.md#items-a-runtime-did-not-have-yet): a read at such a block skips their
// keys and takes them as absent, which is what the node would answer. Most of a long backfill runs on
// runtimes older than the head's: on bench:sync these keys were 18 % of all it read.
import { u8aToHex } from '@polkadot/util';
import { KeyList } from './block-values';
import { itemPrefix } from './storage-keys';

/**
 * The last runtime (spec version) without each item, from the vendored finney metadata (233, 315, 320,
 * 343, 393, 424, 455, 475; main/sync/unborn-items.test.ts checks every vendored file): absent at every
 * vendored spec up to it, present at every later one. A runtime that is not vendored, at or below that
 * spec, is assumed to lack the item too (inferred: no metadata of it here). Only items introduced and
 * present since count: a removed one (SubnetName, Alpha V1) would need a lower bound on a block's runtime.
 */
export const LAST_SPEC_WITHOUT: readonly (readonly [pallet: string, item: string, spec: number])[] = [
  ['SubtensorModule', 'LastColdkeyHotkeyStakeBlock', 233],
  ['SubtensorModule', 'SubnetIdentitiesV3', 233],
  ['Swap', 'FeeRate', 233],
  ['SubtensorModule', 'RootClaimed', 320],
  ['SubtensorModule', 'AlphaV2', 393],
  ['SubtensorModule', 'TotalHotkeySharesV2', 393],
  ['SubtensorModule', 'Lock', 393],
  ['SubtensorModule', 'SubnetEpochIndex', 393],
  ['Swap', 'SwapBalancer', 393],
  ['SubtensorModule', 'BasketTwr', 424],
  ['SubtensorModule', 'BasketShares', 424],
  ['SubtensorModule', 'BasketRate', 424],
  ['SubtensorModule', 'BasketClaimed', 424],
  ['SubtensorModule', 'AlphaShareEpoch', 455],
  ['SubtensorModule', 'AlphaSharePoolEpoch', 455],
];

/** The distinct specs of the table, ascending: what SpecCeiling.at answers. */
const THRESHOLDS = [...new Set(LAST_SPEC_WITHOUT.map(([, , s]) => s))].sort((a, b) => a - b);

/** Storage key prefix (`0x` + twox128(pallet) ‖ twox128(item), 66 characters) → the last spec without it. */
const lastWithout = new Map<string, number>(LAST_SPEC_WITHOUT.map(([p, i, s]) => [u8aToHex(itemPrefix(p, i)), s]));
const PREFIX_CHARS = 66;

/**
 * What the reads so far tell of the runtime at any block: specs only rise, so a block at or below one
 * read at spec s ran spec s or older.
 */
export class SpecCeiling {
  /** Per threshold: the highest block read whose runtime is at most that spec (-1: none). */
  readonly #upTo = THRESHOLDS.map(() => -1);

  /** Block b was executed by runtime `spec` (System.LastRuntimeUpgrade at b; null: unknown). */
  note(b: number, spec: number | null): void {
    if (spec === null) return;
    for (let i = 0; i < THRESHOLDS.length; i++)
      if (spec <= (THRESHOLDS[i] as number) && b > (this.#upTo[i] as number)) this.#upTo[i] = b;
  }

  /** The lowest spec of the table block b is known to run at or below, or null. */
  at(b: number): number | null {
    for (let i = 0; i < THRESHOLDS.length; i++) if (b <= (this.#upTo[i] as number)) return THRESHOLDS[i] as number;
    return null;
  }
}

export interface SplitKeys {
  /** The keys to ask the node for. */
  read: KeyList;
  /** The keys of items the runtime did not have yet (answered as absent), or null when none. */
  absent: KeyList | null;
}

const splits = new WeakMap<KeyList, Map<number, SplitKeys>>();

/**
 * `list` split for a block whose runtime is at most `ceiling` (SpecCeiling.at): the keys of items whose
 * last spec without them is `ceiling` or later go unread. Kept per list and ceiling, so a list read
 * block after block is split once.
 */
export function splitUnborn(list: KeyList, ceiling: number | null): SplitKeys {
  if (ceiling === null) return { read: list, absent: null };
  let byCeiling = splits.get(list);
  if (!byCeiling) splits.set(list, (byCeiling = new Map()));
  let split = byCeiling.get(ceiling);
  if (!split) {
    const read: string[] = [];
    const absent: string[] = [];
    for (const k of list.keys) ((lastWithout.get(k.slice(0, PREFIX_CHARS)) ?? -1) >= ceiling ? absent : read).push(k);
    split =
      absent.length === 0 ? { read: list, absent: null } : { read: new KeyList(read), absent: new KeyList(absent) };
    byCeiling.set(ceiling, split);
  }
  return split;
}
