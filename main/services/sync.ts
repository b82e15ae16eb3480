import type { Handlers } from '../../shared/api';
import { chainFactsRepo } from '../db/repos/chain-facts';
import { walletsRepo } from '../db/repos/wallets';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export type SyncHandlers = Pick<
  Handlers,
  'chain:status' | 'sync:status' | 'sync:start' | 'sync:pause' | 'sync:cancel' | 'events:list'
>;

export function syncHandlers(ctx: ServiceContext): SyncHandlers {
  const facts = chainFactsRepo(ctx.db);
  const wallets = walletsRepo(ctx.db);
  const walletOrThrow = (id: number) => {
    const wallet = wallets.get(id);
    if (!wallet) throw new AppError('not-found', `No wallet with id ${id}.`);
    return wallet;
  };
  return {
    'chain:status': () => ctx.sync.chainStatus(),
    'sync:status': () => ctx.sync.status(),
    'sync:start': (args) => {
      if (args?.walletId !== undefined) walletOrThrow(args.walletId);
      return ctx.sync.start(args?.walletId);
    },
    'sync:pause': () => ctx.sync.pause(),
    'sync:cancel': (args) => {
      if (args?.walletId !== undefined) walletOrThrow(args.walletId);
      return ctx.sync.cancel(args?.walletId);
    },
    'events:list': (args) => {
      const coldkey = args?.walletId !== undefined ? walletOrThrow(args.walletId).address : null;
      return facts.listEvents(coldkey, args?.limit ?? 100_000);
    },
  };
}
