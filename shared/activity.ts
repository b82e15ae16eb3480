// Activity: the engine's ledger entries and basket records (each with the chain events it came from),
// filtered, searched, sorted and paged for the Activity page and its export. Listing what the engine
// books rather than raw events means every row shows its amounts (a root claim's α, a move or swap once
// with both legs, a fund-share purchase's shares and TAO) and an export of the rows is the same ledger
// the figures come from. Basket records join the ledger in ./activity-funds.
import { FundEntry, type ActivityEntry } from './activity-funds';
import {
  basketRecordInFiat,
  eventRef,
  LedgerEntry,
  type BasketRecordInFiat,
  type FiatBook,
  type LedgerLeg,
} from './engine';
import type { LedgerLegView } from './views';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivitySortKey,
  type BasketRecordKind,
  type ChainEventKind,
  type LedgerFlag,
} from './vocab';

export { activityCsv, activityEntries, FundEntry, type ActivityEntry } from './activity-funds';

export interface ActivityFilter {
  /** Entries with a leg (or source event) of one of these coldkeys. */
  coldkeys?: readonly string[];
  /** Entries with a leg on one of these subnets; basket records count as root (0): funds are root validators'. */
  netuids?: readonly number[];
  kinds?: readonly ActivityKind[];
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

/** A basket record's own figures (shared/engine/baskets.ts), as the engine booked them. */
export interface ActivityFundView {
  record: BasketRecordKind;
  coldkey: string;
  /** The validator whose fund it is. */
  hotkey: string;
  /** Shares added (+) or given up (−). */
  shares: bigint;
  /** purchase: paid; income: value recognized; claim: staked on root; dust: forfeit estimate; transfers: value. */
  tao: bigint;
  /** A purchase's `tao − value` (TAO it did not add to the fund); 0 otherwise. */
  fee: bigint;
  /** Cost basis given up, realized gain (+) or loss (−), and income recognized here. */
  basis: bigint;
  realized: bigint;
  income: bigint;
}

export interface ActivityRow {
  /** Ledger entry number; a basket record without one is numbered on after the ledger. */
  seq: number;
  kind: ActivityKind;
  blockNumber: number;
  /** Null only when the block was never read (a root-claim payout without its event). */
  blockHash: string | null;
  timestamp: number;
  /** The runtime: its chain event's, else its block's as sync read it; 0 where neither is known. */
  specVersion: number;
  extrinsicIndex: number | null;
  legs: LedgerLegView[];
  /** Root claims: the subnet whose root dividends were claimed (a swap claim's leg is on root). */
  claimedNetuid: number | null;
  /**
   * The token symbol of each subnet the entry is on that was, at its block, an earlier subnet than the one
   * at its netuid now (a netuid registered again; null: none recorded); it replaces the page's `symbols`
   * for this entry. Absent when there is none.
   */
  symbols?: Record<number, string | null>;
  sources: ActivitySourceView[];
  /** A basket record: its shares and TAO (a claim's row also has the root leg it acquires). */
  fund: ActivityFundView | null;
  /**
   * Asked in fiat: per leg, its TAO amount, its TAO fee (null for an α or unknown fee) and its value at
   * spot (null without one) at the entry's day's imported price, in 1e-8 units; null where that day has
   * no price. `fund`: the basket record as engine/basket-record-fiat converts it (its TAO, cost basis,
   * realized and income at its day's price, except that a record giving shares up (`lotBased`) has its
   * cost basis and realized from the shares' own fiat cost on the days they were acquired, as the exports
   * and the Subnets page's records), and its fee at the day's price.
   */
  fiat?: {
    tao: (bigint | null)[];
    fee: (bigint | null)[];
    spot: (bigint | null)[];
    fund: (BasketRecordInFiat & { fee: bigint | null }) | null;
  };
  flags: LedgerFlag[];
}

export interface ActivityFacets {
  /** Subnets any entry touches, ascending. */
  netuids: number[];
  /** Kinds present, in vocabulary order. */
  kinds: ActivityKind[];
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
  /**
   * The token symbol the chain gave each subnet the entries touch (its latest recorded), by netuid:
   * α amounts are shown in it. Root (its α is τ) and a subnet without one are left out.
   */
  symbols: Record<number, string>;
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

function matchesSearch(e: ActivityEntry, term: SearchTerm, names: ValidatorNames): boolean {
  switch (term.type) {
    case 'block':
      return e.blockNumber === term.block && (term.extrinsic === null || e.extrinsicIndex === term.extrinsic);
    case 'hash':
      return e.sources.some((s) => s.blockHash.toLowerCase().startsWith(term.prefix));
    case 'key': {
      const has = (k: string | null) =>
        k !== null && k !== '' && (k.toLowerCase().includes(term.text) || named(names.get(k), term.text));
      const fund = e instanceof FundEntry ? e.record : null;
      return (
        (fund !== null && (has(fund.hotkey) || has(fund.coldkey))) ||
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
export function entryMatcher(filter: ActivityFilter, names: ValidatorNames = NO_NAMES): (e: ActivityEntry) => boolean {
  const coldkeys = filter.coldkeys ? new Set(filter.coldkeys) : null;
  const netuids = filter.netuids ? new Set(filter.netuids) : null;
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const term = parseSearch(filter.search);
  return (e) => {
    if (kinds && !kinds.has(e.kind)) return false;
    if (filter.from !== undefined && e.timestamp < filter.from) return false;
    if (filter.to !== undefined && e.timestamp >= filter.to) return false;
    const fund = e instanceof FundEntry ? e.record : null;
    if (netuids && !(fund !== null && netuids.has(0)) && !e.legs.some((l) => netuids.has(l.netuid))) return false;
    if (coldkeys && !(fund !== null && coldkeys.has(fund.coldkey)) && !e.legs.some((l) => coldkeys.has(l.coldkey)))
      return false;
    return term === null || matchesSearch(e, term, names);
  };
}

export function filterEntries<E extends ActivityEntry>(
  entries: readonly E[],
  filter: ActivityFilter,
  names: ValidatorNames = NO_NAMES,
): E[] {
  const keep = entryMatcher(filter, names);
  return entries.filter(keep);
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** The amounts a row shows first: its first leg's, or a basket record's shares (in the α column) and TAO. */
const lead = (e: ActivityEntry): LedgerLeg | null => e.firstLeg;
const netuidOf = (e: ActivityEntry): number => lead(e)?.netuid ?? 0;
const alphaOf = (e: ActivityEntry): bigint => lead(e)?.alpha ?? (e as FundEntry).record.shares;
const taoOf = (e: ActivityEntry): bigint => lead(e)?.tao ?? (e as FundEntry).record.tao;

const COMPARE: Record<Exclude<ActivitySortKey, 'time'>, (a: ActivityEntry, b: ActivityEntry) => number> = {
  kind: (a, b) => ACTIVITY_KINDS[a.kind].label.localeCompare(ACTIVITY_KINDS[b.kind].label),
  subnet: (a, b) => netuidOf(a) - netuidOf(b),
  alpha: (a, b) => compareBig(alphaOf(a), alphaOf(b)),
  tao: (a, b) => compareBig(taoOf(a), taoOf(b)),
};

/**
 * A sorted copy of entries given in Activity order (./activity-funds); ties keep that order in the chosen
 * direction (so "newest first" holds within a kind).
 */
export function sortEntries<E extends ActivityEntry>(entries: readonly E[], sort: ActivitySort): E[] {
  if (sort.key === 'time') return sort.dir === 'asc' ? [...entries] : [...entries].reverse();
  const sign = sort.dir === 'asc' ? 1 : -1;
  const by = COMPARE[sort.key];
  const order = entries.map((_, i) => i);
  order.sort((i, j) => sign * (by(entries[i]!, entries[j]!) || i - j));
  return order.map((i) => entries[i]!);
}

export function activityFacets(entries: readonly ActivityEntry[]): ActivityFacets {
  const netuids = new Set<number>();
  const kinds = new Set<ActivityKind>();
  let first: number | null = null;
  let last: number | null = null;
  for (const e of entries) {
    kinds.add(e.kind);
    for (const l of e.legs) netuids.add(l.netuid);
    if (e instanceof FundEntry) netuids.add(0);
    if (first === null || e.timestamp < first) first = e.timestamp;
    if (last === null || e.timestamp > last) last = e.timestamp;
  }
  return {
    netuids: [...netuids].sort((a, b) => a - b),
    kinds: (Object.keys(ACTIVITY_KINDS) as ActivityKind[]).filter((k) => kinds.has(k)),
    firstTimestamp: first,
    lastTimestamp: last,
  };
}

/** What sync recorded of a block it read (the `blocks` table): its hash and its runtime. */
export interface BlockRead {
  hash: string;
  specVersion: number;
}

/**
 * The row shown for an entry; `blockOf` fills the hash and runtime of a block whose entry has no source
 * event (a root-claim payout, a fund's dividends, a position effect), where sync read that block.
 */
export function toActivityRow(e: ActivityEntry, blockOf: (block: number) => BlockRead | null): ActivityRow {
  const sources = e.sources;
  const fund = e instanceof FundEntry ? e : null;
  const ledger = e instanceof LedgerEntry ? e : (fund?.entry ?? null);
  // Looked up only for an entry that lacks its hash or runtime (most have a source event with both).
  let read: BlockRead | null | undefined;
  const block = () => (read === undefined ? (read = blockOf(e.blockNumber)) : read);
  return {
    seq: e.seq,
    kind: e.kind,
    blockNumber: e.blockNumber,
    blockHash: sources[0]?.blockHash ?? block()?.hash ?? null,
    timestamp: e.timestamp,
    specVersion: e.specVersion || (block()?.specVersion ?? 0),
    extrinsicIndex: e.extrinsicIndex,
    legs: e.legs.map((l) => ({ ...l })),
    claimedNetuid: ledger?.payout?.netuid ?? null,
    sources: sources.map((s) => ({
      ref: eventRef(s),
      kind: s.kind,
      eventIndex: s.eventIndex,
      extrinsicIndex: s.extrinsicIndex,
      blockHash: s.blockHash,
    })),
    fund: fund && {
      record: fund.record.kind,
      coldkey: fund.record.coldkey,
      hotkey: fund.record.hotkey,
      shares: fund.record.shares,
      tao: fund.record.tao,
      fee: fund.fee,
      basis: fund.record.basis,
      realized: fund.record.realized,
      income: fund.record.income,
    },
    flags: [...e.flags],
  };
}

/**
 * Rows (of `entries`, in the same order) with their amounts in fiat (`ActivityRow.fiat`): each at TAO's
 * price on its entry's day; a basket record as engine/basket-record-fiat converts it.
 */
export function activityRowsInFiat(
  rows: readonly ActivityRow[],
  entries: readonly ActivityEntry[],
  book: FiatBook,
): ActivityRow[] {
  return rows.map((r, i) => {
    const e = entries[i];
    const at = (rao: bigint) => book.value(rao, r.timestamp);
    return {
      ...r,
      fiat: {
        tao: r.legs.map((l) => at(l.tao)),
        fee: r.legs.map((l) => (l.fee === null || l.feeUnit !== 'tao' ? null : at(l.fee))),
        spot: r.legs.map((l) => (l.spotTao === null ? null : at(l.spotTao))),
        fund: e instanceof FundEntry ? { ...basketRecordInFiat(e.record, book), fee: at(e.fee) } : null,
      },
    };
  });
}
