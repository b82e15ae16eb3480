// A netuid registered again, as the screens name it (shared/subnet-labels.ts): a position closed in the
// subnet that held the netuid before keeps that subnet's name and token symbol, with the newcomer beside
// it; its price and market figures are not the newcomer's. Activity shows the α of entries from before
// the newcomer in the earlier subnet's token.
import { describe, expect, it } from 'vitest';
import { COLD, HOT, TAO, oneWallet } from '../test/one-wallet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

/**
 * Netuid 7 held by "Old" (ο, registered at 50): 1 TAO staked for 2 α at 100, all of it sold at 200. "New"
 * (ν) registered at 280 takes netuid 7. Netuid 8 ("Eight", genesis): 1 TAO staked at 100, held.
 */
async function seeded() {
  const { backend, facts } = await oneWallet(tempDir());
  const pool = (block: number, netuid: number, name: string, symbol: string, registeredAt: number) =>
    facts.snapshot(block, netuid, 100n * TAO, 200n * TAO, 50n * TAO, TAO / 2n, name, { symbol, registeredAt });
  const trade = (block: number, kind: 'StakeAdded' | 'StakeRemoved', netuid: number, tao: bigint, alpha: bigint) =>
    facts.event({
      block,
      eventIndex: netuid,
      extrinsic: netuid,
      kind,
      coldkey: COLD,
      hotkey: HOT,
      netuid,
      tao,
      alpha,
      fee: 0n,
      feeUnit: 'tao',
    });
  pool(100, 7, 'Old', 'ο', 50);
  pool(100, 8, 'Eight', 'θ', 0);
  trade(100, 'StakeAdded', 7, TAO, 2n * TAO);
  trade(100, 'StakeAdded', 8, TAO, 2n * TAO);
  facts.checkpoint(100, COLD, HOT, 7, 2n * TAO);
  facts.checkpoint(100, COLD, HOT, 8, 2n * TAO);
  pool(200, 7, 'Old', 'ο', 50);
  pool(200, 8, 'Eight', 'θ', 0);
  trade(200, 'StakeRemoved', 7, TAO, 2n * TAO);
  facts.checkpoint(200, COLD, HOT, 7, 0n);
  pool(300, 7, 'New', 'ν', 280);
  pool(300, 8, 'Eight', 'θ', 0);
  backend.bus.emit('data:changed', { tables: ['stake_events', 'subnet_snapshots'] });
  return { backend, trade, pool, facts };
}

describe('a netuid registered again, on the screens', () => {
  it('the closed position keeps the dissolved subnet’s name; staking into the newcomer names it the newcomer’s', async () => {
    const { backend, trade, facts } = await seeded();
    const view = await backend.call('portfolio:get');
    const [seven, eight] = [7, 8].map((n) => view.subnets.find((s) => s.netuid === n)!);
    expect(seven).toMatchObject({
      name: 'Old',
      symbol: 'ο',
      successor: { name: 'New', symbol: 'ν', registeredAt: 280 },
      price: null,
    });
    expect(seven!.figures.alpha).toBe(0n);
    expect(eight).toMatchObject({ name: 'Eight', symbol: 'θ', successor: null, price: TAO / 2n });
    // The closed position's price is not the newcomer's either.
    const closed = view.positions.find((p) => p.netuid === 7)!;
    expect(closed).toMatchObject({ successor: { name: 'New', registeredAt: 280 }, price: null, priceBlock: null });
    expect(view.positions.find((p) => p.netuid === 8)).toMatchObject({ successor: null, price: TAO / 2n });

    // The newcomer's α now held on netuid 7: the row is the newcomer's.
    trade(400, 'StakeAdded', 7, TAO, 2n * TAO);
    facts.checkpoint(400, COLD, HOT, 7, 2n * TAO);
    backend.bus.emit('data:changed', { tables: ['stake_events'] });
    const after = (await backend.call('portfolio:get')).subnets.find((s) => s.netuid === 7)!;
    expect(after).toMatchObject({ name: 'New', symbol: 'ν', successor: null, price: TAO / 2n });
    backend.close();
  });

  it('activity shows the α of entries from before the newcomer in the earlier subnet’s token', async () => {
    const { backend, trade } = await seeded();
    trade(400, 'StakeAdded', 7, TAO, 2n * TAO);
    backend.bus.emit('data:changed', { tables: ['stake_events'] });
    const page = await backend.call('activity:list', {});
    expect(page.symbols).toEqual({ 7: 'ν', 8: 'θ' });
    const onSeven = page.rows
      .filter((r) => r.legs.some((l) => l.netuid === 7))
      .map((r) => [r.blockNumber, r.symbols ?? null]);
    expect(onSeven).toEqual([
      [400, null],
      [200, { 7: 'ο' }],
      [100, { 7: 'ο' }],
    ]);
    expect(page.rows.filter((r) => r.legs.every((l) => l.netuid === 8)).map((r) => r.symbols ?? null)).toEqual([null]);
    backend.close();
  });
});
