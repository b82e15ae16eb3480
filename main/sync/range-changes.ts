// Where the node serves `state_queryStorage(keys, from, to)` (a node of the user's own: Substrate's default
// `--rpc-methods auto` serves unsafe methods to clients on localhost), the blocks where a gap's differing
// fingerprint keys change come in one request instead of a bisection of the gap; public endpoints refuse
// it and bisection stays (docs/chain/change-discovery.md#ranges-on-your-own-node).
import { ChainError, type ChainClient } from '../chain/client';
import type { Gap } from './block-reads';
import type { ChainReader } from './reader';
import { keys, leUint } from './storage-keys';

/**
 * Key-blocks one range request may cost: the node reads every key at every block of the range, so a
 * gap is asked for only when (q − p) × keys is within this (e.g. 8,192 blocks for one key); a wider gap
 * is bisected down to that first. Keeps one request to seconds on a node where a historical read costs
 * up to ~0.5 ms, within the 20 s request timeout (an estimate, not measured on a real node).
 */
export const RANGE_KEY_BLOCKS = 8_192;

/** Per connection (client): whether the node serves `state_queryStorage`; absent until first asked. */
const served = new WeakMap<ChainClient, boolean>();
/** Per connection: the first range request while it is out. */
const probing = new WeakMap<ChainClient, Promise<unknown>>();

/** Refused as a safe-only node does ("RPC call is unsafe to be called externally", -32601) or not offered. */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof ChainError &&
    error.code === 'rpc-error' &&
    (error.rpcCode === -32601 || /unsafe to be called externally/i.test(error.message))
  );
}

interface ChangeSet {
  block?: unknown;
  changes?: unknown;
}

export class RangeChanges {
  constructor(
    readonly reader: ChainReader,
    /** Reads a found change block needs, sent at once (its events, the block before): errors surface when read again. */
    readonly onFound?: (b: number) => Promise<unknown>[],
  ) {}

  /** False once this connection's node refused; true before it was asked. */
  get available(): boolean {
    return served.get(this.reader.client) !== false;
  }

  /**
   * Locates the changes of the gaps narrow enough for one range request and adds their blocks to
   * `out`; returns the gaps left to bisect (every gap when the node refuses ranges).
   */
  async locate(gaps: readonly Gap[], out: Set<number>): Promise<Gap[]> {
    const client = this.reader.client;
    // Wallets syncing together share the connection: while one's first request is out, the others wait.
    // (No await otherwise: the first request must be registered before another finder gets here.)
    const pending = served.has(client) ? undefined : probing.get(client);
    if (pending) await pending.catch(() => undefined);
    if (!this.available) return [...gaps];
    // A one-block gap is its own change block (bisection adds it). `System.Number` is one more key.
    const narrow = (g: Gap) => g.q > g.p + 1 && (g.q - g.p) * (g.keyList.length + 1) <= RANGE_KEY_BLOCKS;
    const asked = gaps.filter(narrow);
    const rest = gaps.filter((g) => !narrow(g));
    if (asked.length === 0) return rest;
    // Until this connection's node answered once, one gap asks first and the others wait for its answer.
    const probe = served.has(client) ? undefined : asked.shift();
    const ask = async (gap: Gap) => {
      const blocks = await this.#changeBlocks(gap);
      if (blocks === null)
        rest.push(gap); // refused after all: bisect it
      else for (const b of blocks) out.add(b);
      return blocks;
    };
    if (probe) {
      const first = ask(probe);
      probing.set(client, first);
      if ((await first) === null) return [...gaps];
    }
    await Promise.all(asked.map(ask));
    return rest;
  }

  /**
   * Blocks in (p, q] where any of the gap's keys changed; null when the node refused (remembered).
   * The answer names blocks by hash: `System.Number` (a new value at every block) is asked along, so
   * every block of the gap comes with its number, at no request per change block (a header each cost
   * 134 requests on the discovery budget's backfill, hash lists 48); the hashes of a change block and
   * of the block before are kept for the reads that follow (its events, the pools before it).
   */
  async #changeBlocks(gap: Gap): Promise<number[] | null> {
    const [from, to] = await Promise.all([this.reader.hashOf(gap.p), this.reader.hashOf(gap.q)]);
    const number = keys.systemNumber();
    let sets: ChangeSet[];
    try {
      sets = await this.reader.call<ChangeSet[]>(
        'state_queryStorage',
        [[number, ...gap.keyList], from, to],
        `the changes in blocks ${gap.p + 1}–${gap.q}`,
        'fingerprint: range',
      );
    } catch (error) {
      if (isRefusal(error)) {
        served.set(this.reader.client, false);
        return null;
      }
      throw error; // a pruned node's 4003 and the rest surface as for any read
    }
    const blocks = parseChangeSets(gap, sets, number);
    // An answer not in the shape expected (every block of the gap, each with its number) is no reason to
    // stop: ranges are a shortcut, so this connection bisects from now on, as where refused.
    if (blocks === null) {
      served.set(this.reader.client, false);
      return null;
    }
    if (served.get(this.reader.client) !== false) served.set(this.reader.client, true);
    const out: number[] = [];
    blocks.forEach(({ n, hash, changed }, i) => {
      // The first set holds the values at `from` (gap.p); a later one lists what changed at its block.
      if (i === 0 || !changed) return;
      this.reader.rememberHash(n, hash);
      this.reader.rememberHash(n - 1, (blocks[i - 1] as { hash: string }).hash);
      out.push(n);
      for (const read of this.onFound?.(n) ?? []) read.catch(() => undefined);
    });
    return out;
  }
}

/**
 * Each block of the gap's answer with its hash and whether a key besides `System.Number` changed there;
 * null unless the answer names every block of (p, q] in order, by its number.
 */
function parseChangeSets(
  gap: Gap,
  sets: unknown,
  number: string,
): { n: number; hash: string; changed: boolean }[] | null {
  if (!Array.isArray(sets) || sets.length !== gap.q - gap.p + 1) return null;
  const blocks: { n: number; hash: string; changed: boolean }[] = [];
  for (const [i, s] of (sets as ChangeSet[]).entries()) {
    const changes = Array.isArray(s?.changes) ? (s.changes as unknown[]) : [];
    const at = changes.find((c) => Array.isArray(c) && String(c[0]).toLowerCase() === number) as unknown[] | undefined;
    const n = typeof at?.[1] === 'string' ? Number(leUint(at[1], 4)) : Number.NaN;
    if (typeof s?.block !== 'string' || n !== gap.p + i) return null;
    blocks.push({ n, hash: s.block, changed: changes.length > 1 });
  }
  return blocks;
}
