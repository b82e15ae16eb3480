// A dissolved subnet on the screens (docs/chain/swaps-and-dissolution.md): once its payout is recorded
// and no later subnet holds the netuid, its row and page say so and show no price or market figures (its
// last snapshots are stale, not current); the position's realized figures at the payout stay. Root has
// no α pool: its page shows no pool figures either.
import { describe, expect, it } from 'vitest';
import { COLD, HOT, TAO, oneWallet } from '../test/one-wallet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();
const Q = { method: 'acb', rewards: 'income' } as const;

/**
 * Netuid 9 ("Nine", price 0.5): 1 TAO staked for 2 α at 100, paid out 1.5 TAO at its dissolution at 250
 * (a NetworkRemoved effect). Netuid 8 ("Eight"): 1 TAO staked at 100, held; snapshots on to 300. Root: 1
 * TAO staked at 100.
 */
async function seeded() {
  const { backend, facts } = await oneWallet(tempDir());
  const pool = (block: number, netuid: number, name: string) =>
    facts.snapshot(block, netuid, 100n * TAO, 200n * TAO, 50n * TAO, TAO / 2n, name, { registeredAt: 0 });
  const stake = (netuid: number, alpha: bigint) =>
    facts.event({
      block: 100,
      eventIndex: netuid,
      extrinsic: netuid,
      kind: 'StakeAdded',
      coldkey: COLD,
      hotkey: HOT,
      netuid,
      tao: TAO,
      alpha,
      fee: 0n,
      feeUnit: 'tao',
    });
  for (const block of [100, 200]) for (const n of [0, 8, 9]) pool(block, n, `SN ${n}`);
  for (const n of [0, 8, 9]) {
    stake(n, n === 0 ? TAO : 2n * TAO);
    facts.checkpoint(100, COLD, HOT, n, n === 0 ? TAO : 2n * TAO);
  }
  const [kind, coldkey, hotkey] = ['NetworkRemoved', COLD, HOT];
  facts.effect({ block: 250, eventIndex: 3, kind, coldkey, hotkey, netuid: 9, alpha: -2n * TAO, tao: (3n * TAO) / 2n });
  facts.checkpoint(250, COLD, HOT, 9, 0n);
  for (const n of [0, 8]) pool(300, n, `SN ${n}`);
  backend.bus.emit('data:changed', { tables: ['stake_events', 'subnet_snapshots'] });
  return { backend, facts, pool };
}

const DISSOLVED_AT = { blockNumber: 250, timestamp: Date.UTC(2025, 10, 10) + 250 * 12_000 };

describe('a dissolved subnet, on the screens', () => {
  it('its row says when it was dissolved and has no price; the realized figures at the payout stay', async () => {
    const { backend } = await seeded();
    const view = await backend.call('portfolio:get');
    const nine = view.subnets.find((s) => s.netuid === 9)!;
    expect(nine).toMatchObject({ name: 'SN 9', successor: null, dissolved: DISSOLVED_AT, price: null });
    expect(nine.figures.alpha).toBe(0n);
    expect(nine.figures.realized).toBe(TAO / 2n); // paid 1.5 τ for what cost 1 τ
    const eight = view.subnets.find((s) => s.netuid === 8)!;
    expect(eight).toMatchObject({ dissolved: null, price: TAO / 2n });
    backend.close();
  });

  it('its position has no price either (its last snapshot’s is not a price now); its figures at the payout stay', async () => {
    const { backend } = await seeded();
    const view = await backend.call('portfolio:get');
    const nine = view.positions.find((p) => p.netuid === 9)!;
    expect(nine).toMatchObject({ successor: null, dissolved: DISSOLVED_AT, price: null, priceBlock: null });
    expect(nine.figures.realized).toBe(TAO / 2n);
    expect(nine.figures.alpha).toBe(0n);
    // The drill-down says the same: it is the view's position.
    const drill = await backend.call('portfolio:position', { ...Q, key: nine.key });
    expect(drill.position).toMatchObject({ dissolved: DISSOLVED_AT, price: null, priceBlock: null });
    const eight = view.positions.find((p) => p.netuid === 8)!;
    expect(eight).toMatchObject({ successor: null, dissolved: null, price: TAO / 2n, priceBlock: 300 });
    // As of a block before the payout it still trades at its price then.
    const before = await backend.call('portfolio:get', { ...Q, asOfBlock: 200 });
    expect(before.positions.find((p) => p.netuid === 9)).toMatchObject({
      dissolved: null,
      price: TAO / 2n,
      priceBlock: 200,
    });
    backend.close();
  });

  it('its page has no pool figures: it says it was dissolved instead of showing the last snapshot’s', async () => {
    const { backend } = await seeded();
    const d = await backend.call('portfolio:subnet', { ...Q, netuid: 9 });
    expect(d.noPool).toEqual({ reason: 'dissolved', blockNumber: 250, t: DISSOLVED_AT.timestamp });
    expect(Object.values(d.health).every((v) => v === null)).toBe(true);
    expect(d.priceHistory.map((p) => p.blockNumber)).toEqual([100, 200]); // the history it had stays
    const eight = await backend.call('portfolio:subnet', { ...Q, netuid: 8 });
    expect(eight.noPool).toBeNull();
    expect(eight.health.taoReserve).toBe(100n * TAO);
    backend.close();
  });

  it('a later snapshot at the netuid (registered again since): no longer dissolved', async () => {
    const { backend, pool } = await seeded();
    pool(400, 9, 'SN 9');
    backend.bus.emit('data:changed', { tables: ['subnet_snapshots'] });
    const nine = (await backend.call('portfolio:get')).subnets.find((s) => s.netuid === 9)!;
    expect(nine).toMatchObject({ dissolved: null, price: TAO / 2n });
    backend.close();
  });

  it('as of a block before the payout it is not dissolved yet', async () => {
    const { backend } = await seeded();
    const view = await backend.call('portfolio:get', { ...Q, asOfBlock: 200 });
    expect(view.subnets.find((s) => s.netuid === 9)).toMatchObject({ dissolved: null, price: TAO / 2n });
    backend.close();
  });
});

describe('root on its page', () => {
  it('has no α pool: no pool depth, market cap, flows or emission share', async () => {
    const { backend } = await seeded();
    const d = await backend.call('portfolio:subnet', { ...Q, netuid: 0 });
    expect(d.noPool).toEqual({ reason: 'root' });
    expect(Object.values(d.health).every((v) => v === null)).toBe(true);
    backend.close();
  });
});
