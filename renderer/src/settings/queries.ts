import { queryOptions } from '@tanstack/react-query';
import { send } from '../api/client';

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () =>
    queryOptions({ queryKey: [...settingsQueries.all(), 'get'] as const, queryFn: () => send('settings:get') }),
};

export const appQueries = {
  info: () => queryOptions({ queryKey: ['app', 'info'] as const, queryFn: () => send('app:info') }),
};
