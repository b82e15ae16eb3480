// The one owned connection to a subtensor node. Augmentation must be imported before anything
// else from the API (PJS FAQ), so it is the first import here.
import '@polkadot/api-augment';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a } from '@polkadot/util';
import { redactEndpoint, redactIn } from '../../shared/redact';
import { installSocketGuard, takeMalformed } from './socket-guard';
import { installRxErrorSink } from './unhandled-rx';
import { installFastRequestJson } from './request-json';
import { Backoff } from './backoff';
import { watchSend } from './watched-send';
import { endpointSchema, type ChainStatus } from '../../shared/api';

/** finney's genesis; the devnet serves the same one. Anything else is the wrong chain. */
export const FINNEY_GENESIS = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';

export type { ChainErrorCode } from '../../shared/vocab';

export { ChainError, isPrunedError, toChainError } from './errors';
import { ChainError, toChainError } from './errors';

export interface ChainClientOptions {
  endpoint: string;
  /** Give up one connection attempt after this long (the public endpoint may hang). */
  connectTimeoutMs?: number;
  /**
   * Per-request timeout (PJS's own default is 60 s). A request unanswered this long means the node
   * stopped answering: the status says so and the connection is dropped and made again.
   */
  requestTimeoutMs?: number;
  /** Reconnect with exponential backoff after a drop or failed attempt (app); the CLI wants false. */
  reconnect?: boolean;
  onStatus?: (status: ChainStatus) => void;
}

/**
 * How long sync waits for one answer. A state query at one block, a page of keys or a runtime call
 * takes well under a second on a healthy node; 20 s leaves room for a slow public node while a
 * stalled one is noticed (and told) in a third of PJS's 60 s.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * PJS falls back to metadata V14 when `Metadata_metadata_versions` fails, even for one transient
 * error, and then keeps V14 for the life of the API. Sync needs V15 (runtime API output types), so
 * a V14 answer from a runtime that offers V15 is a failed attempt, retried this many times at once.
 */
const METADATA_ATTEMPTS = 3;

installSocketGuard();
installFastRequestJson();
installRxErrorSink();

/**
 * Whether the head runtime offers metadata V15 or later (`Metadata_metadata_versions`, a SCALE
 * Vec<u32>). Asked only after PJS settled on V14; an error counts as "offers V15" so the fallback
 * retry stays the answer to a transient failure.
 */
async function offersV15(provider: WsProvider): Promise<boolean> {
  try {
    const hex = await provider.send<string>('state_call', ['Metadata_metadata_versions', '0x']);
    const versions = new TypeRegistry().createType('Vec<u32>', hexToU8a(hex)).map((v) => v.toNumber());
    return versions.some((v) => v >= 15);
  } catch {
    return true;
  }
}

/** A V14 fallback on a try that is not the last: connect again from scratch. */
class MetadataFallback extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}

/**
 * Owns one ApiPromise at a time: explicit WsProvider, listeners attached before isReady, genesis
 * check, our own reconnect backoff (PJS's fixed 2.5 s autoconnect is switched off), and a
 * registry of subscriptions torn down on reconnect and close.
 */
export class ChainClient {
  readonly endpoint: string;
  /** The endpoint as shown anywhere (status, errors, logs): credentials removed. */
  readonly shown: string;
  #api: ApiPromise | null = null;
  #provider: WsProvider | null = null;
  #status: ChainStatus;
  #closed = false;
  readonly #backoff = new Backoff();
  #retryTimer: NodeJS.Timeout | null = null;
  #ready: Promise<ApiPromise> | null = null;
  /** Why the current connection is being dropped because the node stopped answering, if it is. */
  #stalled: string | null = null;
  readonly #unsubs = new Set<() => void>();
  readonly #connectedListeners = new Set<(api: ApiPromise) => void>();
  /** Requests sent to the node, by method (the benchmark reads this). */
  readonly requestCounts = new Map<string, number>();

