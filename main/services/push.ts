import type { PushEventName, PushEvents } from '../../shared/api';

export type PushListener = <E extends PushEventName>(event: E, payload: PushEvents[E]) => void;

/** Fan-out of typed push events to every connected UI (IPC windows, WebSocket clients). */
export class PushBus {
  readonly #listeners = new Set<PushListener>();

  subscribe(listener: PushListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`push listener failed for ${event}:`, error);
      }
    }
  }
}
