import { createBackend, type Backend } from '../backend';
import type { PushEventName, PushEvents } from '../../shared/api';

/** A backend on a temp data dir that records every push event it emits. */
export function testBackend(
  dataDir: string,
): Backend & { pushed: { event: PushEventName; payload: PushEvents[PushEventName] }[] } {
  const backend = createBackend({ dataDir, transport: 'web', version: '0.0.0-test' });
  const pushed: { event: PushEventName; payload: PushEvents[PushEventName] }[] = [];
  backend.push.subscribe((event, payload) => pushed.push({ event, payload }));
  return Object.assign(backend, { pushed });
}
