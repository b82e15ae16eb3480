// Basket records (shared/engine/baskets.ts: purchases, fund dividends, claims, dust, shares gone or moved
// to and from untracked coldkeys) as Activity rows beside the ledger entries, in one order, and their
// lines in the events CSV (docs/chain/baskets.md). A fund-share purchase moves no stake position, so
// without these rows the TAO it took would vanish from Activity.
import {
  entryCsvRows,
  eventRef,
  EVENTS_HEADER,
  formatTao,
  LedgerEntry,
  MAX_EVENT_INDEX,
  NO_FLAGS,
  toCsv,
  type BasketRecord,
  type LedgerLeg,
  type StakeEvent,
} from './engine';
import {
  ACTIVITY_KIND_OF_FUND_RECORD,
  type ActivityKind,
  type BasketRecordKind,
  type LedgerFlag,
  type LegBasis,
} from './vocab';

const NO_LEGS: readonly LedgerLeg[] = Object.freeze([]);

/**
 * One basket record as an Activity entry. A claim record completes the ledger's `basket-claim` entry of
 * its BasketClaimed event (`entry`: the root stake the claim acquires, its legs); every other record has
 * no ledger entry and no legs: its amounts are the record's own (shares and TAO as the engine booked them).
 */
export class FundEntry {
  constructor(
    readonly record: BasketRecord,
    /** The ledger entry's seq for a claim completing one; else numbered on after the ledger (ledger size + n). */
    readonly seq: number,
    /** The record's chain events: its source, and for claim dust the BasketClaimDustSkipped events too. */
    readonly sources: readonly StakeEvent[],
    readonly entry: LedgerEntry | null,
    /** TAO a purchase did not add to the fund (`tao − value` of its BasketStakedIn); 0 for other kinds. */
    readonly fee: bigint,
  ) {}
  get kind(): ActivityKind {
    return ACTIVITY_KIND_OF_FUND_RECORD[this.record.kind];
  }
  get legs(): readonly LedgerLeg[] {
    return this.entry ? this.entry.legs : NO_LEGS;
  }
  get firstLeg(): LedgerLeg | null {
    return this.entry ? this.entry.firstLeg : null;
  }
  get blockNumber(): number {
    return this.record.blockNumber;
  }
  get timestamp(): number {
    return this.record.timestamp;
  }
  get specVersion(): number {
    return this.entry?.specVersion ?? this.sources[0]?.specVersion ?? 0;
  }
  get extrinsicIndex(): number | null {
    return this.entry ? this.entry.extrinsicIndex : (this.sources[0]?.extrinsicIndex ?? null);
  }
  get flags(): readonly LedgerFlag[] {
    return this.entry?.flags ?? NO_FLAGS;
  }
}

/** What Activity lists: ledger entries (most rows: the engine's own objects, not copied) and basket records. */
export type ActivityEntry = LedgerEntry | FundEntry;

/** The first leg of an entry (null for a basket record without a ledger entry). */
export const firstLegOf = (e: ActivityEntry): LedgerLeg | null => e.firstLeg;

/**
 * The ledger and the basket records in one order: by block, and within a block by the event each came
 * from. A record without an event sits where the engine booked it: before the next record of its block
 * that has one (a dividend a claim's own flush credited, just before the claim), else after the block's
 * events (a record read from a snapshot, which sync reads after the block). Records the engine booked
 * before a claim (its income at claim timing) come before the claim's row, the claim's dust after it.
 * The ledger's own order is kept as it is; records slot in before the first entry after them.
 */
