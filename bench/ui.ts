/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// UI benchmark (`npm run bench:ui`): 20 wallets and 100,000 stake events served by the web host, driven
// in Chromium. Measures, inside the page (performance.now / requestAnimationFrame):
// - navigation to rendered figures for Portfolio, Subnets and a Subnet detail: from the click on the
//   link to the first frame that shows the page's figure (cold = first visit, figures computed by the
//   backend; warm = later visits);
// - Activity scrolling: frame times while the list scrolls 200 px per frame;
// - a recompute (switching the cost-basis method): time to the new figures and to every section below
//   them redrawn, and the longest frame the page drew meanwhile (a frozen UI would show one long
//   frame), also until the figures alone. Twice: `recompute` switches as soon as Portfolio shows its
//   figures, while the navigation still draws the sections below (its longest tasks are that drawing);
//   `recomputeSettled` switches on a page drawn to the end, so it measures the recompute alone.
//   Each also says how much of its longest frame was the page's own main-thread CPU (longestFrameCpuMs,
//   from the trace, split at a mark per frame) and the most CPU any one frame took (maxFrameCpuMs).
//   Keys are pressed all through each (every 30 ms), and the longest any of them waited for the page is
//   reported (slowestInputDelayMs): what a user would feel as a frozen UI.
// Wall-clock figures on a shared machine: compare runs, not absolute numbers. Frame intervals are
// paced by the display's vsync (16.7 ms at 60 Hz), so an on-time frame measures 16.6–16.9 ms: a frame
// that *missed* a vsync is one over 25 ms (wallFrameMs.missedVsync). What the page itself costs is CPU
// time from a Chromium trace (thread time, so other processes on the machine do not count;
// bench/ui-trace.ts): per navigation the renderer main thread's (coldCpuMs, warmCpuMs,
// longestTaskCpuMs: from the click to the painted figures); for scrolling its CPU per frame (mean,
// and median/p95/max split at a user-timing mark per frame) beside the compositor thread's and the
// raster tasks'; the longest task's CPU time for a recompute. The load average at the start and end
// is printed with the figures (the machine is shared).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { bundlePrograms, programPath } from '../scripts/node-bundle';
import { writeUiBenchData } from './ui-data';
import { activityScroll } from './ui-activity';
import { FRAME_MARK, traced } from './ui-trace';
import { profiled } from './ui-profile';

