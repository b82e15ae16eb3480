import type { Handlers } from '../../shared/api';
import { parseSs58 } from './ss58';
import { walletsRepo } from '../db/repos/wallets';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export type WalletHandlers = Pick<Handlers, 'wallets:list' | 'wallets:add' | 'wallets:update' | 'wallets:remove'>;

const normaliseGroup = (group: string | null | undefined): string | null => (group ? group : null);

export function walletHandlers(ctx: ServiceContext): WalletHandlers {
  const wallets = walletsRepo(ctx.db);
  const changed = () => {
    ctx.bus.emit('data:changed', { tables: ['wallets'] });
    ctx.sync.walletsChanged();
  };

  return {
    'wallets:list': () => wallets.list(),

    'wallets:add': ({ address, label, group }) => {
      const parsed = parseSs58(address);
      if (!parsed.ok) throw new AppError('invalid-address', parsed.message, 'address');
      const existing = wallets.findByAddress(parsed.address);
      if (existing) {
        throw new AppError('duplicate', `This address is already watched as “${existing.label}”.`, 'address');
      }
      const wallet = wallets.insert({
        address: parsed.address,
        label,
        group: normaliseGroup(group),
        addedAt: ctx.now(),
      });
      changed();
      return { wallet, normalisedFrom: parsed.normalised ? { address: address.trim(), prefix: parsed.prefix } : null };
    },

    'wallets:update': ({ id, label, group }) => {
      const current = wallets.get(id);
      if (!current) throw new AppError('not-found', `No wallet with id ${id}.`);
      // A rename that leaves the group out keeps it; null (or an empty group) removes it.
      wallets.update(id, label, group === undefined ? current.group : normaliseGroup(group));
      changed();
      return wallets.get(id)!;
    },

    'wallets:remove': ({ id }) => {
      if (!wallets.remove(id)) throw new AppError('not-found', `No wallet with id ${id}.`);
      changed();
      return { id };
    },
  };
}
