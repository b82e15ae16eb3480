import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { emptyBasketFigures, emptyFigures, type BasketFiat, type BasketFigures, type Figures } from './engine';
import { pnlCsv } from './pnl-csv';
import type { BasketPositionView, HoldingView, PortfolioView } from './views';

const TAO = 1_000_000_000n;
const EUR = 100_000_000n; // 1e-8 fiat units
const W1 = '5W1';
const W2 = '5W2';
const holding: HoldingView = {
  block: null,
  locked: 0n,
  available: 0n,
  lockedValue: 0n,
  exitValue: 0n,
  exitSource: 'chain',
  locksRead: false,
};
type FiatPart = Pick<Figures, 'costBasisFiat' | 'realizedFiat' | 'incomeFiat' | 'spotValueFiat' | 'unrealizedFiat'>;
const figures = (fiat: FiatPart, flags: Partial<Figures['flags']> = {}): Figures => {
  const f = emptyFigures();
  return { ...f, costBasis: 2n * TAO, spotValue: 3n * TAO, ...fiat, flags: { ...f.flags, ...flags } };
};
/** Known fiat figures: cost 100, value 150, realized −2.5, unrealized 50, income 3 EUR. */
const known = figures({
  costBasisFiat: 100n * EUR,
  spotValueFiat: 150n * EUR,
  realizedFiat: -5n * (EUR / 2n),
  unrealizedFiat: 50n * EUR,
  incomeFiat: 3n * EUR,
});
const KNOWN = ['100.00000000', '150.00000000', '-2.50000000', '50.00000000', '3.00000000'];
const fund = (coldkey: string, f: Partial<BasketFigures>, fiat?: BasketFiat): BasketPositionView => ({
  key: `${coldkey}|5V`,
  coldkey,
  walletLabel: null,
  hotkey: '5V',
  figures: { ...emptyBasketFigures(), ...f },
  ...(fiat ? { fiat } : {}),
  records: [],
});

/** A position's fields besides its key, wallet and figures: one hotkey on subnet 1, no price. */
const unpricedPosition = {
  walletLabel: null,
  hotkey: '5H',
  netuid: 1,
  price: null,
  priceBlock: null,
  successor: null,
  dissolved: null,
} as const;

function view(fiatMissingDays: string[] | null, baskets: BasketPositionView[]): PortfolioView {
  const row = { figures: known, benchmarks: null, holding };
  return {
    hasData: true,
    asOfBlock: 100,
    asOfTimestamp: 0,
    method: 'acb',
    rewards: 'income',
    fiatCurrency: 'EUR',
    total: row,
    subnets: [
      { ...row, netuid: 1, name: null, symbol: null, successor: null, dissolved: null, price: null, positionKeys: [] },
    ],
    wallets: [
      { address: W1, label: null, group: 'g1', figures: known, holding },
      { address: W2, label: null, group: 'g2', figures: known, holding },
    ],
    groups: [
      { name: 'g1', figures: known, holding },
      { name: 'g2', figures: known, holding },
    ],
    positions: [
      { ...row, ...unpricedPosition, key: 'a', coldkey: W1 },
      {
        ...row,
        ...unpricedPosition,
        figures: figures(
          { costBasisFiat: 0n, spotValueFiat: 20n * EUR, realizedFiat: 0n, unrealizedFiat: null, incomeFiat: 0n },
          { fiatBasisUnknown: true, fiatIncomplete: true },
        ),
        key: 'b',
        coldkey: W2,
      },
    ],
    daily: [],
    unexplained: [],
    fiatMissingDays,
    baskets: { timing: 'accrual', positions: baskets, total: emptyBasketFigures() },
  };
}

const APP = { name: 'Taofolio', version: 'test' };
const read = (csv: string) => {
  const lines = parseCsv(csv, [',']).rows.map((r) => r.cells);
  const header = lines.find((c) => c[0] === 'level')!;
  const usd = header.flatMap((h, i) => (h.endsWith('_eur') ? [i] : []));
  return {
    header,
    notes: lines.filter((c) => c[0]!.startsWith('# fiat')),
    fiat: lines.filter((c) => c[0] !== 'level' && !c[0]!.startsWith('#')).map((c) => [c[0], ...usd.map((i) => c[i])]),
  };
};

