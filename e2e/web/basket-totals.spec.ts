import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { programPath } from '../../scripts/node-bundle';
import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

// The basket era (devnet basket475 seed 1), synced from the devnet: the Portfolio headline includes the
// wallets' shares of validator funds (shared/engine/basket-totals.ts, docs/chain/baskets.md), so the
// cards, the adds-up lines, the chart and the CLI report agree with the engine, in both fund-income timings.
test.use({ seed: 'devnet-basket475' });
test.describe.configure({ timeout: 300_000 });

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

test('the headline includes the basket positions: cards, adds-up lines, chart ends and the CLI report', async ({
  page,
  webHost,
}) => {
  const truth = engineView(webHost.dataDir);
  const f = truth.total.figures;
  const b = truth.baskets.total;
  // The seed holds fund shares and has claimed some: baskets move the total.
  expect(b.value).toBeGreaterThan(0n);
  expect(b.income).toBeGreaterThan(0n);
  // The total is the subnets plus the basket positions (never one without the other).
  expect(f.spotValue).toBe(sum(truth.subnets.map((s) => s.figures.spotValue)) + b.value);
  expect(f.totalReturn).toBe(sum(truth.subnets.map((s) => s.figures.totalReturn)) + b.totalReturn);
  expect(f.incomeTao).toBe(sum(truth.subnets.map((s) => s.figures.incomeTao)) + b.income);
  // The basket positions add up exactly; whatever the subnet lines leave (the adds-up `other` line) is the
  // subnets' own, none of it from the baskets.
  expect(b.realized + b.unrealized + b.income).toBe(b.totalReturn);
  type Lines = { realized: bigint; unrealized: bigint; incomeTao: bigint; totalReturn: bigint };
  const gap = (x: Lines) => x.realized + x.unrealized + x.incomeTao - x.totalReturn;
  expect(gap(f)).toBe(sum(truth.subnets.map((s) => gap(s.figures))));

  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  expect(await portfolio.amount('spot-value')).toBe(f.spotValue);
  expect(await portfolio.amount('exit-value')).toBe(f.exitValue);
  expect(await portfolio.amount('total-return')).toBe(f.totalReturn);
  expect(await portfolio.amount('excess-hold-tao')).toBe(truth.total.benchmarks!.holdTao.excess);
  const { total, ...lines } = await portfolio.terms();
  expect(total).toBe(f.totalReturn);
  expect([lines.realized, lines.unrealized, lines.incomeTao]).toEqual([f.realized, f.unrealized, f.incomeTao]);
  expect(sum(Object.values(lines))).toBe(f.totalReturn);
  // The chart's last points are the cards.
  expect(await portfolio.lineEnd('value')).toBe(f.spotValue);
  expect(await portfolio.lineEnd('holdTao')).toBe(truth.total.benchmarks!.holdTao.benchmarkValue);
  expect(await portfolio.amount('hold-tao-value')).toBe(truth.total.benchmarks!.holdTao.benchmarkValue);
  expect(truth.daily.at(-1)!.value).toBe(f.spotValue);

  // The Subnets table's totals row is the portfolio's (subnet rows + the Root & baskets section below it).
  await page.goto(`${webHost.url}#/subnets`);
  const totals = page.getByTestId('totals-row');
  await expect(totals).toContainText('Total incl. validator funds');
  expect(await amountOf(totals.getByTestId('total-value'))).toBe(f.spotValue);
  expect(await amountOf(totals.getByTestId('total-income'))).toBe(f.incomeTao);
  expect(await amountOf(page.getByTestId('basket-total-value'))).toBe(b.value);

  // `report --json` prints the same total, with the basket positions beside it.
  const out = execFileSync(process.execPath, [programPath('cli'), 'report', '--json', '--data-dir', webHost.dataDir], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, TAOFOLIO_AUTOSYNC: '0' },
    timeout: 120_000,
  }).toString();
  const report = JSON.parse(out) as {
    pnl: { total: { figures: Record<string, string> } };
    baskets: { total: Record<string, string> };
  };
  const t = report.pnl.total.figures;
  expect([t.spotValue, t.totalReturn, t.incomeTao, t.realized, t.unrealized].map((x) => BigInt(x!))).toEqual([
    f.spotValue,
    f.totalReturn,
    f.incomeTao,
    f.realized,
    f.unrealized,
  ]);
  expect(BigInt(report.baskets.total.value!)).toBe(b.value);

  // The PnL CSV lists each basket position as a row: subnet rows + basket rows = the total row.
  const csv = execFileSync(
    process.execPath,
    [programPath('cli'), 'report', '--format', 'pnl-csv', '--data-dir', webHost.dataDir],
    { cwd: join(import.meta.dirname, '..', '..'), env: { ...process.env, TAOFOLIO_AUTOSYNC: '0' }, timeout: 120_000 },
  ).toString();
  const [head, ...rows] = csv
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(','));
  const col = head!.indexOf('spot_value_tao');
  const rao = (x: string) => BigInt(x.replace('.', ''));
  const valueOf = (level: string) => sum(rows.filter((r) => r[0] === level).map((r) => rao(r[col]!)));
  expect(rows.filter((r) => r[0] === 'basket')).toHaveLength(truth.baskets.positions.length);
  expect(valueOf('basket')).toBe(b.value);
  expect(valueOf('subnet') + valueOf('basket')).toBe(valueOf('total'));
  expect(valueOf('total')).toBe(f.spotValue);
});

