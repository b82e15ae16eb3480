// The web host's framing: answers of BINARY_FRAME_CHARS or more go as binary frames holding the same
// UTF-8 text (the page decodes them in its worker), shorter ones as text frames.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { fromWire, toWire } from '../../shared/wire';
import { BINARY_FRAME_CHARS, DEFAULT_LIMITS, serveConnection } from './connection';

const servers: WebSocketServer[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server answering every request with `{ data: payload(args) }`, and a client connected to it. */
async function pair(payload: (args: unknown) => unknown): Promise<WebSocket> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  server.on('connection', (ws) => {
    serveConnection(
      ws,
      async (_channel, args) => ({ data: payload(args) }),
      DEFAULT_LIMITS,
      () => {},
    );
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => client.once('open', resolve).once('error', reject));
  return client;
}

function answer(client: WebSocket, args: unknown): Promise<{ binary: boolean; text: string }> {
  return new Promise((resolve) => {
    client.once('message', (data: Buffer, binary: boolean) => resolve({ binary, text: data.toString('utf8') }));
    client.send(toWire({ id: 1, channel: 'wallets:list', args }));
  });
}

describe('web host framing', () => {
  it('sends a long answer as a binary frame of its UTF-8 text, a short one as text', async () => {
    // Multi-byte characters (τ, α) and a bigint: the bytes must decode to exactly the wire text.
    const long = { label: 'τα'.repeat(BINARY_FRAME_CHARS), rao: 12_345_678_901_234_567_890n };
    const client = await pair((args) => (args === 'long' ? long : { label: 'τ' }));
    const big = await answer(client, 'long');
    expect(big.binary).toBe(true);
    expect(big.text).toBe(toWire({ id: 1, response: { data: long } }));
    expect(fromWire(big.text)).toEqual({ id: 1, response: { data: long } });
    const small = await answer(client, 'short');
    expect(small.binary).toBe(false);
    expect(fromWire(small.text)).toEqual({ id: 1, response: { data: { label: 'τ' } } });
    client.close();
  });
});
