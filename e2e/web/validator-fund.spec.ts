import { amountOf } from '../page-models/figures';
import { PortfolioPage } from '../page-models/portfolio-page';
import { engineView } from '../support/engine-truth';
import { expect, test } from '../support/web-host';

// The basket era (devnet basket475 seed 1: 393 → 424 → 455 → 475), synced from the devnet: root
// stakers whose validators' funds earn dividends, so the chain's BasketTwr moves.
test.use({ seed: 'devnet-basket475' });
test.describe.configure({ timeout: 240_000 });

test('“Your validator’s fund” line ends at its card, both equal to the engine’s figure', async ({ page, webHost }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(webHost.url);
  const truth = engineView(webHost.dataDir).total.benchmarks!.validatorFund;
  expect(truth.available).toBe(true);
  // the funds earned dividends after the flows: the benchmark gained on them
  expect(truth.benchmarkGain).toBeGreaterThan(0n);
  const row = page.getByTestId('bench-validatorFund');
  await expect(row).toContainText('Your validator’s fund (on-chain TWR)');
  // the history starts before 441: the flows before the first reading wait as TAO, and the row says so
  await expect(row).toContainText('partial data');
  const cells = row.locator('td');
  const card = await amountOf(cells.nth(1).locator('.amount'));
  expect(await portfolio.lineEnd('validatorFund')).toBe(card);
  expect(card).toBe(truth.benchmarkValue);
  // the excess and its decomposition, cell by cell (value, excess, price, emission, friction, benchmark gain)
  const shown = [];
  for (let i = 1; i <= 6; i++) shown.push(await amountOf(cells.nth(i).locator('.amount')));
  expect(shown).toEqual([
    truth.benchmarkValue,
    truth.excess,
    truth.priceEffect,
    truth.emissionEffect,
    truth.frictionEffect,
    truth.benchmarkGain,
  ]);
  expect(shown[2]! + shown[3]! + shown[4]! - shown[5]!).toBe(shown[1]);
});
