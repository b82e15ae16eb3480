// An HTTP proxy for Chromium that records every connection the browser asks for (its own traffic
// included: with `--proxy-server` and `<-loopback>` everything goes through it) and forwards only
// to loopback. Anything else is refused and stays in the record, so a test can prove what the
// browser tried to reach.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface RecordingProxy {
  /** host:port of every connection asked for, in order. */
  peers: string[];
  port: number;
  /** Chromium flags that send all of its traffic, loopback included, through this proxy. */
  chromiumArgs: string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function splitHostPort(authority: string, fallbackPort: number): { host: string; port: number } {
  const url = new URL(`http://${authority}`);
  return { host: url.hostname, port: Number(url.port || fallbackPort) };
}

/** Pipe a client socket to host:port (loopback only), after writing `head` to the target. */
function tunnel(
  open: Set<Duplex>,
  client: Duplex,
  host: string,
  port: number,
  firstBytes: Buffer | string | null,
  reply: string | null,
) {
  const upstream: Socket = connect(port, host === 'localhost' ? '127.0.0.1' : host, () => {
    if (reply) client.write(reply);
    if (firstBytes) upstream.write(firstBytes);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  const end = () => {
    upstream.destroy();
    client.destroy();
  };
  upstream.on('error', end);
  client.on('error', end);
  track(open, upstream);
}

/** Keep a socket in `open` until it closes, so the proxy can end every tunnel when it closes. */
function track(open: Set<Duplex>, socket: Duplex): void {
  open.add(socket);
  socket.once('close', () => open.delete(socket));
}

function rawHead(req: IncomingMessage, path: string): string {
  const lines = [`${req.method} ${path} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const peers: string[] = [];
  // CONNECT tunnels and upgrades leave the HTTP server's bookkeeping: closing must end them itself.
  const open = new Set<Duplex>();
  const server = createServer((req, res) => {
    // Plain HTTP through a proxy: the request line carries the absolute URL.
    const url = new URL(req.url ?? '/', 'http://invalid');
    const port = Number(url.port || 80);
    peers.push(`${url.hostname}:${port}`);
    if (!LOOPBACK.has(url.hostname)) {
      res.writeHead(403).end('refused by the test proxy');
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Duplex, head) => {
    const { host, port } = splitHostPort(req.url ?? '', 443);
    peers.push(`${host}:${port}`);
    track(open, client);
    client.on('error', () => client.destroy());
    if (!LOOPBACK.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnel(open, client, host, port, head.length ? head : null, 'HTTP/1.1 200 Connection Established\r\n\r\n');
  });
  // ws:// through an HTTP proxy may come as an absolute-URL upgrade request.
  server.on('upgrade', (req, client: Duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://invalid');
    const port = Number(url.port || 80);
    peers.push(`${url.hostname}:${port}`);
    track(open, client);
    client.on('error', () => client.destroy());
    if (!LOOPBACK.has(url.hostname)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const first = Buffer.concat([Buffer.from(rawHead(req, `${url.pathname}${url.search}`)), head]);
    tunnel(open, client, url.hostname, port, first, null);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    peers,
    port,
    chromiumArgs: [`--proxy-server=http://127.0.0.1:${port}`, '--proxy-bypass-list=<-loopback>'],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
