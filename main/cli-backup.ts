// `backup list | create | restore <name>` for the CLI, through the same channels as the app's
// Settings. A restore is staged by the backend and applied right away by reopening the database.
import type { Backend } from './backend';
import { UsageError } from './cli-args';
import { openDatabase } from './db/open';

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

export async function runBackup(
  backend: Backend,
  dataDir: string,
  sub: string | undefined,
  name: string | undefined,
  json: boolean,
  out: (s: string) => void,
): Promise<number> {
  if (sub === 'list') {
    const state = await backend.call('backups:list');
    if (json) out(JSON.stringify(state));
    else {
      if (state.recovery) out(`damaged database set aside: ${state.recovery.movedTo} (${state.recovery.reason})`);
      for (const b of state.backups)
        out(`${b.name}  ${b.kind}  ${new Date(b.createdAt).toISOString()}  ${size(b.bytes)}`);
      if (state.backups.length === 0) out('no backups yet');
    }
    return 0;
  }
  if (sub === 'create') {
    const created = await backend.call('backups:create');
    out(json ? JSON.stringify(created) : `wrote ${created.name}`);
    return 0;
  }
  if (sub === 'restore') {
    if (!name) throw new UsageError('backup restore needs a backup name (see `backup list`).');
    await backend.call('backups:restore', { name });
    // Apply now: close this backend's database, then open once (the open swaps the staged copy in).
    await backend.sync.close();
    backend.close();
    const reopened = openDatabase({ dataDir, dailyBackups: false });
    reopened.db.close();
    out(
      json
        ? JSON.stringify({ restored: name, notices: reopened.notices })
        : `restored ${name}\n${reopened.notices.join('\n')}`,
    );
    return 0;
  }
  throw new UsageError('backup list|create|restore <name>');
}
