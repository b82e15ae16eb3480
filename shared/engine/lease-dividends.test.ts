// Lease dividends (runtimes 361+, docs/chain/events.md#lease-dividends): a leased subnet pays its owner
// cut to contributors in block initialisation as StakeRemoved(lease coldkey) + StakeAdded(contributor)
// + SubnetLeaseDividendsDistributed. The contributor's α is income, not a purchase.
import { describe, expect, it } from 'vitest';
import { computePortfolio, type PortfolioInput } from './index';
import { normalizeEvents } from './normalize';
import { taxRowOf } from './tax-rows';
import { A, TAO, cp, ev, snap } from './testing/fixtures';
import type { StakeEvent } from './ledger';

const LEASE = 'LeaseCold';
/** One contributor's payout at `block` (Initialization phase: no extrinsic), event indices from `idx`. */
function payout(block: number, idx: number, cold: string, alpha: bigint, tao: bigint, hot = 'H9'): StakeEvent[] {
  const at = { block, ext: null, hot, netuid: 1, tao, alpha, fee: 0n };
  return [
    ev('StakeRemoved', { ...at, idx, cold: LEASE }),
    ev('StakeAdded', { ...at, idx: idx + 1, cold }),
    ev('SubnetLeaseDividendsDistributed', { block, ext: null, idx: idx + 2, cold, hot: null, netuid: null, alpha }),
  ];
}

describe('normalising a distribution', () => {
  const tracked = new Set(['C1', 'C2']);

  it('each tracked recipient gets one income entry; the lease coldkey’s side is not ours', () => {
    const es = normalizeEvents(
      [...payout(220, 3, 'C1', 2n * A, 3n * TAO), ...payout(220, 6, 'C2', 1n * A, 1_500_000_000n)],
      { trackedColdkeys: tracked },
    );
    expect(es.map((e) => [e.kind, e.sources.map((s) => s.kind)])).toEqual([
      ['lease-dividend', ['StakeAdded', 'SubnetLeaseDividendsDistributed']],
      ['lease-dividend', ['StakeAdded', 'SubnetLeaseDividendsDistributed']],
    ]);
    expect(es[0]?.legs).toEqual([
      expect.objectContaining({
        coldkey: 'C1',
        hotkey: 'H9',
        netuid: 1,
        alpha: 2n * A,
        tao: 3n * TAO,
        basis: 'income',
        category: 'leaseDividend',
      }),
    ]);
    expect(taxRowOf(es[0]!)).toMatchObject({ receivedAmount: 2n * A, receivedCurrency: 'SN1', label: 'reward' });
  });

  it('a recipient paid twice in a block (two leases) pairs each payout with its own StakeAdded', () => {
    const es = normalizeEvents(
      [...payout(220, 0, 'C1', 2n * A, 3n * TAO), ...payout(220, 3, 'C1', 2n * A, 4n * TAO, 'H8')],
      { trackedColdkeys: tracked },
    );
    expect(es.map((e) => [e.kind, e.legs[0]?.hotkey, e.legs[0]?.tao])).toEqual([
      ['lease-dividend', 'H9', 3n * TAO],
      ['lease-dividend', 'H8', 4n * TAO],
    ]);
  });

  it('a StakeAdded of the same block that no distribution names stays a purchase', () => {
    const bought = ev('StakeAdded', { block: 220, ext: null, idx: 9, hot: 'H1', tao: 5n * TAO, alpha: 4n * A });
    const es = normalizeEvents([...payout(220, 0, 'C1', 2n * A, 3n * TAO), bought], { trackedColdkeys: tracked });
    expect(es.map((e) => e.kind)).toEqual(['lease-dividend', 'buy']);
  });
});

// Root: 100 TAO staked at block 50, 101 at block 200 (1 % root yield). SN1: 10 TAO for 10 α at block
// 150; a lease pays 2 α (worth 3 TAO) under the lease hotkey at block 220; SN1 at 1.5 from block 300.
const base: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 50, netuid: 0, tao: 100n * TAO, alpha: 100n * TAO }),
    ev('StakeAdded', { block: 150, tao: 10n * TAO, alpha: 10n * A }),
  ],
  checkpoints: [cp(200, 101n * TAO, { netuid: 0 })],
  snapshots: [snap(100, 1, 1n * TAO), snap(300, 1, 1_500_000_000n)],
};
const withLease: PortfolioInput = { ...base, events: [...base.events, ...payout(220, 0, 'C1', 2n * A, 3n * TAO)] };

describe('a lease dividend in the figures', () => {
  it('is income at the value the chain gave it, not TAO put in', () => {
    const r = computePortfolio(withLease, { method: 'acb', rewards: 'income' });
    const lease = r.pnl.positions.find((p) => p.key === 'C1|H9|1')?.figures;
    expect(lease).toMatchObject({
      alpha: 2n * A,
      alphaLeaseDividend: 2n * A,
      alphaBought: 0n,
      taoIn: 0n,
      incomeTao: 3n * TAO,
      leaseDividendTao: 3n * TAO,
      rootClaimTao: 0n,
    });
    // Cost basis lives in the (coldkey, subnet) book: 10 TAO paid + 3 TAO of income.
    expect(r.pnl.subnets.find((s) => s.key === 'SN1')?.figures.costBasis).toBe(13n * TAO);
    const total = r.pnl.total.figures;
    expect(total.taoIn).toBe(110n * TAO);
    // Value 101 + 12 α × 1.5 = 119; total return = value − TAO in = 9, = realized + unrealized + income.
    expect(total.totalReturn).toBe(9n * TAO);
    expect(total.realized + total.unrealized + total.incomeTao).toBe(total.totalReturn);
  });

  it('has no cost basis under zero-basis rewards; total return is the same', () => {
    const r = computePortfolio(withLease, { method: 'fifo', rewards: 'zero' });
    expect(r.pnl.subnets.find((s) => s.key === 'SN1')?.figures.costBasis).toBe(10n * TAO);
    expect(r.pnl.total.figures.totalReturn).toBe(9n * TAO);
  });

  it('does not move the Root stake benchmark (only root dividends are root yield)', () => {
    const bench = (input: PortfolioInput) =>
      computePortfolio(input, { method: 'acb', rewards: 'income' }).benchmarks?.positions.get('C1|H1|1')?.rootStake
        .benchmarkValue;
    expect(bench(withLease)).toBe(bench(base));
    expect(bench(base)).toBe(10_100_000_000n);
  });
});
