// Electron main's side of the backend utility process: forwards contract calls as messages and
// fans out pushes. A crashed backend fails the calls in flight with a clear error and is started
// again (a few times in a row at most). Imports no engine, SQLite or chain code: that is the point.
import type { ApiResponse, PushEventName, PushEvents } from '../../shared/api';
import { fromWire, toWire } from '../../shared/wire';
import type { ServerMessage } from '../host/protocol';

export interface BackendChild {
  postMessage(message: string): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type PushListener = (event: PushEventName, payload: PushEvents[PushEventName]) => void;

/** Restarts allowed without a single answered call in between (a backend that cannot start). */
const MAX_RESTARTS_IN_A_ROW = 3;

export class BackendClient {
  #child: BackendChild | null = null;
  readonly #pending = new Map<number, (response: ApiResponse<unknown>) => void>();
  readonly #listeners = new Set<PushListener>();
  #nextId = 1;
  #closing = false;
  #restartsInARow = 0;
  /** Times the backend was started again after it stopped. */
  restarts = 0;

  constructor(
    private readonly fork: () => BackendChild,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    this.#start();
  }

  #start(): void {
    const child = this.fork();
    child.on('message', (message) => this.#onMessage(message));
    child.on('exit', (code) => this.#onExit(child, code));
    this.#child = child;
  }

  #onMessage(message: unknown): void {
    if (typeof message !== 'string') return;
    let decoded: ServerMessage;
    try {
      decoded = fromWire<ServerMessage>(message);
    } catch {
      return;
    }
    if ('id' in decoded) {
      this.#restartsInARow = 0;
      this.#pending.get(decoded.id)?.(decoded.response);
      this.#pending.delete(decoded.id);
    } else {
      for (const listener of this.#listeners) listener(decoded.push, decoded.payload);
    }
  }

  #onExit(child: BackendChild, code: number): void {
    if (child !== this.#child) return;
    this.#child = null;
    const stopped = `The backend process stopped (exit code ${code}).`;
    for (const [id, resolve] of this.#pending) {
      resolve({ error: { code: 'internal', message: `${stopped} Try again.` } });
      this.#pending.delete(id);
    }
    if (this.#closing) return;
    if (this.#restartsInARow >= MAX_RESTARTS_IN_A_ROW) {
      this.log(`${stopped} It failed ${MAX_RESTARTS_IN_A_ROW + 1} times in a row and is not started again.`);
      return;
    }
    this.#restartsInARow += 1;
    this.restarts += 1;
    this.log(`${stopped} Starting it again.`);
    this.#start();
  }

  /** One contract call; always resolves (errors are `{ error }`, like every transport). */
  call(channel: unknown, args: unknown): Promise<ApiResponse<unknown>> {
    const child = this.#child;
    if (!child) return Promise.resolve({ error: { code: 'internal', message: 'The backend process is not running.' } });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      child.postMessage(toWire({ id, channel, args }));
    });
  }

  onPush(listener: PushListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#closing = true;
    this.#child?.kill();
  }
}
