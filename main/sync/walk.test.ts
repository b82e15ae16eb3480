// The StakeInfo samples before the walk (walk.ts heldAtSamples): asked only where the coldkey had staked
// (StakingHotkeys not empty) and the runtime is dTAO's or later; what they list joins the positions.
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import type { BlockState, ChainReader } from './reader';
import { keys } from './storage-keys';
import { heldAtSamples } from './walk';

const COLD = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const HOT = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
/** SCALE Vec<AccountId32> of one account. */
const oneHotkey = u8aToHex(new Uint8Array([4, ...decodeAddress(HOT)]));

describe('heldAtSamples', () => {
  it('asks StakeInfo only where the coldkey had staked, from dTAO on', async () => {
    // 100: nothing staked yet; 200: staked, but a pre-dTAO runtime; 300 and 400: asked.
    const spec = (b: number) => (b < 300 ? 212 : 424);
    const loaded: number[] = [];
    const reader = {
      readBlock: (b: number, wanted: readonly string[]): Promise<BlockState> =>
        Promise.resolve({
          number: b,
          hash: `0x${b.toString(16)}`,
          timestamp: 0,
          upgradeSpec: null,
          values: new Map(wanted.map((k) => [k, k === keys.stakingHotkeys(COLD) && b >= 200 ? oneHotkey : null])),
          events: null,
        }),
      runtimeFor: (s: BlockState) => {
        loaded.push(s.number);
        return Promise.resolve({ registry: {}, specVersion: spec(s.number) });
      },
    } as unknown as ChainReader;
    const added: string[] = [];
    const asked: number[] = [];
    const stakeInfo = (_r: unknown, _rt: unknown, _h: string, _c: string, b: number) => {
      asked.push(b);
      return Promise.resolve([{ hotkey: `hot-${b}`, netuid: b / 100, alpha: 1n }]);
    };
    await heldAtSamples(
      {
        reader,
        coldkey: COLD,
        hotkeys: () => new Set(),
        read: () => Promise.reject(new Error('not read')),
        addPosition: (hotkey, netuid) => void added.push(`${hotkey}/${netuid}`),
        changeBlock: () => Promise.resolve(),
      },
      [100, 200, 300, 400],
      stakeInfo,
    );
    expect(loaded).toEqual([200, 300, 400]); // no runtime where nothing was staked
    expect(asked).toEqual([300, 400]);
    expect(added).toEqual(['hot-300/3', 'hot-400/4']);
  });
});
