import { describe, expect, it } from 'vitest';
import { computePortfolio, createEngine, FIAT_SCALE, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// C1 buys 10 α on SN1 (block 100) for 10 TAO; C2 buys 4 α on SN2 (block 200) for 8 TAO;
// C1 sells 5 α on SN1 (block 300) for 7 TAO. Prices now: SN1 1.5, SN2 2.5.
const input: PortfolioInput = {
  trackedColdkeys: ['C1', 'C2', 'C3'],
  events: [
    ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
    ev('StakeAdded', { block: 200, cold: 'C2', netuid: 2, tao: 8n * TAO, alpha: 4n * A }),
    ev('StakeRemoved', { block: 300, tao: 7n * TAO, alpha: 5n * A }),
  ],
  checkpoints: [],
  snapshots: [snap(50, 1, 1n * TAO), snap(50, 2, 2n * TAO), snap(400, 1, 1_500_000_000n), snap(400, 2, 2_500_000_000n)],
  fiatPrices: [{ date: '2025-10-01', price: 300n * FIAT_SCALE }],
};

describe('aggregates, groups, as-of and fiat', () => {
  const r = computePortfolio(input, {
    method: 'acb',
    rewards: 'income',
    walletGroups: { mine: ['C1', 'C2'], empty: ['C3'] },
  });

  it('wallet and group aggregates', () => {
    const c1 = r.pnl.wallets.find((w) => w.key === 'C1')?.figures;
    // C1: 5 α × 1.5 = 7.5 value, cost 5, realized 7 − 5 = 2
    expect([c1?.alpha, c1?.spotValue, c1?.costBasis, c1?.realized]).toEqual([
      5n * A,
      7_500_000_000n,
      5n * TAO,
      2n * TAO,
    ]);
    const g = r.pnl.groups.find((x) => x.key === 'mine')?.figures;
    // group = C1 + C2: value 7.5 + 10 = 17.5; realized 2; unrealized 2.5 + 2 = 4.5
    expect([g?.spotValue, g?.realized, g?.unrealized]).toEqual([17_500_000_000n, 2n * TAO, 4_500_000_000n]);
    expect(r.pnl.groups.find((x) => x.key === 'empty')?.figures.alpha).toBe(0n);
    expect(r.pnl.total.figures.avgEntryPrice).toBeNull(); // two subnets mixed
    expect(r.pnl.subnets.find((s) => s.key === 'SN2')?.figures.avgEntryPrice).toBe(2n * TAO);
  });

  it('total return %: (17.5 + 7 − 18) / 18', () => {
    expect(r.pnl.total.figures.totalReturn).toBe(6_500_000_000n);
    expect(r.pnl.total.figures.totalReturnPct).toBeCloseTo(6.5 / 18, 9);
  });

  it('fiat: realized at the event day price, value at the as-of day, missing days flagged', () => {
    const f = r.pnl.total.figures;
    // realized 2 TAO on 2025-10-01 × 300 = 600; as-of day (block 400 = 2025-10-01) value 17.5 × 300 = 5250
    expect(f.realizedFiat).toBe(600n * FIAT_SCALE);
    expect(f.spotValueFiat).toBe(5250n * FIAT_SCALE);
    expect(r.pnl.fiatMissingDays).toEqual([]);
  });

  it('as of block 250: before the sale, at the block-50 prices', () => {
    const early = computePortfolio(input, { method: 'acb', rewards: 'income', asOfBlock: 250 });
    const f = early.pnl.total.figures;
    expect(early.pnl.asOfBlock).toBe(250);
    // 10 α × 1.0 + 4 α × 2.0 = 18
    expect([f.alpha, f.spotValue, f.realized]).toEqual([14n * A, 18n * TAO, 0n]);
  });

  it('a day without a fiat price is listed, never guessed', () => {
    const later = computePortfolio(
      { ...input, snapshots: [...input.snapshots, snap(9000, 1, 2n * TAO)] },
      { method: 'acb', rewards: 'income' },
    );
    expect(later.pnl.total.figures.spotValueFiat).toBeNull();
    expect(later.pnl.total.figures.flags.fiatIncomplete).toBe(true);
    expect(later.pnl.fiatMissingDays).toEqual(['2025-10-02']);
  });
});

describe('drill-down', () => {
  it('lists the source events behind realized PnL and the emission intervals behind income', () => {
    const engine = createEngine(
      { ...input, checkpoints: [cp(350, 5_200_000_000n)] },
      { method: 'fifo', rewards: 'income' },
    );
    const realized = engine.drillDown('C1|H1|1', 'realized');
    expect(realized?.entries.map((e) => [e.kind, e.sources])).toEqual([['sell', ['300-0']]]);
    const income = engine.drillDown('C1|H1|1', 'emissionTao');
    // 5.2 − 5 = 0.2 α at block 350 (price 1.0 from the block-50 snapshot) = 0.2 TAO
    expect(income?.emissions.map((x) => [x.toBlock, x.alpha, x.tao, x.price?.blockNumber])).toEqual([
      [350, 200_000_000n, 200_000_000n, 50],
    ]);
    expect(income?.price?.blockNumber).toBe(400);
  });

  it('the ledger is materialised on demand; its drill-down names the source events', () => {
    const a = createEngine(input, { method: 'acb', rewards: 'income' });
    expect(a.ledgerSize()).toBe(3);
    const view = (e: { seq: number; kind: string; blockNumber: number }) => [e.seq, e.kind, e.blockNumber];
    expect(a.ledger().map(view)).toEqual([
      [0, 'buy', 100],
      [1, 'buy', 200],
      [2, 'sell', 300],
    ]);
    expect(a.drillDown('C1|H1|1', 'alphaSold')?.entries.map((x) => x.sources)).toEqual([['300-0']]);
  });
});
