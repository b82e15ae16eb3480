import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL } from '../../../shared/bridge';
import { prefetchOnIntent, prefetchRoute } from './prefetch';
import { portfolioQueries } from './queries';
import { useAnalyticsChoice, usePortfolioFigures } from './view-choice';

type Call = { channel: string; args: unknown };
const state = { fiat: false };

/** A backend answering the figure channels with just what prefetching reads (and logging every call). */
function fakeBridge(calls: Call[]) {
  const answer = (channel: string, args: unknown) => {
    calls.push({ channel, args });
    if (channel === 'portfolio:get') return { hasData: true, fiatMissingDays: state.fiat ? [] : null };
    if (channel === 'portfolio:analytics' || channel === 'portfolio:subnet') return { channel, args };
    throw new Error(`unexpected ${channel}`);
  };
  return new Proxy(
    { on: () => () => {} },
    {
      get: (target, name: string) =>
        name === 'on' ? target.on : async (args: unknown) => ({ data: answer(name, args) }),
    },
  );
}

describe('prefetch', () => {
  const calls: Call[] = [];
  (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] = fakeBridge(calls);
  let client: QueryClient;
  beforeEach(() => {
    calls.length = 0;
    localStorage.clear();
    state.fiat = false;
    client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  });
  const remember = (values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) localStorage.setItem(`taofolio.${k}`, JSON.stringify(v));
  };
  /** The keys the pages' own hooks ask for. */
  const pageArgs = () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        const figures = usePortfolioFigures();
        const extra = useAnalyticsChoice('portfolio', figures.fiatAvailable);
        return { figures, extra };
      },
      { wrapper },
    );
    const { figures, extra } = result.current;
    return {
      portfolio: { ...figures.choice.args, ...extra.args },
      subnets: { ...figures.choice.args, currency: figures.currency.currency },
    };
  };

  it('asks for exactly what Portfolio, Subnets and a subnet page then read from the cache', async () => {
    state.fiat = true;
    remember({
      'view.method': 'fifo',
      'view.rewards': 'zero',
      'view.currency': 'fiat',
      'portfolio.from': '2025-01-01',
    });
    await prefetchRoute(client, { page: 'portfolio' });
    await prefetchRoute(client, { page: 'subnets' });
    await prefetchRoute(client, { page: 'subnet', netuid: 7 });
    const args = pageArgs();
    expect(args.portfolio).toEqual({ method: 'fifo', rewards: 'zero', currency: 'fiat', from: '2025-01-01' });
    expect(client.getQueryData(portfolioQueries.analytics(args.portfolio).queryKey)).toBeDefined();
    expect(client.getQueryData(portfolioQueries.analytics(args.subnets).queryKey)).toBeDefined();
    expect(client.getQueryData(portfolioQueries.subnet(7, args.subnets).queryKey)).toBeDefined();
    // One view computation, shared by all three.
    expect(calls.filter((c) => c.channel === 'portfolio:get')).toHaveLength(1);
    expect(calls.find((c) => c.channel === 'portfolio:subnet')?.args).toEqual({
      method: 'fifo',
      rewards: 'zero',
      currency: 'fiat',
      netuid: 7,
    });
  });

  it('asks in τ when no fiat prices are imported, whatever currency is remembered', async () => {
    remember({ 'view.currency': 'fiat' });
    await prefetchRoute(client, { page: 'subnets' });
    expect(calls.map((c) => c.channel)).toEqual(['portfolio:get', 'portfolio:analytics']);
    expect(calls[1]!.args).toEqual({ currency: 'tao' });
    expect(client.getQueryData(portfolioQueries.analytics(pageArgs().subnets).queryKey)).toBeDefined();
  });

  it('prefetches the page of a hovered or focused in-app link, and nothing for other pages', async () => {
    const stop = prefetchOnIntent(client);
    document.body.innerHTML = '<a href="#/subnets/5"><strong>SN5</strong></a><a href="#/activity">Activity</a>';
    document.querySelector('a[href="#/activity"]')!.dispatchEvent(new Event('focusin', { bubbles: true }));
    document.querySelector('strong')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    await waitFor(() => expect(calls.map((c) => c.channel)).toEqual(['portfolio:get', 'portfolio:subnet']));
    expect(calls[1]!.args).toEqual({ currency: 'tao', netuid: 5 });
    stop();
    client.clear();
    document.querySelector('strong')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);
  });
});