  constructor(private readonly options: ChainClientOptions) {
    const parsed = endpointSchema.safeParse(options.endpoint);
    if (!parsed.success)
      throw new ChainError('invalid-endpoint', `“${redactEndpoint(options.endpoint)}” is not a ws:// or wss:// URL.`);
    this.endpoint = parsed.data;
    this.shown = redactEndpoint(parsed.data);
    this.#status = {
      state: 'idle',
      endpoint: this.shown,
      message: null,
      code: null,
      specVersion: null,
      bestFinalized: null,
    };
  }

  get status(): ChainStatus {
    return this.#status;
  }

  get api(): ApiPromise {
    if (!this.#api || this.#status.state !== 'connected')
      throw new ChainError('unreachable', `Not connected to ${this.shown}.`);
    return this.#api;
  }

  get isConnected(): boolean {
    return this.#status.state === 'connected';
  }

  #setStatus(patch: Partial<ChainStatus>): void {
    // PJS messages can quote the URL it dialled; never let credentials into a status.
    if (patch.message) patch = { ...patch, message: redactIn(patch.message, this.endpoint) };
    this.#status = { ...this.#status, ...patch };
    this.options.onStatus?.(this.#status);
  }

  /** Called (again) after every successful (re)connection, e.g. to resubscribe to heads. */
  onConnected(listener: (api: ApiPromise) => void): () => void {
    this.#connectedListeners.add(listener);
    return () => this.#connectedListeners.delete(listener);
  }

  /** Keep an unsubscribe function until reconnect or close. */
  own(unsub: () => void): void {
    this.#unsubs.add(unsub);
  }

  /** Connect (or wait for the current attempt). Rejects with a ChainError if this attempt fails. */
  connect(): Promise<ApiPromise> {
    if (this.#closed) return Promise.reject(new ChainError('closed', 'The chain client is closed.'));
    if (this.#api && this.#status.state === 'connected') return Promise.resolve(this.#api);
    this.#ready ??= this.#attemptWithMetadataRetries().finally(() => {
      this.#ready = null;
    });
    return this.#ready;
  }

  async #attemptWithMetadataRetries(): Promise<ApiPromise> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attemptConnect(attempt >= METADATA_ATTEMPTS);
      } catch (error) {
        if (!(error instanceof MetadataFallback)) throw error;
      }
    }
  }

  async #attemptConnect(lastTry: boolean): Promise<ApiPromise> {
    this.#setStatus({ state: 'connecting', message: null, code: null });
    // autoConnectMs=false: we own retries; cacheCapacity 0: every request really goes to the node.
    const provider = new WsProvider(this.endpoint, false, {}, this.#requestTimeoutMs, 0);
    // Count every request, note answers (the backoff's) and notice requests the node left unanswered.
    watchSend(provider, {
      counts: this.requestCounts,
      answered: () => this.#backoff.answered(),
      unanswered: (method) => this.#onStall(provider, method),
    });
    let api: ApiPromise | null = null;
    let failure: (error: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      failure = reject;
    });
    failed.catch(() => {});
    const onError = () => failure(new ChainError('unreachable', `Cannot reach ${this.shown}.`));
    provider.on('error', onError);
    provider.on('disconnected', onError);
    const timeoutMs = this.options.connectTimeoutMs ?? 15_000;
    const timedOut = () =>
      new ChainError('unreachable', `No answer from ${this.shown} within ${Math.round(timeoutMs / 1000)} s.`);
    try {
      await provider.connect();
      await withTimeout(Promise.race([provider.isReady, failed]), timeoutMs, timedOut);
      // Check the chain before PJS downloads metadata: a wrong chain is refused with nothing read.
      let genesis: unknown;
      try {
        genesis = await withTimeout(
          Promise.race([provider.send<string>('chain_getBlockHash', [0]), failed]),
          timeoutMs,
          timedOut,
        );
      } catch (error) {
        throw error instanceof ChainError ? error : toChainError(error, 'the genesis hash');
      }
      if (typeof genesis !== 'string')
        throw new ChainError(
          'malformed',
          `${this.shown} answered the genesis hash request with something that is not a hash.`,
        );
      if (genesis.toLowerCase() !== FINNEY_GENESIS) {
        throw new ChainError(
          'wrong-chain',
          `${this.shown} is not Bittensor finney (genesis ${genesis.slice(0, 18)}…, expected ${FINNEY_GENESIS.slice(0, 18)}…). Nothing was read or written.`,
        );
      }
      api = await this.#createApi(provider, failed, timeoutMs, timedOut, lastTry);
    } catch (error) {
      if (error instanceof MetadataFallback) {
        await provider.disconnect().catch(() => {});
        throw error;
      }
      if (api) await api.disconnect().catch(() => {});
      else await provider.disconnect().catch(() => {});
      const chainError =
        error instanceof ChainError
          ? error
          : new ChainError('unreachable', `Cannot connect to ${this.shown}: ${(error as Error).message}`);
      const retry = this.options.reconnect === true && chainError.code !== 'wrong-chain';
      this.#lost({ state: 'error', message: chainError.message, code: chainError.code }, retry);
      throw chainError;
    }
    const ready = api;
    provider.on('disconnected', () => this.#onDrop(ready));
    this.#api = ready;
    this.#provider = provider;
    this.#backoff.connected();
    this.#setStatus({
      state: 'connected',
      message: null,
      code: null,
      specVersion: ready.runtimeVersion.specVersion.toNumber(),
      bestFinalized: null, // the last node's head says nothing of this one's: sync reads it anew
    });
    for (const listener of this.#connectedListeners) listener(ready);
    return ready;
  }

  /**
   * The API on a provider already checked for the right chain. Its init errors (a drop or an RPC
   * error while it loads metadata) reject `isReadyOrError`, which is always handled here.
   */
  async #createApi(
    provider: WsProvider,
    failed: Promise<never>,
    timeoutMs: number,
    timedOut: () => Error,
    lastTry: boolean,
  ): Promise<ApiPromise> {
    const api = new ApiPromise({ provider, noInitWarn: true });
    api.isReadyOrError.catch(() => {});
    api.on('error', () => {});
    try {
      await withTimeout(Promise.race([api.isReadyOrError, failed]), timeoutMs, timedOut);
    } catch (error) {
      await api.disconnect().catch(() => {});
      throw error instanceof ChainError ? error : toChainError(error, 'the runtime metadata');
    }
    if (api.runtimeMetadata.version >= 15) return api;
    // A runtime that offers only V14 (finney 475) is served as it is: its runtime-API output types
    // come from bundled definitions (main/chain/bundled-apis.ts, docs/chain/rpc.md#v14-only-runtimes).
    if (!(await offersV15(provider))) return api;
    await api.disconnect().catch(() => {});
    if (!lastTry) throw new MetadataFallback();
    throw new ChainError(
      'rpc-error',
      `${this.shown} did not serve runtime metadata V15 (asked ${METADATA_ATTEMPTS} times); sync needs it.`,
    );
  }

  get #requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  /**
   * A request on the live connection got no answer in time: the node (or the path to it) stopped
   * answering. Waiting on the same socket rarely helps (a half-open TCP connection never answers),
   * so the connection is dropped: every request in flight fails at once and is retried after the
   * reconnect, and the status says why rather than showing "connected".
   */
  #onStall(provider: WsProvider, method: string): void {
    const api = this.#api;
    if (provider !== this.#provider || !api || this.#closed) return;
    this.#stalled = `${this.shown} stopped answering (no reply to ${method} within ${Math.round(this.#requestTimeoutMs / 1000)} s).`;
    this.#onDrop(api);
  }

  /** Drops the connection as a lost one, so the next read connects afresh (ChainReader.runtimeFor). */
  restart(): void {
    if (this.#api) this.#onDrop(this.#api);
  }

  #onDrop(api: ApiPromise): void {
    if (this.#api !== api || this.#closed) return;
    this.#backoff.dropped();
    this.#teardownSubscriptions();
    this.#api = null;
    this.#provider = null;
    void api.disconnect().catch(() => {});
    const malformed = takeMalformed(this.endpoint);
    const stalled = this.#stalled;
    this.#stalled = null;
    const reason = stalled ?? malformed;
    const message = stalled
      ? `${stalled} Reconnecting…`
      : `${reason ? `${reason} ` : ''}Lost the connection to ${this.shown}; reconnecting…`;
    const code = malformed && !stalled ? 'malformed' : 'unreachable';
    this.#lost({ state: 'disconnected', message, code }, this.options.reconnect === true);
  }

  /** The connection failed or dropped: `status` says why and, in one update, when the next attempt is. */
  #lost(status: Partial<ChainStatus> & { message: string }, retry: boolean): void {
    if (!retry || this.#closed || this.#retryTimer) return this.#setStatus(status);
    const delay = this.#backoff.next();
    this.#setStatus({ ...status, message: `${status.message} Retrying in ${Math.round(delay / 1000)} s.` });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.connect().catch(() => {});
    }, delay);
    this.#retryTimer.unref?.();
  }

  #teardownSubscriptions(): void {
    for (const unsub of this.#unsubs) {
      try {
        unsub();
      } catch {
        /* the socket is gone anyway */
      }
    }
    this.#unsubs.clear();
  }

  /** Raw JSON-RPC through the owned provider (counted). Errors become ChainErrors. */
  async rpc<T>(method: string, params: unknown[], what = method): Promise<T> {
    const provider = this.#provider;
    if (!provider || !this.isConnected) throw new ChainError('unreachable', `Not connected to ${this.shown}.`);
    try {
      return await provider.send<T>(method, params);
    } catch (error) {
      const chainError = toChainError(error, what);
      chainError.message = redactIn(chainError.message, this.endpoint);
      throw chainError;
    }
  }

  totalRequests(): number {
    let total = 0;
    for (const n of this.requestCounts.values()) total += n;
    return total;
  }

  setBestFinalized(block: number): void {
    if (this.#status.bestFinalized !== block) this.#setStatus({ bestFinalized: block });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#teardownSubscriptions();
    const api = this.#api;
    this.#api = null;
    this.#provider = null;
    if (api) await api.disconnect().catch(() => {});
    this.#setStatus({ state: 'idle', message: null, code: null });
  }
}
