import { describe, expect, it } from 'vitest';
import { factsWriter } from '../test/facts';
import { COLD, HOT, TAO, oneWallet } from '../test/one-wallet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

/**
 * One position on subnet 1 at spec 343 (swap v3: StakeAdded.tao gross, StakeRemoved.alpha gross):
 *   block 100  buy:  pay 1 TAO (gross), receive 0.5 α            → cost 1 TAO, price paid 2 TAO/α
 *   block 200  sell: give 0.2 α (gross), receive 0.39 TAO (net)   → ACB removes 1 × 0.2/0.5 = 0.4 TAO
 *              realized = 0.39 − 0.4 = −0.01 TAO
 *   checkpoint 100: 0.5 α; checkpoint 200: 0.31 α
 *              emitted over (100, 200] = 0.31 − 0.5 + 0.2 = 0.01 α, worth 0.02 TAO at 2 TAO/α (income basis)
 *   pool at 100 and 200: price 2 TAO/α
 *   → held 0.31 α, cost basis 0.6 + 0.02 = 0.62 TAO, spot 0.31 × 2 = 0.62 TAO, unrealized 0.
 */
async function seeded() {
  const { backend, facts } = await oneWallet(tempDir());
  facts.snapshot(100, 1, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO);
  facts.event({
    block: 100,
    eventIndex: 3,
    kind: 'StakeAdded',
    coldkey: COLD,
    hotkey: HOT,
    netuid: 1,
    tao: TAO,
    alpha: TAO / 2n,
    fee: 330_000n,
    feeUnit: 'tao',
  });
  facts.checkpoint(100, COLD, HOT, 1, TAO / 2n);
  facts.snapshot(200, 1, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO);
  facts.event({
    block: 200,
    eventIndex: 2,
    kind: 'StakeRemoved',
    coldkey: COLD,
    hotkey: HOT,
    netuid: 1,
    tao: 390_000_000n,
    alpha: 200_000_000n,
    fee: 100_000n,
    feeUnit: 'alpha',
  });
  facts.checkpoint(200, COLD, HOT, 1, 310_000_000n);
  backend.bus.emit('data:changed', { tables: ['stake_events'] });
  return backend;
}

