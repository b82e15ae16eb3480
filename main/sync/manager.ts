// Runs sync for every wallet: backfill from the cursor to the finalized head, then follow finalized
// heads live. Owns the ChainClient and the connection gate (no connection without an endpoint and a
// wallet), schedules one run per wallet at a time, supports pause/cancel. A run itself is
// run-once.ts; per-wallet state and status wallet-run.ts; pushes progress.ts.
import type { ChainStatus, SyncStatus } from '../../shared/api';
import { redactEndpoint } from '../../shared/redact';
import { ChainClient, ChainError, DEFAULT_REQUEST_TIMEOUT_MS } from '../chain/client';
import { chainFactsRepo } from '../db/repos/chain-facts';
import { identitiesRepo } from '../db/repos/identities';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import type { DB } from '../db/open';
import type { DomainBus, PushBus } from '../events';
import { ProgressPusher } from './progress';
import { connectRetrying } from './retry';
import { ChainReader } from './reader';
import { syncWallet, type RunContext } from './run-once';
import { newWalletRun, walletStatus, type WalletRun } from './wallet-run';

/**
 * Reads in flight on the node's connection. A bisection level reads ~220 midpoints at once on a
 * year's backfill: at 32 each level took ~8 latencies (~170 ms at 20 ms). 64 is Substrate's default
 * message buffer per connection (`--rpc-message-buffer-capacity-per-connection`,
 * RPC_DEFAULT_MESSAGE_CAPACITY_PER_CONN in polkadot-sdk substrate/client/cli/src/config.rs): more would only
 * wait in the node's buffer.
 */
const READS_IN_FLIGHT = 64;

export interface SyncManagerOptions {
  db: DB;
  /** Connection state and progress for the UI. */
  push: PushBus;
  /** Where recorded facts are announced to the backend's caches. */
  bus: DomainBus;
  now: () => number;
  /** Overrides the endpoint from settings (CLI --endpoint). */
  endpoint?: string;
  /** Reconnect with backoff (app) or fail fast (CLI). */
  reconnect?: boolean;
  connectTimeoutMs?: number;
  /**
   * How long one read may go unanswered before the node counts as stalled (the status says so and
   * the connection is made again); default DEFAULT_REQUEST_TIMEOUT_MS, never PJS's 60 s.
   */
  requestTimeoutMs?: number;
  concurrency?: number;
  log?: (line: string) => void;
  /** Test seam, see RangeHooks.beforeCommit. */
  beforeCommit?: (blocks: number) => void;
}

export class SyncManager {
  readonly #repo;
  readonly #identities;
  readonly #wallets;
  readonly #settings;
  #client: ChainClient | null = null;
  #reader: ChainReader | null = null;
  readonly #runs = new Map<string, WalletRun>();
  #paused = false;
  /** start() was called: follow whenever the connection gate allows. */
  #wantsToFollow = false;
  #following = false;
  /** The newest finalized block number the head subscription announced (null until one arrives). */
  #announced: number | null = null;
  #closed = false;
  #chainStatus: ChainStatus;
  readonly #pusher: ProgressPusher;

  constructor(private readonly options: SyncManagerOptions) {
    this.#repo = chainFactsRepo(options.db);
    this.#identities = identitiesRepo(options.db);
    this.#wallets = walletsRepo(options.db);
    this.#settings = settingsRepo(options.db);
    this.#chainStatus = this.#idleStatus(null);
    this.#pusher = new ProgressPusher(options.push, options.bus, () => this.status());
  }

