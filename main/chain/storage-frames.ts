// Storage answers read from the frame's bytes. A multi-key read (state_queryStorageAt, ~1,450 keys)
// answers ~250 kB of JSON that echoes every key asked. Through ws and PJS each answer was decoded
// to a string (UTF-8, ~1 ms) and JSON.parse'd into ~1,450 fresh key strings that sync only compared
// with its own keys and dropped: about a sixth of the sync process's CPU in a year backfill, and most
// of its garbage. For a read whose key list has a remembered text (request-json.ts encodeOnce), the
// keys of the answer are compared byte for byte with that text and only the values become strings.
// Anything not exactly in the common shape (one change set listing every key asked, in order, compact
// JSON, plain-ASCII strings without escapes) goes the usual way, so the values are always what
// JSON.parse gives.
import { isAscii } from 'node:buffer';

/** The values of a storage read, aligned with the keys asked (main/sync/reader.ts readBlock). */
export class StorageAnswer {
  constructor(
    readonly keys: readonly string[],
    readonly values: (string | null)[],
  ) {}
}

/** Where each key's text lies in a key list's JSON (`["k0","k1",…]`): start and end per key. */
interface KeyText {
  keys: readonly string[];
  json: Buffer;
  spans: Int32Array;
  /** The values of the list's last answer read from its bytes (see `sameText`). */
  last: readonly (string | null)[];
}

const spansOf = new WeakMap<readonly string[], KeyText | null>();

/** The spans of `keys` in its JSON text, or null when a key needs escapes (then no fast path). */
function keyText(keys: readonly string[], json: Buffer): KeyText | null {
  // A list's text never changes once remembered (request-json.ts encodeOnce).
  let known = spansOf.get(keys);
  if (known !== undefined) return known;
  known = null;
  const spans = new Int32Array(keys.length * 2);
  let p = 1;
  let ok = json[0] === OPEN_BRACKET;
  for (let i = 0; ok && i < keys.length; i++) {
    const k = keys[i]!;
    if (i > 0) ok = json[p++] === COMMA;
    ok &&= json[p] === QUOTE && json.length >= p + k.length + 2 && json[p + k.length + 1] === QUOTE;
    for (let j = 0; ok && j < k.length; j++) ok = k.charCodeAt(j) === json[p + 1 + j] && plain(json[p + 1 + j]!);
    spans[2 * i] = p + 1;
    spans[2 * i + 1] = p + 1 + k.length;
    p += k.length + 2;
  }
  if (ok && json[p] === CLOSE_BRACKET && p === json.length - 1) known = { keys, json, spans, last: [] };
  spansOf.set(keys, known);
  return known;
}

/** The key lists of storage reads sent and not yet answered, by request id. */
const expected = new Map<number, KeyText>();
/** Requests left unanswered (a dropped connection) are forgotten past this many. */
const EXPECTED_MAX = 1_024;

/**
 * Notes that request `id` reads `keys` (sent as the JSON text `json`), so that its answer can be read
 * from the frame's bytes. Request ids restart with each connection: an entry of another connection
 * is harmless, since an answer is taken from the bytes only where every key matches.
 */
export function expectStorageAnswer(id: number, keys: readonly string[], json: Buffer): void {
  const text = keys.length > 0 ? keyText(keys, json) : null;
  if (!text) return;
  expected.delete(id);
  expected.set(id, text);
  if (expected.size > EXPECTED_MAX) expected.delete(expected.keys().next().value!);
}

/** The answer being delivered to PJS (see receiveFrame), taken by its decodeResponse (request-json.ts). */
let delivering: { id: number; answer: StorageAnswer } | null = null;

/** Marks the result of a response read from its bytes (the JSON text PJS parses instead of the answer). */
export const PARSED_RESULT = 'taofolio:storage-answer';

/** The answer read from the frame of response `id`, while it is being delivered. */
export function takeStorageAnswer(id: unknown): StorageAnswer | null {
  if (!delivering || delivering.id !== id) return null;
  const { answer } = delivering;
  delivering = null;
  return answer;
}

/**
 * Hands a text frame to `deliver` as its text: a storage answer read from its bytes as a small stand-in
 * response whose result decodeResponse replaces by the StorageAnswer; any other frame as its text
 * (latin1 when it is ASCII: the same string as UTF-8 decoding, in half the time).
 */
export function receiveFrame(frame: Buffer, deliver: (text: string) => void): void {
  let parsed: ReturnType<typeof readStorageFrame> = null;
  try {
    if (frame.length >= MIN_FRAME && expected.size > 0) parsed = readStorageFrame(frame);
  } catch {
    parsed = null; // never expected (every read is bounds-checked); the text path then decides
  }
  if (!parsed) {
    deliver(isAscii(frame) ? frame.toString('latin1') : frame.toString('utf8'));
    return;
  }
  delivering = parsed;
  try {
    deliver(`{"jsonrpc":"2.0","id":${parsed.id},"result":${JSON.stringify(PARSED_RESULT)}}`);
  } finally {
    delivering = null;
  }
}

