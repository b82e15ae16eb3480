import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePortfolio, createEngine, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap } from './testing/fixtures';
import { incrementalSteps } from './testing/incremental';
import { build, opArb, type Op } from './testing/random-ledger';

const METHODS = ['acb', 'fifo', 'lifo', 'hifo'] as const;
const realizedOf = (r: ReturnType<typeof computePortfolio>, key: string): bigint | undefined =>
  r.pnl.positions.find((p) => p.key === key)?.figures.realized;

describe('a transfer between watched wallets of α the sender has not booked yet', () => {
  // C1 buys 10 α for 10 TAO (price 1). At block 200 (price 2) C1 sends all 10.5 α to C2: 0.5 α were emitted
  // since and are booked at C1's checkpoint of block 250 (0 α → 0.5 α emission × 2 = 1 TAO income).
  // C2 sells the 10.5 α for 21 TAO at block 300, then buys 1 α for 2 TAO at block 400.
  const input: PortfolioInput = {
    trackedColdkeys: ['C1', 'C2'],
    events: [
      ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
      ev('StakeRemoved', { block: 200, idx: 1, tao: 21n * TAO, alpha: 10_500_000_000n }),
      ev('StakeAdded', { block: 200, idx: 2, cold: 'C2', tao: 21n * TAO, alpha: 10_500_000_000n }),
      ev('StakeTransferred', { block: 200, idx: 3, counter: 'C2', destNet: 1, tao: 21n * TAO }),
      ev('StakeRemoved', { block: 300, cold: 'C2', tao: 21n * TAO, alpha: 10_500_000_000n }),
      ev('StakeAdded', { block: 400, cold: 'C2', tao: 2n * TAO, alpha: 1n * A }),
    ],
    checkpoints: [cp(250, 0n), cp(250, 10_500_000_000n, { cold: 'C2' }), cp(450, 1n * A, { cold: 'C2' })],
    snapshots: [snap(99, 1, TAO), snap(150, 1, 2n * TAO)],
  };

  it('income basis: the sender realizes nothing; the receiver holds 10.5 α at 10 + 1 = 11 TAO', () => {
    // C1: realized 0 (was −1: its emission covered the deficit the transfer left). C2 after block 250: book
    // 10.5 α / 11 TAO; sale 21 − 11 = 10; the buy at 400 covers no deficit (was: 0.5 α covered, −1 realized).
    // Total: realized 10, unrealized 1 × 2 − 2 = 0, income 1; total return 2 + 21 − 12 = 11 = 10 + 0 + 1.
    for (const method of METHODS) {
      const settings = { method, rewards: 'income' } as const;
      const r = computePortfolio(input, settings);
      expect([realizedOf(r, 'C1|H1|1'), realizedOf(r, 'C2|H1|1')]).toEqual([0n, 10n * TAO]);
      const f = r.pnl.total.figures;
      expect([f.realized, f.unrealized, f.incomeTao, f.totalReturn]).toEqual([10n * TAO, 0n, 1n * TAO, 11n * TAO]);
      const e = createEngine(input, settings).state;
      expect([e.book('C1', 1).alpha(), e.book('C1', 1).cost(), e.book('C1', 1).deficit()]).toEqual([0n, 0n, 0n]);
      expect([e.book('C2', 1).alpha(), e.book('C2', 1).cost(), e.book('C2', 1).deficit()]).toEqual([A, 2n * TAO, 0n]);
    }
  });

  it('fiat: the owed α reaches the receiver with its fiat cost (at $10 a TAO, 1 fiat unit = 1 rao)', () => {
    // The emission's fiat value (1 τ → 1e9 units) is forwarded with the 0.5 α: C2's sale realizes 21 − 11 in
    // fiat too (10e9 units; 11e9 if the forward dropped its fiat cost).
    const fiatPrices = [{ date: '2025-10-01', price: 1_000_000_000n }];
    for (const method of METHODS) {
      const r = computePortfolio({ ...input, fiatPrices }, { method, rewards: 'income' });
      const fiat = (key: string) => r.pnl.positions.find((p) => p.key === key)?.figures.realizedFiat;
      expect([method, fiat('C1|H1|1'), fiat('C2|H1|1')]).toEqual([method, 0n, 10n * TAO]);
    }
  });

  it('the receiver holds every α received once the sender books it (before its sale)', () => {
    const upTo = { ...input, events: input.events.slice(0, 4), checkpoints: input.checkpoints.slice(0, 2) };
    for (const method of METHODS) {
      const book = createEngine(upTo, { method, rewards: 'income' }).state.book('C2', 1);
      expect([book.alpha(), book.cost(), book.deficit()]).toEqual([10_500_000_000n, 11n * TAO, 0n]);
    }
  });

  it('the incremental path refreshes the receiver when the sender books the owed α', () => {
    // C1's checkpoint alone at block 250: only C1's book is named by the facts appended.
    const { initial, deltas, upTo } = incrementalSteps(
      { ...input, checkpoints: [cp(250, 0n), cp(450, A, { cold: 'C2' })] },
      4,
    );
    const engine = createEngine(initial, { method: 'fifo', rewards: 'income' });
    for (const { block, delta } of deltas) {
      expect(engine.append(delta)).toBe(true);
      const full = computePortfolio(upTo(block), { method: 'fifo', rewards: 'income' }).pnl;
      expect(engine.result().positions.map((p) => p.figures)).toEqual(full.positions.map((p) => p.figures));
    }
  });

  it('zero basis: the excess carries no cost; realized 0 + 11, no late loss', () => {
    // C2's book 10.5 α / 10 TAO; sale 21 − 10 = 11; buy 1 α / 2 TAO. Total realized 11, unrealized 0,
    // total return 11. (Was: C1 0, C2 11 − 1 = 10 and unrealized 1: the buy covered C2's 0.5 α deficit.)
    for (const method of METHODS) {
      const r = computePortfolio(input, { method, rewards: 'zero' });
      expect([realizedOf(r, 'C1|H1|1'), realizedOf(r, 'C2|H1|1')]).toEqual([0n, 11n * TAO]);
      const f = r.pnl.total.figures;
      expect([f.realized, f.unrealized, f.totalReturn]).toEqual([11n * TAO, 0n, 11n * TAO]);
    }
  });
});

