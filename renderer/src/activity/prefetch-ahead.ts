// The Activity page after the rows in view is fetched ahead, outside the table's subscriptions: a page
// the table subscribed to re-rendered the whole window when its fetch started and again when it arrived
// (react-query notifies its observers), two extra renders every page boundary of a scroll (bench:ui's
// Activity frames). Prefetched into the cache, it arrives with no render, and the table, subscribing
// when its rows scroll in, finds it there.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ActivityArgs } from './choices';
import { activityQueries, PAGE_SIZE } from './queries';

/**
 * Rows below the last in view whose page is fetched ahead: a whole page, so the next page is asked
 * for as soon as the window enters a page (40 frames of bench:ui's scroll before its rows are needed).
 * Half a page (20 frames) was sometimes too late under load (the idle callback waits up to 200 ms, and
 * the answer as long again): rows scrolled in as "…" and were drawn a second time when their page came,
 * 10-20 rows in one frame (bench:ui's framesWithRowsWaiting: 3 and 15 frames in 2 of 11 runs). A page
 * after the first costs the backend a slice of the list it keeps per filter and sort
 * (main/services/activity.ts).
 */
export const PREFETCH_ROWS = PAGE_SIZE;

/** The page to have in the cache ahead of a window ending at row `last` of `count`, or null if it is the window's. */
export function pageAhead(last: number, count: number, rows = PREFETCH_ROWS, size = PAGE_SIZE): number | null {
  const ahead = Math.floor(Math.min(count - 1, last + rows) / size);
  return ahead > Math.floor(last / size) ? ahead : null;
}

/** Fetches `pageAhead` into the cache when the main thread is idle (so the request never runs in a frame). */
export function usePrefetchAhead(args: ActivityArgs, last: number, count: number): void {
  const client = useQueryClient();
  const page = pageAhead(last, count);
  useEffect(() => {
    if (page === null) return;
    const fetchAhead = () => void client.prefetchQuery(activityQueries.page(args, page));
    // Within 200 ms whatever the load: at 5 rows a frame, half a page ahead is 20 frames.
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(fetchAhead, { timeout: 200 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(fetchAhead, 0);
    return () => clearTimeout(id);
  }, [client, args, page]);
}
