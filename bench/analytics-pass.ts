// `npm run bench:engine -- --analytics`: what the cockpit costs on the benchmark's history: the
// engine run with the daily series and the replay observer (computeWithAnalytics, what the portfolio
// service runs once per settings), then a cockpit query (returns, IRR, period returns and risk of the
// portfolio and every subnet and benchmark, income per day/week/month, a date range), which reads
// days only and is what a new range or currency costs.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import type { PortfolioInput } from '../shared/engine/index';
import { computeWithAnalytics } from '../shared/engine/analytics/compute';
import { INDEX_SCALE, indexAt } from '../shared/engine/analytics/indexes';
import { periodReturns, riskFigures } from '../shared/engine/analytics/performance';
import { dayDeltas, incomeByBucket, rangeFigures } from '../shared/engine/analytics/periods';
import { chain, returnFigures, sampleReturns, type FlowSample } from '../shared/engine/analytics/returns';
import { benchmarkIds, incomeBuckets } from '../shared/vocab';

export function timeAnalytics(input: PortfolioInput, bareMs: number): void {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const c = computeWithAnalytics(input, { method: 'acb', rewards: 'income' });
  const ms = performance.now() - t;
  const cpuMs = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000;
  const daily = c.series?.daily ?? [];
  console.log(
    `engine run for the cockpit (figures + benchmarks + daily series + friction observer, acb): ${ms.toFixed(0)} ms wall = ${(ms / bareMs).toFixed(1)}× the bare pass, ${cpuMs.toFixed(0)} ms CPU — ${daily.length} days`,
  );

  const q = performance.now();
  const total = c.engine.result().total.figures;
  const samples: FlowSample[] = daily.map((p) => ({ t: p.t, value: p.value, netInvested: p.netInvested }));
  const growthOf = (xs: FlowSample[]) => chain(sampleReturns(xs)).map((g, i) => ({ ...daily[i]!, growth: g }));
  const from = daily[0]?.day ?? '';
  const to = daily.at(-1)?.day ?? '';
  returnFigures(total, samples);
  const rows = [growthOf(samples)];
  const netuids = new Set(daily.flatMap((p) => [...p.bySubnet.keys()]));
  for (const n of netuids)
    rows.push(
      growthOf(
        daily.map((p) => ({
          t: p.t,
          value: p.bySubnet.get(n)?.value ?? 0n,
          netInvested: p.bySubnet.get(n)?.netInvested ?? 0n,
        })),
      ),
    );
  for (const id of benchmarkIds) {
    const idx = c.benchmarks.units[id].index;
    rows.push(daily.map((p) => ({ ...p, growth: Number(indexAt(idx, p.blockNumber)) / Number(INDEX_SCALE) })));
  }
  for (const g of rows) {
    periodReturns(g);
    riskFigures(g, from, to, 0);
  }
  const deltas = dayDeltas(daily);
  for (const b of incomeBuckets) incomeByBucket(deltas, b);
  rangeFigures(deltas, from, to);
  console.log(
    `cockpit query (returns, IRR, period returns and risk for the portfolio, ${netuids.size} subnets and ${benchmarkIds.length} benchmarks, income buckets, a range): ${(performance.now() - q).toFixed(0)} ms wall`,
  );
}
