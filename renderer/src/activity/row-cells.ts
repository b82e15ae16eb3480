// The text of one Activity row, formatted once per row and kept: a row scrolling into view again (or
// a slot taking it) renders strings, not bigint formatting (bench:ui scrolls 5 rows into view a frame).
import type { ActivityRow } from '../../../shared/activity';
import { ACTIVITY_KINDS } from '../../../shared/vocab';
import { alpha, fiat, FIAT_SCALE, FULL_DECIMALS, tao } from '../app/format';
import type { ValidatorNames } from '../app/validator-names';
import {
  entryFee,
  feeFiat,
  hotkeysText,
  hotkeysTitle,
  rowTao,
  sharesText,
  subnetsText,
  utcDateTime,
  walletsText,
  walletsTitle,
} from './row-view';

/** A figure as `Masked` shows it (app/Amount.tsx): its text, its full precision on hover. */
export interface Figure {
  text: string;
  full: string;
  /** A fiat value with no imported price: shown as a muted "no price", never guessed. */
  missing?: true;
  testId?: string;
}

export interface RowCells {
  when: string;
  /** The local time, on hover. */
  whenTitle: string;
  kind: string;
  /** The kind's full label and what it means, on hover (a narrow column may cut the label). */
  kindTitle: string;
  wallets: string;
  walletsTitle: string;
  subnets: string;
  hotkeys: string;
  hotkeysTitle: string;
  /** The α of each leg in leg order, or a basket record's fund shares. */
  alpha: Figure[];
  /** More than one leg: shown stacked, "→" between them. */
  legs: boolean;
  tao: Figure | null;
  /** None (''), a fee the event does not report ('unknown'), or the fee. */
  fee: Figure | '' | 'unknown';
}

const taoFigure = (rao: bigint, decimals = 4): Figure => ({ text: tao(rao, decimals), full: tao(rao, FULL_DECIMALS) });

/** An α amount as `Alpha` shows it: root's α is TAO one to one, so it is shown in τ. */
const alphaFigure = (amount: bigint, netuid: number, decimals = 4): Figure =>
  netuid === 0 ? taoFigure(amount, decimals) : { text: alpha(amount, decimals), full: alpha(amount, FULL_DECIMALS) };

/** A fiat value as `Money` shows it; null is a day without an imported price. */
const fiatFigure = (units: bigint | null, code: string): Figure =>
  units === null
    ? { text: 'no price', full: 'No TAO price imported for a day this needs', missing: true }
    : { text: fiat(units, code), full: fiat(units, code, FIAT_SCALE) };

/** Everything a row shows, from the entry the backend sent and the names known now. */
export function rowCells(
  row: ActivityRow,
  labels: ReadonlyMap<string, string>,
  names: ValidatorNames,
  fiatCode: string | undefined,
): RowCells {
  const kind = ACTIVITY_KINDS[row.kind];
  const fiatOf = fiatCode !== undefined && row.fiat ? fiatCode : undefined;
  const lead = rowTao(row);
  const fee = entryFee(row);
  return {
    when: utcDateTime(row.timestamp),
    whenTitle: new Date(row.timestamp).toString(),
    kind: kind.label,
    kindTitle: `${kind.label}: ${kind.help}`,
    wallets: walletsText(row, labels),
    walletsTitle: walletsTitle(row, labels),
    subnets: subnetsText(row),
    hotkeys: hotkeysText(row, names),
    hotkeysTitle: hotkeysTitle(row, names),
    alpha:
      row.legs.length === 0 && row.fund
        ? [
            {
              text: sharesText(row.fund.shares),
              full: sharesText(row.fund.shares, FULL_DECIMALS),
              testId: 'activity-shares',
            },
          ]
        : row.legs.map((l) => alphaFigure(l.alpha, l.netuid)),
    legs: row.legs.length > 1,
    tao: !lead ? null : fiatOf ? fiatFigure(lead.fiat, fiatOf) : taoFigure(lead.rao),
    fee:
      fee === null
        ? ''
        : fee.amount === null
          ? 'unknown'
          : fee.unit !== 'tao'
            ? alphaFigure(fee.amount, fee.netuid, 6)
            : fiatOf
              ? fiatFigure(feeFiat(row, fee), fiatOf)
              : taoFigure(fee.amount, 6),
  };
}

/**
 * `rowCells` kept per row object for one set of labels, names and currency: the pages' rows are the
 * same objects for as long as their query holds them, so each row is formatted once.
 */
export function rowCellsCache(
  labels: ReadonlyMap<string, string>,
  names: ValidatorNames,
  fiatCode: string | undefined,
): (row: ActivityRow) => RowCells {
  const kept = new WeakMap<ActivityRow, RowCells>();
  return (row) => {
    let cells = kept.get(row);
    if (!cells) kept.set(row, (cells = rowCells(row, labels, names, fiatCode)));
    return cells;
  };
}
