// Runs sync for every wallet: backfill from the cursor to the finalized head, then follow finalized
// heads live. Owns the ChainClient, pushes connection state and progress, supports pause/cancel.
import { chainFactTables } from '../../shared/vocab';
import type { ChainStatus, SyncPhase, SyncStatus, Wallet, WalletSyncStatus } from '../../shared/api';
import { ChainClient, ChainError, isPrunedError } from '../chain/client';
import { chainFactsRepo, type SyncStateRow } from '../db/repos/chain-facts';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import type { DB } from '../db/open';
import type { DomainBus, PushBus } from '../events';
import { redactEndpoint } from '../../shared/redact';
import { ChangeFinder } from './change-finder';
import { ChainReader } from './reader';
import { recordRange, SyncAborted, type RangePhase } from './record-range';

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
  concurrency?: number;
  log?: (line: string) => void;
  /** Test seam, see RangeHooks.beforeCommit. */
  beforeCommit?: (blocks: number) => void;
}

interface WalletRun {
  wallet: Wallet;
  finder: ChangeFinder | null;
  running: Promise<void> | null;
  abort: AbortController | null;
  /** A newer finalized head arrived while running: run again afterwards. */
  again: boolean;
  cancelled: boolean;
  phase: SyncPhase;
  done: number;
  total: number;
  phaseStarted: number;
  error: string | null;
}

const PUSH_EVERY_MS = 200;
/** Live following records head facts (positions, prices, locks, exit values) at most this often. */
const HEAD_EVERY_LIVE = 300;

export class SyncManager {
  readonly #repo;
  readonly #wallets;
  readonly #settings;
  #client: ChainClient | null = null;
  #reader: ChainReader | null = null;
  readonly #runs = new Map<string, WalletRun>();
  #paused = false;
  /** start() was called: follow whenever the connection gate allows. */
  #wantsToFollow = false;
  #following = false;
  #closed = false;
  #lastPush = 0;
  #pushTimer: NodeJS.Timeout | null = null;
  #chainStatus: ChainStatus;

