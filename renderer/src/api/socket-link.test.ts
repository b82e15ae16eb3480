import { afterEach, describe, expect, it, vi } from 'vitest';
import { toWire } from '../../../shared/wire';
import { socketInWorker, type SocketEvents } from './socket-link';
import { splitLongArrays } from './wire-parts';

/** A stand-in for the socket worker: records what the page posts; the test plays the worker's part. */
class FakeWorker {
  static last: FakeWorker | null = null;
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  tell(data: unknown) {
    this.onmessage?.({ data });
  }
}

/** A stand-in for a WebSocket opened on the page's own thread. */
class FakeSocket {
  static OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(message: string) {
    this.sent.push(message);
  }
}

function recorder() {
  const seen: string[] = [];
  const messages: (() => unknown)[] = [];
  const events: SocketEvents = {
    onOpen: () => seen.push('open'),
    onClose: () => seen.push('close'),
    onMessage: (message) => {
      seen.push('message');
      messages.push(message);
    },
  };
  return { seen, messages, events };
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.last = null;
  FakeSocket.opened = [];
});

describe('socketInWorker', () => {
  it('connects and sends through the worker, and hands on its messages in order, long arrays joined', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { seen, messages, events } = recorder();
    const link = socketInWorker(events)!;
    const worker = FakeWorker.last!;
    link.connect('ws://host/api?token=t');
    link.send('{"id":1}');
    expect(worker.posted).toEqual([{ connect: 'ws://host/api?token=t' }, { send: '{"id":1}' }]);

    const answer = { id: 1, response: { data: { rows: Array.from({ length: 100 }, (_, i) => ({ n: BigInt(i) })) } } };
    const sent = structuredClone(answer);
    const { arrays, slices } = splitLongArrays(sent);
    worker.tell({ open: true });
    for (const slice of slices) worker.tell({ slice });
    worker.tell({ value: sent, arrays });
    worker.tell({ value: { push: 'db:changed', payload: { tables: ['wallets'] } } });
    worker.tell({ closed: true });

    expect(seen).toEqual(['open', 'message', 'message', 'close']);
    expect(messages[0]!()).toEqual(answer);
    expect(messages[1]!()).toEqual({ push: 'db:changed', payload: { tables: ['wallets'] } });
  });

  it('a message the worker could not decode is decoded again on the page, so its error is thrown there', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { messages, events } = recorder();
    socketInWorker(events)!.connect('ws://host/api');
    FakeWorker.last!.tell({ failed: '{"id": 1, broken' });
    FakeWorker.last!.tell({ failed: new TextEncoder().encode(toWire({ id: 2, response: { data: 5n } })).buffer });
    expect(() => messages[0]!()).toThrow(SyntaxError);
    expect(messages[1]!()).toEqual({ id: 2, response: { data: 5n } });
  });

  it('a worker that fails before its socket opens hands the connect to a socket on the page', () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('WebSocket', FakeSocket);
    const { seen, messages, events } = recorder();
    const link = socketInWorker(events)!;
    link.connect('ws://host/api?token=t');
    FakeWorker.last!.onerror!();
    expect(FakeWorker.last!.terminated).toBe(true);
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://host/api?token=t']);
    expect(seen).toEqual([]);

    const socket = FakeSocket.opened[0]!;
    socket.readyState = FakeSocket.OPEN;
    socket.onopen!();
    link.send('{"id":1}');
    socket.onmessage!({ data: toWire({ id: 1, response: { data: 7n } }) });
    expect(socket.sent).toEqual(['{"id":1}']);
    expect(seen).toEqual(['open', 'message']);
    expect(messages[0]!()).toEqual({ id: 1, response: { data: 7n } });
  });

  it('a worker that fails with its socket open is a lost connection; the next connect is made on the page', () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('WebSocket', FakeSocket);
    const { seen, events } = recorder();
    const link = socketInWorker(events)!;
    link.connect('ws://host/api');
    FakeWorker.last!.tell({ open: true });
    FakeWorker.last!.onerror!();
    expect(seen).toEqual(['open', 'close']);
    expect(FakeSocket.opened).toEqual([]);
    link.connect('ws://host/api');
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['ws://host/api']);
    expect(FakeWorker.last!.posted).toEqual([{ connect: 'ws://host/api' }]);
  });

  it('is null where workers are unavailable', () => {
    vi.stubGlobal('Worker', undefined);
    expect(socketInWorker(recorder().events)).toBeNull();
  });
});
