import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePortfolio, type CostBasisMethod, type PortfolioInput } from './index';
import { createLotBook } from './lots';
import { A, TAO, ev, snap } from './testing/fixtures';

// Three buys on SN1 (spec 320: StakeAdded.tao is the gross TAO paid) and one partial sale.
//   block 100: pay 10 TAO, get 10 α   → unit cost 1.0
//   block 200: pay 30 TAO, get 10 α   → unit cost 3.0
//   block 300: pay 20 TAO, get 10 α   → unit cost 2.0
//   held 30 α, cost 60 TAO
//   block 400: sell 15 α (gross) for 45 TAO net
//   spot after the sale: 2.5 TAO/α → 15 α left are worth 37.5 TAO
function input(): PortfolioInput {
  return {
    trackedColdkeys: ['C1'],
    events: [
      ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A, fee: 5_000_000n }),
      ev('StakeAdded', { block: 200, tao: 30n * TAO, alpha: 10n * A, fee: 15_000_000n }),
      ev('StakeAdded', { block: 300, tao: 20n * TAO, alpha: 10n * A, fee: 10_000_000n }),
      ev('StakeRemoved', { block: 400, tao: 45n * TAO, alpha: 15n * A, fee: 7_500_000n }),
    ],
    checkpoints: [],
    snapshots: [snap(400, 1, 2_500_000_000n)],
  };
}

describe('buy and partial sell under each cost method', () => {
  // realized = 45 − cost removed; unrealized = 37.5 − remaining cost
  const cases: [CostBasisMethod, bigint, bigint][] = [
    // ACB: removed = floor(60 × 15/30) = 30 → realized 15, remaining 30, unrealized 7.5
    ['acb', 15n * TAO, 7_500_000_000n],
    // FIFO: 10 α @1 (10) + 5 α of the 3.0 lot (15) = 25 → realized 20, remaining 35 (5@3 + 10@2), unrealized 2.5
    ['fifo', 20n * TAO, 2_500_000_000n],
    // LIFO: 10 α @2 (20) + 5 α @3 (15) = 35 → realized 10, remaining 25 (10@1 + 5@3), unrealized 12.5
    ['lifo', 10n * TAO, 12_500_000_000n],
    // HIFO: 10 α @3 (30) + 5 α @2 (10) = 40 → realized 5, remaining 20 (10@1 + 5@2), unrealized 17.5
    ['hifo', 5n * TAO, 17_500_000_000n],
  ];
  for (const [method, realized, unrealized] of cases) {
    it(method, () => {
      const r = computePortfolio(input(), { method, rewards: 'income' });
      const p = r.pnl.positions[0];
      expect(p?.figures.alpha).toBe(15n * A);
      expect(p?.figures.realized).toBe(realized);
      expect(p?.figures.unrealized).toBe(unrealized);
      expect(p?.figures.costBasis).toBe(37_500_000_000n - unrealized);
      // Same total whatever the method: 45 + 37.5 − 60 = 22.5
      expect(realized + unrealized).toBe(22_500_000_000n);
      expect(p?.figures.spotValue).toBe(37_500_000_000n);
    });
  }

  it('ACB average entry price after the sale is 2.0 TAO/α (30 TAO / 15 α)', () => {
    const r = computePortfolio(input(), { method: 'acb', rewards: 'income' });
    expect(r.pnl.total.figures.avgEntryPrice).toBe(2n * TAO);
  });
});

