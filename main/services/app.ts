import type { Handlers } from '../../shared/api';
import type { ServiceContext } from './context';

export type AppHandlers = Pick<Handlers, 'app:info'>;

export function appHandlers(ctx: ServiceContext): AppHandlers {
  return { 'app:info': () => ctx.info };
}
