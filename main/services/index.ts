import { channels, type Handlers } from '../../shared/api';
import { activityHandlers } from './activity';
import { appHandlers } from './app';
import { backupHandlers } from './backups';
import { chainInfoHandlers } from './chain-info';
import type { ServiceContext } from './context';
import { fiatCoverageHandlers } from './fiat-coverage';
import { portfolioHandlers } from './portfolio';
import { securityHandlers } from './security';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import { walletHandlers } from './wallets';

/**
 * Merge feature handler groups into the full contract. A channel implemented twice, or a contract
 * channel nobody implements, is a programming error caught at startup (and by the unit tests).
 */
export function combineHandlers(...groups: Partial<Handlers>[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (name in merged) throw new Error(`Channel "${name}" is implemented twice`);
      merged[name] = fn;
    }
  }
  const missing = channels.filter((c) => typeof merged[c] !== 'function');
  if (missing.length > 0) throw new Error(`Channels without a handler: ${missing.join(', ')}`);
  return merged as Handlers;
}

export function createHandlers(ctx: ServiceContext): Handlers {
  return combineHandlers(
    appHandlers(ctx),
    walletHandlers(ctx),
    settingsHandlers(ctx),
    portfolioHandlers(ctx),
    syncHandlers(ctx),
    backupHandlers(ctx),
    activityHandlers(ctx),
    chainInfoHandlers(ctx),
    fiatCoverageHandlers(ctx),
    securityHandlers(ctx.session),
  );
}
