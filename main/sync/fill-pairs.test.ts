import { describe, expect, it } from 'vitest';
import type { ChangeBlock } from './change-block';
import { fillPairs, reachedFillPairs } from './fill-pairs';

const C = 'coldkey';
/** A change block at spec `spec` with the coldkey's batched fills and stake events (only the fields fillPairs reads). */
const block = (
  spec: number,
  fills: { netuid: number; buy: boolean }[],
  rows: { kind: string; coldkey?: string; hotkey: string | null }[] = [],
): ChangeBlock =>
  ({
    specVersion: spec,
    rows: rows.map((r) => ({ coldkey: C, netuid: 1, ...r })),
    silent: fills.map((f, i) => ({ kind: 'OrderExecutedBatched', eventIndex: i, alpha: 5n, tao: 1n, ...f })),
    claims: [],
  }) as unknown as ChangeBlock;

describe('fillPairs', () => {
  it('puts a batched buy on each hotkey whose chain reached the block and that no event there names', () => {
    const c = block(424, [{ netuid: 2, buy: true }], [{ kind: 'OrderExecutedBatched', hotkey: null }]);
    expect(fillPairs(C, c, ['H'])).toEqual([{ hotkey: 'H', netuid: 2 }]);
    // The bought subnets in order, once each.
    const two = block(424, [
      { netuid: 5, buy: true },
      { netuid: 2, buy: true },
      { netuid: 5, buy: true },
    ]);
    expect(fillPairs(C, two, ['H'])).toEqual([
      { hotkey: 'H', netuid: 2 },
      { hotkey: 'H', netuid: 5 },
    ]);
  });

  it('leaves a hotkey an event of the coldkey names (its pair changed through that event)', () => {
    const c = block(424, [{ netuid: 2, buy: true }], [{ kind: 'StakeAdded', hotkey: 'H' }]);
    expect(fillPairs(C, c, ['H', 'G'])).toEqual([{ hotkey: 'G', netuid: 2 }]);
    // Another coldkey's event naming H says nothing about this coldkey's pair.
    const other = block(424, [{ netuid: 2, buy: true }], [{ kind: 'StakeAdded', hotkey: 'H', coldkey: 'someone' }]);
    expect(fillPairs(C, other, ['H'])).toEqual([{ hotkey: 'H', netuid: 2 }]);
  });

  it('finds nothing for a sale, a block without fills, or from 441 (the map records root stake only)', () => {
    expect(fillPairs(C, block(424, [{ netuid: 2, buy: false }]), ['H'])).toEqual([]);
    expect(fillPairs(C, block(424, []), ['H'])).toEqual([]);
    expect(fillPairs(C, block(441, [{ netuid: 2, buy: true }]), ['H'])).toEqual([]);
  });

  it('reachedFillPairs: every decoded block the chains reached', () => {
    const changes = new Map([
      [10, block(424, [{ netuid: 2, buy: true }])],
      [20, block(424, [{ netuid: 3, buy: true }])],
    ]);
    const reached = new Map([
      [10, ['H']],
      [20, ['G', 'H']],
      [30, ['H']], // not a decoded change block
    ]);
    expect(reachedFillPairs(C, reached, changes)).toEqual([
      { hotkey: 'H', netuid: 2 },
      { hotkey: 'G', netuid: 3 },
      { hotkey: 'H', netuid: 3 },
    ]);
  });
});
