import { createBackend, type Backend } from '../backend';
import type { PushEventName, PushEvents } from '../../shared/api';
import { trackOpen } from './open-backends';

/** A backend on a temp data dir that records every push event it emits (closed by the test: ./open-backends.ts). */
export function testBackend(
  dataDir: string,
): Backend & { pushed: { event: PushEventName; payload: PushEvents[PushEventName] }[] } {
  const backend = createBackend({ dataDir, transport: 'web', version: '0.0.0-test' });
  const pushed: { event: PushEventName; payload: PushEvents[PushEventName] }[] = [];
  backend.push.subscribe((event, payload) => pushed.push({ event, payload }));
  return Object.assign(trackOpen(backend), { pushed });
}

/** A test backend watching every user of a devnet through it, synced once to its finalized head. */
export async function syncedDevnetBackend(
  dataDir: string,
  dn: { coldkeys: readonly string[]; url: string },
): Promise<ReturnType<typeof testBackend>> {
  const backend = testBackend(dataDir);
  for (const [i, address] of dn.coldkeys.entries())
    await backend.dispatch('wallets:add', { address, label: `user ${i}` });
  await backend.dispatch('settings:update', { endpoint: dn.url });
  await backend.sync.syncOnce();
  return backend;
}
