// The portfolio channels on a synced devnet scenario, compared as numbers with the engine run
// directly on the same stored facts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, computePortfolio, taoToFiat } from '../../shared/engine';
import { legFeeTao } from '../../shared/engine/analytics/friction';
import { investorFlows, returnFigures } from '../../shared/engine/analytics/returns';
import type { ApiResponse, ArgsOf, Wallet } from '../../shared/api';
import type { AnalyticsView, PortfolioView, SubnetDetailView } from '../../shared/views';
import { benchmarkIds, costBasisMethods, rewardTreatments } from '../../shared/vocab';
import { syncedScenario, type SyncedScenario } from '../test/synced-scenario';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

const tempDir = useTempDirs();
let sc: SyncedScenario;

function data<T>(r: ApiResponse<unknown>): T {
  if (!('data' in r)) throw new Error(r.error.message);
  return r.data as T;
}

beforeAll(async () => {
  sc = await syncedScenario(tempDir(), 'tiny', 1);
}, 120_000);
afterAll(async () => {
  await sc.close();
});

describe('portfolio:get on the tiny scenario (stake held before the recorded history: an opening balance)', () => {
  it.each(costBasisMethods.flatMap((m) => rewardTreatments.map((r) => [m, r] as const)))(
    '%s / %s: every chart line ends at its card, and the cards are the engine’s',
    async (method, rewards) => {
      const view = data<PortfolioView>(await sc.backend.dispatch('portfolio:get', { method, rewards }));
      const t = view.total.figures;
      expect(t.openingTao).toBeGreaterThan(0n);
      const last = view.daily.at(-1);
      expect(last?.blockNumber).toBe(view.asOfBlock);
      expect(last?.value).toBe(t.spotValue);
      expect(last?.costBasis).toBe(t.costBasis);
      expect(last?.realizedCum).toBe(t.realized);
      expect(last?.incomeCum).toBe(t.incomeTao);
      // the Hold TAO line includes the opening balance: it ends at TAO in − TAO out, the card's value
      expect(last?.netInvested).toBe(t.taoIn - t.taoOut);
      for (const id of benchmarkIds) expect(last?.benchmarks[id]).toBe(view.total.benchmarks?.[id].benchmarkValue);

      const wallets = data<Wallet[]>(await sc.backend.dispatch('wallets:list', undefined));
      const engine = computePortfolio(loadPortfolioInput(sc.backend.db, wallets, 'USD'), { method, rewards });
      expect(t.totalReturn).toBe(engine.pnl.total.figures.totalReturn);
      expect(t.spotValue).toBe(engine.pnl.total.figures.spotValue);
      for (const id of benchmarkIds)
        expect(view.total.benchmarks?.[id].benchmarkValue).toBe(engine.benchmarks?.total[id].benchmarkValue);
      // totals are the sums of the subnets
      for (const id of benchmarkIds)
        expect(view.subnets.reduce((s, x) => s + (x.benchmarks?.[id].excess ?? 0n), 0n)).toBe(
          view.total.benchmarks?.[id].excess,
        );
    },
  );
});

