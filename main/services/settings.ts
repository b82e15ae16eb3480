import type { Handlers, Settings } from '../../shared/api';
import { redactEndpoint } from '../../shared/redact';
import { settingsRepo } from '../db/repos/settings';
import type { ServiceContext } from './context';

export type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:update'>;

export function settingsHandlers(ctx: ServiceContext): SettingsHandlers {
  const settings = settingsRepo(ctx.db);
  // The UI sees the endpoint without its credentials; saving that redacted form back keeps them.
  const shown = (s: Settings): Settings => ({
    ...s,
    endpoint: s.endpoint === null ? null : redactEndpoint(s.endpoint),
  });
  return {
    'settings:get': () => shown(settings.get()),
    'settings:update': (patch) => {
      const stored = settings.get().endpoint;
      const keepsSecret = stored !== null && patch.endpoint === redactEndpoint(stored);
      const updated = settings.update(keepsSecret ? { ...patch, endpoint: undefined } : patch);
      ctx.bus.emit('data:changed', { tables: ['settings'] });
      ctx.sync.settingsChanged();
      return shown(updated);
    },
  };
}
