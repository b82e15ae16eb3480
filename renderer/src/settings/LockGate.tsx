import './settings.css';
// Encryption at rest in the UI: while the database is locked (an encrypted database at start, or
// locked after idle) only the unlock screen shows; nothing of the data is kept on screen or in the
// query cache. While unlocked, user input tells the backend the app is in use (the idle lock).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SecurityStatus } from '../../../shared/api';
import { ApiCallError, listen, send } from '../api/client';
import { ErrorNote } from '../app/ErrorNote';

export const securityQueries = {
  status: () => ['security', 'status'] as const,
};

/** At most one activity report per this many ms: enough for minute-grained idle locks. */
const ACTIVITY_EVERY_MS = 30_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Keep the cached status current from the backend's pushes; drop every cached datum on lock. */
function useSecurityPushes(client: QueryClient): void {
  useEffect(
    () =>
      listen('security:status', (status) => {
        const before = client.getQueryData<SecurityStatus>(securityQueries.status());
        client.setQueryData(securityQueries.status(), status);
        if (status.locked && !before?.locked)
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== securityQueries.status()[0] });
      }),
    [client],
  );
}

/**
 * A query answered `locked` while the page thought it unlocked (the host restarted, or the Electron
 * backend process was restarted, locked): ask for the status again, which shows the unlock screen.
 */
function useLockedAnswers(client: QueryClient): void {
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const error = event.action.error;
        if (error instanceof ApiCallError && error.error.code === 'locked')
          void client.invalidateQueries({ queryKey: securityQueries.status() });
      }),
    [client],
  );
}

function useActivityReports(status: SecurityStatus | undefined): void {
  const last = useRef(0);
  const watching = status !== undefined && status.encrypted && !status.locked && status.lockAfterMinutes > 0;
  useEffect(() => {
    if (!watching) return;
    const report = () => {
      const now = Date.now();
      if (now - last.current < ACTIVITY_EVERY_MS) return;
      last.current = now;
      void send('security:activity').catch(() => {});
    };
    for (const name of INPUT_EVENTS) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, report);
    };
  }, [watching]);
}

export function LockGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const status = useQuery({ queryKey: securityQueries.status(), queryFn: () => send('security:status') });
  useSecurityPushes(client);
  useLockedAnswers(client);
  useActivityReports(status.data);
  if (status.data?.locked) return <UnlockScreen />;
  // Unknown status (the backend is unreachable): the app shows its own errors.
  if (!status.data && status.isPending) return null;
  return <>{children}</>;
}

function UnlockScreen() {
  const client = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const unlock = useMutation({
    mutationFn: (given: string) => send('security:unlock', { passphrase: given }),
    onSuccess: (status) => {
      setPassphrase('');
      client.setQueryData(securityQueries.status(), status);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase) unlock.mutate(passphrase);
  };
  return (
    <main className="unlock">
      <form className="card" aria-labelledby="unlock-title" onSubmit={submit}>
        <h1 id="unlock-title">Taofolio is locked</h1>
        <p className="muted">The database is encrypted. Enter its passphrase to open it.</p>
        <label>
          Passphrase
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            aria-invalid={unlock.isError || undefined}
          />
        </label>
        <ErrorNote error={unlock.error} />
        <button type="submit" className="primary" disabled={!passphrase || unlock.isPending}>
          {unlock.isPending ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
