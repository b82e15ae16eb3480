// Hand-worked rules of valueAtHead: which exit value and lock a position, a (coldkey, subnet) and the
// aggregates get from the head facts, and when the closed form takes over.
import { describe, expect, it } from 'vitest';
import { createEngine, quoteExit, type PortfolioInput } from '../../shared/engine';
import { A, TAO, ev, snap } from '../../shared/engine/testing/fixtures';
import type { HeadFacts } from '../db/repos/head-facts';
import { aggregateKey, valueAtHead } from './head-valuation';

// C1 holds 10 α on SN1 with two hotkeys (6 + 4) and C2 holds 5 α on SN1; price 1 τ/α at spec 424.
const input: PortfolioInput = {
  trackedColdkeys: ['C1', 'C2'],
  events: [
    ev('StakeAdded', { block: 100, spec: 424, tao: 6n * TAO, alpha: 6n * A }),
    ev('StakeAdded', { block: 101, spec: 424, hot: 'H2', tao: 4n * TAO, alpha: 4n * A }),
    ev('StakeAdded', { block: 102, spec: 424, cold: 'C2', tao: 5n * TAO, alpha: 5n * A }),
  ],
  checkpoints: [],
  snapshots: [snap(99, 1, TAO, { spec: 424 })],
};
const quote = (tao: bigint) => ({ tao, alphaFee: 0n, slippage: null });

/** C1's head facts at block 102: 3 α locked on H1, the chain's quotes per position and for the subnet. */
const c1Head = (alphaH1 = 6n * A): HeadFacts => ({
  coldkey: 'C1',
  block: 102,
  positions: [
    {
      hotkey: 'H1',
      netuid: 1,
      alpha: alphaH1,
      locked: 3n * A,
      available: alphaH1 - 3n * A,
      exit: quote(2_900_000_000n),
    },
    { hotkey: 'H2', netuid: 1, alpha: 4n * A, locked: 0n, available: 4n * A, exit: quote(3_900_000_000n) },
  ],
  subnets: [
    {
      netuid: 1,
      total: alphaH1 + 4n * A,
      locked: 3n * A,
      available: alphaH1 + A,
      lockHotkey: 'H1',
      locksRead: true,
      exit: quote(6_800_000_000n),
    },
  ],
});

