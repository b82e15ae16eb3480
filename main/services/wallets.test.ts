import { cryptoWaitReady, decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../test/backend';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();
const A = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const B = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';

describe('wallet service', () => {
  beforeAll(async () => {
    await cryptoWaitReady();
  });

  it('adds, lists, renames and removes wallets, announcing each change', async () => {
    const backend = testBackend(tempDir());
    const added = await backend.dispatch('wallets:add', { address: ` ${A} `, label: 'Main', group: 'Personal' });
    expect(added).toMatchObject({
      data: { wallet: { id: 1, address: A, label: 'Main', group: 'Personal' }, normalisedFrom: null },
    });
    await backend.dispatch('wallets:add', { address: B, label: 'Cold storage' });

    expect(await backend.dispatch('wallets:list', undefined)).toMatchObject({
      data: [
        { address: A, label: 'Main', group: 'Personal' },
        { address: B, label: 'Cold storage', group: null },
      ],
    });

    expect(await backend.dispatch('wallets:update', { id: 2, label: 'Vault', group: 'Savings' })).toMatchObject({
      data: { id: 2, label: 'Vault', group: 'Savings' },
    });
    expect(await backend.dispatch('wallets:remove', { id: 1 })).toEqual({ data: { id: 1 } });
    expect(await backend.dispatch('wallets:list', undefined)).toMatchObject({
      data: [{ id: 2, address: B, label: 'Vault' }],
    });
    expect(backend.pushed.map((p) => p.payload)).toEqual(Array(4).fill({ tables: ['wallets'] }));
    backend.close();
  });

  it('normalises another network prefix to 42 and says so', async () => {
    const backend = testBackend(tempDir());
    const polkadotForm = encodeAddress(decodeAddress(A), 0);
    expect(await backend.dispatch('wallets:add', { address: polkadotForm, label: 'From Polkadot' })).toMatchObject({
      data: { wallet: { address: A }, normalisedFrom: { address: polkadotForm, prefix: 0 } },
    });
    // The same account under yet another prefix is a duplicate.
    expect(
      await backend.dispatch('wallets:add', { address: encodeAddress(decodeAddress(A), 2), label: 'Again' }),
    ).toMatchObject({
      error: { code: 'duplicate', field: 'address', message: expect.stringContaining('From Polkadot') },
    });
    backend.close();
  });

  it('rejects bad addresses and duplicates without writing anything', async () => {
    const backend = testBackend(tempDir());
    await backend.dispatch('wallets:add', { address: A, label: 'Main' });
    backend.pushed.length = 0;
    const bad = ['', '   ', 'garbage', '0x' + '12'.repeat(32), A.slice(0, -2), A.replace('Q', 'R')];
    for (const address of bad) {
      const response = await backend.dispatch('wallets:add', { address, label: 'X' });
      expect(response).toMatchObject({ error: { code: 'invalid-address', field: 'address' } });
    }
    expect(await backend.dispatch('wallets:add', { address: A, label: 'Dup' })).toMatchObject({
      error: { code: 'duplicate' },
    });
    expect(await backend.dispatch('wallets:list', undefined)).toMatchObject({ data: [{ address: A, label: 'Main' }] });
    expect(backend.pushed).toEqual([]);
    backend.close();
  });

  it('a rename without a group keeps the group; null or an empty group removes it', async () => {
    const backend = testBackend(tempDir());
    await backend.dispatch('wallets:add', { address: A, label: 'Main', group: 'Personal' });
    // The group was cleared by a rename that did not mention it.
    expect(await backend.dispatch('wallets:update', { id: 1, label: 'Renamed' })).toMatchObject({
      data: { label: 'Renamed', group: 'Personal' },
    });
    expect(await backend.dispatch('wallets:update', { id: 1, label: 'Renamed', group: '  ' })).toMatchObject({
      data: { group: null },
    });
    await backend.dispatch('wallets:update', { id: 1, label: 'Renamed', group: 'Savings' });
    expect(await backend.dispatch('wallets:update', { id: 1, label: 'Renamed', group: null })).toMatchObject({
      data: { group: null },
    });
    backend.close();
  });

  it('reports unknown ids on rename and remove', async () => {
    const backend = testBackend(tempDir());
    expect(await backend.dispatch('wallets:update', { id: 7, label: 'x' })).toMatchObject({
      error: { code: 'not-found' },
    });
    expect(await backend.dispatch('wallets:remove', { id: 7 })).toMatchObject({ error: { code: 'not-found' } });
    backend.close();
  });

  it('persists across reopen', async () => {
    const dir = tempDir();
    const first = testBackend(dir);
    await first.dispatch('wallets:add', { address: A, label: 'Main' });
    await first.dispatch('settings:update', { costBasisMethod: 'fifo', endpoint: 'ws://127.0.0.1:9944' });
    first.close();
    const second = testBackend(dir);
    expect(await second.dispatch('wallets:list', undefined)).toMatchObject({ data: [{ address: A, label: 'Main' }] });
    expect(await second.dispatch('settings:get', undefined)).toMatchObject({
      data: { costBasisMethod: 'fifo', endpoint: 'ws://127.0.0.1:9944', rewardTreatment: 'income' },
    });
    second.close();
  });
});
