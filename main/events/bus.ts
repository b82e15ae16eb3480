// Typed publish/subscribe, used twice: the domain bus (what changed in the data, for caches inside
// the backend) and the UI push (what every connected window is told). Listeners receive exactly
// the payload declared for their event; a throwing listener never stops the others.

type Listener<Events, E extends keyof Events> = (payload: Events[E]) => void;
type AnyListener<Events> = <E extends keyof Events>(event: E, payload: Events[E]) => void;

export class TypedBus<Events extends object> {
  readonly #byEvent = new Map<keyof Events, Set<Listener<Events, never>>>();
  readonly #all = new Set<AnyListener<Events>>();

  constructor(private readonly name: string) {}

  /** Listen to one event. Returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, listener: Listener<Events, E>): () => void {
    let set = this.#byEvent.get(event);
    if (!set) this.#byEvent.set(event, (set = new Set()));
    set.add(listener as Listener<Events, never>);
    return () => set.delete(listener as Listener<Events, never>);
  }

  /** Listen to every event (transports forwarding them all). Returns the unsubscribe function. */
  subscribe(listener: AnyListener<Events>): () => void {
    this.#all.add(listener);
    return () => this.#all.delete(listener);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.#byEvent.get(event) ?? []) this.#guard(event, () => listener(payload as never));
    for (const listener of this.#all) this.#guard(event, () => listener(event, payload));
  }

  #guard(event: keyof Events, run: () => void): void {
    try {
      run();
    } catch (error) {
      console.error(`${this.name} listener failed for ${String(event)}:`, error);
    }
  }
}