describe('properties with α carried before it is booked', () => {
  // C1 buys on SN1, earns α no checkpoint books yet, sends all of it to C2; random ledgers follow.
  const prefix: Op[] = [
    { t: 'buy', c: 0, h: 0, n: 1, tao: 50_000, spec: 320 },
    { t: 'emit', c: 0, h: 0, n: 1, milli: 3_000, checkpoint: false },
    { t: 'transfer', c: 0, h: 0, n: 1, pct: 100, toStranger: false },
  ];
  it('realized + unrealized = proceeds + value − cost; the method changes timing, not the all-time total', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.constantFrom('income', 'zero' as const), (ops, rewards) => {
        const closed = METHODS.map((method) => {
          for (const input of [build([...prefix, ...ops], false), build([...prefix, ...ops], true)]) {
            const f = computePortfolio(input, { method, rewards }).pnl.total.figures;
            expect(f.realized + f.unrealized).toBe(
              f.proceeds + f.spotValue - f.costAcquired - f.costCarriedIn + f.costCarriedOut,
            );
            expect(f.costCarriedIn).toBe(f.costCarriedOut);
          }
          return computePortfolio(build([...prefix, ...ops], true), { method, rewards }).pnl.total.figures.realized;
        });
        for (const r of closed) expect(r).toBe(closed[0]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('two watched wallets that each carried α the other had not booked', () => {
  // Price 1 τ/α. C1 buys 10 α for 10 τ; 5 α are emitted to it, unbooked until its checkpoint at 240. At 200
  // C1 sends all 15 α to C2 (C2's book gets the 10 α booked; C1 owes C2 the other 5). At 210 C2 sells 10 α
  // for 12 τ (realized 2), at 220 it sends its last 5 α back to C1: none of them booked in its book, so C2
  // owes C1 5 α too. At 230 C1 buys 1 α-rao for 1 rao. That α-rao covers 1 of C1's deficit and goes to
  // C2, whose deficit it covers and which owes it back to C1. It was covered again there, and sent round
  // again, one stack frame per α-rao, until a deficit ran out: RangeError (5e9 turns). Now C1 holds it:
  // the debts left (5 α − 1 α-rao each) are covered when C1's checkpoint books the 5 α emission, which goes
  // round once and stays with C1, where the α is. C1: 5 α + 1 α-rao at 1 + 5e9 − 1 + 1 rao (income basis).
  const input: PortfolioInput = {
    trackedColdkeys: ['C1', 'C2'],
    events: [
      ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
      ev('StakeRemoved', { block: 200, idx: 1, tao: 15n * TAO, alpha: 15n * A }),
      ev('StakeAdded', { block: 200, idx: 2, cold: 'C2', tao: 15n * TAO, alpha: 15n * A }),
      ev('StakeTransferred', { block: 200, idx: 3, counter: 'C2', destNet: 1, tao: 15n * TAO }),
      ev('StakeRemoved', { block: 210, cold: 'C2', tao: 12n * TAO, alpha: 10n * A }),
      ev('StakeRemoved', { block: 220, idx: 1, cold: 'C2', tao: 5n * TAO, alpha: 5n * A }),
      ev('StakeAdded', { block: 220, idx: 2, tao: 5n * TAO, alpha: 5n * A }),
      ev('StakeTransferred', { block: 220, idx: 3, cold: 'C2', counter: 'C1', destNet: 1, tao: 5n * TAO }),
      ev('StakeAdded', { block: 230, tao: 1n, alpha: 1n }),
    ],
    checkpoints: [cp(240, 5n * A + 1n), cp(240, 0n, { cold: 'C2' })],
    snapshots: [snap(50, 1, TAO)],
  };
  for (const rewards of ['income', 'zero'] as const) {
    it(`${rewards}: no RangeError; C1 holds 5 α + 1 α-rao, C2 realized 2 τ, no deficit left, every method`, () => {
      for (const method of METHODS) {
        const e = createEngine(input, { method, rewards });
        const r = e.result();
        const f = (key: string) => r.positions.find((p) => p.key === key)?.figures;
        const cost = rewards === 'income' ? 5n * TAO + 1n : 1n;
        expect([f('C1|H1|1')?.alpha, f('C1|H1|1')?.costBasis, f('C1|H1|1')?.realized]).toEqual([5n * A + 1n, cost, 0n]);
        expect([f('C2|H1|1')?.alpha, f('C2|H1|1')?.realized, r.total.figures.incomeTao]).toEqual([
          0n,
          2n * TAO,
          5n * TAO,
        ]);
        expect([e.state.book('C1', 1).deficit(), e.state.book('C2', 1).deficit()]).toEqual([0n, 0n]);
      }
    });
  }
});
