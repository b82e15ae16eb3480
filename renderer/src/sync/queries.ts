import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SyncStatus } from '../../../shared/api';
import { listen, send } from '../api/client';

export const syncQueries = {
  all: () => ['sync'] as const,
  status: () =>
    queryOptions({
      queryKey: [...syncQueries.all(), 'status'] as const,
      queryFn: () => send('sync:status'),
    }),
  /** Refetched with the sync state (every recorded batch), so it follows new snapshots. */
  freshness: () =>
    queryOptions({
      queryKey: [...syncQueries.all(), 'freshness'] as const,
      queryFn: () => send('valuation:freshness'),
    }),
};

/**
 * Sync status, kept live by the backend's pushes (progress and connection state) rather than by
 * polling: each push replaces the cached status.
 */
export function useSyncStatus() {
  const client = useQueryClient();
  useEffect(() => {
    const key = syncQueries.status().queryKey;
    const offProgress = listen('sync:progress', (status) => client.setQueryData(key, status));
    const offChain = listen('chain:status', (chain) =>
      client.setQueryData(key, (old: SyncStatus | undefined) => (old ? { ...old, chain } : old)),
    );
    return () => {
      offProgress();
      offChain();
    };
  }, [client]);
  return useQuery(syncQueries.status());
}

export function useSyncAction() {
  const client = useQueryClient();
  const key = syncQueries.status().queryKey;
  return {
    start: (walletId?: number) =>
      send('sync:start', walletId === undefined ? undefined : { walletId }).then((s) => client.setQueryData(key, s)),
    pause: () => send('sync:pause').then((s) => client.setQueryData(key, s)),
    cancel: (walletId?: number) =>
      send('sync:cancel', walletId === undefined ? undefined : { walletId }).then((s) => client.setQueryData(key, s)),
  };
}
