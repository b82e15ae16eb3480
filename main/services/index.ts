import type { Handlers } from '../../shared/api';
import { appHandlers } from './app';
import type { ServiceContext } from './context';
import { portfolioHandlers } from './portfolio';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import { walletHandlers } from './wallets';

/** Merge feature handler groups; a channel implemented twice is a programming error. */
export function combineHandlers<T extends object>(...groups: T[]): T {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (name in merged) throw new Error(`Channel "${name}" is implemented twice`);
      merged[name] = fn;
    }
  }
  return merged as T;
}

export function createHandlers(ctx: ServiceContext): Handlers {
  const handlers: Handlers = combineHandlers<Partial<Handlers>>(appHandlers(ctx), walletHandlers(ctx), settingsHandlers(ctx), portfolioHandlers(ctx), syncHandlers(ctx)) as Handlers;
  return handlers;
}
