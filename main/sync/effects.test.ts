import { describe, expect, it } from 'vitest';
import type { CheckpointFacts, PayoutRow, PositionRow } from '../db/repos/chain-facts';
import { payoutsByPosition, silentEffects } from './effects';
import type { StakeEventRow } from './event-types';
import { subnetAccount } from './mechanics';
import { withClaimTransfers, withRootGrowth } from './root-claims';

const C = 'cold';
const cp = (number: number, positions: PositionRow[]): CheckpointFacts => ({
  block: { number, hash: `0x${number}`, parentHash: null, timestamp: 0, specVersion: 424 },
  positions,
  subnets: [],
});
const pos = (hotkey: string, netuid: number, alpha: bigint): PositionRow => ({ hotkey, netuid, alpha });

describe('silent effects from the checkpoints around the block', () => {
  it('a hotkey swap moves each emptied position of the old hotkey to the new one, at its value before', () => {
    const prior = cp(9, [pos('old', 1, 500n), pos('old', 2, 70n), pos('other', 1, 9n)]);
    // Subnet 2 kept its stake (keep_stake); an epoch at the block raised the moved position a little.
    const after = cp(10, [pos('new', 1, 503n), pos('old', 2, 70n), pos('other', 1, 9n)]);
    const ref = { kind: 'HotkeySwapped' as const, eventIndex: 4, oldHotkey: 'old', newHotkey: 'new', netuid: null };
    expect(silentEffects(C, [ref], [], prior, after)).toEqual([
      { eventIndex: 4, coldkey: C, hotkey: 'old', netuid: 1, kind: 'HotkeySwapped', alpha: -500n, tao: 0n },
      { eventIndex: 4, coldkey: C, hotkey: 'new', netuid: 1, kind: 'HotkeySwapped', alpha: 500n, tao: 0n },
    ]);
  });

  it('a hotkey swap that leaves share-pool rounding dust on the old hotkey still moved the rest', () => {
    // basket475 seed 1057, block 13,000: 1 α-rao of 8,655,261,347,554 stayed on the old hotkey.
    const prior = cp(12_999, [pos('old', 4, 8_655_261_347_554n), pos('old', 5, 900n)]);
    // Subnet 5 kept its stake (keep_stake), grown a little by an epoch.
    const after = cp(13_000, [pos('new', 4, 8_655_261_347_553n), pos('old', 4, 1n), pos('old', 5, 901n)]);
    const ref = { kind: 'HotkeySwapped' as const, eventIndex: 3, oldHotkey: 'old', newHotkey: 'new', netuid: null };
    expect(silentEffects(C, [ref], [], prior, after).map((e) => [e.hotkey, e.netuid, e.alpha])).toEqual([
      ['old', 4, -8_655_261_347_553n],
      ['new', 4, 8_655_261_347_553n],
    ]);
  });

  it('a hotkey swap moves what a Keep claim paid earlier in the block onto a position empty before it', () => {
    // upgrade424 seed 18, block 8,500: the claim (on_initialize) stakes α on (old, 2), emptied at 7,326;
    // the swap (an extrinsic) moves it. A claim after the swap's event stays where it was paid.
    const prior = cp(8_499, [pos('old', 1, 500n)]);
    const after = cp(8_500, [pos('new', 1, 500n), pos('new', 2, 60n), pos('old', 3, 7n)]);
    const keeps = [
      { eventIndex: 0, hotkey: 'old', netuid: 2, alpha: 60n },
      { eventIndex: 9, hotkey: 'old', netuid: 3, alpha: 7n },
    ];
    const ref = { kind: 'HotkeySwapped' as const, eventIndex: 4, oldHotkey: 'old', newHotkey: 'new', netuid: null };
    expect(silentEffects(C, [ref], [], prior, after, keeps).map((e) => [e.hotkey, e.netuid, e.alpha])).toEqual([
      ['old', 1, -500n],
      ['new', 1, 500n],
      ['old', 2, -60n],
      ['new', 2, 60n],
    ]);
  });

  it('a coldkey swap empties the old coldkey and fills the new one', () => {
    const ref = { kind: 'ColdkeySwapped' as const, eventIndex: 1, oldColdkey: C, newColdkey: 'D' };
    const out = silentEffects(C, [ref], [], cp(9, [pos('h', 3, 40n)]), cp(10, []));
    expect(out.map((e) => [e.hotkey, e.netuid, e.alpha])).toEqual([['h', 3, -40n]]);
    const arrived = silentEffects('D', [ref], [], cp(9, []), cp(10, [pos('h', 3, 41n)]));
    expect(arrived.map((e) => [e.coldkey, e.hotkey, e.alpha])).toEqual([['D', 'h', 41n]]);
  });

  it('a coldkey swap fills the new coldkey with what moved, not with its own stake later in the block', () => {
    // upgrade424 seed 104, 9,500: the swap (event 4) moved 14,038,719,242 α; the new coldkey then staked
    // 2,228,162,019,549 α onto the same position (event 12), and 1,000 α onto another it then recycled.
    const ref = { kind: 'ColdkeySwapped' as const, eventIndex: 4, oldColdkey: C, newColdkey: 'D' };
    const row = (kind: string, eventIndex: number, hotkey: string, alpha: bigint) =>
      ({
        eventIndex,
        kind,
        coldkey: 'D',
        hotkey,
        netuid: 4,
        alpha,
        fee: 0n,
        feeUnit: 'tao',
      }) as unknown as StakeEventRow;
    const rows = [
      row('StakeAdded', 12, 'h', 2_228_162_019_549n),
      row('StakeAdded', 20, 'g', 1_000n),
      row('AlphaRecycled', 24, 'g', 1_000n),
    ];
    const after = cp(9_500, [pos('h', 4, 2_242_200_738_790n)]);
    const arrived = silentEffects('D', [ref], rows, cp(9_499, []), after);
    expect(arrived.map((e) => [e.hotkey, e.alpha])).toEqual([['h', 14_038_719_241n]]);
  });

  it('α a swap or dissolution moves includes what the coldkey staked or unstaked on it earlier in the block', () => {
    const row = (kind: string, eventIndex: number, hotkey: string, alpha: bigint, fee = 0n) =>
      ({ eventIndex, kind, coldkey: C, hotkey, netuid: 3, alpha, fee, feeUnit: 'alpha' }) as unknown as StakeEventRow;
    // A remove of 10 α net (+1 α fee) from (h, 3) and an add opening (g, 3), both before the swap at event 6.
    const rows = [row('StakeRemoved', 2, 'h', 10n, 1n), row('StakeAdded', 4, 'g', 25n)];
    const swap = { kind: 'ColdkeySwapped' as const, eventIndex: 6, oldColdkey: C, newColdkey: 'D' };
    const out = silentEffects(C, [swap], rows, cp(9, [pos('h', 3, 40n)]), cp(10, []));
    expect(out.map((e) => [e.hotkey, e.alpha])).toEqual([
      ['h', -29n],
      ['g', -25n],
    ]);
    // The same at a dissolution: the payouts pair with what each position held when it was dissolved.
    const removed = { kind: 'NetworkRemoved' as const, eventIndex: 6, netuid: 3, payouts: [5n, 50n] };
    const paid = silentEffects(C, [removed], rows, cp(9, [pos('h', 3, 40n)]), cp(10, []));
    expect(paid.map((e) => [e.hotkey, e.alpha, e.tao])).toEqual([
      ['h', -29n, 50n],
      ['g', -25n, 5n],
    ]);
  });

  it('dissolution closes every position on the subnet at its payout', () => {
    const ref = { kind: 'NetworkRemoved' as const, eventIndex: 7, netuid: 5, payouts: [300n, 900n] };
    const prior = cp(9, [pos('a', 5, 100n), pos('b', 5, 310n), pos('a', 6, 1n)]);
    expect(
      silentEffects(C, [ref], [], prior, cp(10, [pos('a', 6, 1n)])).map((e) => [e.hotkey, e.alpha, e.tao]),
    ).toEqual([
      ['a', -100n, 300n],
      ['b', -310n, 900n],
    ]);
  });

  it('from 475 NetworkRemoved closes nothing still held; the settle transfer closes the positions, split by α', () => {
    const removed = { kind: 'NetworkRemoved' as const, eventIndex: 3, netuid: 5, payouts: [] };
    const held = [pos('a', 5, 100n), pos('b', 5, 300n)];
    expect(silentEffects(C, [removed], [], cp(9, held), cp(10, held))).toEqual([]);
    // One aggregated transfer of 1,001 rao for both positions: 250.25 and 750.75, the larger remainder gets the rao.
    const settle = { kind: 'NetworkRemoved' as const, eventIndex: 8, netuid: 5, payouts: [1_001n] };
    expect(silentEffects(C, [settle], [], cp(10, held), cp(11, [])).map((e) => [e.hotkey, e.alpha, e.tao])).toEqual([
      ['a', -100n, 250n],
      ['b', -300n, 751n],
    ]);
  });

  it('a share-pool reconcile records the α change of each position on that (hotkey, subnet), signed', () => {
    const ref = { kind: 'SharePoolDenominatorReconciled' as const, eventIndex: 0, hotkey: 'h', netuid: 2 };
    const prior = cp(9, [pos('h', 2, 1_000n), pos('h', 3, 50n), pos('g', 2, 7n)]);
    const after = cp(10, [pos('h', 2, 990n), pos('h', 3, 60n), pos('g', 2, 7n)]);
    expect(silentEffects(C, [ref], [], prior, after)).toEqual([
      {
        eventIndex: 0,
        coldkey: C,
        hotkey: 'h',
        netuid: 2,
        kind: 'SharePoolDenominatorReconciled',
        alpha: -10n,
        tao: 0n,
      },
    ]);
  });

  it('a share-pool reconcile leaves out what the coldkey traded on the position in its block (basket475 seed 69)', () => {
    // The migration's block has extrinsics too: a remove of 600 α net (+ 4 α fee) and adds of 100 and
    // 55 α on the same position, so of the −459 α across the block only −10 α is the reconcile.
    const ref = { kind: 'SharePoolDenominatorReconciled' as const, eventIndex: 3, hotkey: 'h', netuid: 2 };
    const row = (kind: string, eventIndex: number, alpha: bigint, fee: bigint, netuid = 2) =>
      ({ eventIndex, kind, coldkey: C, hotkey: 'h', netuid, alpha, fee, feeUnit: 'alpha' }) as unknown as StakeEventRow;
    const rows = [
      row('StakeRemoved', 9, 600n, 4n),
      row('StakeAdded', 12, 100n, 0n),
      row('StakeAdded', 1, 55n, 0n),
      // Not the position's: another subnet.
      row('StakeAdded', 14, 77n, 0n, 3),
    ];
    const prior = cp(9, [pos('h', 2, 1_000n)]);
    const after = cp(10, [pos('h', 2, 541n)]);
    expect(silentEffects(C, [ref], rows, prior, after).map((e) => e.alpha)).toEqual([-10n]);
    // Nothing left once the trades account for the whole change.
    expect(silentEffects(C, [ref], rows, prior, cp(10, [pos('h', 2, 551n)]))).toEqual([]);
  });

  it('a batched order lands on the position whose change matches it, and names its hotkey', () => {
    const ref = {
      kind: 'OrderExecutedBatched' as const,
      eventIndex: 2,
      netuid: 4,
      buy: true,
      alpha: 5_100n,
      tao: 10_000n,
    };
    const row = { eventIndex: 2, kind: 'OrderExecutedBatched', hotkey: null } as unknown as StakeEventRow;
    const prior = cp(9, [pos('x', 4, 1_000n), pos('y', 4, 2_000n)]);
    const after = cp(10, [pos('x', 4, 1_003n), pos('y', 4, 7_104n)]);
    expect(silentEffects(C, [ref], [row], prior, after)).toEqual([
      { eventIndex: 2, coldkey: C, hotkey: 'y', netuid: 4, kind: 'OrderExecutedBatched', alpha: 5_100n, tao: -10_000n },
    ]);
    expect(row.hotkey).toBe('y');
  });

  it('a batched buy onto a position the coldkey emptied earlier in the block lands there', () => {
    // basket475 seed 601, block 8,613: a remove of all of (y, 4), then a batched buy fills onto it; the
    // position fell across the block, while x rose a little with an epoch.
    const ref = { kind: 'OrderExecutedBatched' as const, eventIndex: 9, netuid: 4, buy: true, alpha: 900n, tao: 50n };
    const row = { eventIndex: 9, kind: 'OrderExecutedBatched', hotkey: null } as unknown as StakeEventRow;
    const remove = {
      eventIndex: 3,
      kind: 'StakeRemoved',
      coldkey: C,
      hotkey: 'y',
      netuid: 4,
      alpha: 1_990n,
      fee: 10n,
    } as unknown as StakeEventRow;
    const prior = cp(9, [pos('x', 4, 1_000n), pos('y', 4, 2_000n)]);
    const after = cp(10, [pos('x', 4, 1_003n), pos('y', 4, 900n)]);
    expect(silentEffects(C, [ref], [remove, row], prior, after)).toEqual([
      { eventIndex: 9, coldkey: C, hotkey: 'y', netuid: 4, kind: 'OrderExecutedBatched', alpha: 900n, tao: -50n },
    ]);
    expect(row.hotkey).toBe('y');
  });

  it('two batched buys of the coldkey on one subnet in one block land on the positions they filled', () => {
    // An epoch in the same block adds emission to both positions: x took the 500,000 fill and 20,000
    // emission, y the 520,000 fill and 30,000. x's change alone is closest to both fills; matched
    // together (./batched-orders), each lands where it filled.
    const order = (eventIndex: number, alpha: bigint, tao: bigint) => ({
      kind: 'OrderExecutedBatched' as const,
      eventIndex,
      netuid: 4,
      buy: true,
      alpha,
      tao,
    });
    const refs = [order(5, 500_000n, 1_000n), order(6, 520_000n, 1_040n)];
    const rows = refs.map(
      (r) => ({ eventIndex: r.eventIndex, kind: 'OrderExecutedBatched', hotkey: null }) as unknown as StakeEventRow,
    );
    const prior = cp(9, [pos('x', 4, 1_000_000n), pos('y', 4, 2_000_000n)]);
    const after = cp(10, [pos('x', 4, 1_520_000n), pos('y', 4, 2_550_000n)]);
    expect(silentEffects(C, refs, rows, prior, after).map((e) => [e.eventIndex, e.hotkey, e.alpha])).toEqual([
      [5, 'x', 500_000n],
      [6, 'y', 520_000n],
    ]);
    expect(rows.map((r) => r.hotkey)).toEqual(['x', 'y']);
    // Both onto x.
    const both = cp(10, [pos('x', 4, 2_020_000n), pos('y', 4, 2_000_000n)]);
    expect(silentEffects(C, refs, rows, prior, both).map((e) => e.hotkey)).toEqual(['x', 'x']);
  });
});

