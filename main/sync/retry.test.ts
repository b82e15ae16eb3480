// Connecting for a sync run: an RPC error while the connection is made (the node answered, then failed
// to serve the metadata) is tried again, as reads are; a node that does not answer fails at once.
import { describe, expect, it, vi } from 'vitest';
import { ChainError, type ChainClient } from '../chain/client';
import { connectRetrying } from './retry';

function clientFailing(...failures: ChainError[]): { client: ChainClient; connect: ReturnType<typeof vi.fn> } {
  const connect = vi.fn(() => {
    const failure = failures.shift();
    return failure ? Promise.reject(failure) : Promise.resolve();
  });
  return { client: { connect } as unknown as ChainClient, connect };
}

describe('connectRetrying', () => {
  it('connects after an RPC error while connecting, counting the retry', async () => {
    const { client, connect } = clientFailing(
      new ChainError('rpc-error', 'The node refused the runtime metadata: -32603: Internal error', -32603),
    );
    const stats = { retries: 0 };
    await connectRetrying(client, stats);
    expect(connect).toHaveBeenCalledTimes(2);
    expect(stats.retries).toBe(1);
  });

  it('fails at once where nothing answers, or the node refuses for good', async () => {
    for (const failure of [
      new ChainError('unreachable', 'Cannot reach ws://127.0.0.1:1.'),
      new ChainError('wrong-chain', 'not finney'),
      new ChainError('rpc-error', 'Method not found', -32601),
    ]) {
      const { client, connect } = clientFailing(failure);
      await expect(connectRetrying(client)).rejects.toBe(failure);
      expect(connect).toHaveBeenCalledTimes(1);
    }
  });
});
