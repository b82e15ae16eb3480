import { queryOptions } from '@tanstack/react-query';
import type { ArgsOf } from '../../../shared/api';
import { send } from '../api/client';

type PortfolioArgs = NonNullable<ArgsOf<'portfolio:get'>>;
export type AnalyticsArgs = NonNullable<ArgsOf<'portfolio:analytics'>>;

export const portfolioQueries = {
  all: () => ['portfolio'] as const,
  view: (args: PortfolioArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'view', args] as const,
      queryFn: () => send('portfolio:get', args),
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