  constructor(private readonly options: SyncManagerOptions) {
    this.#repo = chainFactsRepo(options.db);
    this.#wallets = walletsRepo(options.db);
    this.#settings = settingsRepo(options.db);
    this.#chainStatus = this.#idleStatus(null);
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

  chainStatus(): ChainStatus {
    return this.#chainStatus;
  }

  status(): SyncStatus {
    this.#refreshWallets();
    return {
      chain: this.#chainStatus,
      paused: this.#paused,
      wallets: [...this.#runs.values()].map((r) => this.#walletStatus(r)),
    };
  }

  #walletStatus(r: WalletRun): WalletSyncStatus {
    const stored = this.#repo.getState(r.wallet.address);
    const elapsed = this.options.now() - r.phaseStarted;
    const etaMs =
      r.phase === 'recording' && r.done > 0 && r.total > r.done
        ? Math.round((elapsed / r.done) * (r.total - r.done))
        : null;
    return {
      walletId: r.wallet.id,
      address: r.wallet.address,
      phase: r.running
        ? r.phase
        : this.#paused
          ? 'paused'
          : r.cancelled
            ? 'idle'
            : r.error
              ? 'error'
              : stored
                ? !this.#following
                  ? 'idle'
                  : // Live only while the node answers: a dropped or unreachable endpoint is waited for.
                    this.#chainStatus.state === 'connected'
                    ? 'live'
                    : 'waiting'
                : 'waiting',
      done: r.done,
      total: r.total,
      etaMs,
      cursor: stored?.cursor ?? null,
      firstBlock: stored?.firstBlock ?? null,
      lastFinalized: stored?.lastFinalized ?? null,
      error: r.error ?? stored?.error ?? null,
      historyFrom: stored?.historyFrom ?? null,
      movedTo: this.#repo.movedTo(r.wallet.address),
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
      else {
        this.#runs.set(wallet.address, {
          wallet,
          finder: null,
          running: null,
          abort: null,
          again: false,
          cancelled: false,
          phase: 'waiting',
          done: 0,
          total: 0,
          phaseStarted: this.options.now(),
          error: null,
        });
      }
    }
  }

  #pushProgress(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastPush < PUSH_EVERY_MS) {
      if (!this.#pushTimer) {
        this.#pushTimer = setTimeout(() => {
          this.#pushTimer = null;
          this.#pushProgress(true);
        }, PUSH_EVERY_MS);
        this.#pushTimer.unref?.();
      }
      return;
    }
    this.#lastPush = now;
    if (this.#closed) return;
    this.options.push.emit('sync:progress', this.status());
  }

  #onChainStatus = (status: ChainStatus): void => {
    this.#chainStatus = status;
    this.options.push.emit('chain:status', status);
    this.#pushProgress(true);
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
      onStatus: this.#onChainStatus,
    });
    this.#client = client;
    this.#reader = new ChainReader(client, this.options.concurrency ?? 32);
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
        void api.rpc.chain
          .subscribeFinalizedHeads((header) => {
            const n = header.number.toNumber();
            // Only the number: the hash is asked of the node (cached) rather than computed from the header.
            client.setBestFinalized(n);
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
    this.#pushProgress(true);
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
        this.#pushProgress(true);
        if (run.again && !abort.signal.aborted && !this.#paused && this.#following) this.#kick(run);
      });
  }

  /** Bring one wallet up to the current finalized head. Throws ChainError on failure (recorded too). */
  async #runOnce(run: WalletRun, signal: AbortSignal): Promise<void> {
    const client = this.#client;
    const reader = this.#reader;
    if (!client || !reader) throw new ChainError('unreachable', 'Not connected.');
    await client.connect();
    const coldkey = run.wallet.address;
    run.finder ??= this.#newFinder(reader, coldkey);
    const initial: SyncStateRow = this.#repo.getState(coldkey) ?? {
      coldkey,
      phase: 'idle',
      cursor: null,
      firstBlock: null,
      historyFrom: null,
      lastFinalized: null,
      error: null,
    };
    const hooks = {
      signal,
      now: this.options.now,
      beforeCommit: this.options.beforeCommit,
      // Live following refreshes the head facts about once an hour (a tempo is 360 blocks).
      headEvery: this.#following ? HEAD_EVERY_LIVE : undefined,
      onProgress: (phase: RangePhase, done: number, total: number) => {
        if (run.phase !== phase) run.phaseStarted = this.options.now();
        run.phase = phase;
        run.done = done;
        run.total = total;
        this.#pushProgress();
        if (phase === 'recording' && done > 0) this.#announce();
      },
    };
    run.error = null;
    try {
      const head = await reader.finalizedHead();
      client.setBestFinalized(head.number);
      try {
        await recordRange(reader, run.finder, this.#repo, initial, head.number, hooks);
      } catch (error) {
        if (!isPrunedError(error)) throw error;
        // Pruned node: the missing state is out of reach, but tracking from now on works.
        const current = this.#repo.getState(coldkey) ?? initial;
        const fresh = current.cursor === null;
        const message = fresh
          ? `This node has discarded old state, so history before block ${head.number} cannot be read: full history needs an archive node. Tracking continues from block ${head.number}.`
          : `This node has discarded the state of blocks ${current.cursor! + 1}–${head.number - 1}, so they cannot be read: an archive node is needed to fill that gap. Tracking continues from block ${head.number}.`;
        const resumed: SyncStateRow = {
          ...current,
          cursor: head.number - 1,
          firstBlock: current.firstBlock ?? head.number,
          historyFrom: fresh ? head.number : current.historyFrom,
          error: message,
        };
        this.#repo.saveState(resumed, this.options.now());
        run.finder = this.#newFinder(reader, coldkey);
        await recordRange(reader, run.finder, this.#repo, resumed, head.number, hooks);
        this.options.log?.(message);
      }
      run.phase = 'live';
      this.#announce(true);
    } catch (error) {
      if (error instanceof SyncAborted) {
        run.phase = this.#paused ? 'paused' : 'idle';
        return;
      }
      run.phase = 'error';
      run.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.#pushProgress(true);
    }
  }

  #newFinder(reader: ChainReader, coldkey: string): ChangeFinder {
    const finder = new ChangeFinder(reader, coldkey);
    const known = this.#repo.knownPositions(coldkey);
    finder.seed(known, [...new Set(known.map((p) => p.hotkey))]);
    return finder;
  }

  #lastAnnounce = 0;
  #announce(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastAnnounce < 500) return;
    this.#lastAnnounce = now;
    this.options.bus.emit('data:changed', { tables: [...chainFactTables, 'sync_state'] });
  }

  /** CLI `sync --once`: connect (failing fast), bring every wallet to the finalized head, return. */
  async syncOnce(): Promise<SyncStatus> {
    this.#refreshWallets();
    const client = this.#client ?? this.#makeClient();
    await client.connect();
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
    this.#pushProgress(true);
    return this.status();
  }

  cancel(walletId?: number): SyncStatus {
    for (const run of this.#runs.values()) {
      if (walletId !== undefined && run.wallet.id !== walletId) continue;
      run.cancelled = true;
      run.abort?.abort();
    }
    this.#pushProgress(true);
    return this.status();
  }

  /** Aborts every run synchronously (no commit can follow), then disconnects. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#pushTimer) clearTimeout(this.#pushTimer);
    for (const run of this.#runs.values()) run.abort?.abort();
    await this.#stopClient();
  }
}
