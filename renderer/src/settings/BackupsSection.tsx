// Backups in Settings: the list (daily, before migrations, on request), a damaged database that was
// set aside at start with the backup offered in its place, and restoring one (the database is closed
// and reopened in place, sync restarts and every page refetches; the database it replaces is kept as
// a backup too). A restore from the list is confirmed first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { BackupInfo } from '../../../shared/api';
import { send } from '../api/client';
import { ErrorNote } from '../app/ErrorNote';
import { useFocusBack } from '../app/focus-back';
import { utcDateTime } from '../app/dates';
import { fileSize } from '../app/format';

const backupQueries = {
  all: () => ['backups'] as const,
};

export function BackupsSection() {
  const client = useQueryClient();
  const state = useQuery({ queryKey: backupQueries.all(), queryFn: () => send('backups:list') });
  const refresh = () => client.invalidateQueries({ queryKey: backupQueries.all() });
  const create = useMutation({ mutationFn: () => send('backups:create'), onSuccess: refresh });
  const restore = useMutation({
    mutationFn: (name: string) => send('backups:restore', { name }),
    onSuccess: refresh,
  });
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!state.data) return <ErrorNote error={state.error} />;
  const { backups, recovery, restorePending, notices } = state.data;
  return (
    <div className="card" aria-label="Backups" role="region">
      <h2>Backups</h2>
      {recovery && (
        <p className="error" role="alert" data-testid="db-recovery">
          The database was damaged ({recovery.reason}) and was moved to <code>{recovery.movedTo}</code>.{' '}
          {recovery.offered ? (
            <>
              The newest good backup is from {utcDateTime(recovery.offered.createdAt)}.{' '}
              <button type="button" onClick={() => restore.mutate(recovery.offered!.name)}>
                Restore it
              </button>
            </>
          ) : (
            'No good backup was found.'
          )}
        </p>
      )}
      {notices.map((notice) => (
        <p className="note" key={notice}>
          {notice}
        </p>
      ))}
      {restorePending && (
        <p className="note" role="status">
          The chosen backup will be restored when Taofolio starts again.
        </p>
      )}
      <p className="muted">
        One a day (the newest 7 kept), one before every database upgrade and before a restore, and any you make here.
      </p>
      <ul className="backups">
        {backups.map((b) => (
          <BackupItem
            key={b.name}
            backup={b}
            confirming={confirming === b.name}
            busy={restore.isPending}
            onAsk={() => setConfirming(b.name)}
            onCancel={() => setConfirming(null)}
            onConfirm={() => {
              setConfirming(null);
              restore.mutate(b.name);
            }}
          />
        ))}
      </ul>
      <button type="button" className="primary" disabled={create.isPending} onClick={() => create.mutate()}>
        Back up now
      </button>
      <ErrorNote error={create.error ?? restore.error} />
    </div>
  );
}

/**
 * One backup with its Restore button. A restore replaces everything since the backup (wallets,
 * settings, what sync recorded), so it is asked once more, like removing a wallet: the question opens
 * on Cancel, Escape cancels, and the focus goes back to Restore.
 */
function BackupItem({
  backup: b,
  confirming,
  busy,
  onAsk,
  onCancel,
  onConfirm,
}: {
  backup: BackupInfo;
  confirming: boolean;
  busy: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const restoreButton = useRef<HTMLButtonElement>(null);
  const focusBack = useFocusBack();
  const cancel = () => {
    focusBack(restoreButton);
    onCancel();
  };
  return (
    <li>
      <span>
        {utcDateTime(b.createdAt)} · {b.kind} · {fileSize(b.bytes)}
      </span>{' '}
      {confirming ? (
        <span className="confirm" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          Replace the data with this backup? What is there now is kept as a backup first.
          <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
            Confirm restore
          </button>
          <button type="button" onClick={cancel} autoFocus>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" ref={restoreButton} disabled={busy} onClick={onAsk}>
          Restore
        </button>
      )}
    </li>
  );
}
