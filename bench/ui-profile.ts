// BENCH_PROFILE=dir (bench/ui.ts, Activity scrolling and the recompute): a JS CPU profile and a
// sampled allocation profile of the page during each, written as dir/<name>.cpuprofile and
// dir/<name>.heapprofile (name: activity, recompute) (open in Chrome DevTools), with the heaviest functions and allocation sites
// printed. The profilers add their own cost: frame figures from such a run are not comparable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const where = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;

/** The `n` largest entries of a tally, as "name: value". */
function top(tally: Map<string, number>, n: number, unit: (v: number) => string) {
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${unit(v)}  ${k}`);
}

/** Runs `body` under the CPU profiler and the sampling heap profiler when BENCH_PROFILE is set. */
export async function profiled<T>(page: Page, body: () => Promise<T>, name = 'activity'): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return body();
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('HeapProfiler.enable');
  await cdp.send('Profiler.start');
  // Every 4 kB allocated on average, with objects a GC since collected (what makes the GCs).
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const result = await body();
  const { profile: heap } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: HeapNode };
  };
  const { profile: cpu } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(cpu));
  writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify({ head: heap.head }));

  // Self time by function (sample count × interval), and bytes allocated by site.
  const self = new Map<string, number>();
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  cpu.samples.forEach((id, i) => {
    const key = where(byId.get(id)!.callFrame);
    self.set(key, (self.get(key) ?? 0) + (cpu.timeDeltas[i] ?? 0) / 1000);
  });
  const allocated = new Map<string, number>();
  const walk = (n: HeapNode) => {
    if (n.selfSize) allocated.set(where(n.callFrame), (allocated.get(where(n.callFrame)) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(heap.head);
  const total = [...allocated.values()].reduce((a, b) => a + b, 0);
  console.log(`profile: ${dir}; self time (ms):\n  ${top(self, 30, (v) => v.toFixed(1)).join('\n  ')}`);
  console.log(
    `allocated ${(total / 1e6).toFixed(1)} MB (sampled); by site (kB):\n  ${top(allocated, 30, (v) => (v / 1e3).toFixed(0)).join('\n  ')}`,
  );
  return result;
}