describe('PnL CSV fiat columns', () => {
  it('writes lot-based fiat figures, an unknown one as an empty cell, never 0', () => {
    const { header, notes, fiat } = read(pnlCsv(view([], []), APP, 'now'));
    expect(header.slice(-5)).toEqual([
      'cost_basis_eur',
      'value_eur',
      'realized_pnl_eur',
      'unrealized_pnl_eur',
      'emission_income_eur',
    ]);
    expect(notes).toHaveLength(2);
    expect(fiat).toEqual([
      ['position', ...KNOWN],
      // Basis unknown and a conversion without a price: only the value at the as-of day's price is known.
      ['position', '', '20.00000000', '', '', ''],
      ['subnet', ...KNOWN],
      ['wallet', ...KNOWN],
      ['wallet', ...KNOWN],
      ['group', ...KNOWN],
      ['group', ...KNOWN],
      ['total', ...KNOWN],
    ]);
  });

  it('writes a basket row from its fund shares’ lot-based fiat figures, valued at the as-of day’s price', () => {
    // W1's fund: 3 τ held at a τ cost of 2, fiat cost 700, realized −10, income 5; at 300 EUR/τ worth 900, so
    // unrealized 200. W2's: its fiat cost unknown and a conversion without a price; worth 1 τ = 300.
    const baskets = [
      fund(
        W1,
        { value: 3n * TAO, costBasis: 2n * TAO },
        { costBasis: 700n * EUR, realized: -10n * EUR, income: 5n * EUR, incomplete: false },
      ),
      fund(W2, { value: TAO, costBasis: TAO }, { costBasis: null, realized: 0n, income: 0n, incomplete: true }),
    ];
    const rows = (price: bigint | null) =>
      read(pnlCsv(view([], baskets), APP, 'now', price)).fiat.filter((c) => c[0] === 'basket');
    expect(rows(300n * EUR)).toEqual([
      ['basket', '700.00000000', '900.00000000', '-10.00000000', '200.00000000', '5.00000000'],
      ['basket', '', '300.00000000', '', '', ''],
    ]);
    // No price on the as-of day: the value and unrealized are unknown, the rest is not.
    expect(rows(null)[0]).toEqual(['basket', '700.00000000', '', '-10.00000000', '', '5.00000000']);
  });

  it('adds no fiat column or note without imported TAO/fiat prices', () => {
    const csv = pnlCsv(view(null, [fund(W2, { costBasis: TAO })]), APP, 'now');
    const { header, notes } = read(csv);
    expect(header.at(-1)).toBe('tao_out');
    expect(notes).toEqual([]);
    expect(csv).not.toMatch(/_eur|EUR price/);
  });
});

describe('PnL CSV α columns', () => {
  it('account for every α held: root claims, lease dividends, incentive, α fees and burns have their columns', () => {
    const flows = {
      alphaOpening: 5n * TAO,
      alphaBought: 10n * TAO,
      alphaSold: 4n * TAO,
      alphaTransferredIn: 2n * TAO,
      alphaTransferredOut: TAO,
      alphaEmitted: TAO,
      alphaUnexplained: 1n,
      alphaUnexplainedIn: 2n,
      alphaRootClaim: 3n * TAO,
      alphaLeaseDividend: 2n * TAO,
      alphaIncentive: TAO,
      alphaFeePaid: TAO / 2n,
      alphaBurned: TAO,
    };
    const leaving = ['alphaSold', 'alphaTransferredOut', 'alphaUnexplained', 'alphaFeePaid', 'alphaBurned'];
    const alpha = Object.entries(flows).reduce((sum, [k, v]) => sum + (leaving.includes(k) ? -v : v), 0n);
    const f: Figures = { ...emptyFigures(), ...flows, alpha };
    const base = view(null, []);
    const csv = pnlCsv({ ...base, positions: [{ ...base.positions[0]!, figures: f }] }, APP, 'now');
    const lines = parseCsv(csv, [',']).rows.map((r) => r.cells);
    const header = lines.find((c) => c[0] === 'level')!;
    const row = lines.find((c) => c[0] === 'position')!;
    // Whole α-rao from a 9-decimal cell.
    const cell = (name: string) => {
      const i = header.indexOf(name);
      expect(i, name).toBeGreaterThan(-1);
      return BigInt(row[i]!.replace('.', ''));
    };
    const inflows = ['alpha_opening', 'alpha_bought', 'alpha_transferred_in', 'alpha_emitted'];
    const income = ['alpha_root_claimed', 'alpha_lease_dividends', 'alpha_miner_incentive', 'alpha_unexplained_gained'];
    const outflows = [
      'alpha_sold',
      'alpha_transferred_out',
      'alpha_unexplained_lost',
      'alpha_fee_paid',
      'alpha_burned',
    ];
    const sum = (names: string[]) => names.reduce((s, n) => s + cell(n), 0n);
    expect(cell('alpha_held')).toBe(alpha);
    expect(sum(inflows) + sum(income) - sum(outflows)).toBe(cell('alpha_held'));
  });
});

describe('PnL CSV α columns across subnets', () => {
  it('leaves them empty on wallet, group and total rows (different tokens) and writes the τ columns there', () => {
    const withAlpha: Figures = { ...known, alpha: 5n * TAO, alphaBought: 5n * TAO };
    const base = view(null, []);
    const v: PortfolioView = {
      ...base,
      total: { ...base.total, figures: withAlpha },
      subnets: base.subnets.map((s) => ({ ...s, figures: withAlpha })),
      wallets: base.wallets.map((w) => ({ ...w, figures: withAlpha })),
      groups: base.groups.map((g) => ({ ...g, figures: withAlpha })),
    };
    const csv = pnlCsv(v, APP, 'now');
    const lines = parseCsv(csv, [',']).rows.map((r) => r.cells);
    const header = lines.find((c) => c[0] === 'level')!;
    const at = (level: string, name: string) => lines.find((c) => c[0] === level)![header.indexOf(name)];
    const alphaNames = header.filter((n) => n.startsWith('alpha_'));
    expect(alphaNames).toContain('alpha_held');
    expect(alphaNames).toContain('alpha_locked');
    for (const name of alphaNames) expect(at('subnet', name), name).not.toBe('');
    expect(at('subnet', 'alpha_held')).toBe('5.000000000');
    for (const level of ['wallet', 'group', 'total']) {
      for (const name of alphaNames) expect(at(level, name), `${level} ${name}`).toBe('');
      expect(at(level, 'spot_value_tao')).toBe('3.000000000');
      expect(at(level, 'cost_basis_tao')).toBe('2.000000000');
    }
    expect(csv).toContain('alpha_ columns empty');
  });
});