describe('rounding rule: removed cost is floored, the remainder stays', () => {
  it('ACB: 10 rao of cost over 3 alpha-rao; selling 1 removes floor(10/3) = 3, leaves 7', () => {
    const b = createLotBook('acb');
    b.acquire(3n, 10n, 0);
    expect(b.dispose(1n)).toBe(3n);
    expect(b.cost()).toBe(7n);
    // selling the remaining 2 removes everything left (7), so removed total = 10 exactly
    expect(b.dispose(2n)).toBe(7n);
    expect(b.cost()).toBe(0n);
  });
  it('FIFO partial lot: lot 7 α-rao / 10 rao, take 2 → floor(20/7) = 2; lot keeps 5 / 8', () => {
    const b = createLotBook('fifo');
    b.acquire(7n, 10n, 0);
    expect(b.dispose(2n)).toBe(2n);
    expect(b.lots()).toEqual([{ alpha: 5n, cost: 8n, order: 0 }]);
  });
  it('oversell leaves a deficit whose later cost is returned as late cost', () => {
    const b = createLotBook('lifo');
    b.acquire(10n, 100n, 0);
    expect(b.dispose(15n)).toBe(100n); // 5 α-rao sold before they were booked
    expect(b.deficit()).toBe(5n);
    // 20 α-rao arrive for 40 rao: 5 cover the deficit → floor(40 × 5/20) = 10 is late cost
    expect(b.acquire(20n, 40n, 1)).toBe(10n);
    expect(b.alpha()).toBe(15n);
    expect(b.cost()).toBe(30n);
  });
  it('an acquisition of 0 α at a cost holds nothing: its cost is returned to realise now, in every method', () => {
    for (const method of ['acb', 'fifo', 'lifo', 'hifo'] as const) {
      const b = createLotBook(method);
      b.acquire(10n, 100n, 0);
      expect(b.acquire(0n, 7n, 1)).toBe(7n);
      expect([b.alpha(), b.cost()]).toEqual([10n, 100n]);
      const empty = createLotBook(method);
      expect(empty.acquire(0n, 7n, 0)).toBe(7n);
      expect([empty.alpha(), empty.cost(), empty.lots()]).toEqual([0n, 0n, []]);
    }
  });
  it('a StakeAdded of 0 α for 1 TAO is a loss of 1 TAO whatever the method (was: FIFO/LIFO/HIFO lost it)', () => {
    // Buy 10 α for 10 TAO; 0 α for 1 TAO; sell the 10 α for 20 TAO. Realized = −1 + (20 − 10) = 9 =
    // total return 20 − 11; no cost basis left. (Was: 10 in FIFO, LIFO, HIFO, so realized + unrealized ≠ total return.)
    const input: PortfolioInput = {
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeAdded', { block: 110, tao: 1n * TAO, alpha: 0n }),
        ev('StakeRemoved', { block: 200, tao: 20n * TAO, alpha: 10n * A }),
      ],
      checkpoints: [],
      snapshots: [snap(99, 1, TAO), snap(150, 1, 2n * TAO)],
    };
    for (const method of ['acb', 'fifo', 'lifo', 'hifo'] as const) {
      const f = computePortfolio(input, { method, rewards: 'income' }).pnl.total.figures;
      expect([f.realized, f.costBasis, f.unrealized, f.totalReturn]).toEqual([9n * TAO, 0n, 0n, 9n * TAO]);
    }
  });
  it('HIFO takes the highest unit cost first; equal unit costs: the later lot first', () => {
    const b = createLotBook('hifo');
    b.acquire(10n, 10n, 0); // unit 1
    b.acquire(10n, 30n, 1); // unit 3
    b.acquire(10n, 20n, 2); // unit 2
    b.acquire(5n, 15n, 3); //  unit 3, later
    // take 8: all of lot 3 (5 α-rao, 15) then 3 of lot 1: floor(30 × 3/10) = 9 → 24
    expect(b.dispose(8n)).toBe(24n);
    // lot 1 now 7 α-rao / 21 rao (unit 3, still highest) → take 7 = 21, then 2 of the unit-2 lot = 4
    expect(b.dispose(9n)).toBe(25n);
    expect(b.lots()).toEqual([
      { alpha: 8n, cost: 16n, order: 2 },
      { alpha: 10n, cost: 10n, order: 0 },
    ]);
    expect([b.alpha(), b.cost()]).toEqual([18n, 26n]);
  });
  it('HIFO heap matches a naive exact highest-unit-cost-first book', () => {
    // Naive reference: pick the lot with the highest exact unit cost (later lot on ties) every time.
    const naive = (lots: { alpha: bigint; cost: bigint; order: number }[], take: bigint): bigint => {
      let need = take;
      let removed = 0n;
      while (need > 0n && lots.length > 0) {
        let best = 0;
        for (let i = 1; i < lots.length; i++) {
          const x = lots[i]!;
          const y = lots[best]!;
          const l = x.cost * y.alpha;
          const r = y.cost * x.alpha;
          if (l > r || (l === r && x.order > y.order)) best = i;
        }
        const lot = lots[best]!;
        if (lot.alpha <= need) {
          need -= lot.alpha;
          removed += lot.cost;
          lots.splice(best, 1);
        } else {
          const part = (lot.cost * need) / lot.alpha;
          lot.alpha -= need;
          lot.cost -= part;
          removed += part;
          need = 0n;
        }
      }
      return removed;
    };
    const op = fc.oneof(
      fc.record({
        buy: fc.constant(true),
        alpha: fc.bigInt({ min: 1n, max: 10n ** 12n }),
        cost: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      }),
      // equal unit costs (ties) and near-ties
      fc
        .tuple(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1 }))
        .map(([a, k, bump]) => ({ buy: true, alpha: a * 1000n, cost: a * 1000n * BigInt(k) + BigInt(bump) })),
      fc.record({ buy: fc.constant(false), alpha: fc.bigInt({ min: 1n, max: 10n ** 12n }), cost: fc.constant(0n) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const book = createLotBook('hifo');
        const ref: { alpha: bigint; cost: bigint; order: number }[] = [];
        let held = 0n;
        ops.forEach((o, i) => {
          if (o.buy) {
            book.acquire(o.alpha, o.cost, i);
            ref.push({ alpha: o.alpha, cost: o.cost, order: i });
            held += o.alpha;
            return;
          }
          const take = o.alpha < held ? o.alpha : held;
          if (take === 0n) return;
          expect(book.dispose(take)).toBe(naive(ref, take));
          held -= take;
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('fiat cost rides with each lot (./lot-base)', () => {
  const methods: CostBasisMethod[] = ['acb', 'fifo', 'lifo', 'hifo'];
  it('a disposal removes the fiat cost of the lots it takes, floored like the τ cost', () => {
    // Lot 1: 10 α-rao, 10 rao, fiat 400; lot 2: 10 α-rao, 10 rao, fiat 300. Take 15.
    // FIFO: 400 + floor(300 × 5/10) = 550; LIFO/HIFO (equal unit cost: later first): 300 + 200 = 500;
    // ACB: floor(700 × 15/20) = 525. The τ cost removed is 15 in every method.
    const want: Record<CostBasisMethod, bigint> = { fifo: 550n, lifo: 500n, hifo: 500n, acb: 525n };
    for (const method of methods) {
      const b = createLotBook(method);
      b.acquire(10n, 10n, 0, 400n);
      b.acquire(10n, 10n, 1, 300n);
      expect([method, b.dispose(15n), b.fiatOut(), b.fiatCost()]).toEqual([
        method,
        15n,
        want[method],
        700n - want[method],
      ]);
    }
  });
  it('carried lots keep their fiat cost; a deficit is covered with the fiat part of what covers it', () => {
    for (const method of methods) {
      const from = createLotBook(method);
      from.acquire(10n, 10n, 0, 400n);
      const to = createLotBook(method);
      // 4 α-rao sold before booked, then the carried 10 arrive: 4 cover the deficit (late τ 4, fiat 160).
      to.dispose(4n);
      expect([method, to.put(from.take(10n)), to.fiatOut(), to.fiatCost(), from.fiatCost()]).toEqual([
        method,
        4n,
        160n,
        240n,
        0n,
      ]);
    }
  });
  it('an unknown fiat cost (no price that day) makes what it is part of unknown, never 0', () => {
    for (const method of methods) {
      const b = createLotBook(method);
      b.acquire(10n, 10n, 0, null);
      b.acquire(10n, 10n, 1, 300n);
      expect([method, b.fiatCost()]).toEqual([method, null]);
      b.dispose(20n);
      expect([method, b.fiatOut(), b.fiatCost()]).toEqual([method, null, 0n]);
    }
  });
  it('fiat removed + fiat left = fiat acquired, in every method', () => {
    const op = fc.record({
      buy: fc.boolean(),
      alpha: fc.bigInt(0n, 1_000n),
      cost: fc.bigInt(0n, 5_000n),
      fiat: fc.bigInt(0n, 9_000n),
    });
    fc.assert(
      fc.property(fc.constantFrom(...methods), fc.array(op, { maxLength: 30 }), (method, ops) => {
        const b = createLotBook(method);
        let acquired = 0n;
        let removed = 0n;
        ops.forEach((o, i) => {
          if (o.buy) b.acquire(o.alpha, o.cost, i, o.fiat);
          else b.dispose(o.alpha);
          const out = b.fiatOut() ?? 0n;
          if (o.buy) acquired += o.fiat;
          removed += out;
        });
        expect(removed + (b.fiatCost() ?? 0n)).toBe(acquired);
      }),
      { numRuns: 300 },
    );
  });
});