  /** The wallet service tells sync that wallets were added, renamed or removed. */
  walletsChanged(): void {
    if (this.#closed) return;
    this.#refreshWallets();
    if (this.#following) this.#kickAll();
    this.#applyConnectionGate();
  }

  /** The settings service tells sync that settings changed (the endpoint may be another one). */
  settingsChanged(): void {
    if (this.#closed) return;
    if (this.#client && this.#client.endpoint !== this.endpoint()) void this.#switchEndpoint();
    this.#applyConnectionGate();
  }

  endpoint(): string | null {
    return this.options.endpoint ?? this.#settings.get().endpoint;
  }

  /**
   * Why sync may not connect now (no endpoint chosen, no wallet), or null. A fresh install, or one
   * whose last wallet was removed, makes no network connection at all.
   */
  #gateReason(): string | null {
    if (this.endpoint() === null) return 'Choose a chain endpoint in Settings to start syncing.';
    if (this.#wallets.list().length === 0) return 'Add a wallet to start syncing; nothing connects until then.';
    return null;
  }

  /** Started sync waits at the gate, goes through once it opens, and disconnects if it closes. */
  #applyConnectionGate(): void {
    if (!this.#wantsToFollow) return;
    const reason = this.#gateReason();
    if (reason === null && !this.#client && !this.#paused) void this.start();
    if (reason === null) return;
    if (this.#client) void this.#stopClient().then(() => this.#onChainStatus(this.#idleStatus(reason)));
    else this.#onChainStatus(this.#idleStatus(reason));
  }

  #idleStatus(message: string | null): ChainStatus {
    const endpoint = this.endpoint();
    return {
      state: 'idle',
      endpoint: endpoint === null ? null : redactEndpoint(endpoint),
      message,
      code: null,
      specVersion: null,
      bestFinalized: null,
    };
  }

  get client(): ChainClient | null {
    return this.#client;
  }

  /** The reader of the current connection (its request profile is what the benchmark prints). */
  get reader(): ChainReader | null {
    return this.#reader;
  }

  chainStatus(): ChainStatus {
    return this.#chainStatus;
  }

  status(): SyncStatus {
    this.#refreshWallets();
    return {
      chain: this.#chainStatus,
      paused: this.#paused,
      wallets: [...this.#runs.values()].map((r) =>
        walletStatus(r, {
          stored: this.#repo.getState(r.wallet.address),
          paused: this.#paused,
          following: this.#following,
          connected: this.#chainStatus.state === 'connected',
          head: this.#chainStatus.bestFinalized,
          movedTo: this.#repo.movedTo(r.wallet.address),
          now: this.options.now(),
        }),
      ),
    };
  }

  #refreshWallets(): void {
    const wallets = this.#wallets.list();
    const present = new Set(wallets.map((w) => w.address));
    for (const [address, run] of this.#runs) {
      if (!present.has(address)) {
        run.abort?.abort();
        this.#runs.delete(address);
      }
    }
    for (const wallet of wallets) {
      const run = this.#runs.get(wallet.address);
      if (run) run.wallet = wallet;
      else this.#runs.set(wallet.address, newWalletRun(wallet, this.options.now()));
    }
  }

  #onChainStatus = (status: ChainStatus): void => {
    this.#chainStatus = status;
    this.options.push.emit('chain:status', status);
    this.#pusher.progress(true);
  };

  #makeClient(): ChainClient {
    const endpoint = this.endpoint();
    if (endpoint === null)
      throw new ChainError(
        'invalid-endpoint',
        'No chain endpoint is chosen: set one in Settings (or pass --endpoint).',
      );
    const client = new ChainClient({
      endpoint,
      reconnect: this.options.reconnect ?? true,
      connectTimeoutMs: this.options.connectTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      onStatus: this.#onChainStatus,
    });
    this.#client = client;
    this.#reader = new ChainReader(client, this.options.concurrency ?? READS_IN_FLIGHT);
    this.#announced = null;
    for (const run of this.#runs.values()) run.finder = null;
    return client;
  }

  async #switchEndpoint(): Promise<void> {
    const wasFollowing = this.#following;
    await this.#stopClient();
    if (wasFollowing) await this.start().catch(() => {});
  }

  async #stopClient(): Promise<void> {
    for (const run of this.#runs.values()) run.abort?.abort();
    await Promise.all([...this.#runs.values()].map((r) => r.running?.catch(() => {})));
    const client = this.#client;
    this.#client = null;
    this.#reader = null;
    this.#following = false;
    if (client) await client.close();
  }

  /**
   * Start (or resume) syncing: connect in the background, backfill every wallet, follow finalized
   * heads. Never throws for an unreachable endpoint: that is shown as chain status and retried.
   */
  async start(walletId?: number): Promise<SyncStatus> {
    this.#paused = false;
    this.#wantsToFollow = true;
    this.#refreshWallets();
    for (const run of this.#runs.values())
      if (walletId === undefined || run.wallet.id === walletId) run.cancelled = false;
    const gated = this.#gateReason();
    if (gated !== null) {
      this.#onChainStatus(this.#idleStatus(gated));
      return this.status();
    }
    if (!this.#client) {
      const client = this.#makeClient();
      client.onConnected((api) => {
        // What this connection's node announces: after a reconnect the node may be behind the last one.
        this.#announced = null;
        void api.rpc.chain
          .subscribeFinalizedHeads((header) => {
            const n = header.number.toNumber();
            // Only the number: the hash is asked of the node (cached) rather than computed from the header.
            client.setBestFinalized(n);
            this.#announced = Math.max(n, this.#announced ?? 0);
            this.#kickAll();
          })
          .then((unsub) => client.own(unsub))
          .catch(() => {});
        this.#kickAll();
      });
      this.#following = true;
      client.connect().catch(() => {
        /* shown via chain status; the client retries with backoff */
      });
    } else {
      this.#following = true;
      this.#kickAll();
    }
    this.#pusher.progress(true);
    return this.status();
  }

  #kickAll(): void {
    if (this.#paused || this.#closed) return;
    this.#refreshWallets();
    for (const run of this.#runs.values()) if (!run.cancelled) this.#kick(run);
  }

  #kick(run: WalletRun): void {
    if (run.running) {
      run.again = true;
      return;
    }
    const abort = new AbortController();
    run.abort = abort;
    run.again = false;
    run.running = this.#runOnce(run, abort.signal)
      .catch(() => {})
      .finally(() => {
        run.running = null;
        run.abort = null;
        this.#pusher.progress(true);
        if (run.again && !abort.signal.aborted && !this.#paused && this.#following) this.#kick(run);
      });
  }

  /** Bring one wallet up to the current finalized head (run-once.ts). */
  #runOnce(run: WalletRun, signal: AbortSignal): Promise<void> {
    const client = this.#client;
    const reader = this.#reader;
    if (!client || !reader) return Promise.reject(new ChainError('unreachable', 'Not connected.'));
    const ctx: RunContext = {
      client,
      reader,
      repo: this.#repo,
      identities: this.#identities,
      now: this.options.now,
      following: this.#following,
      announced: this.#following ? this.#announced : null,
      paused: () => this.#paused,
      log: this.options.log,
      beforeCommit: this.options.beforeCommit,
      onProgress: (force) => this.#pusher.progress(force),
      onRecorded: (force) => this.#pusher.announce(force),
    };
    return syncWallet(ctx, run, signal);
  }

  /**
   * CLI `sync --once`: connect (failing fast where nothing answers; an RPC error while connecting is
   * tried again), bring every wallet to the finalized head, return.
   */
  async syncOnce(): Promise<SyncStatus> {
    this.#refreshWallets();
    const client = this.#client ?? this.#makeClient();
    await connectRetrying(client);
    for (const run of this.#runs.values()) {
      const abort = new AbortController();
      run.abort = abort;
      run.running = this.#runOnce(run, abort.signal);
      try {
        await run.running;
      } finally {
        run.running = null;
        run.abort = null;
      }
    }
    return this.status();
  }

  pause(): SyncStatus {
    this.#paused = true;
    for (const run of this.#runs.values()) run.abort?.abort();
    this.#pusher.progress(true);
    return this.status();
  }

  cancel(walletId?: number): SyncStatus {
    for (const run of this.#runs.values()) {
      if (walletId !== undefined && run.wallet.id !== walletId) continue;
      run.cancelled = true;
      run.abort?.abort();
    }
    this.#pusher.progress(true);
    return this.status();
  }

  /** Aborts every run synchronously (no commit can follow), then disconnects. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#pusher.close();
    for (const run of this.#runs.values()) run.abort?.abort();
    await this.#stopClient();
  }
}
