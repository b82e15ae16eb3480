/**
 * Exports: the PnL report object (settings + app version embedded so it can be reproduced), an
 * events CSV (one row per ledger leg), Koinly universal CSV and CoinTracker CSV from the tax rows
 * (./tax-rows). Amounts are exact decimals (9 places), never floats. Dates are UTC. Every CSV is
 * written by the shared writer (../csv), which neutralises formula cells.
 */
import type { LedgerEntry } from './ledger';
import { eventRef } from './ledger';
import type { TaxRow } from './tax-rows';
import type { PnlResult } from './pnl';
import type { EngineSettingsLike } from './report-types';
import type { FiatBook } from './fiat';
import { FIAT_SCALE, formatFixed, formatTao } from './units';
import { toCsv } from '../csv';

export { csvCell, toCsv } from '../csv';

export const KOINLY_HEADER = [
  'Date (UTC)',
  'Sent Amount',
  'Sent Currency',
  'Received Amount',
  'Received Currency',
  'Fee Amount',
  'Fee Currency',
  'Net Worth Amount',
  'Net Worth Currency',
  'Label',
  'Description',
  'TxHash',
] as const;
export const COINTRACKER_HEADER = [
  'Date',
  'Received Quantity',
  'Received Currency',
  'Sent Quantity',
  'Sent Currency',
  'Fee Amount',
  'Fee Currency',
  'Tag',
] as const;
export const EVENTS_HEADER = [
  'date_utc',
  'block',
  'extrinsic',
  'entry',
  'kind',
  'coldkey',
  'hotkey',
  'netuid',
  'alpha_delta',
  'tao',
  'fee',
  'fee_unit',
  'spot_tao',
  'category',
  'basis',
  'flags',
  'sources',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Koinly: `YYYY-MM-DD HH:mm` UTC. */
export function koinlyDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** CoinTracker: `MM/DD/YYYY HH:MM:SS` UTC. */
export function coinTrackerDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const amt = (v: bigint | null): string => (v === null ? '' : formatTao(v));

export function koinlyCsv(rows: readonly TaxRow[], fiat?: { book: FiatBook; currency: string }): string {
  const label = (r: TaxRow): string =>
    r.label === 'reward' ? 'reward' : r.label === 'cost' ? 'cost' : r.label === 'lost' ? 'lost' : '';
  return toCsv(
    KOINLY_HEADER,
    rows.map((r) => {
      const worth = fiat && r.worthTao !== null ? fiat.book.value(r.worthTao, r.timestamp) : null;
      return [
        koinlyDate(r.timestamp),
        amt(r.sentAmount),
        r.sentAmount === null ? '' : r.sentCurrency,
        amt(r.receivedAmount),
        r.receivedAmount === null ? '' : r.receivedCurrency,
        amt(r.feeAmount),
        r.feeAmount === null ? '' : r.feeCurrency,
        worth === null ? '' : formatFixed(worth, FIAT_SCALE, 8),
        worth === null || !fiat ? '' : fiat.currency,
        label(r),
        r.description,
        r.txHash,
      ];
    }),
  );
}

export function coinTrackerCsv(rows: readonly TaxRow[]): string {
  // CoinTracker's tags (support.cointracker.io, "Transaction category definitions") have none for a fee
  // paid on its own: an α-paid fee is a Send without a tag, which CoinTracker books as a disposal.
  const tag = (r: TaxRow): string => (r.label === 'reward' ? 'staking' : r.label === 'lost' ? 'lost' : '');
  return toCsv(
    COINTRACKER_HEADER,
    rows.map((r) => [
      coinTrackerDate(r.timestamp),
      amt(r.receivedAmount),
      r.receivedAmount === null ? '' : r.receivedCurrency,
      amt(r.sentAmount),
      r.sentAmount === null ? '' : r.sentCurrency,
      amt(r.feeAmount),
      r.feeAmount === null ? '' : r.feeCurrency,
      tag(r),
    ]),
  );
}

export function eventsCsv(ledger: readonly LedgerEntry[]): string {
  return toCsv(
    EVENTS_HEADER,
    ledger.flatMap((e) => entryCsvRows(e)),
  );
}

/** The events CSV lines of one entry, one per leg (the Activity export adds fund-share lines: shared/activity-funds.ts). */
export function entryCsvRows(e: LedgerEntry): string[][] {
  return e.legs.map((l) => [
    new Date(e.timestamp).toISOString(),
    String(e.blockNumber),
    e.extrinsicIndex === null ? '' : String(e.extrinsicIndex),
    String(e.seq),
    e.kind,
    l.coldkey,
    l.hotkey,
    String(l.netuid),
    formatTao(l.alpha),
    formatTao(l.tao),
    l.fee === null ? 'unknown' : formatTao(l.fee),
    l.feeUnit,
    l.spotTao === null ? '' : formatTao(l.spotTao),
    l.category,
    l.basis,
    e.flags.join(' '),
    e.sources.map(eventRef).join(' '),
  ]);
}

/** Report object: everything needed to reproduce the figures, bigints as exact decimal strings. */
export interface PnlReport {
  app: { name: string; version: string };
  generatedAt: string;
  settings: EngineSettingsLike;
  /** The block the figures are as of; null when nothing is recorded yet. */
  asOfBlock: number | null;
  units: { tao: string; alpha: string; price: string; fiat: string };
  pnl: unknown;
}

/**
 * The block figures are as of, or null before any fact is recorded: the engine's "now" starts at −1,
 * which a report must not show as a block.
 */
export const recordedBlock = (block: number): number | null => (block >= 0 ? block : null);

export function buildReport(
  pnl: PnlResult,
  settings: EngineSettingsLike,
  app: { name: string; version: string },
  generatedAt: string,
): PnlReport {
  const asOfBlock = recordedBlock(pnl.asOfBlock);
  const { asOfBlock: _asked, ...rest } = settings;
  return {
    app,
    generatedAt,
    settings: asOfBlock === null ? rest : settings,
    asOfBlock,
    units: {
      tao: 'rao (1e-9 TAO), decimal string',
      alpha: 'alpha-rao (1e-9 alpha)',
      price: 'rao per 1e9 alpha-rao',
      fiat: '1e-8 fiat units',
    },
    pnl: jsonSafe(asOfBlock === null ? { ...pnl, asOfBlock: null, asOfTimestamp: null } : pnl),
  };
}

/** Deep-convert bigints to decimal strings and Maps/Sets to plain objects/arrays (JSON-safe). */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), jsonSafe(x)]));
  if (v instanceof Set) return [...v].map(jsonSafe);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = jsonSafe(x);
    return o;
  }
  return v;
}
