// Chromium trace of the page under test (bench/ui.ts): what its threads cost, apart from the rest of
// the (shared) machine. Thread time (`tdur`) is CPU the thread ran; `dur` is wall time and counts
// the waits while other processes held the cores.
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; value?: unknown };
}

/** Where the main thread's time goes: trace event → phase (nested events: script inside a task, …). */
const PHASES: Record<string, string> = {
  FunctionCall: 'script',
  'V8.GC_SCAVENGER': 'script',
  MajorGC: 'script',
  MinorGC: 'script',
  HitTest: 'input',
  UpdateLayerTree: 'paint',
  ScrollLayer: 'scroll',
  'IntersectionObserverController::computeIntersections': 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
};

/** The user-timing mark the scroll loop sets at each frame (bench/ui.ts), to split the trace by frame. */
export const FRAME_MARK = 'bench-frame';

export interface TraceFigures<T> {
  result: T;
  /** The renderer main thread's tasks: CPU in all, and the longest one's CPU and wall time. */
  totalCpuMs: number;
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
  /** What ran inside the longest task: thread time by trace event name (nested events overlap). */
  longestTaskEventsMs: Record<string, number>;
  /** Main-thread time by phase (thread time of each kind of event, summed). */
  breakdownMs: Record<string, number>;
  /** Main-thread task CPU between consecutive FRAME_MARKs (empty when the body sets none). */
  cpuPerFrameMs: number[];
  /** The frames of most CPU (up to 5, longest first): what ran in them, by phase as in breakdownMs. */
  longestFrames: { frame: number; cpuMs: number; phasesMs: Record<string, number> }[];
  /** Each garbage collection on the main thread between the first and last FRAME_MARK: its CPU, by kind. */
  gcMs: { minor: number[]; major: number[] };
  /** Per frame (as cpuPerFrameMs), the CPU of the garbage collections in it. */
  gcPerFrameMs: number[];
  /**
   * Why each major GC of the trace started, with the heaps it weighed: V8 starts one when its own old
   * generation or the global heap (V8's plus Blink's, the DOM and layout objects) nears its limit.
   * Only when the trace has the `v8` category (`extraCategories`); empty otherwise.
   */
  majorGcStarts: { reason: string; globalMB: number; globalLimitMB: number; v8OldGenMB: number }[];
  /** CPU of the renderer's compositor thread and of its raster tasks (software raster: --disable-gpu). */
  compositorCpuMs: number;
  rasterCpuMs: number;
}

