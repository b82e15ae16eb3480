import { queryOptions } from '@tanstack/react-query';
import { send } from '../api/client';
import type { ActivityArgs } from './choices';

/** Rows fetched per request: a screenful is ~15, so a page covers fast scrolling without a gap. */
export const PAGE_SIZE = 200;

export const activityQueries = {
  all: () => ['activity'] as const,
  page: (args: ActivityArgs, index: number) =>
    queryOptions({
      queryKey: [...activityQueries.all(), 'page', args, index] as const,
      queryFn: () => send('activity:list', { ...args, offset: index * PAGE_SIZE, limit: PAGE_SIZE }),
    }),
};

/** The pages holding rows first..last (inclusive), plus the first page, which carries the counts. */
export function pagesFor(first: number, last: number, size = PAGE_SIZE): number[] {
  const pages = new Set<number>([0]);
  if (last >= first && first >= 0)
    for (let p = Math.floor(first / size); p <= Math.floor(last / size); p++) pages.add(p);
  return [...pages].sort((a, b) => a - b);
}
