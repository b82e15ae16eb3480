// Activity: the engine's ledger entries (each with the chain events it came from), filtered,
// searched, sorted and paged for the Activity page and its export. Listing ledger entries rather
// than raw events means every row shows the amounts the engine books (a root claim's α, a move or
// swap once with both legs) and an export of the rows is the same ledger the figures come from.
import { eventRef, type LedgerEntry } from './engine';
import type { LedgerLegView } from './views';
import { LEDGER_KINDS, type ActivitySortKey, type ChainEventKind, type LedgerKind } from './vocab';

export interface ActivityFilter {
  /** Entries with a leg (or source event) of one of these coldkeys. */
  coldkeys?: readonly string[];
  /** Entries with a leg on one of these subnets. */
  netuids?: readonly number[];
  kinds?: readonly LedgerKind[];
  /** Unix ms, inclusive. */
  from?: number;
  /** Unix ms, exclusive. */
  to?: number;
  /** Hotkey/coldkey text, a block number (optionally `block-extrinsic`), or a 0x block-hash prefix. */
  search?: string;
}

/** Validator names by hotkey (the chain's identities, cached locally): the search matches them too. */
export type ValidatorNames = ReadonlyMap<string, string>;

export type SortDirection = 'asc' | 'desc';

export interface ActivitySort {
  key: ActivitySortKey;
  dir: SortDirection;
}

/** Newest first: what the page opens with. */
export const DEFAULT_ACTIVITY_SORT: ActivitySort = { key: 'time', dir: 'desc' };

export interface ActivitySourceView {
  /** Stored event id (or `block-eventIndex`). */
  ref: string;
  kind: ChainEventKind;
  eventIndex: number;
  extrinsicIndex: number | null;
  blockHash: string;
}

export interface ActivityRow {
  seq: number;
  kind: LedgerKind;
  blockNumber: number;
  /** Null only when the block was never read (a root-claim payout without its event). */
  blockHash: string | null;
  timestamp: number;
  specVersion: number;
  extrinsicIndex: number | null;
  legs: LedgerLegView[];
  /** Root claims: the subnet whose root dividends were claimed (a swap claim's leg is on root). */
  claimedNetuid: number | null;
  sources: ActivitySourceView[];
  /**
   * Asked in fiat: per leg, its TAO amount and its TAO fee (null for an α or unknown fee) at the
   * entry's day's imported price, in 1e-8 units; null where that day has no price.
   */
  fiat?: { tao: (bigint | null)[]; fee: (bigint | null)[] };
  flags: string[];
}

export interface ActivityFacets {
  /** Subnets any entry touches, ascending. */
  netuids: number[];
  /** Kinds present, in vocabulary order. */
  kinds: LedgerKind[];
  firstTimestamp: number | null;
  lastTimestamp: number | null;
}

export interface ActivityPageView {
  /** Entries in the whole ledger of the watched wallets. */
  total: number;
  /** Entries the filter keeps. */
  matched: number;
  offset: number;
  rows: ActivityRow[];
  facets: ActivityFacets;
  /** Asked in fiat: the currency code the rows' `fiat` amounts are in. */
  fiatCurrency?: string;
}

export type SearchTerm =
  | { type: 'block'; block: number; extrinsic: number | null }
  | { type: 'hash'; prefix: string }
  | { type: 'key'; text: string };

/**
 * What a search box entry means: digits (commas, spaces and a leading # allowed) are a block
 * number, `block-extrinsic` names one extrinsic, `0x…` is a block-hash prefix, anything else is
 * part of a hotkey or coldkey address, or of a validator's name. Empty text means no search.
 */
export function parseSearch(text: string | undefined): SearchTerm | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  const block = /^#?([\d,_ ]+)(?:-(\d+))?$/.exec(t);
  if (block) {
    const n = Number(block[1]!.replace(/[,_ ]/g, ''));
    if (Number.isSafeInteger(n))
      return { type: 'block', block: n, extrinsic: block[2] === undefined ? null : Number(block[2]) };
  }
  if (/^0x[0-9a-f]*$/i.test(t)) return { type: 'hash', prefix: t.toLowerCase() };
  return { type: 'key', text: t.toLowerCase() };
}

