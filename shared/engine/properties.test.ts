import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ADDITIVE_KEYS,
  computePortfolio,
  type CostBasisMethod,
  type PortfolioInput,
  type PortfolioResult,
  taxRows,
} from './index';
import { METHODS, build, opArb, specArb, type Op } from './testing/random-ledger';

const run = (input: PortfolioInput, method: CostBasisMethod, rewards: 'income' | 'zero' = 'income'): PortfolioResult =>
  computePortfolio(input, { method, rewards });

const opsArb = fc.array(opArb, { minLength: 1, maxLength: 40 });
const RUNS = { numRuns: 150 };

describe('properties over random ledgers', () => {
  it('α conservation per position (and equals the final checkpoint α)', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const input = build(ops, false);
        const r = run(input, 'fifo');
        const last = new Map<string, bigint>();
        for (const c of input.checkpoints) last.set(`${c.coldkey}|${c.hotkey}|${c.netuid}`, c.alpha);
        for (const p of r.pnl.positions) {
          const f = p.figures;
          const derived =
            f.alphaBought -
            f.alphaSold +
            f.alphaTransferredIn -
            f.alphaTransferredOut +
            f.alphaEmitted -
            f.alphaUnexplained +
            f.alphaUnexplainedIn +
            f.alphaRootClaim -
            f.alphaFeePaid -
            f.alphaBurned +
            f.alphaOpening;
          expect(f.alpha).toBe(derived);
          expect(f.alpha).toBe(last.get(p.key) ?? 0n);
        }
      }),
      RUNS,
    );
  });

  it('realized + unrealized = proceeds + value − cost, per subnet and in total, for every method', () => {
    fc.assert(
      fc.property(opsArb, fc.constantFrom<'income' | 'zero'>('income', 'zero'), (ops, rewards) => {
        const input = build(ops, false);
        for (const m of METHODS) {
          const r = run(input, m, rewards);
          for (const a of [...r.pnl.subnets, r.pnl.total]) {
            const f = a.figures;
            expect(f.realized + f.unrealized).toBe(
              f.proceeds + f.spotValue - f.costAcquired - f.costCarriedIn + f.costCarriedOut,
            );
          }
          const t = r.pnl.total.figures;
          expect(t.costCarriedIn).toBe(t.costCarriedOut);
        }
      }),
      RUNS,
    );
  });

  it('every runtime reads back the gross TAO paid and the gross α that left', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            tao: fc.integer({ min: 1, max: 100_000 }),
            spec: specArb,
            pct: fc.integer({ min: 1, max: 100 }),
            sellSpec: specArb,
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (rows) => {
          const ops: Op[] = rows.flatMap((r) => [
            { t: 'buy' as const, c: 0, h: 0, n: 1, tao: r.tao, spec: r.spec },
            { t: 'sell' as const, c: 0, h: 0, n: 1, pct: r.pct, spec: r.sellSpec },
          ]);
          const input = build(ops, false);
          const f = run(input, 'acb').pnl.total.figures;
          const paid = rows.reduce((s, r) => s + BigInt(r.tao) * 1_000_000n, 0n);
          const bought = input.events.filter((e) => e.kind === 'StakeAdded').reduce((s, e) => s + e.alpha, 0n);
          expect(f.taoIn).toBe(paid);
          expect(f.alphaBought).toBe(bought);
          expect(f.alpha).toBe(input.checkpoints[input.checkpoints.length - 1]?.alpha ?? 0n);
          expect(f.alphaEmitted).toBe(0n);
          expect(f.alphaUnexplained).toBe(0n);
          expect(f.alphaUnexplainedIn).toBe(0n);
        },
      ),
      RUNS,
    );
  });

  it('totals are sums of parts (positions, subnets, wallets)', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const r = run(build(ops, false), 'lifo');
        for (const k of ADDITIVE_KEYS) {
          const t = r.pnl.total.figures[k];
          expect(r.pnl.positions.reduce((s, p) => s + p.figures[k], 0n)).toBe(t);
          expect(r.pnl.subnets.reduce((s, p) => s + p.figures[k], 0n)).toBe(t);
          expect(r.pnl.wallets.reduce((s, p) => s + p.figures[k], 0n)).toBe(t);
        }
      }),
      RUNS,
    );
  });

  it('the method changes timing, not the all-time total', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const open = build(ops, false);
        const closed = build(ops, true);
        const totals = METHODS.map((m) => {
          const o = run(open, m).pnl.total.figures;
          const c = run(closed, m).pnl.total.figures;
          return {
            openTotal: o.realized + o.unrealized,
            closedRealized: c.realized,
            closedCost: c.costBasis,
            closedUnrealized: c.unrealized,
          };
        });
        for (const t of totals) {
          expect(t.openTotal).toBe(totals[0]?.openTotal);
          expect(t.closedRealized).toBe(totals[0]?.closedRealized);
          expect(t.closedCost).toBe(0n);
          expect(t.closedUnrealized).toBe(0n);
        }
      }),
      RUNS,
    );
  });

  it('"Hold TAO" excess equals total PnL in TAO and splits exactly into price + emission + friction', () => {
    fc.assert(
      fc.property(opsArb, fc.constantFrom<CostBasisMethod>(...METHODS), (ops, m) => {
        const r = run(build(ops, false), m);
        const t = r.pnl.total.figures;
        const b = r.benchmarks?.total.holdTao;
        expect(b).toBeDefined();
        if (!b) return;
        expect(b.excess).toBe(t.totalReturn);
        expect(b.excess).toBe(t.realized + t.unrealized + t.incomeTao);
        expect(b.priceEffect + b.emissionEffect + b.frictionEffect).toBe(b.excess);
        expect(b.emissionEffect).toBe(t.incomeTao);
        for (const [key, pb] of r.benchmarks?.positions ?? []) {
          const pf = r.pnl.positions.find((p) => p.key === key)?.figures;
          expect(pb.holdTao.excess).toBe(pf?.totalReturn);
        }
      }),
      RUNS,
    );
  });

  it('tax rows balance: α per subnet and TAO as the ledger moved them; reward worth = income', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const r = run(build(ops, false), 'fifo');
        const bal = new Map<string, bigint>();
        const add = (c: string, v: bigint | null): void => void bal.set(c, (bal.get(c) ?? 0n) + (v ?? 0n));
        let reward = 0n;
        for (const x of taxRows(r.ledger, r.emissions, [], r.openings)) {
          if (x.label === 'reward') reward += x.worthTao ?? 0n;
          add(x.receivedCurrency, x.receivedAmount);
          add(x.sentCurrency, x.sentAmount === null ? null : -x.sentAmount);
          add(x.feeCurrency, x.feeAmount === null ? null : -x.feeAmount);
        }
        expect(reward).toBe(r.pnl.total.figures.incomeTao);
        // Opening balances and unexplained increases are deposits, unexplained decreases are α lost: the
        // rows of each subnet add up to the α held.
        for (const s of r.pnl.subnets) expect(bal.get(`SN${s.key.replace(/\D/g, '')}`) ?? 0n).toBe(s.figures.alpha);
        // TAO: paid gross for stake, received net from unstakes, as the ledger says (fees apart count once).
        let tao = 0n;
        for (const e of r.ledger) {
          if (e.kind === 'buy') tao -= e.firstLeg.tao;
          if (e.kind === 'sell' || e.kind === 'dissolution') tao += e.firstLeg.tao;
        }
        expect(bal.get('TAO') ?? 0n).toBe(tao);
      }),
      RUNS,
    );
  });

  it('at $10 a TAO every day (1 fiat unit = 1 rao, no rounding) the fiat figures are the τ ones, in every method', () => {
    // Each lot's fiat cost is then its τ cost and takes the same floors, so realizedFiat, costBasisFiat,
    // unrealizedFiat and incomeFiat must equal realized, costBasis, unrealized and incomeTao exactly: through
    // partial disposals, carries, deficits covered late, emissions, openings and both reward treatments.
    fc.assert(
      fc.property(opsArb, fc.constantFrom<'income' | 'zero'>('income', 'zero'), (ops, rewards) => {
        const input = build(ops, false);
        const times = [...input.events, ...input.checkpoints, ...input.snapshots].map((x) => x.timestamp);
        const first = Math.floor(Math.min(...times) / 86_400_000);
        const last = Math.floor(Math.max(...times) / 86_400_000);
        const fiatPrices = [];
        for (let d = first; d <= last; d++)
          fiatPrices.push({ date: new Date(d * 86_400_000).toISOString().slice(0, 10), price: 1_000_000_000n });
        for (const m of METHODS) {
          const r = computePortfolio({ ...input, fiatPrices }, { method: m, rewards });
          expect(r.pnl.fiatMissingDays).toEqual([]);
          for (const a of [...r.pnl.positions, ...r.pnl.subnets, r.pnl.total]) {
            const f = a.figures;
            expect([f.realizedFiat, f.costBasisFiat, f.unrealizedFiat, f.incomeFiat]).toEqual([
              f.realized,
              f.costBasis,
              f.unrealized,
              f.incomeTao,
            ]);
          }
        }
      }),
      RUNS,
    );
  });
});
