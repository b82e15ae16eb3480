// Requests in flight on the node's connection, bounded (main/sync/reader.ts).

/** Several requests in flight, never unbounded. */
export class Limiter {
  #active = 0;
  readonly #queue: (() => void)[] = [];
  constructor(readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#active += 1;
    try {
      return await fn();
    } finally {
      this.#active -= 1;
      this.#queue.shift()?.();
    }
  }
}
