/**
 * state_queryStorage(keys, from, to) answers what state_queryStorageAt gives block by block: every key
 * at `from`, then each block where any key differs from the block before (only those keys). A safe-only
 * node (the default) refuses it as Substrate does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { ensureMetadata, RawClient } from './helpers.js';
import { startDevnet } from '../index.js';
import type { Devnet } from '../index.js';

type ChangeSet = { block: string; changes: [string, string | null][] };

const prefix = (pallet: string, item: string) => xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2);

let serving: Devnet;
let refusing: Devnet;
let c: RawClient;

beforeAll(async () => {
  ensureMetadata();
  // tiny: runtime 320 → 343 at block 2,500, inside the range read below.
  serving = await startDevnet({ scenario: 'tiny', seed: 7, port: 0, rpcMethods: 'unsafe' });
  refusing = await startDevnet({ scenario: 'tiny', seed: 7, port: 0 });
  c = await RawClient.open(serving.url);
});
afterAll(async () => {
  c?.close();
  await serving?.close();
  await refusing?.close();
});

describe('state_queryStorage', () => {
  it('matches state_queryStorageAt at each block of the range', async () => {
    const from = 2_300;
    const to = 2_700;
    const page = (p: string, n: number) => c.result<string[]>('state_getKeysPaged', [p, n, null, serving.hashOf(to)]);
    const keys = [
      ...(await page(prefix('SubtensorModule', 'Alpha'), 6)),
      ...(await page(prefix('SubtensorModule', 'SubnetTAO'), 3)),
      ...(await page(prefix('System', 'Account'), 4)),
      prefix('Timestamp', 'Now'), // changes every block
      '0x00ff', // never present
    ];
    const ranged = await c.result<ChangeSet[]>('state_queryStorage', [keys, serving.hashOf(from), serving.hashOf(to)]);

    const expected: ChangeSet[] = [];
    let before: (string | null)[] = [];
    for (let b = from; b <= to; b++) {
      const [at] = await c.result<ChangeSet[]>('state_queryStorageAt', [keys, serving.hashOf(b)]);
      const values = at!.changes.map(([, v]) => v);
      const changes = at!.changes.filter((_, i) => b === from || values[i] !== before[i]);
      if (changes.length > 0) expected.push({ block: serving.hashOf(b), changes });
      before = values;
    }
    expect(ranged).toEqual(expected);
    // Not only the timestamp: some state keys change in the range too.
    expect(ranged.filter((s) => s.changes.some(([k]) => k !== prefix('Timestamp', 'Now'))).length).toBeGreaterThan(3);
  });

  it('without the timestamp, lists only the blocks where a key changed', async () => {
    const keys = await c.result<string[]>('state_getKeysPaged', [prefix('SubtensorModule', 'Alpha'), 3, null]);
    const [first, ...later] = await c.result<ChangeSet[]>('state_queryStorage', [keys, serving.hashOf(1_000)]);
    expect(first!.block).toBe(serving.hashOf(1_000));
    expect(first!.changes.map(([k]) => k)).toEqual(keys);
    // `to` left out: up to the best block.
    expect(later.length).toBeLessThan(serving.head() - 1_000);
    for (const set of later) expect(set.changes.length).toBeGreaterThan(0);
  });

  it('a safe-only node refuses it like a public endpoint', async () => {
    const r = await RawClient.open(refusing.url);
    const reply = await r.call('state_queryStorage', [['0x00'], refusing.hashOf(10), refusing.hashOf(20)]);
    expect(reply.error).toEqual({ code: -32601, message: 'RPC call is unsafe to be called externally' });
    r.close();
  });
});
