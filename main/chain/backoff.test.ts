// The reconnect waits: a node that drops each connection before answering anything is dialled less and
// less often; a drop after a connection that answered a request starts again from the first wait (a
// flaky node that works between drops is redialled at once). Through the client too, on the devnet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { ChainStatus } from '../../shared/api';
import { ensureDevnetMetadata } from '../test/devnet';
import { Backoff } from './backoff';
import { ChainClient } from './client';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');

describe('Backoff', () => {
  it('climbs while connections drop before answering; one that answered resets it', () => {
    const b = new Backoff();
    expect([b.next(), b.next()]).toEqual([1_000, 2_000]);
    b.answered(); // an answer before any connection (a handshake's) is no work
    b.connected();
    b.dropped();
    expect(b.next()).toBe(5_000);
    b.connected();
    b.answered();
    b.dropped();
    expect(b.next()).toBe(1_000);
    // failed attempts (no connection) climb to the last wait and stay there
    expect(Array.from({ length: 6 }, () => b.next())).toEqual([2_000, 5_000, 10_000, 30_000, 30_000, 30_000]);
  });
});

describe('ChainClient reconnect waits', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 3, port: 0, blockMs: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 4_000; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('a failed attempt and a drop are each one status, with when the next attempt is', async () => {
    const statuses: ChainStatus[] = [];
    const refused = new ChainClient({
      endpoint: 'ws://127.0.0.1:1',
      reconnect: true,
      connectTimeoutMs: 10_000,
      onStatus: (s) => statuses.push(s),
    });
    try {
      await expect(refused.connect()).rejects.toThrow(/Cannot reach/);
      const failed = statuses.filter((s) => s.state === 'error');
      expect(failed.map((s) => /Retrying in 1 s\.$/.test(s.message ?? ''))).toEqual([true]);
    } finally {
      await refused.close();
    }
    const client = new ChainClient({ endpoint: dn.url, reconnect: true, onStatus: (s) => statuses.push(s) });
    try {
      await client.connect();
      const seen = statuses.length;
      dn.dropConnections();
      await until(() => statuses.slice(seen).some((s) => s.state !== 'connected'), 'the drop');
      await until(() => client.status.state === 'connected', 'the reconnect');
      const dropped = statuses.slice(seen).filter((s) => s.state === 'disconnected');
      expect(dropped.map((s) => /reconnecting… Retrying in \d+ s\.$/.test(s.message ?? ''))).toEqual([true]);
    } finally {
      await client.close();
    }
  }, 120_000); // a hang guard only

  /** Drops the client's connection and notes the wait it announces, then waits for it to reconnect. */
  function dropper(client: ChainClient, statuses: ChainStatus[]) {
    const waits: string[] = [];
    const dropAndWait = async (): Promise<void> => {
      const seen = statuses.length;
      dn.dropConnections();
      await until(() => statuses.slice(seen).some((s) => /Retrying in \d+ s\./.test(s.message ?? '')), 'a retry');
      waits.push(/Retrying in (\d+) s\./.exec(statuses.slice(seen).at(-1)?.message ?? '')?.[1] ?? '?');
      await until(() => client.status.state === 'connected', 'the reconnect');
    };
    return { waits, dropAndWait };
  }

  it('drops before any answer: 1 s, then 2 s; after a connection that answered: 1 s again', async () => {
    const statuses: ChainStatus[] = [];
    const client = new ChainClient({ endpoint: dn.url, reconnect: true, onStatus: (s) => statuses.push(s) });
    const { waits, dropAndWait } = dropper(client, statuses);
    try {
      await client.connect();
      await dropAndWait(); // nothing asked since connecting
      await dropAndWait(); // again: the old client redialled every second
      expect(await client.rpc<{ peers: number }>('system_health', [])).toHaveProperty('peers');
      await dropAndWait(); // after a connection that answered
      expect(waits).toEqual(['1', '2', '1']);
    } finally {
      await client.close();
    }
  }, 120_000); // a hang guard only

  it("a subscription's answer is no work: drops right after the head subscription keep climbing", async () => {
    const statuses: ChainStatus[] = [];
    const client = new ChainClient({ endpoint: dn.url, reconnect: true, onStatus: (s) => statuses.push(s) });
    const { waits, dropAndWait } = dropper(client, statuses);
    // As the sync manager does on each connection; the devnet sends the head right after the id.
    let heads = 0;
    client.onConnected((api) => {
      heads = 0;
      void api.rpc.chain
        .subscribeFinalizedHeads(() => {
          heads++;
        })
        .then((unsub) => client.own(unsub))
        .catch(() => {});
    });
    const subscribed = () => until(() => heads > 0, 'the subscription and its first head');
    try {
      await client.connect();
      await subscribed();
      await dropAndWait();
      await subscribed();
      await dropAndWait();
      // The old client took the subscription's answer for work: 1 s, 1 s, ….
      expect(waits).toEqual(['1', '2']);
    } finally {
      await client.close();
    }
  }, 120_000); // a hang guard only
});
