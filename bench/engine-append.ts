/**
 * The incremental path under live sync (bench:engine part): a 1M-event history is computed once, then
 * events are appended one extrinsic at a time, each in a new block after everything folded (what live
 * sync brings when it follows the chain), through `Engine.append`. Reports the cost per appended
 * event (median, p99; wall clock and process CPU time, which also counts GC helper threads), also with
 * the cockpit's benchmarks and series recomputed after each.
 * Alone: npx tsx bench/engine-append.ts [events]  (default 300,000; BENCH_APPEND=cockpit times only the
 * cockpit runs, e.g. under `node --cpu-prof --import tsx`; BENCH_APPEND_POOLS=only only the one whose
 * blocks also carry every subnet's pool snapshot, as live sync records them; BENCH_APPEND=priced only
 * `Engine.append` with those snapshots, no other engine in the heap; with it, BENCH_APPEND_GAP=turn or
 * =<ms> lets the event loop turn, or sleeps, before each append, as live sync does: `timePricedWithGaps`).
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { computeWithAnalytics } from '../shared/engine/analytics/compute';
import {
  createEngine,
  type Engine,
  type FactsDelta,
  type PortfolioInput,
  type StakeEvent,
} from '../shared/engine/index';
import type { SubnetSnapshot } from '../shared/engine/prices';
import { pathToFileURL } from 'node:url';
import { generate, movedEvent } from './engine-input';

/** The history without its last `tail` events, and those events regrouped one extrinsic per new block. */
function splitTail(input: PortfolioInput, tail: number): { head: PortfolioInput; steps: StakeEvent[][] } {
  const cut = input.events.length - tail;
  const headEvents = input.events.slice(0, cut);
  const lastHeadBlock = (headEvents.at(-1) as StakeEvent).blockNumber;
  const head: PortfolioInput = {
    ...input,
    events: headEvents,
    checkpoints: input.checkpoints.filter((c) => c.blockNumber <= lastHeadBlock),
    snapshots: input.snapshots.filter((s) => s.blockNumber <= lastHeadBlock),
  };
  const steps: StakeEvent[][] = [];
  let block = lastHeadBlock;
  let prev: StakeEvent | null = null;
  for (const e of input.events.slice(cut)) {
    if (!prev || e.blockNumber !== prev.blockNumber || e.extrinsicIndex !== prev.extrinsicIndex) {
      block++;
      steps.push([]);
    }
    prev = e;
    const timestamp = e.timestamp + (block - e.blockNumber) * 12_000;
    (steps.at(-1) as StakeEvent[]).push(movedEvent(e, block, timestamp));
  }
  return { head, steps };
}

/** Appends left out of the steady-state figure (Engine.append; the cockpit run, which is slower, fewer). */
const WARM = 500;
const COCKPIT_WARM = 20;

const pct = (xs: number[], f: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(f * s.length))] as number;
};

const PRICED = "  Engine.append (fold + figures), each block with every subnet's pool";

/** An append and the result live sync reads after it (false: refused). */
const appendAndRead =
  (engine: Engine) =>
  (delta: FactsDelta): boolean => {
    const ok = engine.append(delta);
    engine.result();
    return ok;
  };

