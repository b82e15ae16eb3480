// Entry of the backend's Electron utility process (bundled to dist/main/backend.cjs). The engine,
// SQLite and the chain client live here, off the main process: a long recompute or a sync burst
// never freezes window management. It speaks the same message contract as the web host
// (main/host/protocol.ts) over the parent port. The web host and the CLI run the backend in-process.
import { toWire } from '../shared/wire';
import type { Backend } from './backend';
import { DatabaseFromFutureError } from './db/migrate';
import { DatabaseOpenError } from './db/open';
import { claimDataDir, DataDirInUseError } from './db/writer-lock';
import { createPushBus } from './events';
import { decodeRequest, type ServerMessage } from './host/protocol';
import { installLastResort } from './last-resort';
import { createSession, type Session, type SessionOptions } from './session';

export interface Port {
  postMessage(message: string): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** Serve `backend` (or the session) over `port`: requests in, replies and pushes out. Returns a stop function. */
export function serveBackend(backend: Pick<Backend | Session, 'dispatch' | 'push'>, port: Port): () => void {
  const send = (message: ServerMessage) => port.postMessage(toWire(message));
  const unsubscribe = backend.push.subscribe((event, payload) => send({ push: event, payload } as ServerMessage));
  port.on('message', ({ data }) => {
    const request = typeof data === 'string' ? decodeRequest(data) : null;
    if (!request) return; // main only sends well-formed requests; anything else is dropped
    void backend.dispatch(request.channel, request.args).then((response) => send({ id: request.id, response }));
  });
  return unsubscribe;
}

/**
 * The session the process serves; or, when its database cannot be opened (a file that is not
 * Taofolio's, one from a newer version, a folder another process writes to: `claim` throws), a
 * stand-in that answers every call with why, which the window shows, and touches nothing. Without it
 * the window waited for a backend that never started.
 */
export function openSession(
  options: SessionOptions,
  claim: () => void = () => {},
): Pick<Session, 'dispatch' | 'push' | 'close'> {
  try {
    claim();
    return createSession(options);
  } catch (error) {
    console.error('Taofolio backend could not open its database:', error);
    const refused =
      error instanceof DatabaseOpenError ||
      error instanceof DatabaseFromFutureError ||
      error instanceof DataDirInUseError;
    const answer = {
      error: {
        code: refused ? ('invalid-file' as const) : ('internal' as const),
        message: error instanceof Error ? error.message : String(error),
      },
    };
    return { dispatch: () => Promise.resolve(answer), push: createPushBus(), close: () => {} };
  }
}

/** argv: --data-dir DIR --version V [--no-autosync] (set by main/electron/backend-client.ts). */
export function parseBackendArgs(argv: string[]): { dataDir: string; version: string; autoSync: boolean } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? argv[i + 1] : undefined;
    if (v === undefined) throw new Error(`backend process: ${flag} is required`);
    return v;
  };
  return { dataDir: value('--data-dir'), version: value('--version'), autoSync: !argv.includes('--no-autosync') };
}

const parentPort = (process as NodeJS.Process & { parentPort?: Port }).parentPort;
if (parentPort) {
  installLastResort({ name: 'Taofolio backend' });
  const { dataDir, version, autoSync } = parseBackendArgs(process.argv);
  // An encrypted database starts locked: the window asks for the passphrase.
  // The app is the data folder's one writer while it runs (main/db/writer-lock.ts); the OS releases
  // the lock when this process ends. Held by a web host or a CLI sync, the window says so.
  const session = openSession({ dataDir, transport: 'electron', version, autoSync }, () => {
    claimDataDir(dataDir, 'desktop app');
  });
  serveBackend(session, parentPort);
  process.once('exit', () => session.close());
}
