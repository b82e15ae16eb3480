import type { AppInfo } from '../shared/api';
import { openDatabase, type DB } from './db/open';
import { createDispatcher, type Dispatch } from './rpc/dispatch';
import { createHandlers } from './services';
import type { ServiceContext } from './services/context';
import { PushBus } from './services/push';

export interface Backend {
  dispatch: Dispatch;
  push: PushBus;
  info: AppInfo;
  db: DB;
  close(): void;
}

/** Everything behind the API contract, independent of the transport that exposes it. */
export function createBackend(options: { dataDir: string; transport: AppInfo['transport']; version: string }): Backend {
  const opened = openDatabase({ dataDir: options.dataDir });
  if (opened.backupPath) console.log(`Database backed up before migration to ${opened.backupPath}`);
  const push = new PushBus();
  const info: AppInfo = {
    name: 'Taofolio',
    version: options.version,
    dataDir: options.dataDir,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    transport: options.transport,
  };
  const ctx: ServiceContext = { db: opened.db, push, info, now: () => Date.now() };
  const dispatch = createDispatcher(createHandlers(ctx), (channel, error) => console.error(`[${channel}]`, error));
  return {
    dispatch,
    push,
    info,
    db: opened.db,
    close: () => opened.db.close(),
  };
}
