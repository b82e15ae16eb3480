// What one Activity row shows, computed from the ledger entry (no amounts are derived here: every
// figure is a leg's own amount, as the engine booked it).
import type { ActivityRow } from '../../../shared/activity';
import type { LedgerLegView } from '../../../shared/views';
import { shortAddress } from '../app/format';
import { validatorText, validatorTitle, type ValidatorNames } from '../app/validator-names';

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in UTC: the day boundaries of the filters and of every export. */
export function utcDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const subnetName = (netuid: number) => (netuid === 0 ? 'Root' : `SN${netuid}`);

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/**
 * The subnets an entry touches, in leg order: "SN3", a swap "SN1 → SN3", a swap root claim
 * "SN3 → Root" (dividends of SN3 claimed as TAO staked on root).
 */
export function subnetsText(row: ActivityRow): string {
  const netuids = row.legs.map((l) => l.netuid);
  if (row.claimedNetuid !== null && row.claimedNetuid !== netuids[0]) netuids.unshift(row.claimedNetuid);
  return unique(netuids).map(subnetName).join(' → ') || '—';
}

/** The wallets (labels where known) of an entry's legs: one, or "Main → Vault" for a transfer between them. */
export function walletsText(row: ActivityRow, labels: ReadonlyMap<string, string>): string {
  return unique(row.legs.map((l) => labels.get(l.coldkey) ?? shortAddress(l.coldkey))).join(' → ');
}

/** The hotkeys of an entry's legs (validator names where known): one, or "from → to" for a move between hotkeys. */
export function hotkeysText(row: ActivityRow, names: ValidatorNames = new Map()): string {
  return unique(row.legs.map((l) => l.hotkey).filter((h) => h !== ''))
    .map((h) => validatorText(h, names))
    .join(' → ');
}

/** Hover text of the hotkeys cell: each validator's name and full hotkey. */
export function hotkeysTitle(row: ActivityRow, names: ValidatorNames): string {
  return unique(row.legs.map((l) => l.hotkey).filter((h) => h !== ''))
    .map((h) => validatorTitle(h, names))
    .join(' → ');
}

/** The leg whose TAO amount the row shows: the first (what was paid, received, or moved). */
export function primaryLeg(row: ActivityRow): LedgerLegView | null {
  return row.legs[0] ?? null;
}

/** The fee of an entry, with its unit: a TAO fee or an α fee on one of its legs; null when none. */
export function entryFee(
  row: ActivityRow,
): { amount: bigint | null; unit: 'tao' | 'alpha'; netuid: number; leg: number } | null {
  const unknown = row.legs.findIndex((l) => l.fee === null);
  const u = row.legs[unknown];
  if (u) return { amount: null, unit: u.feeUnit, netuid: u.netuid, leg: unknown };
  const paid = row.legs.findIndex((l) => l.fee !== null && l.fee !== 0n);
  const p = row.legs[paid];
  return p ? { amount: p.fee, unit: p.feeUnit, netuid: p.netuid, leg: paid } : null;
}

/** Plain words for the irregularities the engine flags on an entry. */
export const FLAG_TEXT: Record<string, string> = {
  'dust-clear': 'Dust cleared by the chain after an unstake',
  'fee-unobservable': 'The runtime charged a fee this event does not report',
  'unexpected-fee-side': 'The fee was charged on the other side than this runtime usually does',
  'missing-origin-event': 'The origin event of this move was not recorded',
  'move-without-destination': 'Moved to your own position but below the minimum stake: booked as a sale',
  'missing-price': 'No pool price was recorded for this block: valued at 0',
};

export const flagText = (flag: string) => FLAG_TEXT[flag] ?? flag;
