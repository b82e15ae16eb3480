import type { AppInfo } from '../../shared/api';
import type { DB, OpenedDatabase } from '../db/open';
import type { SyncManager } from '../sync/manager';
import type { DomainBus, PushBus } from '../events';
import type { SessionControl } from './security';

export interface ServiceContext {
  db: DB;
  /** To the UI only. */
  push: PushBus;
  /** What changed in the stored data, for caches. */
  bus: DomainBus;
  info: AppInfo;
  now: () => number;
  /** Chain connection and wallet sync (one per backend). */
  sync: SyncManager;
  /** How the database was opened: read-only snapshot, recovery from damage, notices for the user. */
  database: Pick<OpenedDatabase, 'readOnly' | 'recovery' | 'notices'>;
  /** Lock, unlock, passphrase and reopening: the app's session, or a bare one (CLI, tests). */
  session: SessionControl;
}
