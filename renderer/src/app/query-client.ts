import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { DbTable } from '../../../shared/api';
import { listen } from '../api/client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // DB-backed data changes only when the backend says so (db:changed), never by time.
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
    },
  });
}

/** Which cached queries each table feeds. Kept in one place so new features add a line here. */
const TABLE_QUERIES: Record<DbTable, QueryKey[]> = {
  wallets: [['wallets'], ['portfolio'], ['activity'], ['fiat']],
  settings: [['settings'], ['portfolio'], ['fiat'], ['activity']],
  stake_events: [['activity'], ['portfolio'], ['fiat']],
  position_checkpoints: [['portfolio'], ['fiat']],
  subnet_snapshots: [['portfolio'], ['subnets'], ['activity']],
  sync_state: [['sync']],
  root_claim_payouts: [['activity'], ['portfolio'], ['fiat']],
  basket_positions: [['portfolio'], ['fiat']],
  blocks: [],
  fiat_prices: [['portfolio'], ['fiat'], ['activity']],
  validator_identities: [['identities']],
};

/** Invalidate cached queries when the backend reports that tables changed. */
export function invalidateOnDbChanges(client: QueryClient): () => void {
  return listen('db:changed', ({ tables }) => {
    for (const table of tables) {
      for (const queryKey of TABLE_QUERIES[table] ?? []) void client.invalidateQueries({ queryKey });
    }
  });
}
