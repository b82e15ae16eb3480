import type { Handlers } from '../../shared/api';
import { settingsRepo } from '../db/repos/settings';
import type { ServiceContext } from './context';

export type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:update'>;

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  const settings = settingsRepo(ctx.db);
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => {
      const updated = settings.update(patch);
      ctx.push.emit('db:changed', { tables: ['settings'] });
      return updated;
    },
  };
}
