/// <reference lib="dom" />
// BENCH_HEAP=1 (bench/ui.ts, Activity): which heap the Activity scroll fills, and why its major GCs
// start. After the timed scroll, the list scrolls 240 more frames at the same 200 px a frame, in
// chunks of 20 with the heaps' sizes read between chunks (CDP Runtime.getHeapUsage: V8's JS heap, and
// the embedder's, Blink's garbage-collected heap of DOM, style and layout objects). Growth per frame
// is the sum of the chunks' increases: a lower bound, since a GC inside a chunk hides part of it.
// Its own scroll, not the timed one: the reads between chunks would break the timed scroll's rhythm.
import type { Page } from '@playwright/test';
import { traced } from './ui-trace';

const CHUNKS = 12;
const FRAMES_PER_CHUNK = 20;

interface HeapUsage {
  usedSize: number;
  embedderHeapUsedSize: number;
}

export async function heapGrowth(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const usage = async () => (await cdp.send('Runtime.getHeapUsage')) as unknown as HeapUsage;
  const grown = { v8: 0, blink: 0 };
  // The `v8` trace category carries each major GC's reason (bench/ui-trace.ts majorGcStarts).
  const trace = await traced(
    page,
    async () => {
      let before = await usage();
      for (let c = 0; c < CHUNKS; c++) {
        await page.evaluate(async (frames) => {
          const scroller = document.querySelector<HTMLElement>('.activity-scroll')!;
          for (let i = 0; i < frames; i++) {
            scroller.scrollBy(0, 200);
            await new Promise((r) => requestAnimationFrame(() => r(null)));
          }
        }, FRAMES_PER_CHUNK);
        const after = await usage();
        grown.v8 += Math.max(0, after.usedSize - before.usedSize);
        grown.blink += Math.max(0, after.embedderHeapUsedSize - before.embedderHeapUsedSize);
        before = after;
      }
    },
    'v8',
    'heap',
  );
  await cdp.detach();
  const frames = CHUNKS * FRAMES_PER_CHUNK;
  const kbPerFrame = (bytes: number) => Math.round(bytes / frames / 102.4) / 10;
  return {
    frames,
    v8KbPerFrame: kbPerFrame(grown.v8),
    blinkKbPerFrame: kbPerFrame(grown.blink),
    majorGcStarts: trace.majorGcStarts,
  };
}
