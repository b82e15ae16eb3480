// The backend's caches (Activity's ledger, the fiat coverage) react to the domain bus, which every write
// of stored data emits (sync's progress, the services), not to the UI push, which only tells windows.
import { describe, expect, it } from 'vitest';
import { fiatPricesRepo } from '../db/repos/fiat-prices';
import { settingsRepo } from '../db/repos/settings';
import { COLD, HOT, TAO, oneWallet } from '../test/one-wallet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

describe('domain reactions', () => {
  it('a stored fact reaches Activity and the fiat coverage through the domain bus, not through the UI push', async () => {
    const { backend, facts } = await oneWallet(tempDir());
    try {
      const stake = (block: number) => {
        facts.snapshot(block, 1, 100n * TAO, 200n * TAO, 50n * TAO, TAO / 2n);
        facts.event({
          block,
          eventIndex: 1,
          kind: 'StakeAdded',
          coldkey: COLD,
          hotkey: HOT,
          netuid: 1,
          tao: TAO,
          alpha: 2n * TAO,
          fee: 0n,
          feeUnit: 'tao',
        });
      };
      stake(100);
      backend.bus.emit('data:changed', { tables: ['stake_events'] });
      const currency = settingsRepo(backend.db).get().fiatCurrency;
      const seen = async () => ({
        entries: (await backend.call('activity:list', {})).total,
        prices: (await backend.call('fiat:coverage')).imported,
      });
      expect(await seen()).toEqual({ entries: 1, prices: 0 });

      stake(200);
      fiatPricesRepo(backend.db).import(currency, [{ date: '2025-11-10', price: 400_00000000n }]);
      // A window told to refetch does not make the backend's caches read again ...
      backend.push.emit('db:changed', { tables: ['stake_events', 'fiat_prices'] });
      expect(await seen()).toEqual({ entries: 1, prices: 0 });
      // ... the domain event does (and the UI is told through the push it forwards to).
      const told: unknown[] = [];
      backend.push.subscribe((event, payload) => told.push([event, payload]));
      backend.bus.emit('data:changed', { tables: ['stake_events', 'fiat_prices'] });
      expect(await seen()).toEqual({ entries: 2, prices: 1 });
      expect(told).toEqual([['db:changed', { tables: ['stake_events', 'fiat_prices'] }]]);
    } finally {
      backend.close();
    }
  });
});
