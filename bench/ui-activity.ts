/// <reference lib="dom" />
// bench:ui's Activity scrolling (bench/ui.ts): the list scrolls 200 px per frame for 240 frames, under
// a trace. Wall frame intervals are paced by vsync (16.7 ms on time), so they say whether a frame was
// late, not what it cost; the main thread's CPU per frame (thread time, split at a mark per frame) says
// what the page itself costs, whatever else the shared machine runs. Both are reported, with the frames
// of a static control page scrolled the same way in the same browser, alternating with Activity's: the
// late frames that this machine gives a page with no script at all.
import type { Page } from '@playwright/test';
import { FRAME_MARK, traced } from './ui-trace';
import { profiled } from './ui-profile';
import { heapGrowth } from './ui-heap';

/** Pixels scrolled per frame (BENCH_SCROLL_PX; 200 = 5 rows a frame, 12,000 px/s at 60 Hz). */
const SCROLL_PX = Number(process.env.BENCH_SCROLL_PX ?? 200);

/**
 * In the page: scrolls the Activity list `px` a frame for 240 frames, marking each frame (a user-timing
 * mark the trace splits CPU at) and timing the interval between animation frames.
 */
const scrollFrames = async ({ mark, px, list }: { mark: string; px: number; list: string }) => {
  const scroller = document.querySelector<HTMLElement>(list)!;
  const rows = scroller.querySelectorAll('[data-testid="activity-row"]').length;
  const top0 = scroller.scrollTop;
  const frames: number[] = [];
  // Frames whose rows included some still without their data (shown as "…", aria-busy): a page
  // fetched too late for the scroll. A query of the DOM, no layout read.
  const waiting: number[] = [];
  let last = performance.now();
  // A mark per frame splits the trace's main-thread CPU by frame (bench/ui-trace.ts).
  performance.mark(mark);
  for (let i = 0; i < 240; i++) {
    scroller.scrollBy(0, px);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    performance.mark(mark);
    const busy = scroller.querySelectorAll('[aria-busy="true"]').length;
    if (busy > 0) waiting.push(busy);
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return {
    scrolledPx: scroller.scrollTop - top0,
    listHeightPx: scroller.scrollHeight,
    rowsInDom: rows,
    frames,
    framesWithRowsWaiting: waiting.length,
    mostRowsWaiting: Math.max(0, ...waiting),
  };
};

const tenths = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
  return { median: q(0.5), p95: q(0.95), max: q(1) };
};

/** Untraced passes' frame intervals: over all passes, and the late ones (> 25 ms) as [pass, frame, ms]. */
function untracedFigures(passes: number[][]) {
  const all = passes.flat();
  return {
    ...tenths(all),
    frames: all.length,
    over16_7ms: all.filter((f) => f > 16.7).length,
    missedVsync: all.filter((f) => f > 25).length,
    lateFrames: passes.flatMap((frames, p) =>
      frames.flatMap((f, i) => (f > 25 ? [[p, i, Math.round(f * 10) / 10]] : [])),
    ),
  };
}

/** The list Activity scrolls, and the control page's (`controlScroll`). */
const ACTIVITY = { mark: FRAME_MARK, px: SCROLL_PX, list: '.activity-scroll' };
const CONTROL = { mark: FRAME_MARK, px: SCROLL_PX, list: '.control-scroll' };

/** Untraced passes of each: Activity's and the control's frames alternate, under the same load. */
const PASSES = 3;

/**
 * A control: a static page in the same browser, a list of plain rows the size of Activity's (40 px,
 * eight text cells) with no script, scrolled the same way. Its late frames are what this machine and
 * browser give any page (the other processes, the compositor and raster threads waiting for a core),
 * so Activity's late frames can be told from its own.
 */
async function controlPage(page: Page): Promise<Page> {
  const control = await page.context().browser()!.newPage({ viewport: page.viewportSize()! });
  const cells = (i: number) =>
    [
      '2026-03-14 12:00',
      `block ${4_000_000 + i}`,
      'Stake',
      `SN${i % 64}`,
      '5F3sa2TJ…',
      '12.345678 α',
      'τ1.234567',
      '0.0001 τ',
    ]
      .map((c) => `<span style="flex:1;overflow:hidden;white-space:nowrap">${c}</span>`)
      .join('');
  const rows = Array.from(
    { length: 2_000 },
    (_, i) => `<div style="display:flex;height:40px;gap:8px">${cells(i)}</div>`,
  );
  await control.setContent(
    `<body style="margin:0;font:14px system-ui"><div class="control-scroll" style="height:100vh;overflow:auto">${rows.join('')}</div></body>`,
  );
  return control;
}

