import { describe, expect, it } from 'vitest';
import { priceLines } from './price-lines';

const history = [10, 20, 30, 40].map((blockNumber, i) => ({ t: i, blockNumber, price: BigInt(blockNumber) }));

describe('price lines of a subnet page', () => {
  it('one line through every snapshot when the netuid had one subnet', () => {
    const lines = priceLines({ priceHistory: history, registeredAgain: null });
    expect(lines.map((l) => [l.id, l.values])).toEqual([['price', [10n, 20n, 30n, 40n]]]);
  });

  it('a netuid registered again: the earlier subnet’s prices on their own line, never joined to the newcomer’s', () => {
    const lines = priceLines({ priceHistory: history, registeredAgain: { t: 2, blockNumber: 30 } });
    expect(lines.map((l) => [l.id, l.values])).toEqual([
      ['price', [null, null, 30n, 40n]],
      ['price-earlier', [10n, 20n, null, null]],
    ]);
  });
});
