// Throttled pushes of sync progress to the UI, and announcements of newly recorded facts to the
// backend's caches (the UI refetches through db:changed).
import type { SyncStatus } from '../../shared/api';
import { chainFactTables } from '../../shared/vocab';
import type { DomainBus, PushBus } from '../events';

const PUSH_EVERY_MS = 200;
const ANNOUNCE_EVERY_MS = 500;

export class ProgressPusher {
  #lastPush = 0;
  #lastAnnounce = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly push: PushBus,
    private readonly bus: DomainBus,
    private readonly status: () => SyncStatus,
  ) {}

  /** At most one progress push per PUSH_EVERY_MS; a skipped one is sent when the interval ends. */
  progress(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastPush < PUSH_EVERY_MS) {
      if (!this.#timer) {
        this.#timer = setTimeout(() => {
          this.#timer = null;
          this.progress(true);
        }, PUSH_EVERY_MS);
        this.#timer.unref?.();
      }
      return;
    }
    this.#lastPush = now;
    if (this.#closed) return;
    this.push.emit('sync:progress', this.status());
  }

  /** Tell the backend that chain facts changed (at most every ANNOUNCE_EVERY_MS unless forced). */
  announce(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastAnnounce < ANNOUNCE_EVERY_MS) return;
    this.#lastAnnounce = now;
    this.bus.emit('data:changed', { tables: [...chainFactTables, 'sync_state', 'validator_identities'] });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }
}
