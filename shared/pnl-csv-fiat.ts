// The PnL CSV's fiat columns (./pnl-csv): the engine's lot-based fiat figures (shared/engine/pnl.ts header,
// ./engine/lot-base), written only when TAO/fiat prices are imported. A figure the engine cannot know
// (a day without a price, a lot whose fiat cost is unknown) is an empty cell, never 0.
import { FIAT_SCALE, formatFixed, type BasketFigures, type Figures } from './engine';
import type { BasketPositionView, PortfolioView } from './views';

/** Which fiat figures of a row are not lot-based because of the basket positions in it. */
export interface FundsIn {
  /** Fund shares held at a τ cost: the engine keeps no fiat cost for them (./engine/basket-totals). */
  cost: boolean;
  /** Fund gains realized: the engine's fiat for them is the τ gain at the day's price, not lot-based. */
  realized: boolean;
}

const NO_FUNDS: FundsIn = { cost: false, realized: false };

const COLUMNS: [string, (f: Figures, funds: FundsIn) => bigint | null][] = [
  ['cost_basis', (f, funds) => (f.flags.fiatBasisUnknown || funds.cost ? null : f.costBasisFiat)],
  ['value', (f) => f.spotValueFiat],
  ['realized_pnl', (f, funds) => (f.flags.fiatIncomplete || funds.realized ? null : f.realizedFiat)],
  ['unrealized_pnl', (f, funds) => (f.flags.fiatBasisUnknown || funds.cost ? null : f.unrealizedFiat)],
  ['emission_income', (f) => (f.flags.fiatIncomplete ? null : f.incomeFiat)],
];

/** The fiat columns' names and cells, or none when no TAO/fiat prices are imported (the CSV is then as before). */
export interface FiatColumns {
  names: string[];
  note: string[];
  cells(f: Figures, funds: FundsIn): string[];
  /** A basket position's row: the engine keeps no fiat figure per basket position. */
  basket(): string[];
  /** What the basket positions of `coldkeys` (null: all) put into a wallet, group or total row. */
  fundsIn(coldkeys: ReadonlySet<string> | null): FundsIn;
}

const NONE: FiatColumns = { names: [], note: [], cells: () => [], basket: () => [], fundsIn: () => NO_FUNDS };

export function fiatColumns(view: PortfolioView): FiatColumns {
  if (view.fiatMissingDays === null) return NONE;
  const code = view.fiatCurrency;
  const unit = code.toLowerCase();
  const cells = (f: Figures, funds: FundsIn) =>
    COLUMNS.map(([, get]) => {
      const v = get(f, funds);
      return v === null ? '' : formatFixed(v, FIAT_SCALE, 8);
    });
  const positions = view.baskets.positions;
  const funds = (of: readonly BasketPositionView[]): FundsIn => {
    const has = (k: keyof BasketFigures) => of.some((b) => b.figures[k] !== 0n);
    return { cost: has('costBasis'), realized: has('realized') };
  };
  // No commas: each line stays one cell for a CSV reader (as POSITION_NOTE).
  const note = [
    `# fiat columns (_${unit}): ${code} with 8 decimals (exact 1e-8 units); lot-based: cost_basis_${unit} is what each lot of the alpha held cost in ${code} at the TAO/${code} price of the UTC day it was acquired; value_${unit} is spot_value_tao at the as-of day's price; unrealized_pnl_${unit} = value_${unit} - cost_basis_${unit}; realized_pnl_${unit} is each sale's proceeds at the sale day's price minus the ${code} cost of the lots it took; emission_income_${unit} is each reward at the day received`,
    `# fiat columns: an empty cell is unknown (never 0). cost basis and unrealized: a lot held was acquired on a UTC day without an imported TAO/${code} price; value and unrealized: the as-of day has none; realized and income: some conversion in the row lacked its day's price (the as-of day's included); basket rows are empty (fund shares keep no ${code} cost) and a wallet/group/total row holding fund shares at a cost leaves cost basis and unrealized empty (and realized once a fund gain or loss is in it)`,
  ];
  return {
    names: COLUMNS.map(([name]) => `${name}_${unit}`),
    note,
    cells,
    basket: () => COLUMNS.map(() => ''),
    fundsIn: (coldkeys) =>
      coldkeys?.size === 0 ? NO_FUNDS : funds(coldkeys ? positions.filter((b) => coldkeys.has(b.coldkey)) : positions),
  };
}
