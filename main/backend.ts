import { resultOf, type AppInfo, type Call } from '../shared/api';
import { keepDailyBackups } from './db/backups';
import { openDatabase, type DB } from './db/open';
import { createDispatcher, type Dispatch } from './rpc/dispatch';
import { createHandlers } from './services';
import type { ServiceContext } from './services/context';
import { createDomainBus, createPushBus, type DomainBus, type PushBus } from './events';
import { bareSessionControl, type SessionControl } from './services/security';
import { SyncManager } from './sync/manager';

export interface Backend {
  /** The transports' entry: any channel name and arguments, validated; errors as values. */
  dispatch: Dispatch;
  /** In-process callers (CLI, demo, tests): typed by the contract; errors thrown as ApiCallError. */
  call: Call;
  sync: SyncManager;
  push: PushBus;
  /** What changed in the stored data (caches listen; the push forwards it to the UI). */
  bus: DomainBus;
  info: AppInfo;
  db: DB;
  /** What opening the database found that the user should be told (restore applied, recovery, …). */
  notices: string[];
  close(): void;
}

/** Everything behind the API contract, independent of the transport that exposes it. */
export interface BackendOptions {
  dataDir: string;
  transport: AppInfo['transport'];
  version: string;
  /** Start syncing every wallet right away (app hosts; never blocks startup). Default false. */
  autoSync?: boolean;
  /** Endpoint override for this process (CLI --endpoint); settings stay untouched. */
  endpoint?: string;
  /** Reconnect with backoff (default) or fail fast (CLI). */
  reconnect?: boolean;
  log?: (line: string) => void;
  /** Unlocks an encrypted database (CLI and web host: $TAOFOLIO_PASSPHRASE). */
  passphrase?: string;
  /** Another process writes to the data folder: only read alongside it (OpenOptions.writer in db/open.ts). */
  writer?: string;
  /** Where database notices go (backup written, damage recovered, read-only folder); stderr by default. */
  notify?: (line: string) => void;
  /** Sync's per-request timeout (tests shorten it; see SyncManagerOptions.requestTimeoutMs). */
  requestTimeoutMs?: number;
  /** The push bus to use (a session keeps one across lock and reopen); a new one by default. */
  push?: PushBus;
  /** The app's session (lock, unlock, passphrase, reopen); a bare one by default (CLI, tests). */
  session?: SessionControl;
  /** Write the day's backup when a new day begins while open (app hosts; db/backups.ts `keepDailyBackups`). */
  keepDailyBackups?: boolean;
  /** Test seam: called right before sync commits a batch of blocks (the crash tests end the process there). */
  beforeCommit?: (blocks: number) => void;
}

export function createBackend(options: BackendOptions): Backend {
  const opened = openDatabase({ dataDir: options.dataDir, passphrase: options.passphrase, writer: options.writer });
  // stderr, never stdout: `--json` output of the CLI must stay parseable.
  const notify = options.notify ?? ((line: string) => console.error(line));
  if (opened.backupPath) notify(`Database backed up before migration to ${opened.backupPath}`);
  for (const notice of opened.notices) notify(notice);
  const push = options.push ?? createPushBus();
  const bus = createDomainBus();
  // Every data change reaches the UI as db:changed, so its queries refetch what they show.
  bus.on('data:changed', (change) => push.emit('db:changed', change));
  const info: AppInfo = {
    name: 'Taofolio',
    version: options.version,
    dataDir: options.dataDir,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    transport: options.transport,
  };
  const now = () => Date.now();
  const sync = new SyncManager({
    db: opened.db,
    push,
    bus,
    now,
    endpoint: options.endpoint,
    reconnect: options.reconnect ?? true,
    requestTimeoutMs: options.requestTimeoutMs,
    log: options.log,
    beforeCommit: options.beforeCommit,
  });
  const ctx: ServiceContext = {
    db: opened.db,
    push,
    bus,
    info,
    now,
    sync,
    database: opened,
    session: options.session ?? bareSessionControl(info, options.passphrase),
  };
  const dispatch = createDispatcher(createHandlers(ctx), (channel, error) => console.error(`[${channel}]`, error));
  const call: Call = async (channel, ...args) => resultOf(channel, await dispatch(channel, args[0]));
  // A read-only snapshot cannot record anything: no sync, no backups (nor beside another writer).
  if (options.autoSync && !opened.readOnly) void sync.start();
  const stopBackups =
    options.keepDailyBackups && !opened.readOnly && options.writer === undefined
      ? keepDailyBackups(opened.db, options.dataDir, notify)
      : () => {};
  return {
    dispatch,
    call,
    push,
    bus,
    info,
    db: opened.db,
    notices: opened.notices,
    sync,
    close: () => {
      // Abort sync first (synchronously: no commit can follow), then close the database.
      stopBackups();
      void sync.close();
      opened.db.close();
    },
  };
}
