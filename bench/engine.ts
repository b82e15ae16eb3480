/**
 * Engine benchmark: 1,000,000 events over 128 subnets and 2,000 positions.
 * Reports a bare pass over the same events (read each event's amounts, sum them per position), the
 * full computation as a multiple of it (five runs of each: first against first, both cold, best against
 * best, median against median; with several methods only the first method's first run is cold), peak memory, the incremental path (events appended one at a
 * time to the kept 1M-event computation, as live sync does) and what recomputing one wallet costs.
 * Run: npm run bench:engine  (= npx tsx bench/engine.ts)
 *   [events]        number of events (default 1,000,000)
 *   --series        include the daily time series in the full computation
 *   --all-methods   time ACB, FIFO, LIFO and HIFO (or --method=fifo for one)
 *   --full-only     skip the one-wallet and on-demand measurements
 *   --analytics     also time the cockpit's engine run and one cockpit query (bench/analytics-pass.ts)
 *   --no-append     skip the incremental path (bench/engine-append.ts: events appended one at a time)
 *   BENCH_RUNS=n    one-wallet recomputations to time (default 30, after 3 warm-up runs)
 * Peak memory is the process's maximum resident set size (getrusage maxRSS), which includes the
 * generated input itself. Timing is wall clock plus process CPU time (the machine may be shared).
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  computePortfolio,
  createEngine,
  type CostBasisMethod,
  type PortfolioInput,
  type StakeEvent,
} from '../shared/engine/index';
import { timeAnalytics } from './analytics-pass';
import { generate } from './engine-input';
import { timeAppend } from './engine-append';

const N_EVENTS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const WITH_SERIES = process.argv.includes('--series');

console.log(
  `node ${process.version}, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
// Release one phase's results before the next so phases do not add up in the memory figures.
v8.setFlagsFromString('--expose-gc');
const forceGc = vm.runInNewContext('gc') as () => void;
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

const tg = performance.now();
const input = generate(N_EVENTS);
sample();
const genMs = performance.now() - tg;
const rssAfterGen = process.memoryUsage().rss;
console.log(
  `generated ${input.events.length.toLocaleString()} events, ${input.checkpoints.length.toLocaleString()} checkpoints, ${input.snapshots.length.toLocaleString()} snapshots in ${genMs.toFixed(0)} ms (rss ${mb(rssAfterGen)})`,
);

/**
 * The bare pass: read each event's amounts and sum them per position (nested maps, as the replay
 * indexes positions). The floor any computation over the same events pays; the full computation
 * is reported as a multiple of it, measured in the same run (machines and load differ).
 */
function barePass(events: readonly StakeEvent[]): { ms: number; cpuMs: number; positions: number; check: bigint } {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const sums = new Map<string, Map<number, Map<string, { tao: bigint; alpha: bigint; fee: bigint }>>>();
  let positions = 0;
  for (const e of events) {
    if (e.hotkey === null || e.netuid === null) continue;
    let byNet = sums.get(e.coldkey);
    if (!byNet) sums.set(e.coldkey, (byNet = new Map()));
    let byHot = byNet.get(e.netuid);
    if (!byHot) byNet.set(e.netuid, (byHot = new Map()));
    let acc = byHot.get(e.hotkey);
    if (!acc) {
      byHot.set(e.hotkey, (acc = { tao: 0n, alpha: 0n, fee: 0n }));
      positions++;
    }
    acc.tao += e.tao;
    acc.alpha += e.alpha;
    acc.fee += e.fee;
  }
  let check = 0n;
  for (const byNet of sums.values())
    for (const byHot of byNet.values()) for (const acc of byHot.values()) check += acc.alpha;
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t, cpuMs: (c.user + c.system) / 1000, positions, check };
}

// Five runs each of the bare pass and of the full computation, compared like for like: the first
// runs (both cold: V8 has not compiled either yet), the best runs (both compiled, the least disturbed
// by GC or a neighbour's burst) and the medians. A full run also pays for collecting the last run's
// result, as a recompute in the app does; that varies most. A cold computation against a compiled bare pass would
// count V8's warm-up as the engine's cost.
const RUNS_EACH = 5;
const bareRuns = Array.from({ length: RUNS_EACH }, () => barePass(input.events));
const bareFirst = bareRuns[0]!;
const byWall = <T extends { ms: number }>(xs: T[]): T[] => [...xs].sort((a, b) => a.ms - b.ms);
const bare = byWall(bareRuns)[0]!;
const bareMedian = byWall(bareRuns)[Math.floor(RUNS_EACH / 2)]!;
console.log(
  `bare pass (read each event's amounts, sum per position): first ${bareFirst.ms.toFixed(0)} ms wall, ${bareFirst.cpuMs.toFixed(0)} ms CPU; best of ${RUNS_EACH} ${bare.ms.toFixed(0)} ms wall, ${bare.cpuMs.toFixed(0)} ms CPU; median ${bareMedian.ms.toFixed(0)} ms wall — ${bare.positions} positions`,
);

