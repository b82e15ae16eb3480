/**
 * The hot path of a backfill: `state_queryStorageAt` with ~1,500 keys, block after block, the same
 * key list each time (docs/chain/change-discovery.md: the fingerprint, the pools). Two costs that do
 * not depend on the block are paid once per key list instead of once per request:
 * - resolving a key to its cell (hashing a fresh 150-character string into a 140,000-entry map);
 * - the JSON of the keys echoed in the answer: the answer is built as UTF-8 bytes, not by
 *   JSON.stringify: each key's `["key",` bytes are copied from the plan, and the server sends the
 *   bytes as they are (a ~150 kB string built piece by piece then cost more to flatten, measure and
 *   encode for the socket than building the answer did).
 */
import type { Cell, StateStore } from '../chain/store.js';

/**
 * A result already serialised as JSON; the server splices it into the response. Anything else that
 * serialises it (JSON.stringify) gets the parsed value, i.e. the same JSON.
 */
export class RawJson {
  /** `bytes`: the UTF-8 JSON text. */
  constructor(readonly bytes: Buffer) {}
  get json(): string {
    return this.bytes.toString('utf8');
  }
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
  /** `["key",` prefixes of the answer's pairs, UTF-8 */
  quoted: Buffer[];
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
    const quoted: Buffer[] = new Array(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      if (prev && k < prev.raw.length && key === prev.raw[k]) {
        cells[k] = prev.cells[k];
        quoted[k] = prev.quoted[k] as Buffer;
      } else {
        cells[k] = store.cells.get(key.toLowerCase());
        quoted[k] = Buffer.from(`["${PLAIN.test(key) ? key : JSON.stringify(key).slice(1, -1)}",`, 'utf8');
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
 * `encode(cell)` giving a present cell's hex at the block (or null). Values and the block hash are
 * 0x-hex (ASCII), so their byte length is their string length.
 */
export function queryStorageJson(plan: Plan, blockHash: string, encode: (cell: Cell) => string | null): RawJson {
  const head = `[{"block":${JSON.stringify(blockHash)},"changes":[`;
  const n = plan.raw.length;
  const values: (string | null)[] = new Array(n);
  let length = head.length + TAIL.length;
  for (let k = 0; k < n; k++) {
    const cell = plan.cells[k];
    const v = cell ? encode(cell) : null;
    values[k] = v;
    length += (k ? 1 : 0) + (plan.quoted[k] as Buffer).length + (v === null ? NULL_END.length : v.length + 3);
  }
  const out = Buffer.allocUnsafe(length);
  let o = out.write(head, 0, 'latin1');
  for (let k = 0; k < n; k++) {
    if (k) out[o++] = COMMA;
    o += (plan.quoted[k] as Buffer).copy(out, o);
    const v = values[k] as string | null;
    if (v === null) o += out.write(NULL_END, o, 'latin1');
    else {
      out[o++] = QUOTE;
      o += out.write(v, o, 'latin1');
      out[o++] = QUOTE;
      out[o++] = CLOSE;
    }
  }
  o += out.write(TAIL, o, 'latin1');
  return new RawJson(o === length ? out : out.subarray(0, o));
}

const TAIL = ']}]';
const NULL_END = 'null]';
const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE = 0x5d;
