/**
 * Exports: the PnL report object (settings + app version embedded so it can be reproduced), an
 * events CSV (one row per ledger leg), Koinly universal CSV and CoinTracker CSV (anchors.md §5).
 *
 * Bittensor mapping: a stake is Sent TAO / Received `SN<netuid>` alpha; an unstake the reverse; a
 * cross-subnet swap is Sent SN<a> / Received SN<b>; emissions and root claims are reward income
 * (Received only, net worth at receipt when a fiat price exists); alpha-paid tx fees are a cost;
 * recycle/burn is "lost". Moves within a subnet between the user's own positions are not exported
 * (no asset changes hands). Amounts are exact decimals (9 places), never floats. Dates are UTC.
 */
import type { LedgerEntry, LedgerLeg } from './ledger';
import { eventRef } from './ledger';
import type { EmissionRecord } from './emissions';
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

export function currency(netuid: number): string {
  return `SN${netuid}`;
}

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

/** A tax-tool row in neutral form, rendered to Koinly or CoinTracker. */
export interface TaxRow {
  timestamp: number;
  sentAmount: bigint | null;
  sentCurrency: string;
  receivedAmount: bigint | null;
  receivedCurrency: string;
  feeAmount: bigint | null;
  feeCurrency: string;
  /** TAO value (rao) at the time, converted to fiat for Koinly's net worth when a price exists. */
  worthTao: bigint | null;
  label: 'trade' | 'reward' | 'cost' | 'lost' | 'transfer';
  description: string;
  txHash: string;
}

function feeOf(leg: LedgerLeg): { amount: bigint; currency: string } | null {
  if (leg.fee === null || leg.fee === 0n) return null;
  return { amount: leg.fee, currency: leg.feeUnit === 'tao' ? 'TAO' : currency(leg.netuid) };
}