/** Runs `body` under a Chromium trace and reads the renderer's threads' CPU time meanwhile. */
export async function traced<T>(
  page: Page,
  body: () => Promise<T>,
  extraCategories?: string,
  label = 'trace',
): Promise<TraceFigures<T>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => {
    events.push(...(d.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    // BENCH_TRACE_CATEGORIES adds categories (e.g. toplevel,blink,v8) to see inside an opaque long task.
    categories: [
      '__metadata,devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
      process.env.BENCH_TRACE_CATEGORIES,
      extraCategories,
    ]
      .filter(Boolean)
      .join(','),
    transferMode: 'ReportEvents',
  });
  const result = await body();
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  // BENCH_TRACE_FILE=path.json keeps the raw events for a closer look at a frame: the last trace of each
  // kind, as path-<label>.json (nav, recompute, activity, heap).
  const file = process.env.BENCH_TRACE_FILE;
  if (file) writeFileSync(file.replace(/(\.json)?$/, `-${label}$1`), JSON.stringify(events));

  // The page's main thread is the one running its script (the most FunctionCall events).
  const calls = new Map<number, number>();
  for (const e of events) if (e.name === 'FunctionCall') calls.set(e.tid, (calls.get(e.tid) ?? 0) + 1);
  const main = [...calls].sort((a, b) => b[1] - a[1])[0]?.[0];
  const pid = events.find((e) => e.tid === main)?.pid;
  const tasks = events.filter((e) => e.tid === main && e.ph === 'X' && e.name === 'RunTask');
  const ms = (us: number | undefined) => (us ?? 0) / 1000;

  const breakdownMs: Record<string, number> = {};
  for (const e of events) {
    const phase = PHASES[e.name];
    if (e.tid === main && e.ph === 'X' && phase)
      breakdownMs[`${phase} ${e.name}`] = (breakdownMs[`${phase} ${e.name}`] ?? 0) + ms(e.tdur);
  }

  // Frames: the task CPU from one mark to the next (a task belongs to the frame it starts in).
  const marks = events
    .filter((e) => e.tid === main && e.name === FRAME_MARK)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const cpuPerFrameMs = marks.slice(1).map(() => 0);
  const frameOf = (ts: number) => {
    let i = marks.length - 1;
    while (i >= 0 && marks[i]! > ts) i--;
    return i >= 0 && i < cpuPerFrameMs.length ? i : -1;
  };
  for (const t of tasks) {
    const i = frameOf(t.ts);
    if (i >= 0) cpuPerFrameMs[i]! += ms(t.tdur);
  }
  // A long frame's phases: a major GC, a page of rows arriving, a paint of the whole list, ….
  const longest5 = cpuPerFrameMs
    .map((cpu, frame) => ({ frame, cpu }))
    .sort((a, b) => b.cpu - a.cpu)
    .slice(0, 5);
  const longestFrames = longest5.map(({ frame, cpu }) => {
    const phasesMs: Record<string, number> = {};
    for (const e of events) {
      const phase = PHASES[e.name];
      if (e.tid === main && e.ph === 'X' && phase && frameOf(e.ts) === frame)
        phasesMs[`${phase} ${e.name}`] = Math.round(((phasesMs[`${phase} ${e.name}`] ?? 0) + ms(e.tdur)) * 10) / 10;
    }
    return { frame, cpuMs: Math.round(cpu * 10) / 10, phasesMs };
  });

  // Scavenges (MinorGC) and mark-compact pauses (MajorGC) inside the frames: how often, how long.
  const gcMs = { minor: [] as number[], major: [] as number[] };
  const gcPerFrameMs = cpuPerFrameMs.map(() => 0);
  for (const e of events) {
    const frame = frameOf(e.ts);
    if (e.tid !== main || e.ph !== 'X' || (e.name !== 'MinorGC' && e.name !== 'MajorGC') || frame < 0) continue;
    gcMs[e.name === 'MinorGC' ? 'minor' : 'major'].push(Math.round(ms(e.tdur) * 10) / 10);
    gcPerFrameMs[frame]! += ms(e.tdur);
  }
  const mb = (bytes: unknown) => Math.round(Number(bytes) / 1e5) / 10;
  const majorGcStarts = events
    .filter((e) => e.tid === main && e.name === 'V8.GCIncrementalMarkingStart')
    .map((e) => {
      const v = (e.args?.value ?? {}) as Record<string, unknown>;
      return {
        reason: String(v.reason ?? v.gc_reason ?? ''),
        globalMB: mb(v.global_consumed_bytes),
        globalLimitMB: mb(v.global_allocation_limit),
        v8OldGenMB: mb(v.old_gen_consumed_bytes),
      };
    });

  // The renderer's other threads: its compositor, and raster tasks on its worker threads.
  const names = new Map(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid)
      .map((e) => [e.tid, e.args?.name ?? '']),
  );
  const compositor = [...names].find(([, n]) => n === 'Compositor')?.[0];
  const compositorCpuMs = events
    .filter((e) => e.tid === compositor && e.ph === 'X' && e.name === 'RunTask')
    .reduce((a, e) => a + ms(e.tdur), 0);
  const rasterCpuMs = events
    .filter((e) => e.pid === pid && e.ph === 'X' && e.name === 'RasterTask')
    .reduce((a, e) => a + ms(e.tdur), 0);

  const longest = tasks.reduce<TraceEvent | null>((a, e) => (!a || (e.tdur ?? 0) > (a.tdur ?? 0) ? e : a), null);
  const inside: Record<string, number> = {};
  if (longest)
    for (const e of events)
      if (
        e.tid === main &&
        e.ph === 'X' &&
        e !== longest &&
        e.ts >= longest.ts &&
        e.ts < longest.ts + (longest.dur ?? 0)
      )
        inside[e.name] = (inside[e.name] ?? 0) + ms(e.tdur);
  const longestTaskEventsMs = Object.fromEntries(
    Object.entries(inside)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => [k, Math.round(v * 10) / 10]),
  );
  return {
    result,
    totalCpuMs: Math.round(tasks.reduce((a, e) => a + ms(e.tdur), 0)),
    longestTaskCpuMs: Math.round(ms(longest?.tdur)),
    longestTaskWallMs: Math.round(ms(longest?.dur)),
    longestTaskEventsMs,
    breakdownMs,
    cpuPerFrameMs,
    longestFrames,
    gcMs,
    gcPerFrameMs,
    majorGcStarts,
    compositorCpuMs,
    rasterCpuMs,
  };
}
