// The app hosts' (web host, Electron backend process) hold on the database: it may be locked (an
// encrypted database not open yet, or locked after idle), unlocked, or reopened in place after a
// restore. Transports talk to the session; it forwards to the open backend, and while locked it
// answers only the security:* channels (everything else is `locked`). The CLI and tests use a bare
// backend (main/backend.ts) instead.
import { createHash, timingSafeEqual } from 'node:crypto';
import { channels, type Handlers, type SecurityStatus } from '../shared/api';
import { dbTables } from '../shared/vocab';
import { createBackend, type Backend, type BackendOptions } from './backend';
import { isEncrypted, setPassphrase, WrongPassphraseError } from './db/encryption';
import { readLockAfterMinutes, writeLockAfterMinutes } from './db/lock-setting';
import { createPushBus, type PushBus } from './events';
import { createDispatcher, type Dispatch } from './rpc/dispatch';
import { AppError } from './services/errors';
import { securityHandlers, type SessionControl } from './services/security';

export interface SessionOptions extends Omit<BackendOptions, 'push' | 'session'> {
  /** Runs `run` after `ms` and returns a cancel function (tests drive the idle lock by hand). */
  schedule?: (run: () => void, ms: number) => () => void;
}

export interface Session {
  dispatch: Dispatch;
  /** Pushes of every backend the session opens, and security:status. */
  push: PushBus;
  /** The open backend, or null while locked. */
  current(): Backend | null;
  control: SessionControl;
  close(): void;
}

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

function samePassphrase(given: string, known: string | undefined): boolean {
  if (known === undefined) return false;
  // Digests have equal length, so the comparison takes the same time whatever was typed.
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(known));
}

const LOCKED_MESSAGE = 'The database is locked: enter its passphrase.';

export function createSession(options: SessionOptions): Session {
  const { dataDir } = options;
  const schedule = options.schedule ?? defaultSchedule;
  const push = createPushBus();
  let backend: Backend | null = null;
  let passphrase: string | undefined;
  let cancelIdle = () => {};

  const status = (): SecurityStatus => ({
    encrypted: isEncrypted(dataDir),
    locked: backend === null,
    lockAfterMinutes: readLockAfterMinutes(dataDir),
  });
  const announce = (): SecurityStatus => {
    const now = status();
    push.emit('security:status', now);
    return now;
  };
  const openBackend = (given: string | undefined): Backend => {
    const opened = createBackend({ ...options, passphrase: given, push, session: control, keepDailyBackups: true });
    backend = opened;
    passphrase = given;
    armIdle();
    return opened;
  };
  const closeBackend = () => {
    cancelIdle();
    backend?.close();
    backend = null;
  };
  const open = (): Backend => {
    if (!backend) throw new AppError('locked', LOCKED_MESSAGE);
    return backend;
  };
  function armIdle(): void {
    cancelIdle();
    cancelIdle = () => {};
    const minutes = readLockAfterMinutes(dataDir);
    if (backend && isEncrypted(dataDir) && minutes > 0) cancelIdle = schedule(() => control.lock(), minutes * 60_000);
  }

  const control: SessionControl = {
    status,
    unlock(given) {
      if (backend) return status();
      try {
        openBackend(given);
      } catch (error) {
        if (error instanceof WrongPassphraseError) throw new AppError('wrong-passphrase', error.message, 'passphrase');
        throw error;
      }
      return announce();
    },
    lock() {
      if (!isEncrypted(dataDir))
        throw new AppError('invalid-args', 'Only an encrypted database can be locked: set a passphrase first.');
      passphrase = undefined;
      closeBackend();
      return announce();
    },
    activity() {
      if (backend) armIdle();
      return status();
    },
    setPassphrase({ current, next }) {
      const { db } = open();
      if (isEncrypted(dataDir)) {
        if (current === undefined) throw new AppError('wrong-passphrase', 'Enter the current passphrase.', 'current');
        if (!samePassphrase(current, passphrase))
          throw new AppError('wrong-passphrase', 'Wrong passphrase. Nothing was changed.', 'current');
      } else if (next === null) {
        throw new AppError('invalid-args', 'The database has no passphrase to remove.', 'next');
      }
      setPassphrase(db, dataDir, next);
      passphrase = next ?? undefined;
      armIdle();
      return announce();
    },
    configure({ lockAfterMinutes }) {
      open();
      writeLockAfterMinutes(dataDir, lockAfterMinutes);
      armIdle();
      return announce();
    },
    passphrase: () => passphrase,
    reopen() {
      const kept = passphrase;
      closeBackend();
      // The new backend starts sync again itself when autoSync is on.
      const reopened = openBackend(kept);
      // Everything the UI shows may have changed: every query refetches.
      push.emit('db:changed', { tables: [...dbTables] });
      announce();
      return { notices: reopened.notices };
    },
  };

  // While locked: the security channels work, every other channel is `locked`.
  const security = securityHandlers(control);
  const lockedHandlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      (security as Partial<Handlers>)[channel] ??
        (() => {
          throw new AppError('locked', LOCKED_MESSAGE);
        }),
    ]),
  ) as Handlers;
  const lockedDispatch = createDispatcher(lockedHandlers);

  if (!isEncrypted(dataDir) || options.passphrase !== undefined) openBackend(options.passphrase);

  return {
    dispatch: (channel, args) => (backend ? backend.dispatch(channel, args) : lockedDispatch(channel, args)),
    push,
    current: () => backend,
    control,
    close: closeBackend,
  };
}
