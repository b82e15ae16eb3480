// The web host: the same backend and renderer as the Electron app, served to a local browser.
// Binds 127.0.0.1 only; every WebSocket connection must present the random token kept in the data
// folder (a restart on the same folder keeps it, so open tabs reconnect).
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Duplex } from 'node:stream';
import type { Backend } from '../backend';
import { claimDataDir } from '../db/writer-lock';
import { createSession, type Session } from '../session';
import { resolveDataDir } from '../data-dir';
import { installLastResort } from '../last-resort';
import { readPackageVersion } from '../version';
import { DEFAULT_LIMITS, MAX_FRAME_BYTES, serveConnection, type Connection, type ConnectionLimits } from './connection';
import type { ServerMessage } from './protocol';
import { readStatic } from './static';
import { loadOrCreateToken } from './token-file';
import { CSP_HEADER } from '../../shared/csp';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface WebHostOptions {
  dataDir: string;
  port?: number;
  rendererDir?: string;
  token?: string;
  /** Per-client limits (tests lower them). */
  limits?: Partial<ConnectionLimits>;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  /** The database's session: locked until unlocked when the database is encrypted. */
  session: Session;
  /** The open backend; throws while the database is locked. */
  readonly backend: Backend;
  /** Connected WebSocket clients. */
  clientCount(): number;
  close(): Promise<void>;
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuse requests whose Host is not our loopback origin (DNS-rebinding defence). */
function isLocalHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** How long shutdown waits for the WebSocket and HTTP servers to report closed before going on. */
const CLOSE_GRACE_MS = 2_000;

/** Resolves when `start` calls back, or after `ms` at the latest. */
function settled(ms: number, start: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    start(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!existsSync(rendererDir))
    throw new Error(`The renderer is not built (${rendererDir} missing). Run \`npm run build:renderer\` first.`);
  // Sync starts in the background (never blocks startup); TAOFOLIO_AUTOSYNC=0 switches it off.
  // An encrypted database starts locked (the page asks for the passphrase) unless
  // TAOFOLIO_PASSPHRASE unlocks it. The host is the folder's one writer (main/db/writer-lock.ts):
  // while a CLI sync or the desktop app holds it, the host does not start.
  const lock = claimDataDir(options.dataDir, 'web host');
  let session: Session;
  try {
    session = createSession({
      passphrase: process.env.TAOFOLIO_PASSPHRASE,
      dataDir: options.dataDir,
      transport: 'web',
      version: readPackageVersion(),
      autoSync: process.env.TAOFOLIO_AUTOSYNC !== '0',
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  // After the backend has created the data folder; the same folder keeps the same token.
  const token = options.token ?? loadOrCreateToken(options.dataDir);
  let port = options.port ?? 0;
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? ((line: string) => console.error(line));

  const server = createServer((req, res) => {
    if (!isLocalHost(req, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    void readStatic(rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': CSP_HEADER,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<Connection>();
  const sockets = new Set<WebSocket>();
  const unsubscribe = session.push.subscribe((event, payload) => {
    for (const client of clients) client.send({ push: event, payload } as ServerMessage);
  });
  // A client that resets mid-request must not take the host down with it.
  server.on('clientError', (_error, socket) => socket.destroy());

  server.on('upgrade', (req, socket: Duplex, head) => {
    // Registered before anything is written: a peer that resets while we answer (e.g. right after
    // a refused token) makes the write fail with ECONNRESET, which would otherwise be uncaught.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api') return reject('404 Not Found');
    if (!isLocalHost(req, port) || !isAllowedOrigin(req, port)) return reject('403 Forbidden');
    if (!sameToken(url.searchParams.get('token'), token)) return reject('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client = serveConnection(ws, session.dispatch, limits, log);
      clients.add(client);
      sockets.add(ws);
      ws.on('close', () => {
        clients.delete(client);
        sockets.delete(ws);
      });
    });
  });

  try {
    port = await listen(server, port);
  } catch (error) {
    session.close();
    lock.release();
    throw error;
  }
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  return {
    url,
    port,
    token,
    session,
    get backend() {
      const open = session.current();
      if (!open) throw new Error('The database is locked.');
      return open;
    },
    clientCount: () => sockets.size,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      // Each wait is bounded: a peer that does not let go (a paused socket, a tab reconnecting, a
      // page's keep-alive connection) must not keep the host from closing the database and exiting.
      await settled(CLOSE_GRACE_MS, (done) => wss.close(() => done()));
      await settled(CLOSE_GRACE_MS, (done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      session.close();
      lock.release();
    },
  };
}

function parseFlags(argv: string[]): { port?: number; dataDir?: string } {
  const flags: { port?: number; dataDir?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0–65535');
      flags.port = port;
    } else if (name === '--data-dir') {
      flags.dataDir = value();
    } else if (name === '--help' || name === '-h') {
      console.log(
        'Usage: npm run web -- [--port N] [--data-dir DIR]\n  Data dir defaults to $TAOFOLIO_DATA_DIR, then the OS user-data dir.',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown option ${arg} (try --help)`);
    }
  }
  return flags;
}

async function main(): Promise<void> {
  installLastResort({ name: 'web host' });
  const flags = parseFlags(process.argv.slice(2));
  const dataDir = resolveDataDir(flags.dataDir);
  const host = await startWebHost({ dataDir, port: flags.port ?? 4780 });
  console.log(`Taofolio web host (data: ${dataDir})`);
  console.log(`Open ${host.url}`);
  const stop = () => {
    // A host asked to stop stops: after closing, or, should closing fail or hang, regardless.
    setTimeout(() => process.exit(0), 2 * CLOSE_GRACE_MS + 1_000).unref();
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Taofolio web host: closing failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs the web host as a program (`npm run web`): reads its flags and serves until SIGINT or SIGTERM. */
export function runWebHostProgram(): void {
  main().catch((error: unknown) => {
    console.error(`Taofolio web host failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}

// Started as a file (`tsx main/host/web.ts`); `npm run web` starts the bundle of ./web-program.ts.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runWebHostProgram();