describe('exit values and locks from the head facts', () => {
  it('uses the chain’s quotes where the head still describes the position; the closed form elsewhere', () => {
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', c1Head()]]), 424);
    const h1 = v.positions.get('C1|H1|1')!;
    expect(h1).toMatchObject({ block: 102, locked: 3n * A, available: 3n * A, exitValue: 2_900_000_000n });
    expect(h1.exitSource).toBe('chain');
    expect(h1.lockedValue).toBe(3n * TAO); // 3 α at 1 τ, apart from the exit value
    // C2 has no head facts: closed form on all its α, locks unknown.
    const pool = engine.prices.poolAt(1, 102)!;
    const c2 = v.positions.get('C2|H1|1')!;
    expect(c2).toMatchObject({ block: null, locked: 0n, exitSource: 'closed-form', locksRead: false });
    expect(c2.exitValue).toBe(quoteExit(5n * A, pool, 424).tao);
    // The subnet: C1's subnet-wide quote (not the sum of its positions) plus C2's closed form.
    const sn1 = v.aggregates.get(aggregateKey({ kind: 'subnet', key: 'SN1' }))!;
    expect(sn1.exitValue).toBe(6_800_000_000n + c2.exitValue);
    expect(sn1).toMatchObject({ exitSource: 'mixed', locked: 3n * A, locksRead: false });
    // Figures carry the holding's exit value.
    expect(v.pnl.total.figures.exitValue).toBe(sn1.exitValue);
    expect(v.pnl.positions.find((p) => p.key === 'C1|H1|1')!.figures.exitValue).toBe(2_900_000_000n);
  });

  it('a position whose α changed since the head checkpoint falls back to the closed form, with its subnet', () => {
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', c1Head(7n * A)]]), 424);
    const pool = engine.prices.poolAt(1, 102)!;
    // The subnet's lock (3 α on H1) still binds: a stake change does not lift it.
    expect(v.positions.get('C1|H1|1')).toMatchObject({
      block: null,
      exitSource: 'closed-form',
      locked: 3n * A,
      available: 3n * A,
      lockedValue: 3n * TAO,
      locksRead: true,
    });
    expect(v.positions.get('C1|H1|1')!.exitValue).toBe(quoteExit(3n * A, pool, 424).tao);
    expect(v.positions.get('C1|H2|1')).toMatchObject({ block: 102, exitSource: 'chain', exitValue: 3_900_000_000n });
    const c1 = v.aggregates.get(aggregateKey({ kind: 'wallet', key: 'C1' }))!;
    // One sale of C1's available α (3 α from H1 + 4 α from H2) in closed form; the locked 3 α apart.
    expect(c1).toMatchObject({ exitSource: 'closed-form', available: 7n * A, locked: 3n * A });
    expect(c1.exitValue).toBe(quoteExit(7n * A, pool, 424).tao);
  });

  it('stake added to a locked position since the head keeps the subnet’s lock: the new α is what can be sold', () => {
    // The head saw H2 with 2 α and all 3 locked α of the subnet: 1 on H2 (the lock's hotkey) and 2 on H1,
    // whose 6 α are unchanged. Since then H2 got 2 α more (4 α now): the lock is still 3 α, so H2 can sell
    // 3 α, not 4, and the subnet 7 α of its 10.
    const head: HeadFacts = {
      coldkey: 'C1',
      block: 102,
      positions: [
        { hotkey: 'H1', netuid: 1, alpha: 6n * A, locked: 2n * A, available: 4n * A, exit: quote(3_900_000_000n) },
        { hotkey: 'H2', netuid: 1, alpha: 2n * A, locked: 1n * A, available: 1n * A, exit: quote(990_000_000n) },
      ],
      subnets: [
        {
          netuid: 1,
          total: 8n * A,
          locked: 3n * A,
          available: 5n * A,
          lockHotkey: 'H2',
          locksRead: true,
          exit: quote(4_800_000_000n),
        },
      ],
    };
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', head]]), 424);
    const pool = engine.prices.poolAt(1, 102)!;
    expect(v.positions.get('C1|H1|1')).toMatchObject({ block: 102, locked: 2n * A, exitValue: 3_900_000_000n });
    expect(v.positions.get('C1|H2|1')).toMatchObject({ locked: 1n * A, available: 3n * A, lockedValue: TAO });
    expect(v.positions.get('C1|H2|1')!.exitValue).toBe(quoteExit(3n * A, pool, 424).tao);
    const sn1 = v.aggregates.get(aggregateKey({ kind: 'wallet', key: 'C1' }))!;
    expect(sn1).toMatchObject({ locked: 3n * A, available: 7n * A, lockedValue: 3n * TAO });
    expect(sn1.exitValue).toBe(quoteExit(7n * A, pool, 424).tao);
  });

  it('a lock the α held no longer covers is capped at the α held', () => {
    // H1 changed since the head (7 α there, 6 now) and the head's lock (20 α) exceeds the 10 α held: H1
    // carries at most its 6 α (nothing to sell), H2 (unchanged, unlocked there) keeps its quote.
    const head = c1Head(7n * A);
    head.subnets[0] = { ...head.subnets[0]!, locked: 20n * A };
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', head]]), 424);
    expect(v.positions.get('C1|H1|1')).toMatchObject({ locked: 6n * A, available: 0n, exitValue: 0n });
    expect(v.positions.get('C1|H2|1')).toMatchObject({ locked: 0n, exitValue: 3_900_000_000n });
  });

  it('head facts newer than the figures (an earlier as-of block) are not used', () => {
    const engine = createEngine(input, { method: 'acb', rewards: 'income', asOfBlock: 101 });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', c1Head()]]), 424);
    for (const h of v.positions.values()) expect(h).toMatchObject({ block: null, exitSource: 'closed-form' });
  });

  it('a pool recorded after the head (another wallet’s change block): the head’s locks, the exit on the newer pool', () => {
    // C1's α is as its head (block 102) read it, but SN1's pool moved to 1.2 τ/α at block 103, read from
    // storage with its balancer weight (q = ½) and fee rate, so the closed form quotes it exactly.
    const moved = {
      ...snap(103, 1, 1_200_000_000n, { spec: 424 }),
      balancerQuote: 500_000_000_000_000_000n,
      feeRate: 33n,
    };
    const later: PortfolioInput = { ...input, snapshots: [...input.snapshots, moved] };
    const engine = createEngine(later, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', c1Head()]]), 424);
    const pool = engine.prices.poolAt(1, 103)!;
    expect(quoteExit(3n * A, pool, 424).approximate).toBe(false);
    // The head's quote (2.9 τ for 3 α at 1 τ/α) would be below the 3.6 τ those 3 α are now worth at spot.
    expect(v.positions.get('C1|H1|1')).toMatchObject({
      block: 102,
      locked: 3n * A,
      available: 3n * A,
      lockedValue: 3_600_000_000n,
      exitSource: 'closed-form',
      exitValue: quoteExit(3n * A, pool, 424).tao,
    });
    const c1 = v.aggregates.get(aggregateKey({ kind: 'wallet', key: 'C1' }))!;
    expect(c1).toMatchObject({ exitSource: 'closed-form', available: 7n * A, locked: 3n * A });
    expect(c1.exitValue).toBe(quoteExit(7n * A, pool, 424).tao);
    expect(c1.exitValue).toBeGreaterThan(6_800_000_000n);

    // The same move read without the weight or without the fee rate (as heads read pools) would not be
    // quoted exactly: the chain's quotes stay.
    const { balancerQuote: _q, ...unweighted } = moved;
    const { feeRate: _f, ...noFeeRate } = moved;
    for (const headRead of [unweighted, noFeeRate]) {
      const headLike = createEngine(
        { ...input, snapshots: [...input.snapshots, headRead] },
        { method: 'acb', rewards: 'income' },
      );
      const w = valueAtHead(headLike.result(), headLike, new Map([['C1', c1Head()]]), 424);
      expect(w.positions.get('C1|H1|1')).toMatchObject({ exitSource: 'chain', exitValue: 2_900_000_000n });
      expect(w.aggregates.get(aggregateKey({ kind: 'wallet', key: 'C1' }))).toMatchObject({
        exitSource: 'chain',
        exitValue: 6_800_000_000n,
      });
    }
  });

  it('a fully locked position sells for 0 by the chain’s facts, its locked α valued apart', () => {
    const head = c1Head();
    head.positions[0] = { ...head.positions[0]!, locked: 6n * A, available: 0n, exit: null };
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const v = valueAtHead(engine.result(), engine, new Map([['C1', head]]), 424);
    expect(v.positions.get('C1|H1|1')).toMatchObject({
      exitValue: 0n,
      exitSource: 'chain',
      locked: 6n * A,
      lockedValue: 6n * TAO,
    });
  });
});