describe('dissolution payouts per position', () => {
  it('pairs transfers with positions by size when the counts match', () => {
    expect(payoutsByPosition([pos('a', 1, 10n), pos('b', 1, 30n), pos('c', 1, 20n)], [5n, 16n, 11n])).toEqual([
      5n,
      16n,
      11n,
    ]);
  });

  it('splits the total by α with the largest remainder otherwise', () => {
    expect(payoutsByPosition([pos('a', 1, 1n), pos('b', 1, 2n)], [10n])).toEqual([3n, 7n]);
    expect(payoutsByPosition([pos('a', 1, 1n), pos('b', 1, 1n), pos('c', 1, 1n)], [2n])).toEqual([1n, 1n, 0n]);
  });
});

describe('root-claim Swap TAO from transfers', () => {
  const payout = (hotkey: string, netuid: number, mode: 'keep' | 'swap', tao: bigint): PayoutRow => ({
    eventIndex: 9,
    hotkey,
    netuid,
    mode,
    alpha: 1n,
    tao,
  });
  const transfer = (netuid: number, amount: bigint) => ({
    eventIndex: 1,
    phase: 'initialization' as const,
    from: subnetAccount(netuid),
    to: subnetAccount(0),
    amount,
  });

  it('replaces reconstructed amounts in claim order, and keeps them where the count does not match', () => {
    const payouts = [
      payout('h1', 3, 'swap', 100n),
      payout('h1', 4, 'keep', 0n),
      payout('h1', 5, 'swap', 50n),
      payout('h2', 3, 'swap', 200n),
    ];
    expect(withClaimTransfers(payouts, [transfer(3, 101n), transfer(3, 199n)]).map((p) => p.tao)).toEqual([
      101n,
      0n,
      50n,
      199n,
    ]);
  });
});

