import type { BackupsState, Handlers } from '../../shared/api';
import { listBackups, pendingRestore, RestoreError, stageRestore, writeBackup } from '../db/backups';
import { latestVersion } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export type BackupHandlers = Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore'>;

export function backupHandlers(ctx: ServiceContext): BackupHandlers {
  const { dataDir } = ctx.info;
  const state = (): BackupsState => ({
    backups: listBackups(dataDir),
    recovery: ctx.database.recovery,
    restorePending: pendingRestore(dataDir),
    notices: ctx.database.notices,
  });
  return {
    'backups:list': state,
    'backups:create': () => {
      if (ctx.database.readOnly)
        throw new AppError('invalid-args', 'The data folder is read-only: no backup can be written.');
      const path = writeBackup(ctx.db, dataDir, 'manual', new Date(ctx.now()));
      const created = listBackups(dataDir).find((b) => path.endsWith(b.name));
      if (!created) throw new Error(`The backup ${path} was written but cannot be listed.`);
      return created;
    },
    'backups:restore': ({ name }) => {
      if (ctx.database.readOnly)
        throw new AppError('invalid-args', 'The data folder is read-only: nothing can be restored.');
      try {
        stageRestore(dataDir, name, latestVersion(MIGRATIONS), ctx.session.passphrase());
      } catch (error) {
        if (error instanceof RestoreError) throw new AppError('invalid-file', error.message, 'name');
        throw error;
      }
      // In the app: closed and opened again right here (the open applies the staged restore; sync
      // restarts; the UI refetches everything). Without a session it applies at the next start.
      if (!ctx.session.reopen) return state();
      const { notices } = ctx.session.reopen();
      return { backups: listBackups(dataDir), recovery: null, restorePending: pendingRestore(dataDir), notices };
    },
  };
}
