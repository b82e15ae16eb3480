// The PnL report as CSV: one row per position, basket position, subnet, wallet, group and the total, preceded by
// comment lines that embed the app version and every setting that produced the figures.
import { toCsv } from './csv';
import { basketAsFigures, formatTao, recordedBlock, type Figures } from './engine';
import { fiatColumns } from './pnl-csv-fiat';
import type { HoldingView, PortfolioView } from './views';

const COLUMNS: [string, (f: Figures, h: HoldingView) => string][] = [
  ['alpha_held', (f) => formatTao(f.alpha)],
  ['alpha_bought', (f) => formatTao(f.alphaBought)],
  ['alpha_sold', (f) => formatTao(f.alphaSold)],
  ['alpha_transferred_in', (f) => formatTao(f.alphaTransferredIn)],
  ['alpha_transferred_out', (f) => formatTao(f.alphaTransferredOut)],
  ['alpha_emitted', (f) => formatTao(f.alphaEmitted)],
  // Every other way α enters or leaves, so the α columns add up to alpha_held (a root claim's α was in none).
  ['alpha_root_claimed', (f) => formatTao(f.alphaRootClaim)],
  ['alpha_lease_dividends', (f) => formatTao(f.alphaLeaseDividend)],
  ['alpha_miner_incentive', (f) => formatTao(f.alphaIncentive)],
  ['alpha_fee_paid', (f) => formatTao(f.alphaFeePaid)],
  ['alpha_burned', (f) => formatTao(f.alphaBurned)],
  // α the chain shows that no rule explains (docs/chain/reconciliation.md): never counted as income.
  ['alpha_unexplained_lost', (f) => formatTao(f.alphaUnexplained)],
  ['alpha_unexplained_gained', (f) => formatTao(f.alphaUnexplainedIn)],
  ['alpha_opening', (f) => formatTao(f.alphaOpening)],
  ['opening_value_tao', (f) => formatTao(f.openingTao)],
  ['emission_income_tao', (f) => formatTao(f.incomeTao)],
  ['cost_basis_tao', (f) => formatTao(f.costBasis)],
  ['avg_entry_price_tao', (f) => (f.avgEntryPrice === null ? '' : formatTao(f.avgEntryPrice))],
  ['spot_value_tao', (f) => formatTao(f.spotValue)],
  ['exit_value_tao', (f) => formatTao(f.exitValue)],
  // Where the exit value comes from, and the locked α it leaves out (docs/chain/locks.md).
  ['exit_source', (_f, h) => h.exitSource],
  ['alpha_locked', (_f, h) => formatTao(h.locked)],
  ['locked_value_tao', (_f, h) => formatTao(h.lockedValue)],
  ['realized_pnl_tao', (f) => formatTao(f.realized)],
  ['unrealized_pnl_tao', (f) => formatTao(f.unrealized)],
  ['friction_tao', (f) => formatTao(f.friction)],
  ['total_return_tao', (f) => formatTao(f.totalReturn)],
  ['total_return_pct', (f) => (f.totalReturnPct === null ? '' : (f.totalReturnPct * 100).toFixed(4))],
  ['tao_in', (f) => formatTao(f.taoIn)],
  ['tao_out', (f) => formatTao(f.taoOut)],
];

/**
 * The α columns: each subnet's α is a token of its own, so a wallet, group or total row (several subnets)
 * leaves them empty rather than add up different tokens; its τ columns are sums.
 */
const ALPHA_COLUMN = /^alpha_/;
const ALPHA_NOTE =
  "# wallet, group and total rows leave the alpha_ columns empty: each subnet's alpha is a token of its own";

/** A basket position's value is what a claim would pay, read from the chain (get_basket_payout). */
const basketHolding = (value: bigint): HoldingView => ({
  block: null,
  locked: 0n,
  available: 0n,
  lockedValue: 0n,
  exitValue: value,
  exitSource: 'chain',
  locksRead: false,
});

/**
 * Position rows are per (wallet, validator, subnet), but the cost basis is one book per wallet and subnet
 * (shared/engine/lots.ts: the α is one asset whichever validator holds it), so their realized and cost
 * basis are that book's, attributed: said in the file, where the rows are read (no commas: one cell).
 */
export const POSITION_NOTE =
  "# position rows: cost basis is one book per wallet and subnet (not per validator); a position's realized_pnl_tao is its sales' proceeds minus the cost that book removed by the method; its cost_basis_tao is the book's cost split by alpha held; so positions add up to their wallet";

/** `fiatPrice`: the as-of day's TAO/fiat price (values a basket row's shares in fiat; null: unknown or none imported). */
export function pnlCsv(
  view: PortfolioView,
  app: { name: string; version: string },
  generatedAt: string,
  fiatPrice: bigint | null = null,
): string {
  // Fiat columns only when TAO/fiat prices are imported (./pnl-csv-fiat); without, the file is as it was.
  const fiat = fiatColumns(view);
  const header = ['level', 'coldkey', 'wallet', 'hotkey', 'netuid', ...COLUMNS.map(([name]) => name), ...fiat.names];
  const tao = ({ figures, holding }: { figures: Figures; holding: HoldingView }, acrossSubnets: boolean) =>
    COLUMNS.map(([name, get]) => (acrossSubnets && ALPHA_COLUMN.test(name) ? '' : get(figures, holding)));
  const cells = (row: { figures: Figures; holding: HoldingView }, acrossSubnets = false) => [
    ...tao(row, acrossSubnets),
    ...fiat.cells(row.figures),
  ];
  const rows: string[][] = [
    ...view.positions.map((p) => ['position', p.coldkey, p.walletLabel ?? '', p.hotkey, String(p.netuid), ...cells(p)]),
    ...view.subnets.map((s) => ['subnet', '', '', '', String(s.netuid), ...cells(s)]),
    // Shares of validator funds (docs/chain/baskets.md): in the wallet, group and total rows too.
    ...view.baskets.positions.map((b) => [
      'basket',
      b.coldkey,
      b.walletLabel ?? '',
      b.hotkey,
      '',
      ...cells({
        figures: basketAsFigures(b.figures, b.fiat ?? null, fiatPrice),
        holding: basketHolding(b.figures.value),
      }),
    ]),
    ...view.wallets.map((w) => ['wallet', w.address, w.label ?? '', '', '', ...cells(w, true)]),
    ...view.groups.map((g) => ['group', '', g.name, '', '', ...cells(g, true)]),
    ['total', '', '', '', '', ...cells(view.total, true)],
  ];
  const meta = [
    `# ${app.name} ${app.version} PnL report, generated ${generatedAt}`,
    `# settings: method=${view.method} rewards=${view.rewards} as_of_block=${recordedBlock(view.asOfBlock) ?? 'none'} fiat=${view.fiatCurrency}`,
    '# units: TAO and alpha in whole units with 9 decimals (exact rao / alpha-rao); prices in TAO per alpha',
    POSITION_NOTE,
    ALPHA_NOTE,
    ...fiat.note,
  ];
  return `${meta.join('\r\n')}\r\n${toCsv(header, rows)}`;
}
