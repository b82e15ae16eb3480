import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/api';
import { testBackend } from '../test/backend';
import { useTempDirs } from '../test/temp-dir';
import { combineHandlers } from '.';

const tempDir = useTempDirs();
const noop = () => undefined as never;

describe('combineHandlers', () => {
  it('implements every contract channel in the real backend', async () => {
    const backend = testBackend(tempDir());
    // sync:start will try to connect: point it at a closed local port, never the public default.
    await backend.dispatch('settings:update', { endpoint: 'ws://127.0.0.1:1' });
    for (const channel of channels) {
      // Any answer but "unknown channel" proves a handler exists (argument errors are fine here).
      const response = await backend.dispatch(channel, undefined);
      expect(response).not.toMatchObject({ error: { code: 'unknown-channel' } });
    }
    backend.close();
  });

  it('refuses duplicates and gaps', () => {
    const all = Object.fromEntries(channels.map((c) => [c, noop]));
    expect(() => combineHandlers(all, { 'wallets:list': noop })).toThrow('Channel "wallets:list" is implemented twice');
    const { 'fiat:summary': _dropped, ...partial } = all;
    expect(() => combineHandlers(partial)).toThrow('Channels without a handler: fiat:summary');
    expect(Object.keys(combineHandlers(all)).sort()).toEqual([...channels].sort());
  });
});