describe('root-claim Swap TAO before 411 from the root position’s growth', () => {
  const swap = (netuid: number, tao: bigint): PayoutRow => ({
    eventIndex: 0,
    hotkey: 'h',
    netuid,
    mode: 'swap',
    alpha: 9n,
    tao,
  });
  const rootEvent = (kind: 'StakeAdded' | 'StakeRemoved' | 'StakeSwapped' | 'AutoStakeAdded', alpha: bigint) =>
    ({ eventIndex: 4, kind, coldkey: C, hotkey: 'h', netuid: 0, alpha }) as unknown as StakeEventRow;
  const prior = cp(8_996, [pos('h', 0, 68_432_616_825n)]);
  const after = cp(8_997, [pos('h', 0, 160_897_852_903n)]);

  it("takes the coldkey's own root stake events in the block off the growth (upgrade seed 14, 8,997)", () => {
    // Claims on subnets 1 and 2 (on_initialize), then a move of 92,462,815,897 rao into root on the same
    // hotkey; the reconstruction of subnet 1 read a pool the move's sale had moved since.
    const total = 160_897_852_903n - 68_432_616_825n - 92_462_815_897n;
    const out = withRootGrowth([swap(1, 1_055_763n), swap(2, 1_359_449n)], prior, after, [
      rootEvent('StakeAdded', 92_462_815_897n),
    ]);
    expect(out.reduce((s, p) => s + p.tao, 0n)).toBe(total);
    expect(total).toBe(1_060_732n + 1_359_449n); // the devnet's claims
    // A removal counts the other way.
    const removed = withRootGrowth([swap(1, 10n)], prior, cp(8_997, [pos('h', 0, 68_432_616_825n - 500n + 7n)]), [
      rootEvent('StakeRemoved', 500n),
    ]);
    expect(removed.map((p) => p.tao)).toEqual([7n]);
  });

  it('keeps the reconstruction when another kind of event of the coldkey touched the root position', () => {
    const payouts = [swap(1, 1_055_763n)];
    expect(withRootGrowth(payouts, prior, after, [rootEvent('AutoStakeAdded', 0n)])).toEqual(payouts);
  });

  it('a swap out of root after the claim: its summary moves nothing (upgrade424 seed 1080, 1,994)', () => {
    // A Swap claim of 183,465 rao (reconstructed as 183,760), then swap_stake of 30,000,434,062 rao from
    // root to subnet 5: StakeRemoved, StakeAdded on subnet 5, StakeSwapped.
    const out = withRootGrowth(
      [swap(5, 183_760n)],
      cp(1_993, [pos('h', 0, 50_000_539_972n)]),
      cp(1_994, [pos('h', 0, 20_000_289_375n)]),
      [rootEvent('StakeRemoved', 30_000_434_062n), rootEvent('StakeSwapped', 0n)],
    );
    expect(out.map((p) => p.tao)).toEqual([183_465n]);
  });
});
