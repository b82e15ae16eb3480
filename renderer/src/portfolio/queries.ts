import { queryOptions } from '@tanstack/react-query';
import type { ArgsOf } from '../../../shared/api';
import { send } from '../api/client';

type PortfolioArgs = NonNullable<ArgsOf<'portfolio:get'>>;

export const portfolioQueries = {
  all: () => ['portfolio'] as const,
  view: (args: PortfolioArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'view', args] as const,
      queryFn: () => send('portfolio:get', args),
    }),
  position: (key: string, args: PortfolioArgs = {}) =>
    queryOptions({
      queryKey: [...portfolioQueries.all(), 'position', key, args] as const,
      queryFn: () => send('portfolio:position', { ...args, key }),
    }),
};
