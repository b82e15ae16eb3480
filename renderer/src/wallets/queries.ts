import { queryOptions } from '@tanstack/react-query';
import { send } from '../api/client';

export const walletQueries = {
  all: () => ['wallets'] as const,
  list: () =>
    queryOptions({
      queryKey: [...walletQueries.all(), 'list'] as const,
      queryFn: () => send('wallets:list'),
    }),
};
