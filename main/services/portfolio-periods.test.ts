// Period figures on three weeks of history (the demo scenario), compared as numbers with the engine
// run at other as-of blocks and with the stored snapshots read directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, ArgsOf } from '../../shared/api';
import type { AnalyticsView, PortfolioView } from '../../shared/views';
import { ledgerFactsRepo } from '../db/repos/ledger-facts';
import { syncedScenario, type SyncedScenario } from '../test/synced-scenario';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();
const DAY = 86_400_000;
let sc: SyncedScenario;
let p: PortfolioView;
let v: AnalyticsView;

function data<T>(r: ApiResponse<unknown>): T {
  if (!('data' in r)) throw new Error(r.error.message);
  return r.data as T;
}
const portfolio = async (args: ArgsOf<'portfolio:get'>) =>
  data<PortfolioView>(await sc.backend.dispatch('portfolio:get', args));
const analytics = async (args: ArgsOf<'portfolio:analytics'>) =>
  data<AnalyticsView>(await sc.backend.dispatch('portfolio:analytics', args));

beforeAll(async () => {
  sc = await syncedScenario(tempDir(), 'demo', 1);
  p = await portfolio({});
  v = await analytics({});
}, 300_000);
afterAll(async () => {
  await sc.close();
});

describe('period figures on the demo scenario (three weeks)', () => {
  it('without its daily series (as the pages ask): the same view with daily empty', async () => {
    const slim = await portfolio({ daily: false });
    expect(p.daily.length).toBeGreaterThan(14);
    expect(slim.daily).toEqual([]);
    expect({ ...slim, daily: p.daily }).toEqual(p);
    expect((await portfolio({ daily: true })).daily).toEqual(p.daily);
  });

  it('a week in the middle: realized PnL and income equal the engine as of its two ends', async () => {
    expect(p.daily.length).toBeGreaterThan(14);
    const [before, last] = [p.daily[4]!, p.daily[11]!];
    const week = await analytics({ from: p.daily[5]!.day, to: last.day });
    const atStart = (await portfolio({ asOfBlock: before.blockNumber })).total.figures;
    const atEnd = (await portfolio({ asOfBlock: last.blockNumber })).total.figures;
    expect(week.range.realized).toBe(atEnd.realized - atStart.realized);
    expect(week.range.income).toBe(atEnd.incomeTao - atStart.incomeTao);
    expect(week.range.income).toBeGreaterThan(0n);
  });

  it('income per week: Monday-based buckets that add up to all income', () => {
    const weeks = v.income.week;
    expect(weeks.length).toBeGreaterThanOrEqual(3);
    for (const w of weeks) expect(new Date(`${w.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(weeks.reduce((s, w) => s + (w.total ?? 0n), 0n)).toBe(p.total.figures.incomeTao);
  });

  it('24 h and 7 d price change against the stored snapshots', () => {
    const snaps = ledgerFactsRepo(sc.backend.db).snapshots();
    let checked = 0;
    for (const s of v.subnets) {
      if (s.netuid === 0) continue;
      const mine = snaps.filter((x) => x.netuid === s.netuid && x.blockNumber <= p.asOfBlock);
      const now = mine.at(-1)!;
      for (const [hours, got] of [
        [24, s.priceChange24h],
        [168, s.priceChange7d],
      ] as const) {
        const then = mine.filter((x) => x.timestamp <= p.asOfTimestamp - hours * 3_600_000).at(-1);
        if (!then) expect(got).toBeNull();
        else {
          expect(got).toBeCloseTo(Number(now.price) / Number(then.price) - 1, 9);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it('period returns and risk of the portfolio from its daily returns', () => {
    const row = v.performance.rows.find((r) => r.kind === 'portfolio')!;
    // daily Modified Dietz returns, recomputed from the daily series
    const r: number[] = [];
    let v0 = 0;
    let n0 = 0;
    for (const d of p.daily) {
      const value = Number(d.value);
      const net = Number(d.netInvested);
      const flow = net - n0;
      const den = v0 + Math.max(flow, 0);
      r.push(den <= 0 ? 0 : (value - v0 - flow) / den);
      [v0, n0] = [value, net];
    }
    const growth = r.reduce((g, x) => g * (1 + x), 1);
    expect(row.periods.all.value).toBeCloseTo(growth - 1, 9);
    // 7 d: the days after the day seven days before the last one
    const boundary = new Date(Date.parse(`${p.daily.at(-1)!.day}T00:00:00Z`) - 7 * DAY).toISOString().slice(0, 10);
    const lastWeek = r.slice(p.daily.findIndex((d) => d.day > boundary));
    expect(row.periods['7d'].value).toBeCloseTo(lastWeek.reduce((g, x) => g * (1 + x), 1) - 1, 9);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(row.risk.samples).toBe(r.length);
    expect(row.risk.volatility).toBeCloseTo(sd * Math.sqrt(365), 6);
    expect(v.performance.riskFree.id).toBe('rootYield');
    expect(row.risk.sharpe).toBeCloseTo((mean * 365 - v.performance.riskFree.annualRate) / (sd * Math.sqrt(365)), 6);
    expect(row.risk.maxDrawdown).toBeGreaterThan(0);
  });

  it('the root-stake baseline is the risk-free rate: no Sharpe ratio for it, its risk figures still there', async () => {
    const root = v.performance.rows.find((r) => r.kind === 'benchmark' && r.id === 'rootStake');
    expect(root?.riskFree).toBe(true);
    expect(root?.risk.sharpe).toBeNull();
    expect(root?.risk.volatility).not.toBeNull();
    expect(v.performance.rows.filter((r) => r.riskFree)).toHaveLength(1);
    // With no risk-free rate, root stake is a baseline like the others.
    const zero = await analytics({ riskFree: 'zero' });
    const rootZero = zero.performance.rows.find((r) => r.kind === 'benchmark' && r.id === 'rootStake');
    expect(rootZero?.riskFree).toBe(false);
    expect(rootZero?.risk.sharpe).not.toBeNull();
  });

  it('emission yield of every staked subnet, and the money-weighted return over three weeks', () => {
    for (const s of v.subnets)
      if (s.netuid !== 0 && (s.figures.spotValue ?? 0n) > 0n) expect(s.emissionYield).toBeGreaterThan(0);
    expect(v.returns.moneyWeighted.reason).toBeNull();
    expect(v.returns.moneyWeighted.years).toBeGreaterThan(14 / 365);
  });
});
