// What one Activity row shows, computed from the ledger entry or basket record (no amounts are derived
// here: every figure is a leg's or a record's own amount, as the engine booked it).
import type { ActivityRow } from '../../../shared/activity';
import type { LedgerLegView } from '../../../shared/views';
import type { FeeUnit } from '../../../shared/vocab';
import { formatUnits, nonZeroDecimals, shortAddress } from '../app/format';
import { validatorText, validatorTitle, type ValidatorNames } from '../app/validator-names';

export const subnetName = (netuid: number) => (netuid === 0 ? 'Root' : `SN${netuid}`);

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** Where a basket record's shares are: a validator's fund (not a subnet; the subnet filter counts it as root). */
export const FUND_PLACE = 'Fund';

/**
 * The subnets an entry touches, in leg order: "SN3", a swap "SN1 → SN3", a swap root claim
 * "SN3 → Root" (dividends of SN3 claimed as TAO staked on root); a basket record "Fund", a fund claim
 * "Fund → Root" (shares sold, the TAO staked on root).
 */
export function subnetsText(row: ActivityRow): string {
  const places = row.legs.map((l) => subnetName(l.netuid));
  if (row.claimedNetuid !== null && row.claimedNetuid !== row.legs[0]?.netuid)
    places.unshift(subnetName(row.claimedNetuid));
  if (row.fund) places.unshift(FUND_PLACE);
  return unique(places).join(' → ') || '—';
}

const coldkeysOf = (row: ActivityRow): string[] => [
  ...(row.fund ? [row.fund.coldkey] : []),
  ...row.legs.map((l) => l.coldkey),
];
const hotkeysOf = (row: ActivityRow): string[] =>
  unique([...(row.fund ? [row.fund.hotkey] : []), ...row.legs.map((l) => l.hotkey)].filter((h) => h !== ''));

/** The wallets (labels where known) of an entry's legs: one, or "Main → Vault" for a transfer between them. */
export function walletsText(row: ActivityRow, labels: ReadonlyMap<string, string>): string {
  return unique(coldkeysOf(row).map((c) => labels.get(c) ?? shortAddress(c))).join(' → ');
}

/** Hover text of the wallets cell: each wallet's label (where known) and full address. */
export function walletsTitle(row: ActivityRow, labels: ReadonlyMap<string, string>): string {
  return unique(coldkeysOf(row))
    .map((c) => (labels.has(c) ? `${labels.get(c)} · ${c}` : c))
    .join(' → ');
}

/** The hotkeys of an entry (validator names where known): one, or "from → to" for a move between hotkeys. */
export function hotkeysText(row: ActivityRow, names: ValidatorNames = new Map()): string {
  return hotkeysOf(row)
    .map((h) => validatorText(h, names))
    .join(' → ');
}

/** Hover text of the hotkeys cell: each validator's name and full hotkey. */
export function hotkeysTitle(row: ActivityRow, names: ValidatorNames): string {
  return hotkeysOf(row)
    .map((h) => validatorTitle(h, names))
    .join(' → ');
}

/**
 * Fund shares as Root & baskets shows them: one share is one rao of TAO value at the fund's first mint.
 * A tiny amount takes the decimals it needs to read as non-zero.
 */
export const sharesText = (shares: bigint, decimals = 4): string =>
  `${formatUnits(shares, nonZeroDecimals(shares, decimals))} shares`;

/** The TAO a row shows (and its fiat value when asked): its first leg's, else a basket record's own. */
export function rowTao(row: ActivityRow): { rao: bigint; fiat: bigint | null } | null {
  const lead = primaryLeg(row);
  if (lead) return { rao: lead.tao, fiat: row.fiat?.tao[0] ?? null };
  return row.fund ? { rao: row.fund.tao, fiat: row.fiat?.fund?.tao ?? null } : null;
}

/** The leg whose TAO amount the row shows: the first (what was paid, received, or moved). */
export function primaryLeg(row: ActivityRow): LedgerLegView | null {
  return row.legs[0] ?? null;
}

/**
 * The fee of an entry, with its unit: a TAO fee or an α fee on one of its legs, else a fund-share
 * purchase's (`leg` −1: the basket record's); null when none.
 */
export function entryFee(
  row: ActivityRow,
): { amount: bigint | null; unit: FeeUnit; netuid: number; leg: number } | null {
  const unknown = row.legs.findIndex((l) => l.fee === null);
  const u = row.legs[unknown];
  if (u) return { amount: null, unit: u.feeUnit, netuid: u.netuid, leg: unknown };
  const paid = row.legs.findIndex((l) => l.fee !== null && l.fee !== 0n);
  const p = row.legs[paid];
  if (p) return { amount: p.fee, unit: p.feeUnit, netuid: p.netuid, leg: paid };
  return row.fund && row.fund.fee !== 0n ? { amount: row.fund.fee, unit: 'tao', netuid: 0, leg: -1 } : null;
}

/** The fiat value of `entryFee`'s TAO fee, when the rows carry fiat. */
export function feeFiat(row: ActivityRow, fee: { leg: number }): bigint | null {
  if (!row.fiat) return null;
  return (fee.leg < 0 ? row.fiat.fund?.fee : row.fiat.fee[fee.leg]) ?? null;
}

/**
 * What an entry with no chain event of its own was read from the chain state as: fund shares, a
 * root-claim payout, or another change to the stake (a dissolution payout, a key swap, a share-pool
 * reconcile, α that appeared unexplained).
 */
export function stateChangeText(row: ActivityRow): string {
  if (row.fund) return 'fund shares';
  return row.kind === 'root-claim-keep' || row.kind === 'root-claim-swap'
    ? 'a root-claim payout'
    : 'a change to your stake';
}
