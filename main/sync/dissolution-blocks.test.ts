// searchDissolutions: a pair held only inside a gap between two reads of the coldkey, taken away by a
// subnet's dissolution, is found at the block before the dissolution (basket475 seed 65's shape: in at
// 14,940, the subnet's α rows and SubnetTAO gone at 15,001, change blocks 14,910 and 15,416).
import { describe, expect, it } from 'vitest';
import { posKey } from './change-block';
import { CheckpointPairs } from './checkpoint-pairs';
import { searchDissolutions } from './dissolution-blocks';
import type { BlockState, ChainReader } from './reader';
import { keys } from './storage-keys';

const COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const A = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const [IN, GONE] = [14_940, 15_001];

/** Subnet 2 exists below GONE; the coldkey holds α under A on it in [IN, GONE); `spec` ran every block. */
function chain(spec: number) {
  const reads: number[] = [];
  const value = (b: number, k: string): string | null => {
    if (k === keys.subnetTao(2)) return b < GONE ? '0x01' : null;
    if (k === keys.alphaV2(A, COLD, 2)) return b >= IN && b < GONE ? '0x01' : null;
    return null;
  };
  const state = (b: number, wanted: readonly string[]): BlockState => ({
    number: b,
    hash: `0x${b.toString(16)}`,
    timestamp: 0,
    upgradeSpec: spec,
    values: new Map(wanted.map((k) => [k, value(b, k)])),
    events: null,
  });
  const reader = {
    readBlock: (b: number, wanted: readonly string[]) => {
      reads.push(b);
      return Promise.resolve(state(b, wanted));
    },
    prefetchHashes: () => Promise.resolve(),
  } as unknown as ChainReader;
  return { reader, reads, state };
}

function wallet(c: ReturnType<typeof chain>, known = [{ hotkey: A, netuid: 1 }]) {
  const positions = new Map(known.map((p) => [posKey(p.hotkey, p.netuid), p]));
  const hotkeys = new Set([A]);
  const netuids = [0, 1, 2];
  const pairs = new CheckpointPairs(COLD, positions, hotkeys, () => netuids);
  const seeded: { hotkey: string; netuid: number }[] = [];
  const finder = {
    reader: c.reader,
    pairs,
    netuids,
    read: (b: number) =>
      Promise.resolve(
        c.state(b, [
          keys.subnetTao(1),
          keys.subnetTao(2),
          ...pairs.at(b).map((p) => keys.alphaV2(p.hotkey, COLD, p.netuid)),
        ]),
      ),
    seed: (ps: readonly { hotkey: string; netuid: number }[]) => {
      seeded.push(...ps);
      for (const p of ps) positions.set(posKey(p.hotkey, p.netuid), p);
      pairs.invalidate();
    },
  };
  return { finder, seeded };
}

describe('searchDissolutions', () => {
  it('finds the dissolution inside a gap and the pair held before it, in about log2(gap) reads', async () => {
    const c = chain(475);
    const { finder, seeded } = wallet(c);
    const candidates = new Set([14_910, 15_416]);
    expect(await searchDissolutions(finder, [14_910, 15_416], 14_000, candidates)).toBe(true);
    expect([...candidates]).toContain(GONE);
    expect(seeded).toEqual([{ hotkey: A, netuid: 2 }]);
    expect(c.reads.length).toBeLessThanOrEqual(10); // (14,910, 15,415]: 505 blocks
    // Searched again once the pair is a position: nothing more to add, no read.
    const before = c.reads.length;
    expect(await searchDissolutions(finder, [14_910, 15_416], 14_000, candidates)).toBe(false);
    expect(c.reads.length).toBe(before);
  });

  it('makes the dissolution a change block for a known position held only inside the gap', async () => {
    // The pair is a position already (listed before the walk, or by an earlier run), but both ends of
    // the gap read it empty: only its α before the dissolution shows the transfer in and the payout.
    const c = chain(475);
    const { finder, seeded } = wallet(c, [
      { hotkey: A, netuid: 1 },
      { hotkey: A, netuid: 2 },
    ]);
    const candidates = new Set([14_910, 15_416]);
    expect(await searchDissolutions(finder, [14_910, 15_416], 14_000, candidates)).toBe(true);
    expect([...candidates]).toContain(GONE);
    expect(seeded).toEqual([]);
    // Nothing new the second time (run's rounds end).
    expect(await searchDissolutions(finder, [14_910, 15_416, GONE], 14_000, candidates)).toBe(false);
  });

  it('shares what one wallet read with the next on the same reader', async () => {
    const c = chain(475);
    await searchDissolutions(wallet(c).finder, [14_910, 15_416], 14_000, new Set());
    const first = c.reads.length;
    const { finder, seeded } = wallet(c);
    await searchDissolutions(finder, [14_474, 15_181], 14_000, new Set());
    expect(seeded).toEqual([{ hotkey: A, netuid: 2 }]);
    expect(c.reads.length - first).toBeLessThan(first);
  });

  it('searches nothing before 441, where a transfer in leaves LastColdkeyHotkeyStakeBlock', async () => {
    const c = chain(424);
    const candidates = new Set<number>();
    expect(await searchDissolutions(wallet(c).finder, [14_910, 15_416], 14_000, candidates)).toBe(false);
    expect(c.reads).toEqual([]);
    expect(candidates.size).toBe(0);
  });
});
