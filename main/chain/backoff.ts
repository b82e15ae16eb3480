// How long the client waits before dialling the node again (main/chain/client.ts).

/** The waits before each new attempt, the last one repeated. */
export const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/**
 * The waits climb with each failed attempt. A connection that answered a request was a working one: a
 * drop after it starts them again from the first. One that drops before answering anything (a node
 * that accepts the connection and then fails at once) keeps climbing them, so such a node is not
 * dialled again every second forever, while a flaky node that works between drops is redialled at once.
 */
export class Backoff {
  #step = 0;
  #connected = false;
  #answered = false;

  /** A connection was made (its handshake's answers do not count as work). */
  connected(): void {
    this.#connected = true;
    this.#answered = false;
  }

  /** The node answered a request (a subscription's id is no answer: ./watched-send.ts). */
  answered(): void {
    if (this.#connected) this.#answered = true;
  }

  /** The connection was lost: after a working one the waits start again. */
  dropped(): void {
    if (this.#answered) this.#step = 0;
    this.#connected = this.#answered = false;
  }

  /** The wait before the next attempt (ms); each call is one attempt more. */
  next(): number {
    const delay = BACKOFF_MS[Math.min(this.#step, BACKOFF_MS.length - 1)] as number;
    this.#step += 1;
    return delay;
  }
}
