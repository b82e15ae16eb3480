import { queryOptions } from '@tanstack/react-query';
import { send } from '../api/client';

export const eventQueries = {
  all: () => ['events'] as const,
  list: (walletId?: number) =>
    queryOptions({
      queryKey: [...eventQueries.all(), 'list', walletId ?? 'all'] as const,
      queryFn: () => send('events:list', walletId === undefined ? { limit: 5000 } : { walletId, limit: 5000 }),
    }),
};
