// Properties of the analytics over random ledgers (every kind of operation, every runtime row),
// spread over many days so the daily series, ranges and returns have something to say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortfolioInput } from '../index';
import { benchmarkLine } from '../benchmarks';
import { METHODS, build, opArb } from '../testing/random-ledger';
import { T0 } from '../testing/fixtures';
import { benchmarkIds, rewardTreatments } from '../../vocab';
import { computeWithAnalytics } from './compute';
import { dayDeltas, rangeFigures } from './periods';
import { accountingBreakdown, economicBreakdown, investorFlows, irr } from './returns';

const RUNS = { numRuns: 60, seed: 20261202 };
/** 36 minutes per block: each op (10 blocks) is six hours, so fifty ops span about twelve days. */
const MS_PER_BLOCK = 36 * 60_000;

function spread(input: PortfolioInput): PortfolioInput {
  const at = (b: number) => T0 + b * MS_PER_BLOCK;
  return {
    ...input,
    events: input.events.map((e) => ({ ...e, timestamp: at(e.blockNumber) })),
    checkpoints: input.checkpoints.map((c) => ({ ...c, timestamp: at(c.blockNumber) })),
    snapshots: input.snapshots.map((s) => ({ ...s, timestamp: at(s.blockNumber) })),
    rootClaims: (input.rootClaims ?? []).map((r) => ({ ...r, timestamp: at(r.blockNumber) })),
  };
}

const ledgers = fc.array(opArb, { minLength: 1, maxLength: 50 }).map((ops) => spread(build(ops, false)));
const sum = (xs: readonly { amount: bigint }[]) => xs.reduce((s, x) => s + x.amount, 0n);

describe('analytics over random ledgers', () => {
  it('every chart line ends at its card: portfolio and each subnet, every benchmark, every method and treatment', () => {
    fc.assert(
      fc.property(
        ledgers,
        fc.constantFrom(...METHODS),
        fc.constantFrom(...rewardTreatments),
        (input, method, rewards) => {
          const c = computeWithAnalytics(input, { method, rewards });
          const pnl = c.engine.result();
          if (input.events.length === 0 && input.checkpoints.length === 0) {
            expect(c.series).toBeNull();
            return;
          }
          const last = c.series?.daily.at(-1);
          const t = pnl.total.figures;
          expect(last?.blockNumber).toBe(pnl.asOfBlock);
          expect([last?.value, last?.costBasis, last?.realizedCum, last?.incomeCum, last?.netInvested]).toEqual([
            t.spotValue,
            t.costBasis,
            t.realized,
            t.incomeTao,
            t.taoIn - t.taoOut,
          ]);
          for (const id of benchmarkIds) expect(last?.benchmarks[id]).toBe(c.benchmarks.total[id].benchmarkValue);
          for (const s of pnl.subnets) {
            const netuid = Number(s.key.replace(/^SN/, ''));
            const sp = last?.bySubnet.get(netuid);
            expect([sp?.value, sp?.costBasis, sp?.netInvested]).toEqual([
              s.figures.spotValue,
              s.figures.costBasis,
              s.figures.taoIn - s.figures.taoOut,
            ]);
            for (const id of benchmarkIds)
              expect(benchmarkLine(c.benchmarks.units[id], [pnl.asOfBlock], netuid)[0]).toBe(
                c.benchmarks.subnets.get(netuid)?.[id].benchmarkValue,
              );
          }
        },
      ),
      RUNS,
    );
  });

  it('the figures add up in every mode, friction splits exactly, and a range splits into its parts', () => {
    fc.assert(
      fc.property(
        ledgers,
        fc.constantFrom(...METHODS),
        fc.constantFrom(...rewardTreatments),
        (input, method, rewards) => {
          const c = computeWithAnalytics(input, { method, rewards });
          const pnl = c.engine.result();
          const t = pnl.total.figures;
          const acc = accountingBreakdown(t, rewards);
          expect(sum(acc.terms)).toBe(t.totalReturn);
          // for a whole portfolio nothing is left over
          expect(acc.terms.map((l) => l.id)).not.toContain('other');
          let fees = 0n;
          let slippage = 0n;
          let burned = 0n;
          for (const p of c.engine.state.positions.values()) {
            const s = c.observer.split(p);
            expect(s.fees + s.slippage + s.burned).toBe(p.friction);
            fees += s.fees;
            slippage += s.slippage;
            burned += s.burned;
          }
          expect(sum(economicBreakdown(t, { fees, slippage, burned }).terms)).toBe(t.totalReturn);
          const daily = c.series?.daily ?? [];
          const deltas = dayDeltas(daily);
          const whole = rangeFigures(deltas, '2000-01-01', '2100-01-01');
          expect([whole.realized, whole.income]).toEqual([t.realized, t.incomeTao]);
          const mid = daily[Math.floor(daily.length / 2)]?.day ?? '2000-01-01';
          const a = rangeFigures(deltas, '2000-01-01', mid);
          const nextDay = new Date(Date.parse(`${mid}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          const b = rangeFigures(deltas, nextDay, '2100-01-01');
          expect((a.realized ?? 0n) + (b.realized ?? 0n)).toBe(t.realized);
          expect((a.income ?? 0n) + (b.income ?? 0n)).toBe(t.incomeTao);
        },
      ),
      RUNS,
    );
  });

  it('a money-weighted return, when one rate solves, discounts the flows and the value now to zero', () => {
    fc.assert(
      fc.property(ledgers, (input) => {
        const c = computeWithAnalytics(input, { method: 'acb', rewards: 'income' });
        const samples = (c.series?.daily ?? []).map((p) => ({ t: p.t, value: p.value, netInvested: p.netInvested }));
        const flows = investorFlows(samples);
        const r = irr(flows);
        if (r.periodReturn === null) return;
        const t0 = Math.min(...flows.map((f) => f.t));
        const span = Math.max(...flows.map((f) => f.t)) - t0;
        const npv = flows.reduce((s, f) => s + Number(f.amount) / (1 + r.periodReturn) ** ((f.t - t0) / span), 0);
        const scale = flows.reduce((s, f) => s + Math.abs(Number(f.amount)), 0);
        expect(Math.abs(npv) / scale).toBeLessThan(1e-9);
      }),
      RUNS,
    );
  });
});