/** Neutral tax rows from the ledger and emission records (only legs of tracked wallets are in the ledger). */
export function taxRows(ledger: readonly LedgerEntry[], emissions: readonly EmissionRecord[]): TaxRow[] {
  const rows: TaxRow[] = [];
  for (const e of ledger) {
    const tx = e.sources[0]?.blockHash ?? '';
    const desc = `${e.kind} block ${e.blockNumber}${e.extrinsicIndex !== null ? `-${e.extrinsicIndex}` : ''}`;
    const base = { timestamp: e.timestamp, txHash: tx, description: desc };
    const legs = e.legs;
    switch (e.kind) {
      case 'buy':
      case 'transfer-in': {
        const l = legs[0] as LedgerLeg;
        const f = feeOf(l);
        // Sent excludes the TAO fee, which is listed separately (StakeAdded.tao is gross from v3).
        const feeTao = f && f.currency === 'TAO' ? f.amount : 0n;
        rows.push(
          e.kind === 'buy'
            ? {
                ...base,
                sentAmount: l.tao - feeTao,
                sentCurrency: 'TAO',
                receivedAmount: l.alpha,
                receivedCurrency: currency(l.netuid),
                feeAmount: f?.amount ?? null,
                feeCurrency: f?.currency ?? '',
                worthTao: l.tao,
                label: 'trade',
              }
            : {
                ...base,
                sentAmount: null,
                sentCurrency: '',
                receivedAmount: l.alpha,
                receivedCurrency: currency(l.netuid),
                feeAmount: null,
                feeCurrency: '',
                worthTao: l.tao,
                label: 'transfer',
              },
        );
        break;
      }
      case 'sell':
      case 'transfer-out': {
        const l = legs[0] as LedgerLeg;
        const f = feeOf(l);
        const feeAlpha = f && f.currency !== 'TAO' ? f.amount : 0n;
        rows.push(
          e.kind === 'sell'
            ? {
                ...base,
                sentAmount: -l.alpha - feeAlpha,
                sentCurrency: currency(l.netuid),
                receivedAmount: l.tao,
                receivedCurrency: 'TAO',
                feeAmount: f?.amount ?? null,
                feeCurrency: f?.currency ?? '',
                worthTao: l.tao,
                label: 'trade',
              }
            : {
                ...base,
                sentAmount: -l.alpha,
                sentCurrency: currency(l.netuid),
                receivedAmount: null,
                receivedCurrency: '',
                feeAmount: null,
                feeCurrency: '',
                worthTao: l.tao,
                label: 'transfer',
              },
        );
        break;
      }
      case 'swap': {
        const o = legs.find((l) => l.alpha < 0n);
        const d = legs.find((l) => l.alpha >= 0n);
        if (!o || !d) break;
        // An α fee on the origin side (v3, origin pays) is listed apart; a TAO-side fee is inside the rate.
        const f = feeOf(o);
        const feeAlpha = f && f.currency !== 'TAO' ? f.amount : 0n;
        rows.push({
          ...base,
          sentAmount: -o.alpha - feeAlpha,
          sentCurrency: currency(o.netuid),
          receivedAmount: d.alpha,
          receivedCurrency: currency(d.netuid),
          feeAmount: feeAlpha === 0n ? null : feeAlpha,
          feeCurrency: feeAlpha === 0n ? '' : currency(o.netuid),
          worthTao: o.tao,
          label: 'trade',
        });
        break;
      }
      case 'root-claim-keep':
      case 'root-claim-swap': {
        const l = legs[0] as LedgerLeg;
        rows.push({
          ...base,
          sentAmount: null,
          sentCurrency: '',
          receivedAmount: l.alpha,
          receivedCurrency: currency(l.netuid),
          feeAmount: null,
          feeCurrency: '',
          worthTao: l.tao,
          label: 'reward',
        });
        break;
      }
      case 'alpha-fee':
      case 'recycle':
      case 'burn': {
        const l = legs[0] as LedgerLeg;
        rows.push({
          ...base,
          sentAmount: -l.alpha,
          sentCurrency: currency(l.netuid),
          receivedAmount: null,
          receivedCurrency: '',
          feeAmount: null,
          feeCurrency: '',
          worthTao: e.kind === 'alpha-fee' ? l.fee : l.spotTao,
          label: e.kind === 'alpha-fee' ? 'cost' : 'lost',
        });
        break;
      }
      case 'move':
      case 'internal-transfer':
        break; // between own positions: nothing changes hands
    }
  }
  for (const r of emissions) {
    if (r.alpha <= 0n) continue;
    rows.push({
      timestamp: r.timestamp,
      sentAmount: null,
      sentCurrency: '',
      receivedAmount: r.alpha,
      receivedCurrency: currency(r.netuid),
      feeAmount: null,
      feeCurrency: '',
      worthTao: r.price ? r.tao : null,
      label: 'reward',
      description: `emission ${r.hotkey} blocks ${r.fromBlock + 1}-${r.toBlock}`,
      txHash: '',
    });
  }
  rows.sort((a, b) => a.timestamp - b.timestamp);
  return rows;
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
  const tag = (r: TaxRow): string =>
    r.label === 'reward' ? 'staking' : r.label === 'lost' ? 'lost' : r.label === 'cost' ? 'fee' : '';
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
  const rows: string[][] = [];
  for (const e of ledger) {
    for (const l of e.legs) {
      rows.push([
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
  }
  return toCsv(EVENTS_HEADER, rows);
}

/** Report object: everything needed to reproduce the figures, bigints as exact decimal strings. */
export interface PnlReport {
  app: { name: string; version: string };
  generatedAt: string;
  settings: EngineSettingsLike;
  asOfBlock: number;
  units: { tao: string; alpha: string; price: string; fiat: string };
  pnl: unknown;
}

export function buildReport(
  pnl: PnlResult,
  settings: EngineSettingsLike,
  app: { name: string; version: string },
  generatedAt: string,
): PnlReport {
  return {
    app,
    generatedAt,
    settings,
    asOfBlock: pnl.asOfBlock,
    units: {
      tao: 'rao (1e-9 TAO), decimal string',
      alpha: 'alpha-rao (1e-9 alpha)',
      price: 'rao per 1e9 alpha-rao',
      fiat: '1e-8 fiat units',
    },
    pnl: jsonSafe(pnl),
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