export async function activityScroll(page: Page) {
  // Wait for the ledger's rows (a fixed pause measured an empty page while the list still loaded).
  const t = performance.now();
  await page.click('a[href="#/activity"]');
  await page.getByTestId('activity-row').first().waitFor({ timeout: 300_000 });
  const activityLoadMs = Math.round(performance.now() - t);
  // BENCH_CSS: a stylesheet added before the scroll, to try a layout change without a build.
  if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS });
  // First a pass with no trace and no profiler: the frame intervals a user gets (tracing costs the
  // renderer and browser processes time of their own, which stretches some frames).
  // Alternating with the control page's (`controlPage`), each pass on its own tab brought to the front.
  const control = await controlPage(page);
  const untracedPasses: number[][] = [];
  const controlPasses: number[][] = [];
  for (let i = 0; i < PASSES; i++) {
    await page.bringToFront();
    untracedPasses.push((await page.evaluate(scrollFrames, ACTIVITY)).frames);
    await control.bringToFront();
    await control.evaluate(() => document.querySelector('.control-scroll')!.scrollTo(0, 0));
    controlPasses.push((await control.evaluate(scrollFrames, CONTROL)).frames);
  }
  await control.close();
  await page.bringToFront();
  const scroll = await traced(
    page,
    () => profiled(page, () => page.evaluate(scrollFrames, ACTIVITY)),
    undefined,
    'activity',
  );
  const { frames, ...scrolled } = scroll.result;
  const perFrame = (ms: number) => Math.round((ms / frames.length) * 100) / 100;
  return {
    loadMs: activityLoadMs,
    scrollPxPerFrame: SCROLL_PX,
    ...scrolled,
    // Wall: the interval between animation frames, paced by vsync (16.7 ms on time) and stretched by
    // whatever else the machine runs; a frame over 25 ms missed a vsync.
    wallFrameMs: {
      ...tenths(frames),
      over16_7ms: frames.filter((f) => f > 16.7).length,
      missedVsync: frames.filter((f) => f > 25).length,
      frames: frames.length,
    },
    // The same, scrolled on with no trace running: the frames a user sees (late frames by pass and number).
    untracedWallFrameMs: untracedFigures(untracedPasses),
    // The static control page's, in passes alternating with those (`controlPage`): the late frames any
    // page gets here.
    controlWallFrameMs: untracedFigures(controlPasses),
    // CPU: what the page itself costs per frame, whatever the load: its main thread's tasks between
    // two frames (thread time), and the renderer's compositor thread and raster tasks.
    mainThreadCpuPerFrameMs: {
      mean: perFrame(scroll.totalCpuMs),
      ...tenths(scroll.cpuPerFrameMs),
      over16_7ms: scroll.cpuPerFrameMs.filter((f) => f > 16.7).length,
      // Of those, the frames with a garbage collection in them (a major GC's pause or a scavenge).
      over16_7msWithGc: scroll.cpuPerFrameMs.filter((f, i) => f > 16.7 && scroll.gcPerFrameMs[i]! > 0).length,
    },
    compositorCpuPerFrameMs: perFrame(scroll.compositorCpuMs),
    rasterCpuPerFrameMs: perFrame(scroll.rasterCpuMs),
    longestTaskCpuMs: scroll.longestTaskCpuMs,
    // Garbage collections during the scroll, CPU of each: scavenges, and major GCs' pauses.
    gcMs: scroll.gcMs,
    // The frames of most main-thread CPU and what ran in them (a GC, a page arriving, a paint, …).
    longestFrames: scroll.longestFrames,
    // Per frame, by phase (nested events: script inside a task, style/layout/paint inside the frame).
    perFramePhaseMs: Object.fromEntries(Object.entries(scroll.breakdownMs).map(([k, v]) => [k, perFrame(v)])),
    // BENCH_HEAP=1: which heap a scroll fills, and why its major GCs start (bench/ui-heap.ts).
    ...(process.env.BENCH_HEAP ? { heap: await heapGrowth(page) } : {}),
  };
}