/** Smaller frames are not worth it (a storage read of the walk answers ~250 kB). */
const MIN_FRAME = 4_096;

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const COMMA = 0x2c;

/** A byte a JSON string holds as itself: printable ASCII, no quote, no backslash. */
const plain = (b: number): boolean => b >= 0x20 && b < 0x80 && b !== QUOTE && b !== 0x5c;

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');
const ID_FIRST = bytes('{"jsonrpc":"2.0","id":');
const RESULT_AFTER_ID = bytes(',"result":');
const RESULT_FIRST = bytes('{"jsonrpc":"2.0","result":');
const ID_LAST = bytes(',"id":');
const SET_HEAD = bytes('[{"block":"');
const CHANGES = bytes('","changes":[');
const SET_TAIL = bytes(']}]');
const NULL = bytes('null');

const at = (f: Buffer, p: number, s: Buffer): boolean =>
  f.length >= p + s.length && f.compare(s, 0, s.length, p, p + s.length) === 0;

/** Digits of a request id from `p` (at most 15): the id and where it ends, or null. */
function idAt(f: Buffer, p: number, end: number): { id: number; end: number } | null {
  let id = 0;
  let q = p;
  while (q < end && q - p < 15 && f[q]! >= 0x30 && f[q]! <= 0x39) id = id * 10 + f[q++]! - 0x30;
  return q > p && (f[p] !== 0x30 || q === p + 1) ? { id, end: q } : null;
}

/**
 * A response `{"jsonrpc":"2.0","id":N,"result":[{"block":"0x…","changes":[["k","v"|null],…]}]}` (or with
 * the id last) to an expected read, every key in the order asked: its id and values; else null.
 */
function readStorageFrame(f: Buffer): { id: number; answer: StorageAnswer } | null {
  let p: number;
  let end: number; // where the result ends
  let id: number;
  if (at(f, 0, ID_FIRST)) {
    const digits = idAt(f, ID_FIRST.length, f.length);
    if (!digits || !at(f, digits.end, RESULT_AFTER_ID) || f[f.length - 1] !== CLOSE_BRACE) return null;
    ({ id } = digits);
    p = digits.end + RESULT_AFTER_ID.length;
    end = f.length - 1;
  } else if (at(f, 0, RESULT_FIRST)) {
    // `…,"id":N}`: the id's digits end right before the closing brace.
    let q = f.length - 1;
    if (f[q] !== CLOSE_BRACE) return null;
    while (q > 0 && f[q - 1]! >= 0x30 && f[q - 1]! <= 0x39) q -= 1;
    end = q - ID_LAST.length;
    const digits = idAt(f, q, f.length - 1);
    if (!digits || digits.end !== f.length - 1 || end < 0 || !at(f, end, ID_LAST)) return null;
    ({ id } = digits);
    p = RESULT_FIRST.length;
  } else return null;
  const text = expected.get(id);
  if (!text) return null;
  expected.delete(id);
  if (!at(f, p, SET_HEAD)) return null;
  p += SET_HEAD.length;
  while (p < end && plain(f[p]!)) p += 1; // the block hash
  if (!at(f, p, CHANGES)) return null;
  p += CHANGES.length;
  const { keys, json, spans, last } = text;
  const values: (string | null)[] = new Array<string | null>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && f[p++] !== COMMA) return null;
    const ks = spans[2 * i]!;
    const ke = spans[2 * i + 1]!;
    const valueAt = p + 2 + (ke - ks) + 2;
    if (
      valueAt >= end ||
      f[p] !== OPEN_BRACKET ||
      f[p + 1] !== QUOTE ||
      f.compare(json, ks, ke, p + 2, p + 2 + (ke - ks)) !== 0 ||
      f[valueAt - 2] !== QUOTE ||
      f[valueAt - 1] !== COMMA
    )
      return null;
    p = valueAt;
    if (f[p] === QUOTE) {
      let e = p + 1;
      while (e < end && plain(f[e]!)) e += 1;
      if (f[e] !== QUOTE) return null;
      const was = last[i];
      values[i] = typeof was === 'string' && sameText(f, p + 1, e, was) ? was : f.toString('latin1', p + 1, e);
      p = e + 1;
    } else if (at(f, p, NULL)) {
      values[i] = null;
      p += NULL.length;
    } else return null;
    if (f[p++] !== CLOSE_BRACKET) return null;
  }
  if (!at(f, p, SET_TAIL) || p + SET_TAIL.length !== end) return null;
  text.last = values;
  return { id, answer: new StorageAnswer(keys, values) };
}

/**
 * Whether bytes [start, end) of `f` spell `s` (ASCII). A list is read block after block and about half
 * its values are those of its last answer (a year backfill: 1.38 M of 2.61 M); those keep the string
 * read before instead of a new one, which the finder would keep until recording.
 */
function sameText(f: Buffer, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let j = 0; j < s.length; j++) if (f[start + j] !== s.charCodeAt(j)) return false;
  return true;
}
