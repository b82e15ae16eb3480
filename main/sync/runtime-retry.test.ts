// A node error while sync reads a block's runtime (its header, version or metadata, which PJS fetches
// for a runtime it has not seen) is retried like any read. PJS keeps that failed request and answers the
// same block with the same error without asking the node again, so the retry goes out on a new
// connection (ChainReader.runtimeFor); before, one such error failed every retry and the whole run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ChainClient } from '../chain/client';
import { ensureDevnetMetadata } from '../test/devnet';
import { ChainReader } from './reader';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');

describe('reading a block’s runtime from a node that errs once', () => {
  let dn: Devnet;
  let client: ChainClient;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
    client = new ChainClient({ endpoint: dn.url, reconnect: false });
  });
  afterAll(async () => {
    await client.close();
    await dn.close();
  });

  it.each(['chain_getHeader', 'state_getRuntimeVersion'])(
    'an error on %s is read again, and the runtime is the block’s',
    async (method) => {
      const reader = new ChainReader(client);
      await client.connect();
      // A block whose runtime this connection has not decoded yet: PJS asks the node for it.
      const block = method === 'chain_getHeader' ? 300 : 301;
      const state = await reader.readBlock(block, [], false);
      const before = dn.requestCounts()[method] ?? 0;
      dn.setFaults({ errorOnce: [method] });
      const runtime = await reader.runtimeFor(state);
      dn.setFaults({});
      expect(runtime.specVersion).toBe(dn.world.chain.specAt(block));
      expect(reader.retries.retries).toBe(1);
      // Asked again after the error, not answered from what PJS kept.
      expect((dn.requestCounts()[method] ?? 0) - before).toBeGreaterThanOrEqual(2);
    },
    60_000,
  );
});
