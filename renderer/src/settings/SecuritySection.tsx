// Settings → Security: set, change or remove the database passphrase, lock now, and how long an
// unlocked database stays open without use. The backend refuses a wrong current passphrase and
// changes nothing; the forms only add the "typed twice" check.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SecurityStatus } from '../../../shared/api';
import { send } from '../api/client';
import { ErrorNote } from '../app/ErrorNote';
import { securityQueries } from './LockGate';

const LOCK_CHOICES = [5, 15, 30, 60, 240, 0] as const;

function lockLabel(minutes: number): string {
  if (minutes === 0) return 'Never';
  return minutes < 60 ? `After ${minutes} minutes` : `After ${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
}

function PassphraseField({
  label,
  value,
  onChange,
  fresh,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  fresh?: boolean;
}) {
  return (
    <label>
      {label}
      <input
        type="password"
        autoComplete={fresh ? 'new-password' : 'current-password'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** One form of the section: which fields it has decides whether it sets, changes or removes. */
function PassphraseForm({
  mode,
  onDone,
}: {
  mode: 'enable' | 'change' | 'remove';
  onDone: (s: SecurityStatus) => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      send('security:set-passphrase', {
        ...(mode === 'enable' ? {} : { current }),
        next: mode === 'remove' ? null : next,
      }),
    onSuccess: (status) => {
      setCurrent('');
      setNext('');
      setAgain('');
      onDone(status);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typedTwice = mode === 'remove' || next === again;
    setMismatch(!typedTwice);
    if (typedTwice) save.mutate();
  };
  const title = { enable: 'Set a passphrase', change: 'Change the passphrase', remove: 'Remove the passphrase' }[mode];
  return (
    <form className="passphrase-form" aria-label={title} onSubmit={submit}>
      <h3>{title}</h3>
      {mode !== 'enable' && <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} />}
      {mode !== 'remove' && (
        <>
          <PassphraseField label="New passphrase" value={next} onChange={setNext} fresh />
          <PassphraseField label="New passphrase again" value={again} onChange={setAgain} fresh />
        </>
      )}
      {mismatch && (
        <p className="error" role="alert">
          The two new passphrases differ.
        </p>
      )}
      <ErrorNote error={save.error} />
      <button type="submit" className={mode === 'remove' ? undefined : 'primary'} disabled={save.isPending}>
        {title}
      </button>
    </form>
  );
}

export function SecuritySection() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: securityQueries.status(), queryFn: () => send('security:status') });
  const apply = (s: SecurityStatus) => {
    client.setQueryData(securityQueries.status(), s);
    // Backups made from now on are encrypted (or not): their list is worth reading again.
    void client.invalidateQueries({ queryKey: ['backups'] });
  };
  const lock = useMutation({ mutationFn: () => send('security:lock'), onSuccess: apply });
  const configure = useMutation({
    mutationFn: (lockAfterMinutes: number) => send('security:configure', { lockAfterMinutes }),
    onSuccess: apply,
  });
  if (!status.data) return <ErrorNote error={status.error} />;
  const s = status.data;
  return (
    <section className="card" aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>
      {s.encrypted ? (
        <>
          <p data-testid="encryption-state">
            The database is <strong>encrypted</strong>: it opens only with the passphrase.
          </p>
          <label>
            Lock when unused
            <select
              value={s.lockAfterMinutes}
              disabled={configure.isPending}
              onChange={(e) => configure.mutate(Number(e.target.value))}
            >
              {(LOCK_CHOICES as readonly number[]).includes(s.lockAfterMinutes) ? null : (
                <option value={s.lockAfterMinutes}>{lockLabel(s.lockAfterMinutes)}</option>
              )}
              {LOCK_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {lockLabel(m)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" onClick={() => lock.mutate()} disabled={lock.isPending}>
            Lock now
          </button>
          <ErrorNote error={lock.error ?? configure.error} />
          <div className="passphrase-forms">
            <PassphraseForm mode="change" onDone={apply} />
            <PassphraseForm mode="remove" onDone={apply} />
          </div>
        </>
      ) : (
        <>
          <p data-testid="encryption-state">
            The database is <strong>not encrypted</strong>: anyone who can read your files can read it.
          </p>
          <p className="muted">
            With a passphrase the database and the backups made from then on are encrypted (SQLCipher). Without the
            passphrase nobody, you included, can read them again. Backups made before stay unencrypted: delete them once
            you have a new one.
          </p>
          <PassphraseForm mode="enable" onDone={apply} />
        </>
      )}
    </section>
  );
}
