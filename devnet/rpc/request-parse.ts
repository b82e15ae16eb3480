/**
 * Parses a request frame. A backfill sends `state_queryStorageAt` with the same ~1,450-key list
 * (~220 kB of JSON) block after block (docs/chain/change-discovery.md); decoding and parsing that
 * text again for every request was a tenth of the devnet's CPU in bench:sync. A frame whose text is
 *
 *   {"id":<digits>,"jsonrpc":"2.0","method":"state_queryStorageAt","params":[<list>,"0x<hash>"]}
 *
 * (what @polkadot/api sends) with `<list>` byte for byte the text of a recently parsed key list is
 * parsed without it, and the recent list (the same array, never modified) put in its place: the
 * value JSON.parse gives for the whole text. Anything else is parsed as it is.
 */

const HEAD = /^\{"id":(0|[1-9]\d{0,14}),"jsonrpc":"2\.0","method":"state_queryStorageAt","params":\[$/;
const TAIL = /^(?:,("0x[0-9a-fA-F]{64}"))?\]\}$/;
const PARAMS = Buffer.from('"params":[');
const RECENT = 8;
/** bytes compared at a list's end before comparing all of it (recent lists mostly differ there) */
const PROBE = 64;

interface KnownList {
  bytes: Buffer;
  keys: string[];
}

export class RequestParser {
  private recent: KnownList[] = [];

  parse(data: Buffer): unknown {
    const at = data.indexOf(PARAMS);
    if (at > 0 && at < 128) {
      const from = at + PARAMS.length;
      for (const list of this.recent) {
        const to = from + list.bytes.length;
        if (
          to > data.length ||
          !endsWith(data, to, list.bytes) ||
          data.compare(list.bytes, 0, list.bytes.length, from, to) !== 0
        )
          continue;
        const head = HEAD.exec(data.toString('latin1', 0, from));
        const tail = head && TAIL.exec(data.toString('latin1', to));
        if (!head || !tail) break;
        return {
          id: Number(head[1]),
          jsonrpc: '2.0',
          method: 'state_queryStorageAt',
          params: tail[1] === undefined ? [list.keys] : [list.keys, tail[1].slice(1, -1)],
        };
      }
    }
    const msg = JSON.parse(data.toString('utf8')) as unknown;
    this.remember(msg, data);
    return msg;
  }

  /** Keeps a parsed key list of a storage read whose text is what JSON.stringify gives. */
  private remember(msg: unknown, data: Buffer): void {
    const m = msg as { method?: unknown; params?: unknown };
    if (m?.method !== 'state_queryStorageAt' || !Array.isArray(m.params)) return;
    const keys = m.params[0] as unknown;
    if (!Array.isArray(keys) || keys.length < 100 || !keys.every((k) => typeof k === 'string')) return;
    const bytes = Buffer.from(JSON.stringify(keys));
    const at = data.indexOf(PARAMS) + PARAMS.length;
    if (data.compare(bytes, 0, bytes.length, at, at + bytes.length) !== 0) return;
    // The list is shared by every request that carries it: freeze it so no handler changes it.
    Object.freeze(keys);
    this.recent.unshift({ bytes, keys: keys as string[] });
    if (this.recent.length > RECENT) this.recent.pop();
  }
}

/** Whether `data` has `tail`'s last PROBE bytes just before offset `to`. */
function endsWith(data: Buffer, to: number, tail: Buffer): boolean {
  const n = Math.min(PROBE, tail.length);
  return data.compare(tail, tail.length - n, tail.length, to - n, to) === 0;
}
