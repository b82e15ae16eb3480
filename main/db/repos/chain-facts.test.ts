import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { useTempDirs } from '../../test/temp-dir';
import { chainFactsRepo, type BlockFacts, type SubnetRow, type SyncStateRow } from './chain-facts';

const tempDir = useTempDirs();

const subnet = (netuid: number): SubnetRow => ({
  netuid,
  taoIn: 10n ** 18n + BigInt(netuid), // beyond 2^53: stored exactly
  alphaIn: 2n * 10n ** 15n,
  alphaOut: 3n * 10n ** 15n + BigInt(netuid),
  price: 123_456_789n,
  priceSource: netuid % 2 === 0 ? 'balancer' : 'runtime',
  balancerQuote: netuid % 3 === 0 ? null : 5n * 10n ** 17n,
  feeRate: netuid % 5 === 0 ? null : 33,
  name: netuid % 4 === 0 ? null : `subnet ${netuid}`,
  symbol: 'α',
  registeredAt: netuid % 6 === 0 ? null : netuid * 1_000,
  taoInEmission: netuid % 7 === 0 ? 9n : null,
  alphaInEmission: null,
  alphaOutEmission: netuid % 7 === 0 ? 11n : null,
});

const facts = (block: number, subnets: SubnetRow[]): BlockFacts => {
  const record = { number: block, hash: `0x${block}`, parentHash: null, timestamp: block, specVersion: 424 };
  return {
    block: record,
    events: [],
    payouts: [],
    effects: [],
    checkpoints: [{ block: record, positions: [], subnets }],
  };
};
const state = (cursor: number): SyncStateRow => ({
  coldkey: 'c',
  phase: 'recording',
  cursor,
  firstBlock: 1,
  historyFrom: null,
  lastFinalized: 10,
  error: null,
});

describe('chain facts: subnet snapshots', () => {
  it('writes every subnet of a checkpoint exactly, more subnets than one statement carries included, and a rewrite adds nothing', () => {
    const { db } = openDatabase({ dataDir: tempDir() });
    const repo = chainFactsRepo(db);
    const many = Array.from({ length: 300 }, (_, n) => subnet(n));
    const batch = [
      { facts: facts(5, many), state: state(5) },
      { facts: facts(6, [subnet(1)]), state: state(6) },
    ];
    repo.commitBlocks('c', batch, 0);
    repo.commitBlocks('c', batch, 0);
    const rows = db.prepare('SELECT * FROM subnet_snapshots WHERE block_number = 5 ORDER BY netuid').all() as Record<
      string,
      unknown
    >[];
    expect(rows).toHaveLength(300);
    expect(rows[299]).toEqual({
      block_number: 5n,
      netuid: 299n,
      tao_in: 10n ** 18n + 299n,
      alpha_in: 2n * 10n ** 15n,
      alpha_out: 3n * 10n ** 15n + 299n,
      price: 123_456_789n,
      price_source: 'runtime',
      balancer_quote: 5n * 10n ** 17n,
      fee_rate: 33n,
      name: 'subnet 299',
      symbol: 'α',
      registered_at: 299_000n,
      tao_in_emission: null,
      alpha_in_emission: null,
      alpha_out_emission: null,
    });
    expect(rows[0]).toMatchObject({
      netuid: 0n,
      balancer_quote: null,
      fee_rate: null,
      name: null,
      tao_in_emission: 9n,
    });
    expect(rows[0]).toMatchObject({ alpha_out_emission: 11n, price_source: 'balancer' });
    expect(db.prepare('SELECT count(*) AS n FROM subnet_snapshots').get()).toEqual({ n: 301n });
    db.close();
  });

  it("stores one block's pools the same whichever wallet commits it first (the runtime's price wins)", () => {
    // One block's pools as three checkpoint kinds read them: a change block (storage, balancer
    // formula, quote and fee rate), a daily checkpoint (the runtime's price list) and the head
    // (get_all_dynamic_info: the runtime's price and the emission figures, no quote or fee rate).
    const pool = { ...subnet(1), price: 224_869_699n, balancerQuote: 576n * 10n ** 15n, feeRate: 33 };
    const change: SubnetRow = { ...pool, priceSource: 'balancer', taoInEmission: null, alphaOutEmission: null };
    // (A row that did not read the registration block leaves the one another read.)
    const daily: SubnetRow = { ...change, priceSource: 'runtime', registeredAt: null };
    const head: SubnetRow = {
      ...pool,
      priceSource: 'runtime',
      balancerQuote: null,
      feeRate: null,
      taoInEmission: 9n,
      alphaInEmission: 10n,
      alphaOutEmission: 11n,
    };
    const stored = (order: SubnetRow[]) => {
      const { db } = openDatabase({ dataDir: tempDir() });
      const repo = chainFactsRepo(db);
      order.forEach((row, i) =>
        repo.commitBlocks(
          `wallet ${i}`,
          [{ facts: facts(5, [row]), state: { ...state(5), coldkey: `wallet ${i}` } }],
          0,
        ),
      );
      const got = db.prepare('SELECT * FROM subnet_snapshots').all();
      db.close();
      return got;
    };
    const orders = [
      [change, daily, head],
      [daily, change, head],
      [head, change, daily],
      [change, head, daily],
    ];
    const results = orders.map(stored);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toEqual([
      expect.objectContaining({
        registered_at: 1_000n,
        price: 224_869_699n,
        price_source: 'runtime',
        balancer_quote: 576n * 10n ** 15n,
        fee_rate: 33n,
        tao_in_emission: 9n,
        alpha_out_emission: 11n,
      }),
    ]);
    // Storage-read only, in either order: the storage formula's row.
    expect(stored([change, change])).toEqual([expect.objectContaining({ price_source: 'balancer' })]);
  });
});