function matchesSearch(e: LedgerEntry, term: SearchTerm, names: ValidatorNames): boolean {
  switch (term.type) {
    case 'block':
      return e.blockNumber === term.block && (term.extrinsic === null || e.extrinsicIndex === term.extrinsic);
    case 'hash':
      return e.sources.some((s) => s.blockHash.toLowerCase().startsWith(term.prefix));
    case 'key': {
      const has = (k: string | null) =>
        k !== null && k !== '' && (k.toLowerCase().includes(term.text) || named(names.get(k), term.text));
      return (
        e.legs.some((l) => has(l.hotkey) || has(l.coldkey)) ||
        e.sources.some((s) => has(s.hotkey) || has(s.coldkey) || has(s.counterpartyColdkey) || has(s.destHotkey))
      );
    }
  }
}

const NO_NAMES: ValidatorNames = new Map();
const named = (name: string | undefined, text: string): boolean =>
  name !== undefined && name.toLowerCase().includes(text);

/** A predicate for one filter (the search parsed once). */
export function entryMatcher(filter: ActivityFilter, names: ValidatorNames = NO_NAMES): (e: LedgerEntry) => boolean {
  const coldkeys = filter.coldkeys ? new Set(filter.coldkeys) : null;
  const netuids = filter.netuids ? new Set(filter.netuids) : null;
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const term = parseSearch(filter.search);
  return (e) => {
    if (kinds && !kinds.has(e.kind)) return false;
    if (filter.from !== undefined && e.timestamp < filter.from) return false;
    if (filter.to !== undefined && e.timestamp >= filter.to) return false;
    if (netuids && !e.legs.some((l) => netuids.has(l.netuid))) return false;
    if (coldkeys && !e.legs.some((l) => coldkeys.has(l.coldkey))) return false;
    return term === null || matchesSearch(e, term, names);
  };
}

export function filterEntries(
  entries: readonly LedgerEntry[],
  filter: ActivityFilter,
  names: ValidatorNames = NO_NAMES,
): LedgerEntry[] {
  const keep = entryMatcher(filter, names);
  return entries.filter(keep);
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

const COMPARE: Record<ActivitySortKey, (a: LedgerEntry, b: LedgerEntry) => number> = {
  time: () => 0,
  kind: (a, b) => LEDGER_KINDS[a.kind].label.localeCompare(LEDGER_KINDS[b.kind].label),
  subnet: (a, b) => a.firstLeg.netuid - b.firstLeg.netuid,
  alpha: (a, b) => compareBig(a.firstLeg.alpha, b.firstLeg.alpha),
  tao: (a, b) => compareBig(a.firstLeg.tao, b.firstLeg.tao),
};

/** A sorted copy; ties keep ledger order in the chosen direction (so "newest first" holds within a kind). */
export function sortEntries(entries: readonly LedgerEntry[], sort: ActivitySort): LedgerEntry[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const by = COMPARE[sort.key];
  return [...entries].sort((a, b) => sign * (by(a, b) || a.seq - b.seq));
}

export function activityFacets(entries: readonly LedgerEntry[]): ActivityFacets {
  const netuids = new Set<number>();
  const kinds = new Set<LedgerKind>();
  let first: number | null = null;
  let last: number | null = null;
  for (const e of entries) {
    kinds.add(e.kind);
    for (const l of e.legs) netuids.add(l.netuid);
    if (first === null || e.timestamp < first) first = e.timestamp;
    if (last === null || e.timestamp > last) last = e.timestamp;
  }
  return {
    netuids: [...netuids].sort((a, b) => a - b),
    kinds: (Object.keys(LEDGER_KINDS) as LedgerKind[]).filter((k) => kinds.has(k)),
    firstTimestamp: first,
    lastTimestamp: last,
  };
}

/** The row shown for an entry; `blockHashOf` fills the hash of a block whose entry has no source event. */
export function toActivityRow(e: LedgerEntry, blockHashOf: (block: number) => string | null): ActivityRow {
  const sources = e.sources;
  return {
    seq: e.seq,
    kind: e.kind,
    blockNumber: e.blockNumber,
    blockHash: sources[0]?.blockHash ?? blockHashOf(e.blockNumber),
    timestamp: e.timestamp,
    specVersion: e.specVersion,
    extrinsicIndex: e.extrinsicIndex,
    legs: e.legs.map((l) => ({ ...l })),
    claimedNetuid: e.payout?.netuid ?? null,
    sources: sources.map((s) => ({
      ref: eventRef(s),
      kind: s.kind,
      eventIndex: s.eventIndex,
      extrinsicIndex: s.extrinsicIndex,
      blockHash: s.blockHash,
    })),
    flags: [...e.flags],
  };
}
