/**
 * The hot path of a backfill: `state_queryStorageAt` with ~1,500 keys, block after block, the same
 * key list each time (docs/chain/change-discovery.md: the fingerprint, the pools). Two costs that do
 * not depend on the block are paid once per key list instead of once per request:
 * - resolving a key to its cell (hashing a fresh 150-character string into a 140,000-entry map);
 * - the JSON of the keys echoed in the answer: the answer is built as text, not by JSON.stringify.
 */
import type { Cell, StateStore } from '../chain/store.js';

/**
 * A result already serialised as JSON; the server splices it into the response. Anything else that
 * serialises it (JSON.stringify) gets the parsed value, i.e. the same JSON.
 */
export class RawJson {
  constructor(readonly json: string) {}
  toJSON(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}

/** Key strings JSON carries as they are (what hex keys are); anything else goes through JSON.stringify. */
const PLAIN = /^[0-9a-zA-Z]*$/;

interface Plan {
  /** the keys exactly as the client sent them */
  raw: string[];
  /** their cells (undefined: no such key), valid while the store's cellsVersion is `version` */
  cells: (Cell | undefined)[];
  /** `"key",` prefixes of the answer's pairs */
  quoted: string[];
  version: number;
}

const PLANS = 8;

export class KeyPlans {
  private plans: Plan[] = [];
  private store?: StateStore;

  /**
   * The plan of a key list: the cells and quoted keys of a recent list are reused for every key
   * equal at the same position (a string comparison, cheap next to hashing the key), the rest resolved.
   */
  plan(store: StateStore, keys: string[]): Plan {
    const version = store.cellsVersion;
    if (store !== this.store || this.plans[0]?.version !== version) this.plans = [];
    this.store = store;
    const i = this.plans.findIndex((p) => p.raw.length === keys.length && p.raw[0] === keys[0]);
    const prev = i >= 0 ? this.plans[i] : this.plans.find((p) => p.raw[0] === keys[0]);
    const cells: (Cell | undefined)[] = new Array(keys.length);
    const quoted: string[] = new Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (prev && k < prev.raw.length && key === prev.raw[k]) {
        cells[k] = prev.cells[k];
        quoted[k] = prev.quoted[k] as string;
      } else {
        cells[k] = store.cells.get(key.toLowerCase());
        quoted[k] = `["${PLAIN.test(key) ? key : JSON.stringify(key).slice(1, -1)}",`;
      }
    }
    const plan = { raw: keys, cells, quoted, version };
    if (i >= 0) this.plans.splice(i, 1);
    this.plans.unshift(plan);
    if (this.plans.length > PLANS) this.plans.pop();
    return plan;
  }
}

/**
 * The `state_queryStorageAt` answer `[{ block, changes: [[key, value | null], …] }]` as JSON, with
 * `encode(cell)` giving a present cell's hex at the block (or null). Values are 0x-hex, plain JSON.
 */
export function queryStorageJson(plan: Plan, blockHash: string, encode: (cell: Cell) => string | null): RawJson {
  let s = `[{"block":${JSON.stringify(blockHash)},"changes":[`;
  for (let k = 0; k < plan.raw.length; k++) {
    const cell = plan.cells[k];
    const v = cell ? encode(cell) : null;
    s += (k ? ',' : '') + plan.quoted[k] + (v === null ? 'null]' : `"${v}"]`);
  }
  return new RawJson(s + ']}]');
}