const methodArg = process.argv.find((a) => a.startsWith('--method='))?.slice('--method='.length) as
  CostBasisMethod | undefined;
const methods: CostBasisMethod[] = methodArg
  ? [methodArg]
  : process.argv.includes('--all-methods')
    ? ['acb', 'fifo', 'lifo', 'hifo']
    : ['acb'];
let peakFull = 0;
for (const method of methods) {
  const runs: { ms: number; cpuMs: number }[] = [];
  let r: ReturnType<typeof computePortfolio> | null = null;
  for (let i = 0; i < RUNS_EACH; i++) {
    // No forced collection before a run (none precedes the bare pass's either): the last run's result
    // is released and collected when the heap needs it, as in the app.
    r = null;
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    r = computePortfolio(input, {
      method,
      rewards: 'income',
      ...(WITH_SERIES ? { series: { daily: true } } : {}),
    });
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    sample();
    peakFull = Math.max(peakFull, peakRss);
    runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (r === null) throw new Error('no computation ran');
  const first = runs[0]!;
  const best = byWall(runs)[0]!;
  const median = byWall(runs)[Math.floor(RUNS_EACH / 2)]!;
  const x = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  console.log(
    `full computation (${method}${WITH_SERIES ? ', daily series' : ''}): first ${first.ms.toFixed(0)} ms wall = ${x(first.ms, bareFirst.ms)} the bare pass's first; best of ${RUNS_EACH} ${best.ms.toFixed(0)} ms wall = ${x(best.ms, bare.ms)} the bare pass's best; median ${median.ms.toFixed(0)} ms wall = ${x(median.ms, bareMedian.ms)} the bare pass's median; CPU (all threads, incl. GC helpers) first ${first.cpuMs.toFixed(0)} ms = ${x(first.cpuMs, bareFirst.cpuMs)}, best ${best.cpuMs.toFixed(0)} ms = ${x(best.cpuMs, bare.cpuMs)} — ${r.pnl.positions.length} positions, ${r.emissions.length.toLocaleString()} emission intervals, total value ${r.pnl.total.figures.spotValue} rao`,
  );
  const fund = r.benchmarks?.total.validatorFund;
  console.log(
    `  your validator's fund (${(input.basketTwr ?? []).length.toLocaleString()} BasketTwr readings): benchmark value ${fund?.benchmarkValue} rao, excess ${fund?.excess} rao (complete: ${fund?.complete})`,
  );
  r = null;
  forceGc();
}
if (process.argv.includes('--analytics')) timeAnalytics(input, bare.ms);
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `peak RSS (maxRSS) after full computation(s): ${mb(maxRss)} (RSS after generating the input: ${mb(rssAfterGen)}); sampled ${mb(peakFull)}`,
);

if (!process.argv.includes('--no-append') && !process.argv.includes('--full-only')) timeAppend(input);
if (process.argv.includes('--full-only')) process.exit(0);
// What a new computation of one wallet of this history costs (1/COLDKEYS of the events): what a
// change the incremental path refuses (a wallet, a setting, a fact before the folded blocks) pays.
const oneWallet = input.trackedColdkeys[0] as string;
const walletInput: PortfolioInput = {
  ...input,
  trackedColdkeys: [oneWallet],
  events: input.events.filter((e) => e.coldkey === oneWallet),
  checkpoints: input.checkpoints.filter((c) => c.coldkey === oneWallet),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const times: number[] = [];
for (let i = 0; i < RUNS + 3; i++) {
  const t = performance.now();
  const r = createEngine(walletInput, { method: 'acb', rewards: 'income' }).result();
  if (r.total.figures.spotValue < 0n) console.log('negative value');
  if (i >= 3) times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const q = (f: number): string => (times[Math.min(times.length - 1, Math.floor(f * times.length))] as number).toFixed(1);
console.log(
  `one wallet computed anew (${walletInput.events.length.toLocaleString()} events, ${walletInput.checkpoints.length.toLocaleString()} checkpoints), ${RUNS} runs after 3 warm-up: median ${q(0.5)} ms, p99 ${q(0.99)} ms`,
);
const engine = createEngine(input, { method: 'acb', rewards: 'income' });
const existing = [...engine.state.positions.values()];
sample();
// On-demand work (exports, drill-down) materialises the ledger once.
const tl = performance.now();
const ledgerLen = engine.ledger().length;
const ledgerMs = performance.now() - tl;
const anyKey = (existing[0] as (typeof existing)[number]).key;
const td = performance.now();
const drill = engine.drillDown(anyKey, 'realized');
const drillMs = performance.now() - td;
console.log(
  `on demand: ledger materialised (${ledgerLen.toLocaleString()} entries) in ${ledgerMs.toFixed(0)} ms; drill-down of one position's realized PnL (${drill?.entries.length ?? 0} entries) in ${drillMs.toFixed(0)} ms`,
);
sample();
clearInterval(sampler);
console.log(
  `peak RSS (maxRSS) overall ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}; heap used now ${mb(process.memoryUsage().heapUsed)}`,
);
