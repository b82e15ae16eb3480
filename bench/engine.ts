/**
 * Engine benchmark: 1,000,000 events over 128 subnets and 2,000 positions.
 * Reports full computation time, peak memory and the time to add one event (incremental path).
 * Run: npm run bench:engine  (= npx tsx bench/engine.ts)
 *   [events]        number of events (default 1,000,000)
 *   --series        include the daily time series in the full computation
 *   --all-methods   time ACB, FIFO, LIFO and HIFO (or --method=fifo for one)
 *   --full-only     skip the incremental measurement
 *   BENCH_ADDS=n    number of single-event adds to time (default 1000, after 100 warm-up adds)
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
import type { PositionCheckpoint } from '../shared/engine/emissions';
import type { SubnetSnapshot } from '../shared/engine/prices';

const N_EVENTS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const WITH_SERIES = process.argv.includes('--series');
const SUBNETS = 128;
const POSITIONS = 2_000;
const COLDKEYS = 40;
const EVENTS_PER_BLOCK = 5;
const A = 1_000_000_000n;
const T0 = Date.UTC(2025, 9, 1);

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 42;
function rnd(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Pos {
  cold: string;
  hot: string;
  netuid: number;
  alpha: bigint;
}

function generate(): PortfolioInput {
  const colds = Array.from({ length: COLDKEYS }, (_, i) => `5Cold${i.toString().padStart(4, '0')}`);
  const hots = Array.from({ length: 200 }, (_, i) => `5Hot${i.toString().padStart(4, '0')}`);
  const positions: Pos[] = [];
  const seen = new Set<string>();
  while (positions.length < POSITIONS) {
    const cold = colds[Math.floor(rnd() * COLDKEYS)] as string;
    const hot = hots[Math.floor(rnd() * hots.length)] as string;
    const netuid = positions.length < SUBNETS ? positions.length : Math.floor(rnd() * SUBNETS);
    const k = `${cold}|${hot}|${netuid}`;
    if (seen.has(k)) continue;
    seen.add(k);
    positions.push({ cold, hot, netuid, alpha: 0n });
  }
  const price = Array.from({ length: SUBNETS }, (_, n) =>
    n === 0 ? A : BigInt(Math.floor(5_000_000 + rnd() * 100_000_000)),
  );
  const events: StakeEvent[] = [];
  const checkpoints: PositionCheckpoint[] = [];
  const snapshots: SubnetSnapshot[] = [];
  const lastBlock = Math.ceil(N_EVENTS / EVENTS_PER_BLOCK);
  const snapEvery = 7_200; // one per subnet per day
  // One object literal shape for every event (spreads would create slow, large dictionary objects).
  const mk = (
    block: number,
    idx: number,
    ext: number,
    kind: StakeEvent['kind'],
    p: Pos,
    tao: bigint,
    alpha: bigint,
    fee: bigint,
    destNetuid: number | null = null,
  ): StakeEvent => ({
    blockNumber: block,
    blockHash: '0x',
    timestamp: T0 + block * 12_000,
    specVersion: 320,
    extrinsicIndex: ext,
    eventIndex: idx,
    kind,
    coldkey: p.cold,
    counterpartyColdkey: null,
    hotkey: p.hot,
    netuid: p.netuid,
    destHotkey: null,
    destNetuid,
    tao,
    alpha,
    fee,
    feeUnit: null,
  });
  const sameKey = new Map<string, Pos[]>();
  for (const p of positions) {
    const k = `${p.cold}|${p.hot}`;
    const l = sameKey.get(k) ?? [];
    l.push(p);
    sameKey.set(k, l);
  }
  let block = 1;
  let inBlock = 0;
  while (events.length < N_EVENTS) {
    if (inBlock >= EVENTS_PER_BLOCK) {
      block++;
      inBlock = 0;
      if (block % snapEvery === 0) {
        for (let n = 0; n < SUBNETS; n++) {
          price[n] = n === 0 ? A : ((price[n] as bigint) * BigInt(900 + Math.floor(rnd() * 200))) / 1000n;
          snapshots.push({
            blockNumber: block,
            timestamp: T0 + block * 12_000,
            netuid: n,
            taoIn: (price[n] as bigint) * 1_000_000n,
            alphaIn: 1_000_000n * A,
            alphaOut: 500_000n * A,
            price: price[n] as bigint,
            specVersion: 320,
          });
        }
        for (const p of positions) {
          if (p.alpha > 0n) {
            p.alpha += p.alpha / 200n;
            checkpoints.push({
              blockNumber: block,
              timestamp: T0 + block * 12_000,
              coldkey: p.cold,
              hotkey: p.hot,
              netuid: p.netuid,
              alpha: p.alpha,
            });
          }
        }
      }
    }
    const p = positions[Math.floor(rnd() * POSITIONS)] as Pos;
    const pr = price[p.netuid] as bigint;
    const r = rnd();
    if (r < 0.6 || p.alpha === 0n) {
      const tao = BigInt(Math.floor(1e9 + rnd() * 1e11));
      const fee = p.netuid === 0 ? 0n : (tao * 33n) / 65535n;
      const alpha = ((tao - fee) * A) / pr;
      events.push(mk(block, inBlock, inBlock, 'StakeAdded', p, tao, alpha, fee));
      p.alpha += alpha;
      inBlock++;
    } else if (r < 0.9 || events.length + 3 > N_EVENTS) {
      const alpha = p.alpha / BigInt(2 + Math.floor(rnd() * 5));
      const fee = p.netuid === 0 ? 0n : (alpha * 33n) / 65535n;
      events.push(mk(block, inBlock, inBlock, 'StakeRemoved', p, ((alpha - fee) * pr) / A, alpha, fee));
      p.alpha -= alpha;
      inBlock++;
    } else {
      // cross-subnet swap: StakeRemoved + StakeAdded + StakeSwapped in one extrinsic
      const q = (sameKey.get(`${p.cold}|${p.hot}`) ?? []).find((x) => x.netuid !== p.netuid);
      const alpha = p.alpha / 3n;
      if (!q || alpha === 0n) continue;
      const fee = p.netuid === 0 ? 0n : (alpha * 33n) / 65535n;
      const tao = ((alpha - fee) * pr) / A;
      const a2 = (tao * A) / (price[q.netuid] as bigint);
      const ext = 100 + inBlock;
      events.push(mk(block, inBlock, ext, 'StakeRemoved', p, tao, alpha, fee));
      events.push(mk(block, inBlock + 1, ext, 'StakeAdded', q, tao, a2, 0n));
      events.push(mk(block, inBlock + 2, ext, 'StakeSwapped', p, tao, 0n, 0n, q.netuid));
      p.alpha -= alpha;
      q.alpha += a2;
      inBlock += 3;
    }
  }
  void lastBlock;
  return { trackedColdkeys: colds, events, checkpoints, snapshots, currentSpecVersion: 320 };
}

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
const input = generate();
sample();
const genMs = performance.now() - tg;
const rssAfterGen = process.memoryUsage().rss;
console.log(
  `generated ${input.events.length.toLocaleString()} events, ${input.checkpoints.length.toLocaleString()} checkpoints, ${input.snapshots.length.toLocaleString()} snapshots in ${genMs.toFixed(0)} ms (rss ${mb(rssAfterGen)})`,
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
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  let r: ReturnType<typeof computePortfolio> | null = computePortfolio(input, {
    method,
    rewards: 'income',
    ...(WITH_SERIES ? { series: { daily: true } } : {}),
  });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  sample();
  peakFull = Math.max(peakFull, peakRss);
  console.log(
    `full computation (${method}${WITH_SERIES ? ', daily series' : ''}): ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (all threads, incl. GC helpers) — ${r.pnl.positions.length} positions, ${r.emissions.length.toLocaleString()} emission intervals, total value ${r.pnl.total.figures.spotValue} rao`,
  );
  r = null;
  forceGc();
}
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  `peak RSS (maxRSS) after full computation(s): ${mb(maxRss)} (RSS after generating the input: ${mb(rssAfterGen)}); sampled ${mb(peakFull)}`,
);

if (process.argv.includes('--full-only')) process.exit(0);
const engine = createEngine(input, { method: 'acb', rewards: 'income' });
sample();
let block = engine.state.lastBlock + 1;
const existing = [...engine.state.positions.values()];
const WARMUP = 100;
const RUNS = Number(process.env.BENCH_ADDS ?? 1000);
const times: number[] = [];
const cpuTimes: number[] = [];
let warmMax = 0;
for (let i = 0; i < WARMUP + RUNS; i++) {
  const p = existing[(i * 7919) % existing.length] as (typeof existing)[number];
  const e: StakeEvent = {
    blockNumber: block,
    blockHash: '0x',
    timestamp: T0 + block * 12_000,
    specVersion: 320,
    extrinsicIndex: 1,
    eventIndex: 0,
    kind: i % 2 === 0 ? 'StakeAdded' : 'StakeRemoved',
    coldkey: p.coldkey,
    counterpartyColdkey: null,
    hotkey: p.hotkey,
    netuid: p.netuid,
    destHotkey: null,
    destNetuid: null,
    tao: 1_000_000_000n,
    alpha: 100_000_000n,
    fee: 0n,
    feeUnit: null,
  };
  const t = performance.now();
  const c0 = process.cpuUsage();
  engine.addEvents([e]);
  if (engine.result().total.figures.spotValue < 0n) console.log('negative value');
  const dt = performance.now() - t;
  const c = process.cpuUsage(c0);
  if (i < WARMUP) warmMax = Math.max(warmMax, dt);
  else {
    times.push(dt);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  block++;
}
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
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const q = (f: number, xs = times): string =>
  (xs[Math.min(xs.length - 1, Math.floor(f * xs.length))] as number).toFixed(2);
console.log(
  `add one event (apply + recompute touched book + aggregates + result), ${RUNS} adds after ${WARMUP} warm-up: median ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms (warm-up max ${warmMax.toFixed(2)} ms); CPU per add: median ${q(0.5, cpuTimes)} ms, p95 ${q(0.95, cpuTimes)} ms`,
);
console.log(
  `peak RSS (maxRSS) overall ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}; heap used now ${mb(process.memoryUsage().heapUsed)}`,
);
