import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../shared/api';
import { AppError } from '../services/errors';
import { createDispatcher } from './dispatch';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const fail = () => {
    throw new Error('not under test');
  };
  return new Proxy(overrides, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? fail,
  }) as Handlers;
}

describe('createDispatcher', () => {
  it('rejects malformed arguments before the handler runs', async () => {
    const add = vi.fn();
    const dispatch = createDispatcher(handlersWith({ 'wallets:add': add }));
    const cases: unknown[] = [
      undefined,
      null,
      'a string',
      { address: 5, label: 'x' },
      { address: '5F…', label: '' },
      { address: '5F…', label: '   ' },
      { address: '5F…', label: 'x'.repeat(81) },
      { address: '5F…', label: 'ok', extra: true },
      { address: 'x'.repeat(201), label: 'ok' },
    ];
    for (const args of cases) {
      const response = await dispatch('wallets:add', args);
      expect(response).toMatchObject({ error: { code: 'invalid-args' } });
    }
    expect(add).not.toHaveBeenCalled();
  });

  it('names the offending field', async () => {
    const dispatch = createDispatcher(handlersWith({}));
    expect(await dispatch('wallets:add', { address: 'a', label: '' })).toEqual({
      error: { code: 'invalid-args', message: 'Label is required.', field: 'label' },
    });
    expect(await dispatch('wallets:remove', { id: -1 })).toMatchObject({
      error: { code: 'invalid-args', field: 'id' },
    });
    expect(await dispatch('settings:update', { endpoint: 'http://example.com' })).toMatchObject({
      error: { code: 'invalid-args', field: 'endpoint', message: 'The endpoint must be a ws:// or wss:// URL.' },
    });
  });

  it('refuses unknown channels, including prototype keys', async () => {
    const dispatch = createDispatcher(handlersWith({}));
    for (const channel of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      expect(await dispatch(channel, undefined)).toMatchObject({ error: { code: 'unknown-channel' } });
    }
  });

  it('passes parsed (trimmed) arguments and returns data', async () => {
    const update = vi.fn((args: { id: number; label: string }) => ({
      id: args.id,
      address: 'a',
      label: args.label,
      group: null,
      addedAt: 1,
    }));
    const dispatch = createDispatcher(handlersWith({ 'wallets:update': update }));
    expect(await dispatch('wallets:update', { id: 3, label: '  Cold  ' })).toEqual({
      data: { id: 3, address: 'a', label: 'Cold', group: null, addedAt: 1 },
    });
    expect(update).toHaveBeenCalledWith({ id: 3, label: 'Cold' });
  });

  it('maps AppError to its code and unexpected errors to internal', async () => {
    const onInternal = vi.fn();
    const dispatch = createDispatcher(
      handlersWith({
        'wallets:remove': () => {
          throw new AppError('not-found', 'No wallet with id 9.');
        },
        'wallets:list': () => {
          throw new TypeError('boom');
        },
      }),
      onInternal,
    );
    expect(await dispatch('wallets:remove', { id: 9 })).toEqual({
      error: { code: 'not-found', message: 'No wallet with id 9.' },
    });
    expect(await dispatch('wallets:list', undefined)).toMatchObject({
      error: { code: 'internal', message: expect.stringContaining('boom') },
    });
    expect(onInternal).toHaveBeenCalledTimes(1);
  });
});
