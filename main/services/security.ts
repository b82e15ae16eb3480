// The security:* channels. In the app hosts a session (main/session.ts) answers them: it can lock,
// unlock and reopen the database. A bare backend (CLI, tests) has no session: it reports the state
// and refuses the rest with a clear error.
import type { AppInfo, Handlers, SecurityStatus } from '../../shared/api';
import { isEncrypted } from '../db/encryption';
import { AppError } from './errors';

export type SecurityHandlers = Pick<
  Handlers,
  | 'security:status'
  | 'security:unlock'
  | 'security:lock'
  | 'security:activity'
  | 'security:set-passphrase'
  | 'security:configure'
>;

/** What the session behind a backend can do; one method per security channel, plus reopening. */
export interface SessionControl {
  status(): SecurityStatus;
  unlock(passphrase: string): SecurityStatus;
  lock(): SecurityStatus;
  activity(): SecurityStatus;
  setPassphrase(args: { current?: string; next: string | null }): SecurityStatus;
  configure(args: { lockAfterMinutes: number }): SecurityStatus;
  /** The passphrase the open database has now (encrypted backups are checked with it), if any. */
  passphrase(): string | undefined;
  /**
   * Close the database and open it again in place (a staged restore is applied by the open), with
   * sync restarted; null when this process has no session (the restore then applies at the next start).
   */
  reopen: (() => { notices: string[] }) | null;
}

export function securityHandlers(control: SessionControl): SecurityHandlers {
  return {
    'security:status': () => control.status(),
    'security:unlock': ({ passphrase }) => control.unlock(passphrase),
    'security:lock': () => control.lock(),
    'security:activity': () => control.activity(),
    'security:set-passphrase': (args) => control.setPassphrase(args),
    'security:configure': (args) => control.configure(args),
  };
}

/** The control of a backend without a session (CLI, tests): already open, never locked. */
export function bareSessionControl(info: AppInfo, passphrase: string | undefined): SessionControl {
  const status = (): SecurityStatus => ({
    encrypted: isEncrypted(info.dataDir),
    locked: false,
    lockAfterMinutes: 0,
  });
  const refuse = (): never => {
    throw new AppError('invalid-args', 'The passphrase and the lock are managed in the app (Settings → Security).');
  };
  return {
    status,
    unlock: status,
    activity: status,
    lock: refuse,
    setPassphrase: refuse,
    configure: refuse,
    passphrase: () => passphrase,
    reopen: null,
  };
}
