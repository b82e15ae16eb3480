// The text of one Activity row, formatted once per row and kept: a row scrolling into view again (or
// a slot taking it) renders strings, not bigint formatting (bench:ui scrolls 5 rows into view a frame).
// What a row shows on hover (full precision, whole labels and addresses) is formatted only when the
// pointer is on the row (`rowTitles`): rows scrolling in set no `title` attributes and format no
// full-precision amounts (bench:ui Activity, README).
import type { ActivityRow } from '../../../shared/activity';
import { ACTIVITY_KINDS } from '../../../shared/vocab';
import { utcMinute } from '../app/dates';
import { alpha, fiat, FIAT_SCALE, FULL_DECIMALS, nonZeroDecimals, tao } from '../app/format';
import type { ValidatorNames } from '../app/validator-names';
import {
  entryFee,
  feeFiat,
  hotkeysText,
  hotkeysTitle,
  rowTao,
  sharesText,
  subnetsText,
  walletsText,
  walletsTitle,
} from './row-view';

/** A figure as `Masked` shows it (app/Amount.tsx): its text (its full precision is in `RowTitles`). */
export interface Figure {
  text: string;
  /** A fiat value with no imported price: shown as a muted "no price", never guessed. */
  missing?: true;
  testId?: string;
}

/** A row's amounts, as shown or at full precision (the same shapes, so cells and titles line up). */
interface Amounts {
  /** The α of each leg in leg order, or a basket record's fund shares. */
  alpha: Figure[];
  tao: Figure | null;
  /** None (''), a fee the event does not report ('unknown'), or the fee. */
  fee: Figure | '' | 'unknown';
}

export interface RowCells extends Amounts {
  when: string;
  kind: string;
  wallets: string;
  subnets: string;
  hotkeys: string;
  /** More than one leg: shown stacked, "→" between them. */
  legs: boolean;
}

/** What a row's cells show on hover, cell by cell (amounts in leg order, as in `RowCells`). */
export interface RowTitles {
  /** The local time. */
  when: string;
  /** The kind's full label and what it means (a narrow column may cut the label). */
  kind: string;
  wallets: string;
  subnets: string;
  hotkeys: string;
  alpha: string[];
  tao: string | undefined;
  fee: string | undefined;
}

type Precision = 'shown' | 'full';

// A tiny amount takes the decimals it needs to read as non-zero (nonZeroDecimals).
const taoFigure = (rao: bigint, decimals: number): Figure => ({ text: tao(rao, nonZeroDecimals(rao, decimals)) });

/** Each subnet's token symbol by netuid (`ActivityPageView.symbols`): α amounts are shown in it. */
export type Symbols = Readonly<Record<number, string>>;

/**
 * An α amount as `Alpha` shows it: root's α is TAO one to one, so it is shown in τ; another subnet's
 * in its token symbol, or "α" where the chain gave none.
 */
const alphaFigure = (amount: bigint, netuid: number, decimals: number, symbol: string | undefined): Figure =>
  netuid === 0
    ? taoFigure(amount, decimals)
    : { text: alpha(amount, nonZeroDecimals(amount, decimals), symbol || 'α') };

/**
 * The symbol of the row's α on `netuid`: the entry's own where the subnet then was an earlier one than the
 * netuid's now (`ActivityRow.symbols`, none recorded: undefined), else the page's.
 */
export function symbolOf(symbols: Symbols, row: Pick<ActivityRow, 'symbols'>, netuid: number): string | undefined {
  const then = row.symbols?.[netuid];
  return then === undefined ? symbols[netuid] : (then ?? undefined);
}

/** A fiat value as `Money` shows it; null is a day without an imported price. */
const fiatFigure = (units: bigint | null, code: string, precision: Precision): Figure =>
  units === null
    ? {
        text: precision === 'full' ? 'No TAO price imported for a day this needs' : 'no price',
        missing: true,
      }
    : { text: fiat(units, code, precision === 'full' ? FIAT_SCALE : nonZeroDecimals(units, 2, FIAT_SCALE)) };

/** The row's amounts as the cells show them, or at full precision (their hover text). */
function amounts(row: ActivityRow, unit: RowUnits, precision: Precision): Amounts {
  const { fiatCode, symbols } = unit;
  const fiatOf = fiatCode !== undefined && row.fiat ? fiatCode : undefined;
  const lead = rowTao(row);
  const fee = entryFee(row);
  const full = precision === 'full';
  const d4 = full ? FULL_DECIMALS : 4;
  const d6 = full ? FULL_DECIMALS : 6;
  return {
    alpha:
      row.legs.length === 0 && row.fund
        ? [{ text: sharesText(row.fund.shares, d4), testId: 'activity-shares' }]
        : row.legs.map((l) => alphaFigure(l.alpha, l.netuid, d4, symbolOf(symbols, row, l.netuid))),
    tao: !lead ? null : fiatOf ? fiatFigure(lead.fiat, fiatOf, precision) : taoFigure(lead.rao, d4),
    fee:
      fee === null
        ? ''
        : fee.amount === null
          ? 'unknown'
          : fee.unit !== 'tao'
            ? alphaFigure(fee.amount, fee.netuid, d6, symbolOf(symbols, row, fee.netuid))
            : fiatOf
              ? fiatFigure(feeFiat(row, fee), fiatOf, precision)
              : taoFigure(fee.amount, d6),
  };
}

/** The units a row's amounts are shown in: fiat (its code) or τ, and each subnet's α symbol. */
export interface RowUnits {
  fiatCode: string | undefined;
  symbols: Symbols;
}

/** Everything a row shows, from the entry the backend sent and the names known now. */
export function rowCells(
  row: ActivityRow,
  labels: ReadonlyMap<string, string>,
  names: ValidatorNames,
  unit: RowUnits,
): RowCells {
  return {
    when: utcMinute(row.timestamp),
    kind: ACTIVITY_KINDS[row.kind].label,
    wallets: walletsText(row, labels),
    subnets: subnetsText(row),
    hotkeys: hotkeysText(row, names),
    legs: row.legs.length > 1,
    ...amounts(row, unit, 'shown'),
  };
}

/** What the row shows on hover: full precision, whole labels, every address. */
export function rowTitles(
  row: ActivityRow,
  labels: ReadonlyMap<string, string>,
  names: ValidatorNames,
  unit: RowUnits,
): RowTitles {
  const kind = ACTIVITY_KINDS[row.kind];
  const full = amounts(row, unit, 'full');
  return {
    when: new Date(row.timestamp).toString(),
    kind: `${kind.label}: ${kind.help}`,
    wallets: walletsTitle(row, labels),
    subnets: subnetsText(row),
    hotkeys: hotkeysTitle(row, names),
    alpha: full.alpha.map((f) => f.text),
    tao: full.tao?.text,
    fee: typeof full.fee === 'string' ? undefined : full.fee.text,
  };
}

/**
 * `rowCells` kept per row object for one set of labels, names and units: the pages' rows are the
 * same objects for as long as their query holds them, so each row is formatted once.
 */
export function rowCellsCache(
  labels: ReadonlyMap<string, string>,
  names: ValidatorNames,
  unit: RowUnits,
): (row: ActivityRow) => RowCells {
  const kept = new WeakMap<ActivityRow, RowCells>();
  return (row) => {
    let cells = kept.get(row);
    if (!cells) kept.set(row, (cells = rowCells(row, labels, names, unit)));
    return cells;
  };
}