/** Per-event wall and CPU time of timed appends, and their report. */
function appendTimings(): {
  time: (delta: FactsDelta, append: (delta: FactsDelta) => boolean) => void;
  report: (label: string, warm: number) => void;
} {
  const wall: number[] = [];
  const cpu: number[] = [];
  let refused = 0;
  let appended = 0;
  return {
    time(delta, append) {
      const n = delta.events.length;
      appended += n;
      const t = performance.now();
      const c = process.cpuUsage();
      if (!append(delta)) refused++;
      const used = process.cpuUsage(c);
      wall.push((performance.now() - t) / n);
      cpu.push((used.user + used.system) / 1000 / n);
    },
    report(label, warm) {
      const fig = (xs: number[]): string =>
        `median ${pct(xs, 0.5).toFixed(3)} ms, p99 ${pct(xs, 0.99).toFixed(3)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
      console.log(
        `${label}: ${wall.length.toLocaleString()} appends (${appended.toLocaleString()} events, one extrinsic per new block${refused ? `, ${refused} refused` : ''}); per event wall ${fig(wall)}; CPU ${fig(cpu)}`,
      );
      // V8 compiles the append path on background threads during the first few hundred appends, and the
      // process CPU time above counts those threads: the later appends show the steady cost.
      if (wall.length > 2 * warm)
        console.log(
          `    after the first ${warm} appends (code compiled): per event wall median ${pct(wall.slice(warm), 0.5).toFixed(3)} ms, p99 ${pct(wall.slice(warm), 0.99).toFixed(3)} ms; CPU median ${pct(cpu.slice(warm), 0.5).toFixed(3)} ms, p99 ${pct(cpu.slice(warm), 0.99).toFixed(3)} ms`,
        );
    },
  };
}

/** Each step's facts: its events and, `withPools`, every subnet's pool moved (made before the step's timing). */
function deltas(head: PortfolioInput, steps: StakeEvent[][], withPools: boolean): Generator<FactsDelta> {
  const pools = latestPools(head.snapshots);
  return (function* () {
    for (const events of steps)
      yield { events, checkpoints: [], snapshots: withPools ? movedPools(pools, events[0] as StakeEvent) : [] };
  })();
}

export function timeAppend(input: PortfolioInput, tail = 2_000, cockpitSteps = 100): void {
  const { head, steps } = splitTail(input, tail);
  // Each step's facts are made before its timing starts: the engine's append is measured, not the making
  // of its input (live sync reads it from SQLite).
  const perEvent = (
    label: string,
    n: number,
    withPools: boolean,
    append: (delta: FactsDelta) => boolean,
    warm = WARM,
  ): void => {
    const timings = appendTimings();
    for (const delta of deltas(head, steps.slice(0, n), withPools)) timings.time(delta, append);
    timings.report(label, warm);
  };
  const mode = process.env.BENCH_APPEND;
  if (mode !== 'cockpit' && mode !== 'priced') {
    const t0 = performance.now();
    const engine = createEngine(head, { method: 'acb', rewards: 'income' });
    console.log(
      `incremental path: history of ${head.events.length.toLocaleString()} events computed in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    perEvent('  Engine.append (fold + figures)', steps.length, false, appendAndRead(engine));
  }
  if (mode !== 'cockpit') {
    // The same with what live sync records at a change block besides its events: every subnet's pool
    // (below), so every position is repriced (the portfolio view's figures; not the cockpit's).
    const priced = createEngine(head, { method: 'acb', rewards: 'income' });
    perEvent(PRICED, steps.length, true, appendAndRead(priced));
  }
  const cockpit = (label: string, withPools: boolean): void => {
    let run = computeWithAnalytics(head, { method: 'acb', rewards: 'income' });
    perEvent(
      label,
      cockpitSteps,
      withPools,
      (delta) => {
        const next = run.append(delta);
        if (next) run = next;
        return next !== null;
      },
      COCKPIT_WARM,
    );
  };
  // After each append the benchmark set visits only the positions the block touched and their subnets
  // (shared/engine/benchmark-set.ts); the series' as-of point comes from running sums and the closed days'
  // chart lines are kept (shared/engine/series-point.ts, series-lines.ts). Its first appends pay for compiling that path.
  if (mode === 'priced') return;
  if (process.env.BENCH_APPEND_POOLS !== 'only')
    cockpit('  with benchmarks and the daily series refreshed (the cockpit run)', false);
  // What live sync records at a change block: besides the events, a pool snapshot of every subnet
  // (main/sync/checkpoints.ts poolsFromState), at a price that moved. Every subnet's price and the
  // subnet indexes change, so every position's benchmark figures are recomputed.
  cockpit('  the cockpit run, each block also with a pool snapshot of every subnet (as sync records)', true);
}

/**
 * The priced append as live sync makes it: sync waits for the node between two blocks, so the event loop
 * turns before each append, and V8 runs a young-generation collection that the last append made due there
 * (a task), not inside the next append as in the loops above. `turn`: one turn of the event loop
 * (setImmediate) before each append; a number: that many ms asleep before each, after which this
 * history's data are colder in the CPU's caches (live sync on a quiet chain sleeps a block, 12 s).
 */
export async function timePricedWithGaps(input: PortfolioInput, gap: 'turn' | number, tail = 2_000): Promise<void> {
  const { head, steps } = splitTail(input, tail);
  const append = appendAndRead(createEngine(head, { method: 'acb', rewards: 'income' }));
  const pause = (): Promise<void> =>
    new Promise((resolve) => (gap === 'turn' ? setImmediate(resolve) : setTimeout(resolve, gap)));
  const timings = appendTimings();
  for (const delta of deltas(head, steps, true)) {
    await pause();
    timings.time(delta, append);
  }
  timings.report(`${PRICED}, ${gap === 'turn' ? 'the event loop turning' : `${gap} ms asleep`} before each`, WARM);
}

/** `BENCH_APPEND_GAP`: "turn" or a whole number of milliseconds. */
function gapOf(value: string): 'turn' | number {
  if (value === 'turn') return value;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(`BENCH_APPEND_GAP must be "turn" or a whole number of ms, not "${value}"`);
  return ms;
}

/** The last snapshot of each subnet. */
function latestPools(snapshots: readonly SubnetSnapshot[]): SubnetSnapshot[] {
  const last = new Map<number, SubnetSnapshot>();
  for (const s of snapshots) last.set(s.netuid, s);
  return [...last.values()];
}

/** Every subnet's pool at the event's block, its price moved by up to ±0.5 % (deterministic per block). */
function movedPools(pools: SubnetSnapshot[], at: StakeEvent): SubnetSnapshot[] {
  return pools.map((s, i) => {
    const price = s.netuid === 0 ? s.price : (s.price * BigInt(995 + ((at.blockNumber * 31 + i * 17) % 11))) / 1000n;
    const moved = { ...s, blockNumber: at.blockNumber, timestamp: at.timestamp, price };
    pools[i] = moved;
    return moved;
  });
}

// Run alone only as this file (or a bundle of it named for it): bundled into bench/engine.ts's bundle, this
// module shares that file's `import.meta.url`, and the main-module check alone would run it there first.
const runAlone =
  import.meta.url === pathToFileURL(process.argv[1] ?? '').href && import.meta.url.includes('engine-append');
if (runAlone) {
  const input = generate(Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 300_000));
  const gap = process.env.BENCH_APPEND_GAP || undefined; // set but empty: not set
  if (gap !== undefined && process.env.BENCH_APPEND !== 'priced')
    throw new Error('BENCH_APPEND_GAP needs BENCH_APPEND=priced');
  if (gap !== undefined) await timePricedWithGaps(input, gapOf(gap));
  else timeAppend(input);
}
