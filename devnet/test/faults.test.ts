/** Each fault mode behaves as specified; request counting works. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMetadata, RawClient, until } from './helpers.js';
import { startDevnet, SCENARIOS } from '../index.js';
import type { Devnet } from '../index.js';
import { ss58 } from '../chain/accounts.js';

let dn: Devnet;

beforeAll(async () => {
  ensureMetadata();
  dn = await startDevnet({
    scenario: { ...SCENARIOS['tiny']!, name: 'tiny-quiet', marketEvery: 1e12 },
    seed: 2,
    port: 0,
  });
});
afterAll(async () => {
  await dn?.close();
});

const TIMESTAMP_NOW = '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb';

describe('faults', () => {
  it('pruned mode: state older than 256 blocks answers 4003 State already discarded; recent state and blocks still work', async () => {
    dn.setFaults({ pruned: true });
    const c = await RawClient.open(dn.url);
    const old = dn.hashOf(dn.head() - 300);
    const r = await c.call('state_getStorage', [TIMESTAMP_NOW, old]);
    expect(r.error?.code).toBe(4003);
    expect(r.error?.message).toContain(`State already discarded for ${old}`);
    const r2 = await c.call('state_call', [
      'StakeInfoRuntimeApi_get_stake_info_for_coldkey',
      dn.world.userColdkeys[0],
      old,
    ]);
    expect(r2.error?.code).toBe(4003);
    expect((await c.call('state_getRuntimeVersion', [old])).error?.code).toBe(4003);
    expect(await c.result('state_getStorage', [TIMESTAMP_NOW, dn.hashOf(dn.head() - 100)])).toMatch(/^0x/);
    expect(await c.result('chain_getHeader', [old])).toBeTruthy();
    dn.setFaults({});
    expect(await c.result('state_getStorage', [TIMESTAMP_NOW, old])).toMatch(/^0x/);
    c.close();
  });

  it('error rate 1 answers every request with an error, 0 with none', async () => {
    const c = await RawClient.open(dn.url);
    dn.setFaults({ errorRate: 1 });
    for (let i = 0; i < 5; i++) expect((await c.call('system_chain')).error?.code).toBe(-32603);
    dn.setFaults({ errorRate: 0.5 });
    let errors = 0;
    for (let i = 0; i < 40; i++) if ((await c.call('system_chain')).error) errors++;
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(40);
    dn.setFaults({});
    expect(await c.result('system_chain')).toBe('Bittensor');
    c.close();
  });

  it('drop rate 1 closes the connection instead of answering', async () => {
    const c = await RawClient.open(dn.url);
    dn.setFaults({ dropRate: 1 });
    const r = await c.call('system_chain');
    expect(r.error?.message).toBe('closed');
    expect(c.closed).toBe(true);
    dn.setFaults({});
    const c2 = await RawClient.open(dn.url);
    expect(await c2.result('system_chain')).toBe('Bittensor');
    c2.close();
  });

  it('latency still answers correctly (delay is not asserted)', async () => {
    dn.setFaults({ latencyMs: 20 });
    const c = await RawClient.open(dn.url);
    expect(await c.result('system_chain')).toBe('Bittensor');
    dn.setFaults({});
    c.close();
  });

  it('counts requests per method', async () => {
    dn.resetRequestCounts();
    const c = await RawClient.open(dn.url);
    await c.call('system_chain');
    await c.call('system_chain');
    await c.call('chain_getHeader');
    expect(dn.requestCounts()).toMatchObject({ system_chain: 2, chain_getHeader: 1 });
    c.close();
  });

  it('reorg replaces non-finalized blocks only, re-includes submitted actions and notifies heads', async () => {
    const c = await RawClient.open(dn.url);
    await c.result('chain_subscribeNewHead');
    await c.result('chain_subscribeFinalizedHeads');
    const cold = dn.world.userColdkeys[0]!;
    const chain = dn.world.chain;
    const pos = chain.positionsOf(cold).find((p) => chain.stake(p.hotkey, cold, p.netuid) > 0n)!;
    dn.submit({
      kind: 'add_stake',
      coldkey: ss58(cold),
      hotkey: ss58(pos.hotkey),
      netuid: pos.netuid,
      tao: 2_000_000_000n,
    });
    const head = dn.produceBlocks(1);
    const fin = dn.finalized();
    expect(fin).toBe(head - 2);
    const oldHeadHash = dn.hashOf(head);
    const oldFinHash = dn.hashOf(fin);
    const nonceBefore = chain.account(cold, head).nonce;
    dn.reorg(2);
    expect(dn.head()).toBe(head);
    expect(dn.hashOf(fin)).toBe(oldFinHash);
    expect(dn.hashOf(head)).not.toBe(oldHeadHash);
    expect(dn.hashOf(head - 1)).not.toBe(oldHeadHash);
    // the old fork's hash is no longer known
    const r = await c.call('chain_getHeader', [oldHeadHash]);
    expect(r.result).toBeNull();
    // the user's action was re-included on the new fork
    expect(chain.account(cold, dn.head()).nonce).toBe(nonceBefore);
    expect(dn.truth().events.filter((e) => e.block > fin && e.kind === 'StakeAdded').length).toBe(1);
    await until(() =>
      c.notifications.some(
        (n) =>
          n.method === 'chain_newHead' &&
          (n.params.result as { parentHash: string }).parentHash === dn.hashOf(head - 1),
      ),
    );
    // reorgs never go below finality
    dn.reorg(50);
    expect(dn.hashOf(fin)).toBe(oldFinHash);
    c.close();
  });

  it('a reorg right after startup rolls back the last history blocks consistently', async () => {
    // Market activity in every block, so the reorganised history blocks carry state changes.
    const busy = await startDevnet({
      scenario: { ...SCENARIOS['tiny']!, name: 'busy', blocks: 300, marketEvery: 1 },
      seed: 33,
      port: 0,
    });
    try {
      const chain = busy.world.chain;
      const head = busy.head();
      expect(chain.blocks.get(head)?.xts.length).toBeGreaterThan(0);
      const oldHash = busy.hashOf(head);
      busy.reorg(2);
      expect(busy.hashOf(head)).not.toBe(oldHash);
      // every extrinsic on the new fork used the nonce its signer had in the parent state
      for (const b of [head - 1, head]) {
        for (const xt of chain.blocks.get(b)?.xts ?? [])
          expect(xt.nonce).toBe(chain.account(xt.signer, b - 1).nonce + countEarlier(chain, b, xt));
      }
    } finally {
      await busy.close();
    }
  });

  it('reorgRate 1 reorganises on every produced block', () => {
    dn.setFaults({ reorgRate: 1 });
    const h = dn.produceBlocks(1);
    const hash = dn.hashOf(h - 1);
    dn.produceBlocks(1);
    expect(dn.hashOf(h - 1)).not.toBe(hash);
    dn.setFaults({});
  });
});

/** Extrinsics of the same signer earlier in block b (their nonces precede xt's). */
function countEarlier(chain: Devnet['world']['chain'], b: number, xt: { signer: string }): number {
  const xts = chain.blocks.get(b)?.xts ?? [];
  return xts.slice(0, xts.indexOf(xt as (typeof xts)[number])).filter((x) => x.signer === xt.signer).length;
}