export function activityEntries(
  ledger: readonly LedgerEntry[],
  records: readonly BasketRecord[],
  basketEvents: readonly StakeEvent[],
): ActivityEntry[] {
  if (records.length === 0) return [...ledger];
  const byRef = new Map(basketEvents.map((e) => [eventRef(e), e]));
  const dustEvents = new Map<string, StakeEvent[]>();
  for (const e of basketEvents)
    if (e.kind === 'BasketClaimDustSkipped') {
      const k = `${e.coldkey}|${e.hotkey}|${e.blockNumber}`;
      dustEvents.set(k, [...(dustEvents.get(k) ?? []), e]);
    }
  const claimEntries = new Map<string, LedgerEntry>();
  for (const e of ledger) if (e.kind === 'basket-claim' && e.sources[0]) claimEntries.set(eventRef(e.sources[0]), e);

  const sourceOf = (r: BasketRecord): StakeEvent | undefined => (r.source === null ? undefined : byRef.get(r.source));
  // Where each record sits in its block (`index`) and in the engine's order (`rank`), walking back.
  const at = new Map<BasketRecord, { index: number; rank: number }>();
  let next = { block: -1, index: MAX_EVENT_INDEX };
  for (let rank = records.length - 1; rank >= 0; rank--) {
    const r = records[rank]!;
    if (r.blockNumber !== next.block) next = { block: r.blockNumber, index: MAX_EVENT_INDEX };
    const own = sourceOf(r)?.eventIndex;
    if (own !== undefined) next.index = own;
    at.set(r, { index: own ?? next.index, rank });
  }
  const place = (r: BasketRecord) => at.get(r)!;
  const sorted = [...records].sort(
    (a, b) => a.blockNumber - b.blockNumber || place(a).index - place(b).index || place(a).rank - place(b).rank,
  );

  const completing = new Map<LedgerEntry, FundEntry>();
  const own: FundEntry[] = [];
  for (const r of sorted) {
    const source = sourceOf(r);
    const fee = r.kind === 'purchase' && source ? source.fee : 0n;
    const claimed = r.kind === 'claim' && r.source !== null ? claimEntries.get(r.source) : undefined;
    if (claimed && !completing.has(claimed)) {
      completing.set(claimed, new FundEntry(r, claimed.seq, claimed.sources, claimed, fee));
      continue;
    }
    const dust = r.kind === 'dust' ? (dustEvents.get(`${r.coldkey}|${r.hotkey}|${r.blockNumber}`) ?? []) : [];
    const sources = [...dust, ...(source ? [source] : [])];
    own.push(new FundEntry(r, ledger.length + own.length, sources, null, fee));
  }

  /** Whether a record goes before a ledger entry: an earlier block or event, or booked before its claim. */
  const before = (f: FundEntry, e: LedgerEntry): boolean => {
    const { index, rank } = place(f.record);
    if (f.blockNumber !== e.blockNumber) return f.blockNumber < e.blockNumber;
    if (index !== e.eventIndex) return index < e.eventIndex;
    const claim = completing.get(e);
    return claim !== undefined && rank < place(claim.record).rank;
  };
  const out: ActivityEntry[] = [];
  let k = 0;
  for (const e of ledger) {
    while (k < own.length && before(own[k]!, e)) out.push(own[k++]!);
    out.push(completing.get(e) ?? e);
  }
  while (k < own.length) out.push(own[k++]!);
  return out;
}

/** How each record kind is booked, for the events CSV's `basis` column (every kind decided here). */
const FUND_BASIS: Record<BasketRecordKind, LegBasis> = {
  purchase: 'trade',
  income: 'income',
  claim: 'trade',
  dust: 'expense',
  unexplained: 'expense',
  'transfer-in': 'trade',
  'transfer-out': 'trade',
};

/** The `category` of a fund-share line: its amount is shares of a validator's fund, not α of a subnet. */
export const FUND_SHARES_CATEGORY = 'fund-shares';

/**
 * The events CSV line of a basket record, in the columns of the ledger's lines: no subnet (`netuid`
 * empty), `alpha_delta` the shares added (+) or given up (−), `tao` the record's TAO (purchase: paid;
 * income: value recognized; claim: staked on root; dust: the chain's forfeit estimate; transfers: value),
 * `fee` a purchase's `tao − value`, category `fund-shares`.
 */
export function fundCsvRow(f: FundEntry): string[] {
  const r = f.record;
  return [
    new Date(r.timestamp).toISOString(),
    String(r.blockNumber),
    f.extrinsicIndex === null ? '' : String(f.extrinsicIndex),
    String(f.seq),
    f.kind,
    r.coldkey,
    r.hotkey,
    '',
    formatTao(r.shares),
    formatTao(r.tao),
    formatTao(f.fee),
    'tao',
    '',
    FUND_SHARES_CATEGORY,
    FUND_BASIS[r.kind],
    f.flags.join(' '),
    f.sources.map(eventRef).join(' '),
  ];
}

/**
 * The events CSV of Activity entries: a ledger entry's lines (one per leg), and a basket record's line
 * after the lines of the entry it completes. With no basket records it is exactly the ledger's events CSV.
 */
export function activityCsv(entries: readonly ActivityEntry[]): string {
  const rows: string[][] = [];
  for (const e of entries) {
    if (e instanceof LedgerEntry) rows.push(...entryCsvRows(e));
    else {
      if (e.entry) rows.push(...entryCsvRows(e.entry));
      rows.push(fundCsvRow(e));
    }
  }
  return toCsv(EVENTS_HEADER, rows);
}