describe('portfolio:analytics on the tiny scenario', () => {
  const analytics = async (args: ArgsOf<'portfolio:analytics'>) =>
    data<AnalyticsView>(await sc.backend.dispatch('portfolio:analytics', args));
  const portfolio = async (args: ArgsOf<'portfolio:get'>) =>
    data<PortfolioView>(await sc.backend.dispatch('portfolio:get', args));

  it('bad arguments change nothing and say why; fiat needs imported prices', async () => {
    expect(await sc.backend.dispatch('portfolio:analytics', { from: '2026-11-21', to: '2026-11-20' })).toMatchObject({
      error: { code: 'invalid-args', field: 'from' },
    });
    expect(await sc.backend.dispatch('portfolio:analytics', { from: '2026-02-30' })).toMatchObject({
      error: { code: 'invalid-args' },
    });
    expect(await sc.backend.dispatch('portfolio:analytics', { currency: 'fiat' })).toMatchObject({
      error: { code: 'invalid-args', field: 'currency' },
    });
  });

  it.each(costBasisMethods.flatMap((m) => rewardTreatments.map((r) => [m, r] as const)))(
    '%s / %s: the cards add up, and the friction split adds up to friction',
    async (method, rewards) => {
      const v = await analytics({ method, rewards });
      const f = (await portfolio({ method, rewards })).total.figures;
      const sum = (xs: { amount: bigint | null }[]) => xs.reduce((s, x) => s + (x.amount ?? 0n), 0n);
      expect(v.addsUp.accounting.total).toBe(f.totalReturn);
      expect(sum(v.addsUp.accounting.terms)).toBe(f.totalReturn);
      expect(v.addsUp.accounting.terms.some((l) => l.id === 'incomeTao')).toBe(rewards === 'income');
      expect(v.addsUp.accounting.memo.map((l) => l.id)).toEqual(rewards === 'zero' ? ['incomeTao'] : []);
      expect(sum(v.addsUp.economic.terms)).toBe(f.totalReturn);
      expect((v.friction.fees ?? 0n) + (v.friction.slippage ?? 0n) + (v.friction.burned ?? 0n)).toBe(f.friction);
      expect(v.returns.totalReturn).toBe(f.totalReturn);
      expect(v.figures.totalReturn).toBe(f.totalReturn);
      expect(v.positions).toHaveLength((await portfolio({ method, rewards })).positions.length);
    },
  );

  it('fees are the fees of the ledger’s legs (α fees at each leg’s spot price)', async () => {
    const v = await analytics({});
    const wallets = data<Wallet[]>(await sc.backend.dispatch('wallets:list', undefined));
    const engine = computePortfolio(loadPortfolioInput(sc.backend.db, wallets, 'USD'), DEFAULT_SETTINGS);
    let fees = 0n;
    for (const e of engine.ledger)
      for (const leg of e.legs) {
        if (leg.basis === 'trade' || leg.basis === 'carry') fees += legFeeTao(leg) ?? 0n;
        if (leg.basis === 'expense' && leg.category === 'feePaid') fees += leg.fee ?? 0n;
      }
    expect(fees).toBeGreaterThan(0n);
    expect(v.friction.fees).toBe(fees);
    expect(v.subnets.reduce((s, x) => s + (x.friction.fees ?? 0n), 0n)).toBe(fees);
  });

  it('returns with their bases, IRR and TWR equal the engine’s on the same daily series', async () => {
    const v = await analytics({});
    const p = await portfolio({});
    const f = p.total.figures;
    const samples = p.daily.map((d) => ({ t: d.t, value: d.value, netInvested: d.netInvested }));
    const engine = returnFigures(f, samples);
    expect(v.returns.netInvested).toBe(f.taoIn - f.taoOut);
    expect(v.returns.pct).toEqual(engine.pct);
    expect(v.returns.pct.netInvested).toBeCloseTo(Number(f.totalReturn) / Number(f.taoIn - f.taoOut), 10);
    expect(v.returns.pct.grossIn).toBeCloseTo(Number(f.totalReturn) / Number(f.taoIn), 10);
    expect(v.returns.timeWeighted).toBe(engine.timeWeighted);
    expect(v.returns.moneyWeighted.period).toBe(engine.moneyWeighted.periodReturn);
    // the rate really discounts the flows to zero
    const flows = investorFlows(samples);
    const t0 = flows[0]!.t;
    const span = flows.at(-1)!.t - t0;
    const rate = v.returns.moneyWeighted.period ?? NaN;
    // one day of history: a period rate, no annual one
    expect(v.returns.moneyWeighted).toMatchObject({ annualised: null, reason: null });
    const npv = flows.reduce((s, c) => s + Number(c.amount) / (1 + rate) ** ((c.t - t0) / span), 0);
    expect(Math.abs(npv) / Number(f.taoIn)).toBeLessThan(1e-9);
    const row = v.performance.rows.find((r) => r.kind === 'portfolio');
    expect(row?.periods.all.value).toBeCloseTo(v.returns.timeWeighted ?? NaN, 12);
    const hold = v.performance.rows.find((r) => r.id === 'holdTao');
    expect(hold?.periods.all.value).toBe(0);
  });

  it('a date range recomputes realized PnL and income: equal to the engine as of the range’s ends', async () => {
    const p = await portfolio({});
    const [first, last] = [p.daily[0]!, p.daily.at(-1)!];
    expect(first.day < last.day).toBe(true);
    const v = await analytics({ from: last.day, to: last.day });
    const before = (await portfolio({ asOfBlock: first.blockNumber })).total.figures;
    expect(v.range.realized).toBe(p.total.figures.realized - before.realized);
    expect(v.range.income).toBe(p.total.figures.incomeTao - before.incomeTao);
    // income per day, week and month all add up to the whole
    const all = await analytics({});
    for (const b of ['day', 'week', 'month'] as const)
      expect(all.income[b].reduce((s, r) => s + (r.total ?? 0n), 0n)).toBe(p.total.figures.incomeTao);
    expect(all.range.income).toBe(p.total.figures.incomeTao);
  });

  it('portfolio:subnet: each line ends at the subnet’s card; exit of 100 % is the exit value card for one wallet, one sale of it all for several', async () => {
    const p = await portfolio({});
    let shared = 0;
    for (const s of p.subnets) {
      const d = data<SubnetDetailView>(await sc.backend.dispatch('portfolio:subnet', { netuid: s.netuid }));
      const last = d.series.at(-1);
      expect(last?.value).toBe(s.figures.spotValue);
      expect(last?.costBasis).toBe(s.figures.costBasis);
      expect(last?.netInvested).toBe(s.figures.taoIn - s.figures.taoOut);
      for (const id of benchmarkIds) expect(last?.benchmarks[id]).toBe(s.benchmarks?.[id].benchmarkValue);
      expect(d.income.day.reduce((x, r) => x + (r.amount ?? 0n), 0n)).toBe(s.figures.incomeTao);
      expect(d.positions.map((x) => x.key).sort()).toEqual([...s.positionKeys].sort());
      // Each devnet subnet has one lifetime: every source of its snapshots read the same registration block.
      expect(d.registeredAgain).toBeNull();
      if (s.netuid !== 0 && s.figures.alpha > 0n) {
        expect(d.exit.map((e) => e.percent)).toEqual([25, 50, 100]);
        const sellers = new Set(
          p.positions.filter((x) => x.netuid === s.netuid && x.holding.available > 0n).map((x) => x.coldkey),
        ).size;
        if (sellers === 1) {
          expect(d.exit[2]?.exitValue).toBe(s.figures.exitValue);
          expect(d.exitEachWallet).toBeNull();
        } else {
          // The card adds each wallet's sale quoted on its own; selling in turn, each sale lowers the price
          // for the next, so one sale of it all returns less, and its cost share is the largest of the rows.
          shared++;
          expect(d.exitEachWallet).toEqual({ wallets: sellers, exitValue: s.figures.exitValue });
          expect(s.holding.exitValue).toBe(s.figures.exitValue);
          expect(d.exit[2]!.exitValue!).toBeLessThan(s.holding.exitValue);
          expect(d.exit[2]!.alpha).toBe(s.holding.available);
        }
        const shares = d.exit.map((e) => e.share!);
        expect([...shares].sort((a, b) => a - b)).toEqual(shares);
        expect(d.priceHistory.length).toBeGreaterThan(0);
        expect(d.priceHistory.at(-1)?.price).toBe(s.price);
      }
    }
    expect(shared).toBeGreaterThan(0);
    expect(await sc.backend.dispatch('portfolio:subnet', { netuid: 999 })).toMatchObject({
      error: { code: 'not-found' },
    });
  });

  it('in fiat: values at the as-of day’s price, each point at its day’s, missing days listed, never guessed', async () => {
    const p = await portfolio({});
    const last = p.daily.at(-1)!;
    const price = 412_50_000_000n; // 412.5 per τ, 1e-8 units
    expect(
      data(await sc.backend.dispatch('fiat:import', { currency: 'USD', csv: `date,price\n${last.day},412.5\n` })),
    ).toMatchObject({ imported: 1 });
    const v = await analytics({ currency: 'fiat' });
    expect(v.unit).toBe('USD');
    expect(v.fiat?.priceAsOf).toBe(price);
    expect(v.fiat?.missingDays).toEqual(p.daily.slice(0, -1).map((d) => d.day));
    expect(v.series.at(-1)?.value).toBe(taoToFiat(last.value, price));
    expect(v.series[0]?.value).toBeNull();
    expect(v.returns.totalReturn).toBe(taoToFiat(p.total.figures.totalReturn, price));
    for (const b of v.benchmarks) {
      expect(b.benchmarkValue).toBe(taoToFiat(p.total.benchmarks![b.id].benchmarkValue, price));
      // the chart line ends at its card in fiat too
      expect(v.series.at(-1)?.benchmarks[b.id]).toBe(b.benchmarkValue);
    }
    // table figures convert at the as-of day's price, per subnet and position too
    expect(v.figures.costBasis).toBe(taoToFiat(p.total.figures.costBasis, price));
    for (const s of v.subnets)
      expect(s.figures.realized).toBe(taoToFiat(p.subnets.find((x) => x.netuid === s.netuid)!.figures.realized, price));
    for (const x of v.positions) {
      const y = p.positions.find((y) => y.key === x.key)!;
      expect(x.figures.spotValue).toBe(taoToFiat(y.figures.spotValue, price));
      expect(x.holdTao).toEqual(y.benchmarks && { excess: taoToFiat(y.benchmarks.holdTao.excess, price) });
    }
    expect(v.positions.some((x) => x.holdTao !== null)).toBe(true);
    expect(v.wallets.length).toBeGreaterThan(0);
    expect(v.wallets.map((w) => w.address)).toEqual(p.wallets.map((w) => w.address));
    for (const w of v.wallets)
      for (const k of ['spotValue', 'costBasis', 'unrealized', 'realized', 'incomeTao'] as const)
        expect(w.figures[k]).toBe(taoToFiat(p.wallets.find((x) => x.address === w.address)!.figures[k], price));
    const terms = v.addsUp.accounting.terms;
    expect(v.addsUp.accounting.total).toBe(terms.reduce((s, l) => s + (l.amount ?? 0n), 0n));
    // Each unexplained change's value then at its checkpoint's day's price (only the last day has one).
    const priced = (ms: number) => new Date(ms).toISOString().slice(0, 10) === last.day;
    expect(v.unexplained).toEqual(p.unexplained.map((u) => (priced(u.timestamp) ? taoToFiat(u.tao, price) : null)));
    expect(new Set(v.unexplained.map((x) => x === null))).toEqual(new Set([true, false]));
    expect((await analytics({})).unexplained).toEqual(p.unexplained.map((u) => u.tao));
    // A subnet's exit rows: each amount converted, the cost their difference (not the τ cost converted).
    let rows = 0;
    for (const s of p.subnets) {
      const subnet = (currency: 'tao' | 'fiat') =>
        sc.backend.dispatch('portfolio:subnet', { netuid: s.netuid, currency }).then(data<SubnetDetailView>);
      const [inTao, inFiat] = [await subnet('tao'), await subnet('fiat')];
      inFiat.exit.forEach((e, i) => {
        rows++;
        const t = inTao.exit[i]!;
        expect([e.spotValue, e.exitValue]).toEqual([taoToFiat(t.spotValue!, price), taoToFiat(t.exitValue!, price)]);
        expect(e.cost).toBe(e.spotValue! - e.exitValue!);
      });
    }
    expect(rows).toBeGreaterThan(0);
  });
});