describe('portfolio service', () => {
  it('computes the hand-worked position figures from stored facts', async () => {
    const backend = await seeded();
    const view = await backend.call('portfolio:get');
    expect(view.hasData).toBe(true);
    expect(view.method).toBe('acb');
    expect(view.positions).toHaveLength(1);
    const f = view.positions[0]!.figures;
    expect(view.positions[0]!.walletLabel).toBe('Main');
    expect(f.alpha).toBe(310_000_000n);
    expect(f.alphaBought).toBe(500_000_000n);
    expect(f.alphaSold).toBe(200_000_000n);
    expect(f.alphaEmitted).toBe(10_000_000n);
    expect(f.realized).toBe(-10_000_000n);
    expect(f.costBasis).toBe(620_000_000n);
    expect(f.spotValue).toBe(620_000_000n);
    expect(f.unrealized).toBe(0n);
    expect(view.total.figures.realized).toBe(f.realized);
    expect(view.subnets.map((s) => [s.netuid, s.name])).toEqual([[1, 'Subnet 1']]);
    backend.close();
  });

  it('drills a position down to the entries and prices behind it', async () => {
    const backend = await seeded();
    const view = await backend.call('portfolio:get');
    const drill = await backend.dispatch('portfolio:position', { key: view.positions[0]!.key });
    expect(drill).toMatchObject({
      data: {
        entries: [
          { kind: 'buy', blockNumber: 100 },
          { kind: 'sell', blockNumber: 200 },
        ],
      },
    });
    expect(await backend.dispatch('portfolio:position', { key: 'nope' })).toMatchObject({
      error: { code: 'not-found' },
    });
    backend.close();
  });

  it('in fiat, each drilled-down leg’s TAO and value at spot at its entry’s day’s price; null without one', async () => {
    const backend = await seeded();
    const key = (await backend.call('portfolio:get')).positions[0]!.key;
    const tau = await backend.call('portfolio:position', { key });
    expect(tau.fiat).toBeUndefined();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const nulls = tau.entries.map((e) => e.legs.map(() => ({ tao: null, spot: null })));
    // A price for another day only: the entries' day has none.
    await backend.call('fiat:import', { currency: 'USD', csv: 'date,price\n2020-01-01,1\n' });
    const without = await backend.call('portfolio:position', { key, currency: 'fiat' });
    expect(without.fiat).toEqual({ currency: 'USD', legs: nulls });
    expect(new Set(tau.entries.map((e) => day(e.timestamp))).size).toBe(1);
    await backend.call('fiat:import', { currency: 'USD', csv: `date,price\n${day(tau.entries[0]!.timestamp)},400\n` });
    const drill = await backend.call('portfolio:position', { key, currency: 'fiat' });
    expect(drill.entries).toEqual(tau.entries);
    const at400 = (rao: bigint | null) => (rao === null ? null : (rao * 400_00000000n) / TAO);
    expect(drill.fiat).toEqual({
      currency: 'USD',
      legs: tau.entries.map((e) => e.legs.map((l) => ({ tao: at400(l.tao), spot: at400(l.spotTao) }))),
    });
    expect(drill.fiat!.legs[0]![0]!.tao).toBe(400_00000000n); // the buy's 1 TAO
    backend.close();
  });

  it('exports reports that embed the settings and app version, with exact tax-tool headers', async () => {
    const backend = await seeded();
    const csv = await backend.call('reports:export', { format: 'pnl-csv', method: 'fifo' });
    expect(csv.filename).toMatch(/fifo-income/);
    expect(csv.content).toContain('# Taofolio 0.0.0-test PnL report');
    expect(csv.content).toContain('method=fifo rewards=income');
    const json = await backend.call('reports:export', { format: 'pnl-json' });
    expect(JSON.parse(json.content)).toMatchObject({
      app: { name: 'Taofolio', version: '0.0.0-test' },
      settings: { method: 'acb', rewards: 'income' },
    });
    const koinly = await backend.call('reports:export', { format: 'koinly-csv' });
    expect(koinly.content.split('\r\n')[0]).toBe(
      'Date (UTC),Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash',
    );
    const ct = await backend.call('reports:export', { format: 'cointracker-csv' });
    expect(ct.content.split('\r\n')[0]).toBe(
      'Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,Fee Currency,Tag',
    );
    backend.close();
  });

  it('imports TAO/fiat prices all-or-nothing', async () => {
    const backend = await seeded();
    const bad = await backend.dispatch('fiat:import', {
      currency: 'USD',
      csv: 'date,price\n2025-11-10,400.5\n2025-11-11,abc\n',
    });
    expect(bad).toMatchObject({ error: { code: 'invalid-file', message: expect.stringContaining('line 3') } });
    expect(await backend.dispatch('fiat:summary', undefined)).toEqual({
      data: { currency: 'USD', count: 0, firstDate: null, lastDate: null },
    });
    const good = await backend.dispatch('fiat:import', {
      currency: 'USD',
      csv: 'date,price\n2025-11-10,400.5\n2025-11-11,410\n',
    });
    expect(good).toEqual({
      data: {
        currency: 'USD',
        imported: 2,
        firstDate: '2025-11-10',
        lastDate: '2025-11-11',
        skipped: 0,
        columns: { date: 'date', price: 'price' },
      },
    });
    const view = await backend.call('portfolio:get');
    expect(view.fiatMissingDays).not.toBeNull();
    backend.close();
  });

  it('writes the lot-based fiat figures in the PnL CSV once TAO/fiat prices are imported', async () => {
    const backend = await seeded();
    await backend.dispatch('fiat:import', { currency: 'USD', csv: 'date,price\n2025-11-10,400.5\n' });
    const lines = (await backend.call('reports:export', { format: 'pnl-csv' })).content.split('\r\n');
    const header = lines.find((l) => l.startsWith('level,'))!.split(',');
    const row = (level: string) => {
      const cells = lines.find((l) => l.startsWith(`${level},`))!.split(',');
      return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    };
    expect(header.slice(-5)).toEqual([
      'cost_basis_usd',
      'value_usd',
      'realized_pnl_usd',
      'unrealized_pnl_usd',
      'emission_income_usd',
    ]);
    // Every block is on 2025-11-10 at 400.5 USD/TAO (see `seeded`):
    //   bought 1 TAO → fiat cost 400.5; the sale takes 0.2 / 0.5 of it: floor(400.5 × 0.4) = 160.2
    //   proceeds 0.39 TAO × 400.5 = 156.195 → realized 156.195 − 160.2 = −4.005
    //   emitted 0.02 TAO × 400.5 = 8.01 (income, and that lot's fiat cost)
    //   cost basis 400.5 − 160.2 + 8.01 = 248.31; value 0.62 TAO × 400.5 = 248.31; unrealized 0
    const usd = {
      cost_basis_usd: '248.31000000',
      value_usd: '248.31000000',
      realized_pnl_usd: '-4.00500000',
      unrealized_pnl_usd: '0.00000000',
      emission_income_usd: '8.01000000',
    };
    for (const level of ['position', 'subnet', 'wallet', 'total']) expect(row(level)).toMatchObject(usd);
    expect(lines.filter((l) => l.startsWith('# fiat columns'))).toHaveLength(2);
    backend.close();
  });

  it('recomputes when facts change', async () => {
    const backend = await seeded();
    const before = await backend.call('portfolio:get');
    expect(before.positions).toHaveLength(1);
    const facts = factsWriter(backend.db);
    facts.snapshot(300, 2, 100n * TAO, 100n * TAO, 10n * TAO, TAO);
    facts.event({
      block: 300,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 2,
      tao: TAO,
      alpha: TAO,
      fee: 0n,
      feeUnit: 'tao',
    });
    facts.checkpoint(300, COLD, HOT, 2, TAO);
    backend.bus.emit('data:changed', { tables: ['stake_events'] });
    const after = await backend.call('portfolio:get');
    expect(after.positions).toHaveLength(2);
    backend.close();
  });
});
