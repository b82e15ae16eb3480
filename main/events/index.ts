import type { PushEvents } from '../../shared/api';
import type { DbTable } from '../../shared/vocab';
import { TypedBus } from './bus';

export { TypedBus } from './bus';

/** Inside the backend: what changed in the stored data (caches listen; the UI push forwards it). */
export interface DomainEvents {
  'data:changed': { tables: DbTable[] };
}

export type DomainBus = TypedBus<DomainEvents>;
export const createDomainBus = (): DomainBus => new TypedBus<DomainEvents>('domain');

/** To every connected UI (IPC windows, WebSocket clients). */
export type PushBus = TypedBus<PushEvents>;
export const createPushBus = (): PushBus => new TypedBus<PushEvents>('push');