test('fund dividends at claim: Settings switch changes income and unrealized as the engine says; total return stays', async ({
  page,
  webHost,
}) => {
  const accrual = engineView(webHost.dataDir);
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  expect(await portfolio.amount('total-return')).toBe(accrual.total.figures.totalReturn);
  expect((await portfolio.terms()).incomeTao).toBe(accrual.total.figures.incomeTao);

  await page.goto(`${webHost.url}#/settings`);
  const timing = page.getByRole('combobox', { name: 'Validator fund dividends' });
  await timing.selectOption('claim');
  await expect(timing).toHaveValue('claim');
  const claim = engineView(webHost.dataDir);
  expect(claim.baskets.timing).toBe('claim');
  // Dividends accrued since the last claim wait: less income, as much more unrealized, the same return.
  const deferred = claim.baskets.total.deferredIncome;
  expect(deferred).toBeGreaterThan(0n);
  expect(claim.total.figures.incomeTao).toBe(accrual.total.figures.incomeTao - deferred);
  expect(claim.total.figures.unrealized).toBe(accrual.total.figures.unrealized + deferred);
  expect(claim.total.figures.totalReturn).toBe(accrual.total.figures.totalReturn);

  await portfolio.goto(webHost.url);
  await expect(async () => expect((await portfolio.terms()).incomeTao).toBe(claim.total.figures.incomeTao)).toPass();
  const { total, ...lines } = await portfolio.terms();
  expect([lines.realized, lines.unrealized]).toEqual([claim.total.figures.realized, claim.total.figures.unrealized]);
  expect(total).toBe(accrual.total.figures.totalReturn);
  expect(await portfolio.amount('total-return')).toBe(accrual.total.figures.totalReturn);
  expect(await portfolio.amount('spot-value')).toBe(claim.total.figures.spotValue);
  // The chart is redrawn after the headline: until then it is the previous computation's.
  await portfolio.expectDrawn();
  expect(await portfolio.lineEnd('value')).toBe(claim.total.figures.spotValue);
  // The Root & baskets section shows each position's income at claim (the engine's).
  await page.goto(`${webHost.url}#/subnets`);
  const section = page.getByTestId('root-baskets');
  for (const p of claim.baskets.positions) {
    const row = section.locator(`[data-testid="basket-row"][data-coldkey="${p.coldkey}"][data-hotkey="${p.hotkey}"]`);
    expect(await amountOf(row.getByTestId('basket-income'))).toBe(p.figures.income);
  }
});
