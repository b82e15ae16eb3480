// CheckpointPairs: from 441 a known hotkey's α that arrived without an event of the coldkey shows in the
// pair reads on any subnet, not only on the subnets of its known positions (basket475 seeds 6 and 149: a
// stake transfer in onto a subnet the coldkey held nothing else on, dissolved before the head).
import { describe, expect, it } from 'vitest';
import { CheckpointPairs } from './checkpoint-pairs';
import { posKey } from './change-block';
import { keys } from './storage-keys';

const COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const A = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const B = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

function pairs(subnets: number[]): CheckpointPairs {
  const positions = new Map([[posKey(A, 1), { hotkey: A, netuid: 1 }]]);
  return new CheckpointPairs(COLD, positions, new Set([A, B]), () => subnets);
}

describe('CheckpointPairs', () => {
  it('reads every known hotkey on every subnet, the known positions among them', () => {
    const at = pairs([0, 1, 2, 3]).at(20_000);
    expect(at.map((p) => `${p.hotkey === A ? 'A' : 'B'}/${p.netuid}`).sort()).toEqual(
      ['A/0', 'A/1', 'A/2', 'A/3', 'B/0', 'B/1', 'B/2', 'B/3'].sort(),
    );
  });

  it('finds α on a subnet no known position is on, and carries its keys in the cross keys', () => {
    const p = pairs([0, 1, 2, 3]);
    const values = new Map<string, string | null>([
      [keys.alphaV2(B, COLD, 3), '0x01'],
      [keys.alphaV2(A, COLD, 2), null],
    ]);
    expect(p.heldAt(20_000, values)).toEqual([{ hotkey: B, netuid: 3 }]);
    expect(p.crossKeys(20_000)).toContain(keys.alphaV2(B, COLD, 3));
  });

  it('leaves root out of heldAt, and reads the positions alone at blocks known to predate 441', () => {
    const p = pairs([0, 1, 2]);
    expect(p.heldAt(20_000, new Map([[keys.alphaV2(B, COLD, 0), '0x01']]))).toEqual([]);
    p.noteSpec(30_000, 424);
    expect(p.at(20_000)).toEqual([{ hotkey: A, netuid: 1 }]);
    expect(p.heldAt(20_000, new Map([[keys.alphaV2(B, COLD, 2), '0x01']]))).toEqual([]);
    expect(p.crossKeys(20_000)).toEqual([]);
  });

  it('recomputes the pairs once the subnets are known', () => {
    let subnets: number[] = [];
    const p = new CheckpointPairs(
      COLD,
      new Map([[posKey(A, 1), { hotkey: A, netuid: 1 }]]),
      new Set([A]),
      () => subnets,
    );
    expect(p.at(20_000)).toHaveLength(1);
    subnets = [0, 1, 2];
    p.invalidate();
    expect(p.at(20_000)).toHaveLength(3);
  });
});
