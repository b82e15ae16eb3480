// The PnL CSV's fiat columns (./pnl-csv): the engine's lot-based fiat figures (shared/engine/pnl.ts header,
// ./engine/lot-base; fund shares: ./engine/basket-types `BasketFiat`), written only when TAO/fiat prices are
// imported. A figure the engine cannot know (a day without a price, a lot whose fiat cost is unknown) is an
// empty cell, never 0.
import { FIAT_SCALE, formatFixed, type Figures } from './engine';
import type { PortfolioView } from './views';

const COLUMNS: [string, (f: Figures) => bigint | null][] = [
  ['cost_basis', (f) => (f.flags.fiatBasisUnknown ? null : f.costBasisFiat)],
  ['value', (f) => f.spotValueFiat],
  ['realized_pnl', (f) => (f.flags.fiatIncomplete ? null : f.realizedFiat)],
  ['unrealized_pnl', (f) => (f.flags.fiatBasisUnknown ? null : f.unrealizedFiat)],
  ['emission_income', (f) => (f.flags.fiatIncomplete ? null : f.incomeFiat)],
];

/** The fiat columns' names, comment lines and cells; none when no TAO/fiat prices are imported (the CSV is then as before). */
export interface FiatColumns {
  names: string[];
  note: string[];
  cells(f: Figures): string[];
}

const NONE: FiatColumns = { names: [], note: [], cells: () => [] };

export function fiatColumns(view: PortfolioView): FiatColumns {
  if (view.fiatMissingDays === null) return NONE;
  const code = view.fiatCurrency;
  const unit = code.toLowerCase();
  // No commas: each line stays one cell for a CSV reader (as POSITION_NOTE).
  const note = [
    `# fiat columns (_${unit}): ${code} with 8 decimals (exact 1e-8 units); lot-based: cost_basis_${unit} is what each lot of the alpha (or fund share) held cost in ${code} at the TAO/${code} price of the UTC day it was acquired; value_${unit} is spot_value_tao at the as-of day's price; unrealized_pnl_${unit} = value_${unit} - cost_basis_${unit}; realized_pnl_${unit} is each sale's (or claim's) proceeds at its day's price minus the ${code} cost of what it took; emission_income_${unit} is each reward at the day received`,
    `# fiat columns: an empty cell is unknown (never 0). cost basis and unrealized: a lot held was acquired on a UTC day without an imported TAO/${code} price; value and unrealized: the as-of day has none; realized and income: some conversion in the row lacked its day's price (the as-of day's included)`,
  ];
  return {
    names: COLUMNS.map(([name]) => `${name}_${unit}`),
    note,
    cells: (f) =>
      COLUMNS.map(([, get]) => {
        const v = get(f);
        return v === null ? '' : formatFixed(v, FIAT_SCALE, 8);
      }),
  };
}
