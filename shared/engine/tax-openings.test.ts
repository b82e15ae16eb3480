import { describe, expect, it } from 'vitest';
import { coinTrackerCsv, computePortfolio, FiatBook, koinlyCsv, taxRows, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// Block b is T0 + b × 12 s: block 100 = 2025-10-01 00:20, 200 = 00:40, 300 = 01:00, 400 = 01:20 (UTC).
// C1's first checkpoint (block 100) finds 20 α on SN1 that no event explains: an opening balance at the
// first recorded price 1.5 → worth 30 TAO. At 200 it sells 5 α for 10 TAO. At 300 a position on SN2 (hotkey
// H2, not its own) appears with 4 α and no event: an unexplained increase (kept at no cost, not income).
// At 400 it sells those 4 α for 2 TAO.
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeRemoved', { block: 200, tao: 10n * TAO, alpha: 5n * A }),
    ev('StakeRemoved', { block: 400, hot: 'H2', netuid: 2, tao: 2n * TAO, alpha: 4n * A }),
  ],
  checkpoints: [cp(100, 20n * A), cp(300, 15n * A), cp(300, 4n * A, { hot: 'H2', netuid: 2, ownsHotkey: false })],
  snapshots: [snap(99, 1, 1_500_000_000n), snap(99, 2, 500_000_000n)],
};

describe('tax exports: α held before the history and unexplained increases are deposits', () => {
  const r = computePortfolio(input, { method: 'acb', rewards: 'income' });
  const rows = taxRows(r.ledger, r.emissions, [], r.openings);

  it('Koinly: the opening balance at its valuation, the unexplained increase labelled for review', () => {
    // Net worth of the opening deposit: 30 TAO × 300 USD = 9000 USD; the unexplained deposit has none
    // (the engine keeps it at no cost). Each SN's rows now add up: SN1 20 − 5 = 15, SN2 4 − 4 = 0.
    const csv = koinlyCsv(rows, {
      book: new FiatBook([{ date: '2025-10-01', price: 30_000_000_000n }]),
      currency: 'USD',
    });
    expect(csv.split('\r\n').slice(1)).toEqual([
      '2025-10-01 00:20,,,20.000000000,SN1,,,9000.00000000,USD,,opening balance H1 block 100,',
      '2025-10-01 00:40,5.000000000,SN1,10.000000000,TAO,,,3000.00000000,USD,,sell block 200-1,200-0',
      '2025-10-01 01:00,,,4.000000000,SN2,,,,,,unexplained increase H2 blocks 0-300 (review),',
      '2025-10-01 01:20,4.000000000,SN2,2.000000000,TAO,,,600.00000000,USD,,sell block 400-1,400-0',
      '',
    ]);
  });

  it('CoinTracker: both are plain deposits (no tag)', () => {
    expect(coinTrackerCsv(rows).split('\r\n').slice(1)).toEqual([
      '10/01/2025 00:20:00,20.000000000,SN1,,,,,',
      '10/01/2025 00:40:00,10.000000000,TAO,5.000000000,SN1,,,',
      '10/01/2025 01:00:00,4.000000000,SN2,,,,,',
      '10/01/2025 01:20:00,2.000000000,TAO,4.000000000,SN2,,,',
      '',
    ]);
  });
});

describe('tax exports: the share pool’s rounding is a deposit, not a finding to review', () => {
  it('an unexplained increase of 2 α-rao is described as rounding; one of 3 α-rao asks for review', () => {
    // C1 holds 20 α from its first checkpoint (an opening balance); at 200 the chain shows 2 α-rao more,
    // at 300 3 α-rao more again; the subnet ran no epoch (its epoch counter is the same at every checkpoint), so
    // nothing was earned and both are unexplained (docs/chain/reconciliation.md).
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [],
        checkpoints: [
          cp(100, 20n * A, { ownsHotkey: false, epochIndex: 5n }),
          cp(200, 20n * A + 2n, { ownsHotkey: false, epochIndex: 5n }),
          cp(300, 20n * A + 5n, { ownsHotkey: false, epochIndex: 5n }),
        ],
        snapshots: [snap(99, 1, 1_500_000_000n)],
      },
      { method: 'acb', rewards: 'income' },
    );
    const described = taxRows(r.ledger, r.emissions, [], r.openings).map((row) => [
      row.description,
      row.receivedAmount,
    ]);
    expect(described).toEqual([
      ['opening balance H1 block 100', 20n * A],
      ['share-pool rounding H1 blocks 101-200', 2n],
      ['unexplained increase H1 blocks 201-300 (review)', 3n],
    ]);
  });
});

describe('tax exports: an unexplained decrease is α lost', () => {
  // C1 holds 20 α from its first checkpoint (an opening balance, worth 30 TAO at price 1.5); at 300 the
  // chain shows 3 α less with no event and no epoch: an unexplained decrease, which the engine books as α
  // leaving with its cost and no proceeds. Without a row the tax tool would still hold those 3 α.
  const r = computePortfolio(
    {
      trackedColdkeys: ['C1'],
      events: [],
      checkpoints: [cp(100, 20n * A, { epochIndex: 5n }), cp(300, 17n * A, { epochIndex: 5n })],
      snapshots: [snap(99, 1, 1_500_000_000n)],
    },
    { method: 'acb', rewards: 'income' },
  );
  const rows = taxRows(r.ledger, r.emissions, [], r.openings);

  it('is sent with no proceeds, labelled lost (Koinly) and lost (CoinTracker); each subnet adds up', () => {
    expect(r.pnl.total.figures.alphaUnexplained).toBe(3n * A);
    expect(r.pnl.total.figures.realized).toBe(-3n * 1_500_000_000n);
    expect(koinlyCsv(rows).split('\r\n').slice(1)).toEqual([
      '2025-10-01 00:20,,,20.000000000,SN1,,,,,,opening balance H1 block 100,',
      '2025-10-01 01:00,3.000000000,SN1,,,,,,,lost,unexplained decrease H1 blocks 101-300 (review),',
      '',
    ]);
    expect(coinTrackerCsv(rows).split('\r\n').slice(1)).toEqual([
      '10/01/2025 00:20:00,20.000000000,SN1,,,,,',
      '10/01/2025 01:00:00,,,3.000000000,SN1,,,lost',
      '',
    ]);
    const held = rows.reduce((n, x) => n + (x.receivedAmount ?? 0n) - (x.sentAmount ?? 0n), 0n);
    expect(held).toBe(r.pnl.total.figures.alpha);
  });
});
