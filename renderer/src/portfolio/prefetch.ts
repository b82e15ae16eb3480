// What a page will ask for, asked before it is shown: on start, Portfolio's and Subnets' figures;
// when a link is hovered or focused, that page's (a subnet's detail included). The queries are the
// pages' own (same keys), so arriving on the page finds them cached (bench/ui.ts: navigation).
import type { QueryClient } from '@tanstack/react-query';
import { parseRoute, type Route } from '../app/route';
import { portfolioQueries } from './queries';
import { hasFiatPrices, rememberedArgs } from './view-choice';

/** Prefetch what `route` shows; never throws (a failure is the page's to show when it asks again). */
export async function prefetchRoute(client: QueryClient, route: Route): Promise<void> {
  if (route.page !== 'portfolio' && route.page !== 'subnets' && route.page !== 'subnet') return;
  try {
    const { view: viewArgs } = rememberedArgs(false);
    const view = await client.ensureQueryData(portfolioQueries.view(viewArgs));
    if (!view.hasData) return;
    const { analytics } = rememberedArgs(hasFiatPrices(view), route.page === 'portfolio' ? 'portfolio' : undefined);
    if (route.page === 'subnet') {
      const { from: _from, to: _to, ...args } = analytics;
      await client.prefetchQuery(portfolioQueries.subnet(route.netuid, args));
    } else await client.prefetchQuery(portfolioQueries.analytics(analytics));
  } catch {
    // The page reports its own errors.
  }
}

/**
 * Prefetch the page of any in-app link the pointer enters or the keyboard focuses (asking again is
 * free: the queries are cached, and one in flight is shared). Returns the clean-up.
 */
export function prefetchOnIntent(client: QueryClient, root: HTMLElement | Document = document): () => void {
  const onIntent = (event: Event) => {
    const target = event.target;
    const link = target instanceof Element ? target.closest('a[href^="#/"]') : null;
    const route = link ? parseRoute(link.getAttribute('href') ?? '') : null;
    if (route) void prefetchRoute(client, route);
  };
  root.addEventListener('pointerover', onIntent);
  root.addEventListener('focusin', onIntent);
  return () => {
    root.removeEventListener('pointerover', onIntent);
    root.removeEventListener('focusin', onIntent);
  };
}

/** On start (once wallets exist): Portfolio's and Subnets' figures, whichever page opens first. */
export async function prefetchFigures(client: QueryClient): Promise<void> {
  await prefetchRoute(client, { page: 'portfolio' });
  await prefetchRoute(client, { page: 'subnets' });
}
