import { queryOptions } from '@tanstack/react-query';
import type { ArgsOf } from '../../../shared/api';
import { send } from '../api/client';

type PortfolioArgs = Omit<NonNullable<ArgsOf<'portfolio:get'>>, 'daily'>;
export type AnalyticsArgs = NonNullable<ArgsOf<'portfolio:analytics'>>;

export const portfolioQueries = {
  all: () => ['portfolio'] as const,
  view: (args: PortfolioArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'view', args] as const,
      // No page reads the view's daily series (charts draw the analytics view's): not sent.
      queryFn: () => send('portfolio:get', { ...args, daily: false }),
    }),
  analytics: (args: AnalyticsArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'analytics', args] as const,
      queryFn: () => send('portfolio:analytics', args),
    }),
  subnet: (netuid: number, args: AnalyticsArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'subnet', netuid, args] as const,
      queryFn: () => send('portfolio:subnet', { ...args, netuid }),
    }),
  position: (key: string, args: PortfolioArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'position', key, args] as const,
      queryFn: () => send('portfolio:position', { ...args, key }),
    }),
};
