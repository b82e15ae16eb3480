/**
 * The hot path of a backfill: `state_queryStorageAt` with ~1,500 keys, block after block, the same
 * key list each time (docs/chain/change-discovery.md: the fingerprint, the pools). Costs that do
 * not depend on the block are paid once per key list instead of once per request:
 * - resolving a key to its cell (hashing a fresh 150-character string into a 140,000-entry map);
 * - the JSON of the keys echoed in the answer: the answer is built as UTF-8 bytes, not by
 *   JSON.stringify: each key's `["key",` bytes are copied from the plan, and the server sends the
 *   bytes as they are (a ~150 kB string built piece by piece then cost more to flatten, measure and
 *   encode for the socket than building the answer did);
 * - a plain log cell's value over the span of blocks it covers: the plan keeps each such key's hex
 *   and span in arrays of its own, so a block inside the span is answered without visiting the
 *   cell, its log or its encoding record (a year's 140,000 cells lie all over the heap, and visiting
 *   them was much of a request's time). Any log write anywhere forgets every span.
 */
import type { Cell, StateStore } from '../chain/store.js';
import { ChangeLog } from '../chain/state-log.js';
import { encodedOf, type Encoded } from './cell-encoding.js';

/**
 * A result already serialised as JSON; the server splices it into the response. Anything else that
 * serialises it (JSON.stringify) gets the parsed value, i.e. the same JSON.
 *
 * `frame` may hold `room` free bytes before the JSON and one after it, where the server writes the
 * response's head and closing brace instead of copying the ~250 kB answer into a new buffer.
 */
export class RawJson {
  /** the UTF-8 JSON text */
  readonly bytes: Buffer;
  constructor(
    readonly frame: Buffer,
    readonly room = -1,
  ) {
    this.bytes = room < 0 ? frame : frame.subarray(room, frame.length - 1);
  }
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
  /** the cells' encoding records (held here to spare a lookup per key and request) */
  encoded: (Encoded | undefined)[];
  /** `["key",` prefixes of the answer's pairs, UTF-8 */
  quoted: Buffer[];
  version: number;
  /** log cells: the hex served for blocks [from, to) (empty span: none), under runtime `rt` and log writes `writes` */
  from: Float64Array;
  to: Float64Array;
  hex: (string | null)[];
  rt: object | null;
  writes: number;
}

const PLANS = 8;

export class KeyPlans {
  private plans: Plan[] = [];
  private store?: StateStore;

  /**
   * The plan of a key list: a recent plan of the same list as it is; else the cells and quoted keys
   * of a recent list are reused for every key equal at the same position (a string comparison,
   * cheap next to hashing the key), the rest resolved.
   */
  plan(store: StateStore, keys: string[]): Plan {
    const version = store.cellsVersion;
    if (store !== this.store || this.plans[0]?.version !== version) this.plans = [];
    this.store = store;
    const i = this.plans.findIndex((p) => p.raw.length === keys.length && p.raw[0] === keys[0]);
    const prev = i >= 0 ? this.plans[i] : this.plans.find((p) => p.raw[0] === keys[0]);
    let same = i >= 0;
    for (let k = 0; same && k < keys.length; k++) same = keys[k] === prev!.raw[k];
    const plan = same ? prev! : fresh(store, keys, prev, version);
    if (i >= 0) this.plans.splice(i, 1);
    this.plans.unshift(plan);
    if (this.plans.length > PLANS) this.plans.pop();
    return plan;
  }
}

function fresh(store: StateStore, keys: string[], prev: Plan | undefined, version: number): Plan {
  const n = keys.length;
  const cells: (Cell | undefined)[] = new Array(n);
  const quoted: Buffer[] = new Array(n);
  const encoded: (Encoded | undefined)[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const key = keys[k] as string;
    if (prev && k < prev.raw.length && key === prev.raw[k]) {
      cells[k] = prev.cells[k];
      encoded[k] = prev.encoded[k];
      quoted[k] = prev.quoted[k] as Buffer;
    } else {
      const cell = store.cells.get(key.toLowerCase());
      cells[k] = cell;
      encoded[k] = cell && encodedOf(cell);
      quoted[k] = Buffer.from(`["${PLAIN.test(key) ? key : JSON.stringify(key).slice(1, -1)}",`, 'utf8');
    }
  }
  const hex: (string | null)[] = new Array(n).fill(null);
  return {
    raw: keys,
    cells,
    encoded,
    quoted,
    version,
    from: new Float64Array(n),
    to: new Float64Array(n),
    hex,
    rt: null,
    writes: -1,
  };
}

/** Room left before an answer for the response's head (`{"jsonrpc":"2.0","id":…,"result":`). */
const HEAD_ROOM = 64;

/**
 * The `state_queryStorageAt` answer `[{ block, changes: [[key, value | null], …] }]` at block `b`
 * (runtime `rt`) as JSON, with `encode(cell, its encoding record)` giving a present cell's hex at
 * the block (or null). Values and the block hash are 0x-hex (ASCII), so their byte length is their
 * string length.
 */
export function queryStorageJson(
  plan: Plan,
  blockHash: string,
  b: number,
  rt: object,
  encode: (cell: Cell, last: Encoded) => string | null,
): RawJson {
  if (plan.rt !== rt || plan.writes !== ChangeLog.allWrites) {
    plan.to.fill(0);
    plan.from.fill(0);
    plan.rt = rt;
    plan.writes = ChangeLog.allWrites;
  }
  const head = `[{"block":${JSON.stringify(blockHash)},"changes":[`;
  const n = plan.raw.length;
  const { from, to, hex } = plan;
  const values: (string | null)[] = new Array(n);
  let length = head.length + TAIL.length;
  for (let k = 0; k < n; k++) {
    let v: string | null;
    if (b >= (from[k] as number) && b < (to[k] as number)) v = hex[k] as string | null;
    else {
      const cell = plan.cells[k];
      const last = plan.encoded[k] as Encoded;
      v = cell ? encode(cell, last) : null;
      if (cell?.kind === 'log' && last.writes === cell.log.writes) {
        from[k] = last.from;
        to[k] = last.to;
        hex[k] = v;
      }
    }
    values[k] = v;
    length += (k ? 1 : 0) + (plan.quoted[k] as Buffer).length + (v === null ? NULL_END.length : v.length + 3);
  }
  const frame = Buffer.allocUnsafe(HEAD_ROOM + length + 1);
  const out = frame.subarray(HEAD_ROOM, HEAD_ROOM + length);
  let o = out.write(head, 0, 'latin1');
  for (let k = 0; k < n; k++) {
    if (k) out[o++] = COMMA;
    const q = plan.quoted[k] as Buffer;
    out.set(q, o);
    o += q.length;
    const v = values[k] as string | null;
    if (v === null) o += out.write(NULL_END, o, 'latin1');
    else {
      out[o++] = QUOTE;
      // short values (most) byte by byte: cheaper than a call into the buffer's native writer
      if (v.length <= 64) for (let i = 0; i < v.length; i++) out[o++] = v.charCodeAt(i);
      else o += out.write(v, o, 'latin1');
      out[o++] = QUOTE;
      out[o++] = CLOSE;
    }
  }
  o += out.write(TAIL, o, 'latin1');
  return o === length ? new RawJson(frame, HEAD_ROOM) : new RawJson(Buffer.from(out.subarray(0, o)));
}

const TAIL = ']}]';
const NULL_END = 'null]';
const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE = 0x5d;