const ROOT = resolve(import.meta.dirname, '..');
const WALLETS = Number(process.env.BENCH_WALLETS ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_ONLY=activity: only the Activity scrolling figures; BENCH_ONLY=nav: only the navigations. */
const ONLY = process.env.BENCH_ONLY;

const dataDir = mkdtempSync(join(tmpdir(), 'taofolio-bench-ui-'));
let t = performance.now();
const data = writeUiBenchData(dataDir, WALLETS, EVENTS);
console.log(
  `data: ${data.wallets} wallets, ${data.events.toLocaleString('en')} events, ${data.positions} positions, ${data.subnets} subnets, ${data.days} days (${Math.round(performance.now() - t)} ms)`,
);

// The web host as `npm run web` starts it: its bundle.
await bundlePrograms(['web']);
const host = spawn(process.execPath, [programPath('web'), '--port', '0'], {
  cwd: ROOT,
  env: { ...process.env, TAOFOLIO_DATA_DIR: dataDir, TAOFOLIO_AUTOSYNC: '0' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const url = await new Promise<string>((res, rej) => {
  let out = '';
  const timer = setTimeout(() => rej(new Error(`web host did not start:\n${out}`)), 60_000);
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
    if (m) {
      clearTimeout(timer);
      res(m[0]);
    }
  };
  host.stdout!.on('data', onData);
  host.stderr!.on('data', onData);
});

/** Click a link or control and time, in the page, until every one of `selectors` shows a figure. */
async function timeTo(page: Page, click: string, selectors: string[]): Promise<number> {
  return page.evaluate(
    async ({ click, selectors }) => {
      const t0 = performance.now();
      (document.querySelector(click) as HTMLElement).click();
      await new Promise<void>((done) => {
        const check = () => {
          const shown = selectors.every((selector) => /\d/.test(document.querySelector(selector)?.textContent ?? ''));
          if (shown) done();
          else requestAnimationFrame(check);
        };
        check();
      });
      // The figure is in the DOM; wait for the frame that paints it.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    },
    { click, selectors },
  );
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: Math.round(q(0.5)), p95: Math.round(q(0.95)), max: Math.round(s.at(-1)!), n: s.length };
};

const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<string, unknown> = { data, loadAverageStart: loadavg().map((l) => Math.round(l * 100) / 100) };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx keeps function names with a __name helper the page does not have.
  await page.addInitScript('globalThis.__name = (f) => f');
  t = performance.now();
  await page.goto(url);
  await page.getByTestId('spot-value').waitFor({ timeout: 300_000 });
  results.firstLoadMs = Math.round(performance.now() - t);

  const link = (hash: string) => `a[href="${hash}"]`;
  // Each visit also under a trace: the main thread's CPU from the click until its figures are painted
  // (what the page costs, apart from the machine's load) and its longest task.
  type Visits = { cold: number; warm: number[]; cpu: number[]; longest: number[]; inside: Record<string, number> };
  const nav: Record<string, Visits> = {};
  const visit = async (name: string, click: string, ...selectors: string[]) => {
    const trace = await traced(page, () => timeTo(page, click, selectors), undefined, 'nav');
    const ms = trace.result;
    const entry = (nav[name] ??= { cold: ms, warm: [], cpu: [], longest: [], inside: {} });
    entry.warm.push(ms);
    entry.cpu.push(trace.totalCpuMs);
    // What ran inside the longest task of all visits (GC, script, layout, paint?).
    if (trace.longestTaskCpuMs > Math.max(0, ...entry.longest)) entry.inside = trace.longestTaskEventsMs;
    entry.longest.push(trace.longestTaskCpuMs);
  };
  for (let i = 0; i <= (ONLY === 'activity' ? -1 : RUNS); i++) {
    await visit('Subnets', link('#/subnets'), '[data-testid="total-value"]');
    // A subnet's page: its cards, and its own query's figures (pool health, exit costs).
    await visit(
      'Subnet detail',
      `.subnet-link`,
      '[data-testid="detail-value-amount"]',
      '[data-testid="health-tao-reserve"]',
    );
    await visit('Portfolio', link('#/portfolio'), '[data-testid="spot-value"]');
  }
  results.navigation = Object.fromEntries(
    Object.entries(nav).map(([k, v]) => [
      k,
      {
        coldMs: Math.round(v.cold),
        warm: stats(v.warm.slice(1)),
        coldCpuMs: v.cpu[0],
        warmCpuMs: stats(v.cpu.slice(1)),
        longestTaskCpuMs: Math.max(...v.longest),
        longestTaskEventsMs: v.inside,
      },
    ]),
  );

  // Recompute: a method no cache holds yet; the page keeps drawing frames meanwhile.
  const recompute = async (method: string, short: string, label: string) => {
    // Keys pressed all through the recompute (Shift: no handler, no effect), each a trusted input sent by
    // the browser: a frozen page would hold one until its task ended. How long each waited is measured
    // inside the page (the Event Timing API, below); not here, where the trace's data shares the channel.
    let presses = 0;
    let pressing = true;
    const presser = (async () => {
      for (; pressing; presses++) {
        await page.keyboard.press('Shift');
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    const run = await traced(
      page,
      () =>
        profiled(
          page,
          () =>
            page.evaluate(
              async ({ method, short, mark }) => {
                const select = [...document.querySelectorAll('select')].find((s) =>
                  [...s.options].some((o) => o.value === method),
                )!;
                const gaps: number[] = [];
                // When each frame ended (ms after the change), to place the longest one.
                const ends: number[] = [];
                let last = performance.now();
                let running = true;
                const frame = () => {
                  const now = performance.now();
                  // Splits the trace's main-thread CPU at each frame (gap i is the CPU from mark i to i + 1).
                  performance.mark(mark);
                  gaps.push(now - last);
                  ends.push(now - t0);
                  last = now;
                  if (running) requestAnimationFrame(frame);
                };
                // Inputs that took 16 ms or more to their next paint (the API reports no shorter ones).
                const slowInputs: PerformanceEventTiming[] = [];
                const inputs = new PerformanceObserver((list) =>
                  slowInputs.push(...(list.getEntries() as PerformanceEventTiming[])),
                );
                inputs.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
                const t0 = performance.now();
                performance.mark(mark);
                requestAnimationFrame(frame);
                select.value = method;
                select.dispatchEvent(new Event('change', { bubbles: true }));
                const until = (shown: () => boolean) =>
                  new Promise<void>((done) => {
                    const check = () => (shown() ? done() : setTimeout(check, 5));
                    check();
                  });
                await until(() => !!document.querySelector('[data-testid="as-of"]')?.textContent?.includes(short));
                const toNewFiguresMs = Math.round(performance.now() - t0);
                const framesToFigures = gaps.length;
                // The sections below the headline (charts, tables) are drawn after the figures, each in its
                // turn (app/staged.ts): the recompute lasts until none shows the previous computation, and a
                // frame after that paints the last one.
                // A section drawn in batches (the returns table) is aria-busy until its last batch.
                await until(() => document.querySelector('.stage.stale, .stage [aria-busy="true"]') === null);
                await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
                running = false;
                inputs.takeRecords().forEach((e) => slowInputs.push(e as PerformanceEventTiming));
                inputs.disconnect();
                const longest = gaps.indexOf(Math.max(...gaps));
                return {
                  toNewFiguresMs,
                  toAllSectionsMs: Math.round(performance.now() - t0),
                  longestFrameMs: Math.round(Math.max(...gaps)),
                  longestFrameToFiguresMs: Math.round(Math.max(...gaps.slice(0, framesToFigures))),
                  // When the longest frame ended, after the change (the figures came at toNewFiguresMs).
                  longestFrameEndMs: Math.round(ends[longest]!),
                  frames: gaps.length,
                  longestFrameIndex: longest,
                  // The longest an input waited for the page to handle it (the page busy), and the longest
                  // from an input to the next paint after its handlers (that wait, plus up to a frame).
                  slowestInputDelayMs: Math.round(
                    Math.max(0, ...slowInputs.map((e) => e.processingStart - e.startTime)),
                  ),
                  slowestInputToPaintMs: Math.round(Math.max(0, ...slowInputs.map((e) => e.duration))),
                  inputsOver16ms: slowInputs.length,
                };
              },
              { method, short, mark: FRAME_MARK },
            ),
          label,
        ),
      undefined,
      label,
    );
    pressing = false;
    await presser;
    const { longestFrameIndex, ...result } = run.result;
    const tenth = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms * 10) / 10);
    return {
      ...result,
      // The page's own main-thread CPU in its longest frame: near the frame's length when the page's work
      // made it long, far below it when the page waited for a core (the host computing, other load).
      longestFrameCpuMs: tenth(run.cpuPerFrameMs[longestFrameIndex]),
      // The most main-thread CPU any one frame of the recompute took.
      maxFrameCpuMs: tenth(Math.max(0, ...run.cpuPerFrameMs)),
      longestTaskCpuMs: run.longestTaskCpuMs,
      longestTaskWallMs: run.longestTaskWallMs,
      longestTaskEventsMs: run.longestTaskEventsMs,
      keyPresses: presses,
    };
  };
  if (ONLY === undefined) {
    // Switched as soon as Portfolio shows its figures: its sections below are still being drawn (the
    // navigation's own staged drawing, app/staged.ts) while the recompute starts.
    results.recompute = await recompute('hifo', 'HIFO', 'recompute');
    // Switched on a page that has settled (every section drawn, no DOM change for 500 ms): the
    // recompute's own cost, apart from a navigation's.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          let timer = setTimeout(finish, 500);
          const observer = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(finish, 500);
          });
          function finish() {
            observer.disconnect();
            done();
          }
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }),
    );
    results.recomputeSettled = await recompute('lifo', 'LIFO', 'recompute-settled');
  }

  // Activity scrolling.
  if (ONLY !== 'nav') results.activityScroll = await activityScroll(page);
} finally {
  await browser.close();
  host.kill('SIGTERM');
}

results.loadAverageEnd = loadavg().map((l) => Math.round(l * 100) / 100);
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', `ui-${Date.now()}.json`), JSON.stringify(results, null, 2));
rmSync(dataDir, { recursive: true, force: true });
