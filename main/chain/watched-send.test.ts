// What the client learns from its provider's requests, on a fake provider: every request counted, an
// answer noted only for a request (a subscription's answer is its id), a timeout told with its method.
import type { WsProvider } from '@polkadot/api';
import type { ProviderInterfaceCallback } from '@polkadot/rpc-provider/types';
import { describe, expect, it } from 'vitest';
import { watchSend } from './watched-send';

describe('watchSend', () => {
  it('counts every request; answers of requests are noted, subscription ids are not; timeouts are told', async () => {
    const fake = {
      send: (method: string) =>
        method === 'slow'
          ? Promise.reject(new Error('No response received from RPC endpoint in 20s'))
          : method === 'bad'
            ? Promise.reject(new Error('1002: bad'))
            : Promise.resolve('0x01'),
      subscribe(
        this: WsProvider,
        type: string,
        method: string,
        params: unknown[],
        callback: ProviderInterfaceCallback,
      ) {
        return this.send(method, params, false, { callback, type });
      },
    };
    const provider = fake as unknown as WsProvider;
    const seen: string[] = [];
    const counts = new Map<string, number>();
    watchSend(provider, {
      counts,
      answered: () => seen.push('answered'),
      unanswered: (method) => seen.push(`unanswered ${method}`),
    });
    await provider.subscribe('chain_finalizedHead', 'chain_subscribeFinalizedHeads', [], () => {});
    expect(seen).toEqual([]);
    await provider.send('chain_getBlockHash', [0]);
    expect(seen).toEqual(['answered']);
    await expect(provider.send('slow', [])).rejects.toThrow(/No response/);
    await expect(provider.send('bad', [])).rejects.toThrow(/bad/);
    await Promise.resolve();
    expect(seen).toEqual(['answered', 'unanswered slow']);
    expect(Object.fromEntries(counts)).toEqual({
      chain_subscribeFinalizedHeads: 1,
      chain_getBlockHash: 1,
      slow: 1,
      bad: 1,
    });
  });
});
