/**
 * The tiny, upgrade and demo343 (the demo before it reached 424) histories are locked: the truth, every stored block record (actions,
 * nonces, fees, events) and the storage key count hash to the values recorded when the chain was
 * split into modules. New mechanics must come as new scenarios or runtimes, never change these.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startDevnet } from '../index.js';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
const serialise = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));

// The key counts grew by one per subnet when the devnet came to store each subnet's SubnetIdentitiesV3 (the
// chain's item for its name from 315 on): a storage item the model lacked, with the truth and blocks unchanged.
const LOCKED: [string, number, string, string, number][] = [
  ['tiny', 1, '781f3fd122004022', 'f527e9f95d59f990', 401],
  ['tiny', 7, '8d4b7a185feb0a35', 'ec1f76d82dc240aa', 405],
  ['upgrade', 1, 'd29c0f22a363600f', '7c1790f2b1af1dcf', 796],
  ['upgrade', 3, '1cfa6790565346ae', '1180bb18abd9f825', 825],
  ['demo343', 1, '3c076a03c4699d40', '30c9ffe38c9f0541', 4269],
];

describe('history lock', () => {
  it.each(LOCKED)('%s seed %i is unchanged', async (scenario, seed, truthHash, blocksHash, keys) => {
    const dn = await startDevnet({ scenario, seed, port: 0 });
    try {
      const blocks = [...dn.chain.blocks.entries()].map(([b, r]) => [
        b,
        r.init,
        r.xts.map((x) => [x.signer, x.nonce, x.ok, x.fee, x.action, x.events]),
      ]);
      // the fields the truth had when the lock was taken (later additions are new information, not history)
      const { endpoint: _e, emissions: _m, locks: _l, injected: _i, ...locked } = dn.truth();
      expect(hash(serialise({ endpoint: '', ...locked }))).toBe(truthHash);
      expect(hash(serialise(blocks))).toBe(blocksHash);
      expect(dn.chain.keys().length).toBe(keys);
    } finally {
      await dn.close();
    }
  });
});
